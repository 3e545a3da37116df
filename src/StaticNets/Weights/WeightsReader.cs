using System;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Runtime.InteropServices;

namespace StaticNets.Weights;

/// <summary>
/// Reads and fully validates one weights record from a stream, without touching any model: the caller copies the
/// returned parameters only once everything has checked out. Every read is sized by the expected model, never by
/// what the file claims, and nothing past the record's checksum is read.
/// </summary>
internal static class WeightsReader
{
    /// <summary>
    /// Reads a record that must belong to <paramref name="expectedArchitecture"/> with
    /// <paramref name="expectedCount"/> parameters, and returns its parameters.
    /// </summary>
    /// <exception cref="InvalidDataException">The record is not one, is for another model, or is truncated or corrupted.</exception>
    public static float[] Read(Stream stream, string expectedArchitecture, int expectedCount)
    {
        byte[] expectedArchitectureBytes = WeightsText.Encode(expectedArchitecture);

        Span<byte> prefix = stackalloc byte[WeightsFormat.PrefixSize];
        Span<byte> magic = prefix[..8];
        ReadSection(stream, magic, "magic");
        if (!magic.SequenceEqual(WeightsFormat.Magic))
        {
            throw Invalid($"Not a StaticNets weights file: it starts with {Convert.ToHexString(magic)}, " +
                          $"not the magic {Convert.ToHexString(WeightsFormat.Magic)}.");
        }

        ReadSection(stream, prefix.Slice(8, 4), "format version");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(prefix.Slice(8, 4));
        if (version != WeightsFormat.Version)
        {
            throw Invalid($"Unsupported weights format version {version}; this library reads version {WeightsFormat.Version}.");
        }

        ReadSection(stream, prefix.Slice(12, 4), "architecture length");
        uint architectureLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix.Slice(12, 4));
        byte[] architecture = ReadArchitecture(stream, architectureLength, expectedArchitectureBytes, expectedArchitecture);

        uint crc = Crc32C.Update(Crc32C.Initial, prefix);
        crc = Crc32C.Update(crc, architecture);

        Span<byte> countBytes = stackalloc byte[WeightsFormat.CountSize];
        ReadSection(stream, countBytes, "parameter count");
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(countBytes);
        if (count != (uint)expectedCount)
        {
            throw Invalid($"Parameter count mismatch: the model has {expectedCount} parameters but the file has {count}.");
        }

        crc = Crc32C.Update(crc, countBytes);

        var parameters = new float[expectedCount];
        crc = ReadParameters(stream, parameters, crc);

        Span<byte> checksumBytes = stackalloc byte[WeightsFormat.ChecksumSize];
        ReadSection(stream, checksumBytes, "checksum");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(checksumBytes);
        uint actual = Crc32C.Finish(crc);
        if (stored != actual)
        {
            throw Invalid($"Checksum mismatch: the file records CRC-32C 0x{stored:X8} but its content has 0x{actual:X8}; the file is corrupted.");
        }

        if (!BitConverter.IsLittleEndian)
        {
            Span<int> words = MemoryMarshal.Cast<float, int>(parameters.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }

        return parameters;
    }

    /// <summary>
    /// Reads the architecture text and requires it to equal the model's. A different text is read (to show it) only
    /// up to <see cref="WeightsFormat.MaxForeignArchitectureBytes"/>; beyond that it is refused unread.
    /// </summary>
    private static byte[] ReadArchitecture(Stream stream, uint length, byte[] expectedBytes, string expected)
    {
        if (length != (uint)expectedBytes.Length && length > WeightsFormat.MaxForeignArchitectureBytes)
        {
            throw Invalid($"Architecture mismatch: the model is '{expected}' ({expectedBytes.Length} bytes of text), but the file's " +
                          $"architecture text claims {length} bytes, more than the {WeightsFormat.MaxForeignArchitectureBytes} the loader reads " +
                          "from a file of another architecture; the file is for another model or corrupted.");
        }

        var found = new byte[length];
        ReadSection(stream, found, "architecture");
        if (!found.AsSpan().SequenceEqual(expectedBytes))
        {
            throw Invalid($"Architecture mismatch: the model is '{expected}' but the file holds weights for '{WeightsText.Describe(found)}'.");
        }

        return found;
    }

    /// <summary>Reads the payload straight into <paramref name="parameters"/> in chunks, extending the running checksum.</summary>
    private static uint ReadParameters(Stream stream, float[] parameters, uint crc)
    {
        long sectionBytes = (long)parameters.Length * WeightsFormat.BytesPerParameter;
        long done = 0;
        for (int start = 0; start < parameters.Length; start += WeightsFormat.ChunkParameters)
        {
            int length = Math.Min(WeightsFormat.ChunkParameters, parameters.Length - start);
            Span<byte> bytes = MemoryMarshal.AsBytes(parameters.AsSpan(start, length));
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (read < bytes.Length)
            {
                throw Truncated("parameters", done + read, sectionBytes);
            }

            done += read;
            crc = Crc32C.Update(crc, bytes);
        }

        return crc;
    }

    /// <summary>Fills <paramref name="destination"/> exactly (never more), or reports which section the file ended in.</summary>
    private static void ReadSection(Stream stream, Span<byte> destination, string section)
    {
        int read = stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        if (read < destination.Length)
        {
            throw Truncated(section, read, destination.Length);
        }
    }

    private static InvalidDataException Truncated(string section, long read, long expected)
        => Invalid($"The weights file is truncated in its {section} section: it ends after {read} of that section's {expected} bytes.");

    private static InvalidDataException Invalid(string message) => new(message);
}
