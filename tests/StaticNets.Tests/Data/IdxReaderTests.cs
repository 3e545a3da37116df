using StaticNets;
using StaticNets.Tests.Samples;

namespace StaticNets.Tests.Data;

/// <summary>samples/FashionMnist's IDX reader on files written from the format's definition.</summary>
public class IdxReaderTests
{
    private static readonly byte[] ThreeImages = IdxTestFiles.Images(3, 2, 4, i => (byte)(i * 7 + 1));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_images_plain_or_gzip(bool gzip)
    {
        using var files = new IdxTestFiles();
        string path = files.Write("images", gzip ? IdxTestFiles.Gzip(ThreeImages) : ThreeImages);

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal((3, 2, 4), (images.Count, images.Rows, images.Columns));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (byte)(i * 7 + 1)), images.Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_labels_plain_or_gzip(bool gzip)
    {
        using var files = new IdxTestFiles();
        byte[] data = IdxTestFiles.Labels(9, 0, 3, 3);
        string path = files.Write("labels", gzip ? IdxTestFiles.Gzip(data) : data);

        Assert.Equal(new byte[] { 9, 0, 3, 3 }, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void A_labels_file_read_as_images_names_both_magic_numbers()
    {
        using var files = new IdxTestFiles();
        string path = files.Write("labels", IdxTestFiles.Labels(1, 2));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("0x00000801", e.Message);
        Assert.Contains("0x00000803", e.Message);
    }

    [Fact]
    public void An_images_file_read_as_labels_is_rejected()
    {
        using var files = new IdxTestFiles();
        string path = files.Write("images", ThreeImages);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("not an IDX labels file", e.Message);
    }

    [Theory]
    [InlineData(2, false)]   // inside the magic number
    [InlineData(10, false)]  // inside the dimensions
    [InlineData(30, false)]  // inside the pixels
    [InlineData(30, true)]   // inside the pixels, compressed
    public void A_truncated_file_says_so(int keep, bool gzip)
    {
        using var files = new IdxTestFiles();
        byte[] cut = ThreeImages[..keep];
        string path = files.Write("images", gzip ? IdxTestFiles.Gzip(cut) : cut);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("truncated", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_truncated_labels_file_says_how_much_is_missing()
    {
        using var files = new IdxTestFiles();
        string path = files.Write("labels", IdxTestFiles.Labels(1, 2, 3, 4, 5)[..11]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("after 3 of the 5 bytes", e.Message);
    }

    [Fact]
    public void Data_beyond_the_declared_size_is_rejected()
    {
        using var files = new IdxTestFiles();
        string path = files.Write("labels", [.. IdxTestFiles.Labels(1, 2), 7]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("data after", e.Message);
    }

    [Fact]
    public void A_gzip_stream_that_is_not_gzip_inside_fails_as_invalid_data()
    {
        using var files = new IdxTestFiles();
        string path = files.Write("images", [0x1F, 0x8B, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

        Assert.ThrowsAny<InvalidDataException>(() => IdxReader.ReadImages(path));
    }
}
