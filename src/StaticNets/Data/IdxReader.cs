using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace StaticNets;

/// <summary>
/// Reads the IDX files of MNIST and Fashion-MNIST (Yann LeCun's format: a big-endian magic number whose third byte is
/// the element type (0x08 = unsigned byte) and fourth the number of dimensions, one big-endian 32-bit size per
/// dimension, then the elements row-major), gzip-compressed or plain.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an unsigned-byte IDX file with three dimensions: images × rows × columns.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an unsigned-byte IDX file with one dimension: labels.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an images file (<see cref="ImagesMagic"/>) from <paramref name="path"/>, gzip or plain.</summary>
    /// <exception cref="InvalidDataException">The file is not an IDX images file, or is truncated.</exception>
    public static IdxImages ReadImages(string path)
    {
        using Stream stream = OpenDecompressed(path);
        return ReadImages(stream, path);
    }

    /// <summary>Reads a labels file (<see cref="LabelsMagic"/>) from <paramref name="path"/>, gzip or plain.</summary>
    /// <exception cref="InvalidDataException">The file is not an IDX labels file, or is truncated.</exception>
    public static byte[] ReadLabels(string path)
    {
        using Stream stream = OpenDecompressed(path);
        return ReadLabels(stream, path);
    }

    /// <summary>Reads an images file from an uncompressed <paramref name="stream"/>; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The data is not an IDX images file, or is truncated.</exception>
    public static IdxImages ReadImages(Stream stream, string name)
    {
        int[] dimensions = ReadHeader(stream, name, ImagesMagic, "images");
        (int count, int rows, int columns) = (dimensions[0], dimensions[1], dimensions[2]);
        long total = (long)count * rows * columns;
        if (rows == 0 || columns == 0 || total > Array.MaxLength)
        {
            throw new InvalidDataException($"'{name}' declares {count} images of {rows}×{columns} pixels, which is not a readable image set.");
        }

        var pixels = new byte[total];
        ReadBody(stream, pixels, name, $"{count} images of {rows}×{columns} pixels");
        return new IdxImages(count, rows, columns, pixels);
    }

    /// <summary>Reads a labels file from an uncompressed <paramref name="stream"/>; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The data is not an IDX labels file, or is truncated.</exception>
    public static byte[] ReadLabels(Stream stream, string name)
    {
        int count = ReadHeader(stream, name, LabelsMagic, "labels")[0];
        var labels = new byte[count];
        ReadBody(stream, labels, name, $"{count} labels");
        return labels;
    }

    /// <summary>Opens <paramref name="path"/>, decompressing it when it starts with the gzip signature (1F 8B).</summary>
    private static Stream OpenDecompressed(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        Span<byte> signature = stackalloc byte[2];
        int read = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
        file.Position = 0;
        bool gzip = read == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
        return gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false) : file;
    }

    private static int[] ReadHeader(Stream stream, string name, int expectedMagic, string kind)
    {
        Span<byte> word = stackalloc byte[4];
        ReadExactly(stream, word, name, "the magic number");
        int magic = BinaryPrimitives.ReadInt32BigEndian(word);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException(
                $"'{name}' is not an IDX {kind} file: magic number 0x{magic:X8}, expected 0x{expectedMagic:X8}.");
        }

        var dimensions = new int[expectedMagic & 0xFF];
        for (int d = 0; d < dimensions.Length; d++)
        {
            ReadExactly(stream, word, name, $"dimension {d + 1} of {dimensions.Length}");
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dimensions[d] < 0)
            {
                throw new InvalidDataException($"'{name}' declares a negative size ({dimensions[d]}) for dimension {d + 1}.");
            }
        }

        return dimensions;
    }

    private static void ReadBody(Stream stream, Span<byte> body, string name, string what)
    {
        ReadExactly(stream, body, name, what);
        if (stream.ReadByte() != -1)
        {
            throw new InvalidDataException($"'{name}' has data after the {what} its header declares.");
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string name, string what)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new InvalidDataException(
                $"'{name}' is truncated: it ends after {read} of the {buffer.Length} bytes of {what}.");
        }
    }
}

/// <summary>The contents of an IDX images file: <see cref="Count"/> images of <see cref="Rows"/> × <see cref="Columns"/> bytes, row-major.</summary>
/// <param name="Count">Images in the file.</param>
/// <param name="Rows">Pixel rows per image.</param>
/// <param name="Columns">Pixel columns per image.</param>
/// <param name="Pixels">All pixels, image after image, row-major.</param>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    /// <summary>
    /// The pixels as floats divided by <paramref name="divisor"/> (by default 255, so in [0, 1] as Keras tutorials
    /// scale them with <c>x / 255.0</c>: the quotient is taken in double and rounded to float, as NumPy does).
    /// </summary>
    public float[] ToFloats(double divisor = 255.0)
    {
        var values = new float[Pixels.Length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(Pixels[i] / divisor);
        return values;
    }
}
