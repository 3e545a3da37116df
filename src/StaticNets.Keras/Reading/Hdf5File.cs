using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PureHDF;
using PureHDF.VOL.Native;

namespace StaticNets.Keras.Reading;

/// <summary>
/// The few HDF5 operations the Keras readers need, over PureHDF. Every failure of the HDF5 library on a damaged file
/// (any exception type) becomes an <see cref="InvalidDataException"/> naming the file and the object being read,
/// so callers see one kind of error for untrusted input.
/// </summary>
internal sealed class Hdf5File : IDisposable
{
    private readonly NativeFile _file;
    private readonly string _source;

    private Hdf5File(NativeFile file, string source)
    {
        _file = file;
        _source = source;
    }

    /// <summary>HDF5 files start with this signature (at offset 0 in every file Keras writes).</summary>
    public static ReadOnlySpan<byte> Signature => new byte[] { 0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A };

    /// <summary>Opens an HDF5 image held in memory; <paramref name="source"/> names it in messages.</summary>
    public static Hdf5File Open(byte[] bytes, string source)
    {
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException($"{source}: not an HDF5 file (no HDF5 signature at its start).");
        }

        CheckEndOfFile(bytes, source);
        return Guard(source, "its superblock", () => new Hdf5File(H5File.Open(new MemoryStream(bytes, writable: false), leaveOpen: false), source));
    }

    public string Source => _source;

    /// <summary>
    /// A truncated file is refused up front: the superblock records where the file ends, and a file shorter than that
    /// has lost data (HDF5 keeps no checksums on raw data, so nothing else would notice a cut through a dataset).
    /// </summary>
    private static void CheckEndOfFile(byte[] bytes, string source)
    {
        if (bytes.Length < 12) throw new InvalidDataException($"{source}: truncated in its HDF5 superblock ({bytes.Length} bytes).");
        int version = bytes[8];
        int offsetSize = version <= 1 ? (bytes.Length > 13 ? bytes[13] : 0) : bytes[9];
        int endField = version switch
        {
            0 => 24 + 2 * offsetSize,
            1 => 28 + 2 * offsetSize,
            2 or 3 => 12 + 2 * offsetSize,
            _ => throw new InvalidDataException($"{source}: HDF5 superblock version {version} is unknown (the superblock is damaged or the file is newer than HDF5 1.14)."),
        };
        if (offsetSize is not (2 or 4 or 8)) throw new InvalidDataException($"{source}: the HDF5 superblock gives {offsetSize}-byte file offsets (it is damaged).");
        if (bytes.Length < endField + offsetSize) throw new InvalidDataException($"{source}: truncated in its HDF5 superblock ({bytes.Length} bytes).");
        ulong end = 0;
        for (int i = offsetSize - 1; i >= 0; i--) end = (end << 8) | bytes[endField + i];
        if (end > (ulong)bytes.Length)
        {
            throw new InvalidDataException($"{source}: truncated: the HDF5 superblock says the file is {end} bytes long, it has {bytes.Length}.");
        }
    }

    public bool Exists(string path) => Guard(path, () => _file.LinkExists(path));

    public bool IsGroup(string path) => Guard(path, () => _file.Get(path) is IH5Group);

    /// <summary>The names of a group's members, as HDF5 lists them.</summary>
    public IReadOnlyList<string> Children(string path)
        => Guard(path, () => _file.Group(path).Children().Select(child => child.Name).ToArray());

    public bool HasAttribute(string path, string name) => Guard(path, () => Object(path).AttributeExists(name));

    /// <summary>A scalar string attribute (fixed-length or variable-length, ASCII or UTF-8).</summary>
    public string? StringAttribute(string path, string name)
        => Guard($"{path}@{name}", () =>
        {
            IH5Object owner = Object(path);
            if (!owner.AttributeExists(name)) return null;
            IH5Attribute attribute = owner.Attribute(name);
            if (!IsString(attribute)) return null;
            return attribute.Space.Rank == 0 ? Trim(attribute.Read<string>()) : Trim(attribute.Read<string[]>().FirstOrDefault() ?? "");
        });

    /// <summary>
    /// A string-array attribute (Keras 2 <c>layer_names</c>/<c>weight_names</c>). Keras writes an empty float array
    /// where there are no names, so a non-string attribute with no elements reads as an empty list.
    /// </summary>
    public IReadOnlyList<string>? StringsAttribute(string path, string name)
        => Guard($"{path}@{name}", () =>
        {
            IH5Object owner = Object(path);
            if (!owner.AttributeExists(name)) return null;
            IH5Attribute attribute = owner.Attribute(name);
            if (!IsString(attribute))
            {
                ulong count = attribute.Space.Dimensions.Aggregate(1UL, (a, b) => a * b);
                if (count == 0) return Array.Empty<string>();
                throw new InvalidDataException($"{_source}: attribute '{name}' of '{path}' is not a list of names.");
            }

            return attribute.Space.Rank == 0
                ? new[] { Trim(attribute.Read<string>()) }
                : attribute.Read<string[]>().Select(Trim).ToArray();
        });

    /// <summary>A float dataset's shape and values (float32 as stored; float64 and float16 converted).</summary>
    public (int[] Shape, float[] Values) ReadFloats(string path)
        => Guard(path, () =>
        {
            IH5Dataset dataset = _file.Dataset(path);
            int[] shape = dataset.Space.Dimensions.Select(d => d > int.MaxValue ? throw new InvalidDataException($"{_source}: dataset '{path}' is too large.") : (int)d).ToArray();
            long count = shape.Aggregate(1L, (a, b) => a * b);
            if (count > 1L << 28)
            {
                throw new InvalidDataException($"{_source}: dataset '{path}' claims {count} values, more than a network can hold.");
            }

            float[] values;
            if (dataset.Type.Class == H5DataTypeClass.FloatingPoint)
            {
                values = dataset.Type.Size switch
                {
                    4 => dataset.Read<float[]>(),
                    8 => dataset.Read<double[]>().Select(v => (float)v).ToArray(),
                    2 => dataset.Read<Half[]>().Select(v => (float)v).ToArray(),
                    _ => throw new InvalidDataException($"{_source}: dataset '{path}' has {dataset.Type.Size}-byte floats."),
                };
            }
            else if (dataset.Type.Class == H5DataTypeClass.FixedPoint)
            {
                // Integer weights: Normalization's count (int64 in tf.keras 2 and Keras 3 with TensorFlow, int32 otherwise).
                bool signed = dataset.Type.FixedPoint.IsSigned;
                values = (dataset.Type.Size, signed) switch
                {
                    (8, true) => dataset.Read<long[]>().Select(v => (float)v).ToArray(),
                    (8, false) => dataset.Read<ulong[]>().Select(v => (float)v).ToArray(),
                    (4, true) => dataset.Read<int[]>().Select(v => (float)v).ToArray(),
                    (4, false) => dataset.Read<uint[]>().Select(v => (float)v).ToArray(),
                    _ => throw new InvalidDataException($"{_source}: dataset '{path}' has {dataset.Type.Size}-byte integers."),
                };
            }
            else
            {
                throw new InvalidDataException($"{_source}: dataset '{path}' holds {dataset.Type.Class} values, not numbers.");
            }
            if (values.Length != count)
            {
                throw new InvalidDataException($"{_source}: dataset '{path}' holds {values.Length} values for its shape ({string.Join(", ", shape)}).");
            }

            return (shape, values);
        });

    public void Dispose() => _file.Dispose();

    private IH5Object Object(string path) => path is "" or "/" ? _file : _file.Get(path);

    // Variable-length strings report the VariableLength class, fixed-length ones String.
    private static bool IsString(IH5Attribute attribute) => attribute.Type.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength;

    private static string Trim(string text) => text.TrimEnd('\0');

    private T Guard<T>(string what, Func<T> read) => Guard(_source, $"'{what}'", read);

    private static T Guard<T>(string source, string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException)
        {
            throw;
        }
        catch (Exception e)
        {
            // PureHDF reports damage with many exception types (format, range, cast, end of stream, and out of
            // memory when a damaged length asks for a huge buffer).
            throw new InvalidDataException($"{source}: cannot read {what}: the HDF5 data is damaged or not what Keras writes ({e.GetType().Name}: {FirstLine(e.Message)}).", e);
        }
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(new[] { '\r', '\n' });
        return end < 0 ? message : message[..end];
    }
}
