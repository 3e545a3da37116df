using FashionMnist;

namespace StaticNets.Tests.Samples;

/// <summary>samples/FashionMnist's loading of the four files: scaling, labels as floats, and the consistency checks.</summary>
public class FashionMnistDataTests
{
    // Pixel i of the training images is i mod 256, so pixel 255 is 255 → 1.0 and pixel 51 is 51 → 0.2.
    private static byte TrainPixel(int i) => (byte)(i % 256);

    private static string[] WriteSet(IdxTestFiles files, byte[] trainImages, byte[] trainLabels, byte[] testImages, byte[] testLabels, bool gzip = true)
    {
        string Put(string stem, byte[] data) => gzip ? files.Write(stem + ".gz", IdxTestFiles.Gzip(data)) : files.Write(stem, data);
        Put("train-images-idx3-ubyte", trainImages);
        Put("train-labels-idx1-ubyte", trainLabels);
        Put("t10k-images-idx3-ubyte", testImages);
        Put("t10k-labels-idx1-ubyte", testLabels);
        string[]? paths = FashionMnistData.FindFiles(files.Folder, out string[] missing);
        Assert.Empty(missing);
        return paths!;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Scales_pixels_to_unit_range_and_keeps_labels_as_class_indices(bool gzip)
    {
        using var files = new IdxTestFiles();
        string[] paths = WriteSet(files,
            IdxTestFiles.Images(2, 28, 28, TrainPixel), IdxTestFiles.Labels(9, 4),
            IdxTestFiles.Images(1, 28, 28, _ => 0), IdxTestFiles.Labels(7), gzip);

        FashionMnistData data = FashionMnistData.Load(paths);

        Assert.Equal(2, data.Train.Count);
        Assert.Equal(2 * 784, data.Train.Images.Length);
        for (int i = 0; i < data.Train.Images.Length; i++)
        {
            Assert.Equal((i % 256) / 255.0, data.Train.Images[i], tolerance: 1e-7);  // float rounding of the exact quotient
        }

        Assert.Equal(1.0f, data.Train.Images[255]);
        Assert.Equal(new float[] { 9, 4 }, data.Train.Labels);
        Assert.Equal(new float[] { 7 }, data.Test.Labels);
        Assert.All(data.Test.Images, p => Assert.Equal(0f, p));
    }

    [Fact]
    public void Take_keeps_the_first_samples()
    {
        using var files = new IdxTestFiles();
        string[] paths = WriteSet(files,
            IdxTestFiles.Images(3, 28, 28, TrainPixel), IdxTestFiles.Labels(1, 2, 3),
            IdxTestFiles.Images(1, 28, 28, _ => 0), IdxTestFiles.Labels(0));

        FashionMnistData.Split first = FashionMnistData.Load(paths).Train.Take(2);

        Assert.Equal(new float[] { 1, 2 }, first.Labels);
        Assert.Equal(2 * 784, first.Images.Length);
        Assert.Equal(TrainPixel(784 + 5) / 255f, first.Images[784 + 5]);
    }

    [Fact]
    public void Different_counts_of_images_and_labels_are_reported_with_both_counts()
    {
        using var files = new IdxTestFiles();
        string[] paths = WriteSet(files,
            IdxTestFiles.Images(3, 28, 28, TrainPixel), IdxTestFiles.Labels(1, 2),
            IdxTestFiles.Images(1, 28, 28, _ => 0), IdxTestFiles.Labels(0));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnistData.Load(paths));
        Assert.Contains("3 images", e.Message);
        Assert.Contains("2 labels", e.Message);
    }

    [Fact]
    public void Images_that_are_not_28_by_28_are_rejected()
    {
        using var files = new IdxTestFiles();
        string[] paths = WriteSet(files,
            IdxTestFiles.Images(1, 27, 28, TrainPixel), IdxTestFiles.Labels(1),
            IdxTestFiles.Images(1, 28, 28, _ => 0), IdxTestFiles.Labels(0));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnistData.Load(paths));
        Assert.Contains("27×28", e.Message);
    }

    [Fact]
    public void A_label_outside_the_ten_classes_is_rejected()
    {
        using var files = new IdxTestFiles();
        string[] paths = WriteSet(files,
            IdxTestFiles.Images(1, 28, 28, TrainPixel), IdxTestFiles.Labels(1),
            IdxTestFiles.Images(2, 28, 28, _ => 0), IdxTestFiles.Labels(0, 10));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnistData.Load(paths));
        Assert.Contains("label 1 is 10", e.Message);
    }

    [Fact]
    public void FindFiles_lists_what_is_missing_and_prefers_nothing_it_cannot_find()
    {
        using var files = new IdxTestFiles();
        files.Write("train-images-idx3-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Images(1, 28, 28, TrainPixel)));
        files.Write("t10k-labels-idx1-ubyte", IdxTestFiles.Labels(0));

        Assert.Null(FashionMnistData.FindFiles(files.Folder, out string[] missing));
        Assert.Equal(new[] { "train-labels-idx1-ubyte[.gz]", "t10k-images-idx3-ubyte[.gz]" }, missing);
    }
}
