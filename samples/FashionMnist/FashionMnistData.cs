using System;
using System.IO;
using StaticNets;

namespace FashionMnist;

/// <summary>
/// Fashion-MNIST (Zalando Research, MIT licence): 60,000 training and 10,000 test images of 28 × 28 grey pixels,
/// each one of ten kinds of clothing. Pixels are scaled to [0, 1]; labels are class indices stored as floats, the
/// form <see cref="StaticNets.SparseCategoricalCrossentropy"/> takes.
/// </summary>
public sealed class FashionMnistData
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package puts the files.</summary>
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist/";

    /// <summary>Image height and width in pixels.</summary>
    public const int Side = 28;

    /// <summary>Floats per image.</summary>
    public const int PixelsPerImage = Side * Side;

    /// <summary>The class names, by label.</summary>
    public static readonly string[] ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static readonly string[] FileStems =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    private FashionMnistData(Split train, Split test)
    {
        Train = train;
        Test = test;
    }

    /// <summary>The 60,000 training images.</summary>
    public Split Train { get; }

    /// <summary>The 10,000 test images.</summary>
    public Split Test { get; }

    /// <summary>
    /// The four files' paths in <paramref name="folder"/> (each <c>name.gz</c> or plain <c>name</c>), or the names of
    /// those that are missing.
    /// </summary>
    public static string[]? FindFiles(string folder, out string[] missing)
    {
        var paths = new string[FileStems.Length];
        var absent = new System.Collections.Generic.List<string>();
        for (int i = 0; i < FileStems.Length; i++)
        {
            string gzip = Path.Combine(folder, FileStems[i] + ".gz");
            string plain = Path.Combine(folder, FileStems[i]);
            paths[i] = File.Exists(gzip) ? gzip : File.Exists(plain) ? plain : "";
            if (paths[i].Length == 0) absent.Add(FileStems[i] + "[.gz]");
        }

        missing = absent.ToArray();
        return missing.Length == 0 ? paths : null;
    }

    /// <summary>Loads the four files found by <see cref="FindFiles"/>.</summary>
    /// <exception cref="InvalidDataException">A file is malformed or truncated, the counts of images and labels differ, an image is not 28 × 28, or a label is not 0-9.</exception>
    public static FashionMnistData Load(string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new FashionMnistData(LoadSplit(paths[0], paths[1]), LoadSplit(paths[2], paths[3]));
    }

    private static Split LoadSplit(string imagesPath, string labelsPath)
    {
        IdxImages images = IdxReader.ReadImages(imagesPath);
        byte[] labels = IdxReader.ReadLabels(labelsPath);
        if (images.Rows != Side || images.Columns != Side)
        {
            throw new InvalidDataException($"'{imagesPath}' holds {images.Rows}×{images.Columns} images; Fashion-MNIST's are {Side}×{Side}.");
        }

        if (images.Count != labels.Length)
        {
            throw new InvalidDataException(
                $"'{imagesPath}' holds {images.Count} images but '{labelsPath}' holds {labels.Length} labels; they must be the same count.");
        }

        var pixels = new float[images.Pixels.Length];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = images.Pixels[i] / 255f;
        var classes = new float[labels.Length];
        for (int n = 0; n < labels.Length; n++)
        {
            if (labels[n] >= ClassNames.Length)
            {
                throw new InvalidDataException($"'{labelsPath}': label {n} is {labels[n]}, but Fashion-MNIST has classes 0-{ClassNames.Length - 1}.");
            }

            classes[n] = labels[n];
        }

        return new Split(pixels, classes);
    }

    /// <summary>Images (row-major, <see cref="PixelsPerImage"/> floats each, in [0, 1]) and their class indices.</summary>
    public sealed record Split(float[] Images, float[] Labels)
    {
        /// <summary>Number of images.</summary>
        public int Count => Labels.Length;

        /// <summary>The first <paramref name="count"/> images (all of them if there are fewer).</summary>
        public Split Take(int count)
        {
            if (count >= Count) return this;
            return new Split(Images.AsSpan(0, count * PixelsPerImage).ToArray(), Labels.AsSpan(0, count).ToArray());
        }
    }
}
