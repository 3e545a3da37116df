using System;
using System.IO;
using System.Linq;
using StaticNets;

namespace StaticNets.Tests.Data;

/// <summary><see cref="DataUtils"/>: to_categorical, the seeded split and the CSV loader.</summary>
public sealed class DataUtilsTests
{
    [Fact]
    public void ToCategorical_WritesOneHotRows()
    {
        Assert.Equal([0, 1, 0, 1, 0, 0, 0, 0, 1], DataUtils.ToCategorical([1f, 0f, 2f], 3));
        Assert.Empty(DataUtils.ToCategorical([], 3));
    }

    [Theory]
    [InlineData(3f)]
    [InlineData(-1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void ToCategorical_RejectsLabelsOutsideTheClasses(float label)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DataUtils.ToCategorical([0f, label], 3));
        Assert.Contains("Label 1", error.Message);
    }

    [Fact]
    public void TrainTestSplit_IsSeeded_KeepsRowsTogether_AndCoversEverySampleOnce()
    {
        float[] x = Enumerable.Range(0, 20).Select(i => (float)i).ToArray(); // 10 samples × 2
        float[] y = Enumerable.Range(0, 10).Select(i => (float)(i * 100)).ToArray();

        var first = DataUtils.TrainTestSplit(x, y, inputSize: 2, targetSize: 1, testFraction: 0.25, seed: 4);
        var again = DataUtils.TrainTestSplit(x, y, 2, 1, 0.25, 4);
        var other = DataUtils.TrainTestSplit(x, y, 2, 1, 0.25, 5);

        Assert.Equal(3, first.TestY.Length);   // ceil(10 · 0.25)
        Assert.Equal(7, first.TrainY.Length);
        Assert.Equal(first.TrainX, again.TrainX);
        Assert.Equal(first.TestY, again.TestY);
        Assert.NotEqual(first.TrainY, other.TrainY);

        // Each sample's features stay with its target, and every sample lands in exactly one part.
        float[] allY = first.TrainY.Concat(first.TestY).ToArray();
        float[] allX = first.TrainX.Concat(first.TestX).ToArray();
        Assert.Equal(y.OrderBy(v => v), allY.OrderBy(v => v));
        for (int i = 0; i < allY.Length; i++)
        {
            int sample = (int)allY[i] / 100;
            Assert.Equal([2f * sample, (2f * sample) + 1], allX[(i * 2)..((i * 2) + 2)]);
        }
    }

    [Fact]
    public void TrainTestSplit_RejectsMismatchedOrEmptyParts()
    {
        Assert.Throws<ArgumentException>(() => DataUtils.TrainTestSplit(new float[6], new float[2], 2, 1, 0.5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataUtils.TrainTestSplit(new float[6], new float[3], 2, 1, 1.0, 1));
        Assert.Throws<ArgumentException>(() => DataUtils.TrainTestSplit(new float[2], new float[1], 2, 1, 0.5, 1));
    }

    [Fact]
    public void LoadCsv_ReadsNumbersMissingValuesQuotesAndCategories()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "mpg,cylinders,origin\n18.0,8,\"usa\"\n\n25.5,?,japan\n-1e-2,4,usa\n");
            CsvTable table = DataUtils.LoadCsv(path, categoricalColumns: "origin");

            Assert.Equal(["mpg", "cylinders", "origin"], table.ColumnNames);
            Assert.Equal(3, table.RowCount);
            Assert.Equal([18f, 8f, 0f, 25.5f, float.NaN, 1f, -0.01f, 4f, 0f], table.Values);
            Assert.Equal(["usa", "japan"], table.Categories("origin"));
            Assert.Null(table.Categories("mpg"));
            Assert.Equal([18f, 25.5f, -0.01f], table.Column("mpg"));
            Assert.Equal([8f, 18f, float.NaN, 25.5f, 4f, -0.01f], table.Select("cylinders", "mpg"));
            Assert.Equal([18f, 8f, 25.5f, float.NaN, -0.01f, 4f], table.SelectAllExcept("origin"));

            CsvTable complete = table.DropMissing();
            Assert.Equal(2, complete.RowCount);
            Assert.Equal([18f, -0.01f], complete.Column("mpg"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadCsv_WithoutHeader_NamesColumns_AndReportsBadFieldsByLine()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "1;2\n3;4\n");
            CsvTable table = DataUtils.LoadCsv(path, hasHeader: false, separator: ';');
            Assert.Equal(["column_0", "column_1"], table.ColumnNames);
            Assert.Equal([1f, 2f, 3f, 4f], table.Values);

            File.WriteAllText(path, "a,b\n1,2\n3,x\n");
            var error = Assert.Throws<InvalidDataException>(() => DataUtils.LoadCsv(path));
            Assert.Contains("line 3, column 'b'", error.Message);

            File.WriteAllText(path, "a,b\n1,2\n3\n");
            Assert.Contains("line 3", Assert.Throws<InvalidDataException>(() => DataUtils.LoadCsv(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void IdxLoaders_ScalePixels_AndReturnLabelsAsFloats()
    {
        using var files = new StaticNets.Tests.Samples.IdxTestFiles();
        byte[] pixels = [0, 255, 51, 102];
        string images = files.Write("images.gz", StaticNets.Tests.Samples.IdxTestFiles.Gzip(StaticNets.Tests.Samples.IdxTestFiles.Images(2, 1, 2, i => pixels[i])));
        string labels = files.Write("labels", StaticNets.Tests.Samples.IdxTestFiles.Labels(7, 3));

        IdxImages loaded = DataUtils.LoadIdxImages(images);
        Assert.Equal([0f, 1f, 0.2f, 0.4f], loaded.ToFloats());
        Assert.Equal([7f, 3f], DataUtils.LoadIdxLabels(labels));
    }
}
