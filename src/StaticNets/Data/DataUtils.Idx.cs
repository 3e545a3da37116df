using System.IO;

namespace StaticNets;

/// <summary>The IDX loaders of <see cref="DataUtils"/>.</summary>
public static partial class DataUtils
{
    /// <summary>Reads an IDX images file (MNIST, Fashion-MNIST), gzip-compressed or plain; see <see cref="IdxReader"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an IDX images file, or is truncated.</exception>
    public static IdxImages LoadIdxImages(string path) => IdxReader.ReadImages(path);

    /// <summary>Reads an IDX labels file, gzip-compressed or plain, as class indices stored as floats (the form sparse losses take).</summary>
    /// <exception cref="InvalidDataException">The file is not an IDX labels file, or is truncated.</exception>
    public static float[] LoadIdxLabels(string path)
    {
        byte[] labels = IdxReader.ReadLabels(path);
        var values = new float[labels.Length];
        for (int i = 0; i < labels.Length; i++) values[i] = labels[i];
        return values;
    }
}
