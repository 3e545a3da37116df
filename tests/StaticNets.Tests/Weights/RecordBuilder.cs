using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace StaticNets.Tests.Weights;

/// <summary>
/// Builds weight files from the documented layout (docs/weights-format.md), independently of the library's writer,
/// with any header field overridable so tests can make files that are well-formed except for one thing (their
/// checksum is still right, so the loader must find the real fault).
/// </summary>
internal static class RecordBuilder
{
    public static readonly byte[] Magic = [0x89, 0x53, 0x4E, 0x57, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Build(
        string architecture,
        float[] parameters,
        uint version = 1,
        uint? architectureLength = null,
        uint? parameterCount = null,
        byte[]? magic = null)
    {
        byte[] text = Encoding.UTF8.GetBytes(architecture);
        var file = new MemoryStream();
        file.Write(magic ?? Magic);
        WriteUInt32(file, version);
        WriteUInt32(file, architectureLength ?? (uint)text.Length);
        file.Write(text);
        WriteUInt32(file, parameterCount ?? (uint)parameters.Length);
        foreach (float p in parameters)
        {
            WriteUInt32(file, BitConverter.SingleToUInt32Bits(p));
        }

        WriteUInt32(file, ReferenceCrc32C.Compute(file.ToArray()));
        return file.ToArray();
    }

    /// <summary>Offsets of each section for an architecture text of <paramref name="textBytes"/> bytes.</summary>
    public static (int Version, int ArchitectureLength, int Architecture, int Count, int Parameters, int Checksum) Offsets(int textBytes, int parameterCount)
        => (8, 12, 16, 16 + textBytes, 20 + textBytes, 20 + textBytes + 4 * parameterCount);

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
