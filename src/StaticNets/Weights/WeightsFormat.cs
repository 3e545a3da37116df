using System;

namespace StaticNets.Weights;

/// <summary>
/// The fixed facts of the weights file layout (see <c>docs/weights-format.md</c>), shared by the reader and writer so
/// each is stated once. All integers are little-endian.
/// </summary>
internal static class WeightsFormat
{
    /// <summary>
    /// The first 8 bytes of every file. PNG-style: the high first byte catches 7-bit transfers, CR LF and LF catch
    /// newline conversion in either direction, and 0x1A stops a DOS <c>type</c>.
    /// </summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'S', (byte)'N', (byte)'W', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The only version this library writes and reads.</summary>
    public const uint Version = 1;

    /// <summary>Bytes before the architecture text: magic, version, architecture byte length.</summary>
    public const int PrefixSize = 16;

    /// <summary>Bytes of the parameter-count field that follows the architecture text.</summary>
    public const int CountSize = 4;

    /// <summary>Bytes of the trailing CRC-32C.</summary>
    public const int ChecksumSize = 4;

    /// <summary>Bytes of one parameter: an IEEE 754 float32.</summary>
    public const int BytesPerParameter = sizeof(float);

    /// <summary>
    /// How long an architecture text the loader reads from a file of <em>another</em> architecture, only so the
    /// error message can show it; a longer one is refused unread. Together with the model's own size this bounds
    /// what any file can make the loader allocate or read.
    /// </summary>
    public const int MaxForeignArchitectureBytes = 4096;

    /// <summary>Parameters handled per chunk when streaming the payload, so no call buffers the whole model twice.</summary>
    public const int ChunkParameters = 16 * 1024;

    /// <summary>The exact size of a file for the given architecture text length and parameter count.</summary>
    public static long FileSize(int architectureBytes, int parameterCount)
        => PrefixSize + (long)architectureBytes + CountSize + (long)parameterCount * BytesPerParameter + ChecksumSize;
}
