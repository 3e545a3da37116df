using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;

namespace StaticNets.Weights;

/// <summary>Writes one weights record (the whole file format) to a stream; the layout is <c>docs/weights-format.md</c>.</summary>
internal static class WeightsWriter
{
    /// <summary>
    /// Writes <paramref name="architecture"/> and <paramref name="parameters"/> as a complete record ending with its
    /// checksum. The output depends only on the inputs (no timestamps), so equal weights give equal bytes.
    /// </summary>
    public static void Write(Stream stream, string architecture, ReadOnlySpan<float> parameters)
    {
        byte[] architectureBytes = WeightsText.Encode(architecture);

        // Magic, version, architecture length, architecture text and parameter count, in one buffer.
        var header = new byte[WeightsFormat.PrefixSize + architectureBytes.Length + WeightsFormat.CountSize];
        WeightsFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), WeightsFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)architectureBytes.Length);
        architectureBytes.CopyTo(header.AsSpan(WeightsFormat.PrefixSize));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(WeightsFormat.PrefixSize + architectureBytes.Length), (uint)parameters.Length);

        uint crc = Crc32C.Update(Crc32C.Initial, header);
        stream.Write(header);

        // The payload goes through a buffer so the checksum covers exactly the bytes written, even if someone
        // changes the live parameters meanwhile.
        byte[] chunk = ArrayPool<byte>.Shared.Rent(WeightsFormat.ChunkParameters * WeightsFormat.BytesPerParameter);
        try
        {
            for (int start = 0; start < parameters.Length; start += WeightsFormat.ChunkParameters)
            {
                ReadOnlySpan<float> slice = parameters.Slice(start, Math.Min(WeightsFormat.ChunkParameters, parameters.Length - start));
                Span<byte> bytes = chunk.AsSpan(0, slice.Length * WeightsFormat.BytesPerParameter);
                ToLittleEndian(slice, bytes);
                crc = Crc32C.Update(crc, bytes);
                stream.Write(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        Span<byte> checksum = stackalloc byte[WeightsFormat.ChecksumSize];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, Crc32C.Finish(crc));
        stream.Write(checksum);
    }

    /// <summary>Copies float bit patterns (NaN payloads included) as little-endian bytes, whatever the CPU's order.</summary>
    private static void ToLittleEndian(ReadOnlySpan<float> source, Span<byte> destination)
    {
        MemoryMarshal.AsBytes(source).CopyTo(destination);
        if (!BitConverter.IsLittleEndian)
        {
            Span<int> words = MemoryMarshal.Cast<byte, int>(destination);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }
}
