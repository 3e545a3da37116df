using System;
using System.IO;
using StaticNets;

namespace Tutorials.Autoencoder;

/// <summary>Fashion-MNIST images scaled to [0, 1] (the tutorial's <c>x_train.astype('float32') / 255.</c>); the labels are not used.</summary>
public sealed class FashionImages
{
    /// <summary>Floats per image.</summary>
    public const int PixelsPerImage = 28 * 28;

    private FashionImages(float[] pixels) => Pixels = pixels;

    /// <summary>Row-major images, <see cref="PixelsPerImage"/> floats each.</summary>
    public float[] Pixels { get; }

    /// <summary>Number of images.</summary>
    public int Count => Pixels.Length / PixelsPerImage;

    /// <summary>The training and test images of the IDX files in <paramref name="folder"/>, or null and what is missing.</summary>
    public static Pair? Find(string folder, out string problem)
    {
        string? train = Locate(folder, "train-images-idx3-ubyte"), test = Locate(folder, "t10k-images-idx3-ubyte");
        if (train is null || test is null)
        {
            problem = $"The autoencoder tutorial needs Fashion-MNIST's train-images-idx3-ubyte[.gz] and t10k-images-idx3-ubyte[.gz] in '{folder}' " +
                      "(Debian: sudo apt-get install dataset-fashion-mnist; or pass --fashion folder).";
            return null;
        }

        problem = "";
        return new Pair(Load(train), Load(test));
    }

    /// <summary>The first <paramref name="count"/> images (all of them if there are fewer).</summary>
    public FashionImages Take(int count) => count >= Count ? this : new FashionImages(Pixels.AsSpan(0, count * PixelsPerImage).ToArray());

    private static string? Locate(string folder, string stem)
    {
        string gzip = Path.Combine(folder, stem + ".gz"), plain = Path.Combine(folder, stem);
        return File.Exists(gzip) ? gzip : File.Exists(plain) ? plain : null;
    }

    private static FashionImages Load(string path)
    {
        IdxImages images = DataUtils.LoadIdxImages(path);
        if (images.Rows * images.Columns != PixelsPerImage)
        {
            throw new InvalidDataException($"'{path}' holds {images.Rows}×{images.Columns} images; Fashion-MNIST's are 28×28.");
        }

        var pixels = new float[images.Pixels.Length];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = images.Pixels[i] / 255f;
        return new FashionImages(pixels);
    }

    /// <summary>The training and test images.</summary>
    public sealed record Pair(FashionImages Train, FashionImages Test);
}
