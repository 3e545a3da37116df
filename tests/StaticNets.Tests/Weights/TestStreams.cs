using System;
using System.IO;

namespace StaticNets.Tests.Weights;

/// <summary>
/// A read/write wrapper that refuses seeking, Length and Position (like a pipe or socket), counts the bytes it
/// hands out, and can return at most <see cref="MaxBytesPerRead"/> per call to exercise short reads.
/// </summary>
internal sealed class PipeLikeStream(Stream inner) : Stream
{
    /// <summary>Bytes returned by <see cref="Read(byte[], int, int)"/> so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Upper bound on bytes per read call.</summary>
    public int MaxBytesPerRead { get; init; } = int.MaxValue;

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException("A pipe has no length.");
    public override long Position
    {
        get => throw new NotSupportedException("A pipe has no position.");
        set => throw new NotSupportedException("A pipe has no position.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer[..Math.Min(buffer.Length, MaxBytesPerRead)]);
        BytesRead += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    public override void Flush() => inner.Flush();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A pipe cannot seek.");
    public override void SetLength(long value) => throw new NotSupportedException("A pipe has no length.");
}

/// <summary>A stream that accepts <see cref="Capacity"/> bytes and then fails like a full disk.</summary>
internal sealed class FailingStream(int capacity) : Stream
{
    /// <summary>The bytes accepted before the failure.</summary>
    public MemoryStream Accepted { get; } = new();

    /// <summary>How many bytes are accepted before writes throw.</summary>
    public int Capacity => capacity;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int room = capacity - (int)Accepted.Length;
        Accepted.Write(buffer[..Math.Min(room, buffer.Length)]);
        if (buffer.Length > room) throw new IOException("No space left on device (simulated).");
    }
}
