using StaticNets.Runtime;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary><see cref="UpSampling"/> against a naive nearest-neighbour copy and a row-major block sum written here.</summary>
public class UpSamplingTests
{
    /// <summary>samples, height, width, channels, sizeHeight, sizeWidth: 1-D (height 1), odd widths, 1/3/8/17/32/33 channels, size 1.</summary>
    public static TheoryData<int, int, int, int, int, int> Shapes() => new()
    {
        { 1, 1, 5, 1, 1, 2 },
        { 3, 1, 7, 17, 1, 3 },
        { 2, 3, 5, 3, 2, 3 },
        { 1, 4, 3, 33, 3, 2 },
        { 3, 2, 3, 8, 1, 1 },
        { 2, 5, 1, 1, 4, 1 },
        { 1, 3, 3, 32, 2, 2 },
        { 2, 2, 9, 17, 1, 4 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_repeats_each_cell_over_its_block(int samples, int height, int width, int channels, int sizeHeight, int sizeWidth)
    {
        var random = new Random(Seed(samples, height, width, channels, sizeHeight, sizeWidth));
        float[] x = Uniform(random, samples * height * width * channels);
        float[] y = Guarded(samples * height * sizeHeight * width * sizeWidth * channels);

        UpSampling.Forward(samples, height, width, channels, sizeHeight, sizeWidth, x, Inside(y));

        AssertGuardsKept("y", y);
        double[] expected = Forward(samples, height, width, channels, sizeHeight, sizeWidth, ToDouble(x));
        AssertClose("y", expected, Inside(y), 0);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_sums_each_block_in_row_major_order_and_is_the_adjoint(int samples, int height, int width, int channels, int sizeHeight, int sizeWidth)
    {
        var random = new Random(Seed(samples, height, width, channels, sizeHeight, sizeWidth) + 1);
        int outputs = samples * height * sizeHeight * width * sizeWidth * channels;
        float[] dy = Uniform(random, outputs);
        float[] dx = Guarded(samples * height * width * channels);

        UpSampling.Backward(samples, height, width, channels, sizeHeight, sizeWidth, dy, Inside(dx));

        AssertGuardsKept("dx", dx);
        // The same float additions in the same order: equal to the bit.
        float[] expected = BlockSums(samples, height, width, channels, sizeHeight, sizeWidth, dy);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), Inside(dx).ToArray().Select(BitConverter.SingleToInt32Bits));

        float[] x = Uniform(random, expected.Length);
        var y = new float[outputs];
        UpSampling.Forward(samples, height, width, channels, sizeHeight, sizeWidth, x, y);
        AssertAdjoint("UpSampling", x, y, dy, Inside(dx).ToArray());
    }

    [Fact]
    public void A_2x3_upsampling_of_a_two_channel_image_written_out()
    {
        // 1 sample, 2 × 1 cells, 2 channels, size (2, 3): each cell becomes a 2 × 3 block.
        float[] x = [1, 10, 2, 20];
        var y = new float[2 * 2 * 3 * 2];
        UpSampling.Forward(1, 2, 1, 2, 2, 3, x, y);
        float[] top = [1, 10, 1, 10, 1, 10], bottom = [2, 20, 2, 20, 2, 20];
        float[] expected = [.. top, .. top, .. bottom, .. bottom];
        Assert.Equal(expected, y);

        float[] dy = Enumerable.Range(1, 24).Select(i => (float)i).ToArray();
        var dx = new float[4];
        UpSampling.Backward(1, 2, 1, 2, 2, 3, dy, dx);
        // dy holds 1, 2, …, 24 in rows of 6 floats (3 columns × 2 channels); cell (0, 0) covers rows 0 and 1, cell (1, 0) rows 2 and 3.
        float[] sums = [1f + 3 + 5 + 7 + 9 + 11, 2f + 4 + 6 + 8 + 10 + 12, 13f + 15 + 17 + 19 + 21 + 23, 14f + 16 + 18 + 20 + 22 + 24];
        Assert.Equal(sums, dx);
    }

    [Fact]
    public void An_empty_batch_is_accepted_and_writes_nothing()
    {
        UpSampling.Forward(0, 3, 4, 5, 2, 2, [], []);
        UpSampling.Backward(0, 3, 4, 5, 2, 2, [], []);
    }

    [Fact]
    public void Invalid_arguments_throw_before_any_work()
    {
        const int Samples = 2, Height = 3, Width = 4, Channels = 5;
        int inputs = Samples * Height * Width * Channels, outputs = inputs * 2 * 3;
        float[] untouched = Enumerable.Repeat(7f, outputs).ToArray();
        var e = Assert.Throws<ArgumentException>(() => UpSampling.Forward(Samples, Height, Width, Channels, 2, 3, new float[inputs + 1], untouched));
        Assert.Contains($"Expected {inputs} values", e.Message);
        Assert.All(untouched, v => Assert.Equal(7f, v));
        Assert.Throws<ArgumentException>(() => UpSampling.Forward(Samples, Height, Width, Channels, 2, 3, new float[inputs], new float[outputs - 1]));
        Assert.Throws<ArgumentException>(() => UpSampling.Backward(Samples, Height, Width, Channels, 2, 3, new float[outputs + 1], new float[inputs]));
        Assert.Throws<ArgumentException>(() => UpSampling.Backward(Samples, Height, Width, Channels, 2, 3, new float[outputs], new float[inputs - 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => UpSampling.Forward(-1, Height, Width, Channels, 2, 3, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => UpSampling.Forward(Samples, 0, Width, Channels, 2, 3, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => UpSampling.Forward(Samples, Height, Width, 0, 2, 3, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => UpSampling.Forward(Samples, Height, Width, Channels, 0, 3, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => UpSampling.Backward(Samples, Height, Width, Channels, 2, -1, [], []));
        // An output sample past int: rejected even for an empty batch, where every length would match.
        e = Assert.Throws<ArgumentException>(() => UpSampling.Forward(0, 50_000, 50_000, 1, 1, 1, [], []));
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => UpSampling.Forward(0, 4, 4, 1, int.MaxValue, 2, [], []));
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
    }

    private static int Seed(params int[] sizes) => sizes.Aggregate(17, (h, v) => h * 31 + v);

    private static double[] Forward(int samples, int height, int width, int channels, int sizeHeight, int sizeWidth, double[] x)
    {
        int outHeight = height * sizeHeight, outWidth = width * sizeWidth;
        var y = new double[samples * outHeight * outWidth * channels];
        for (int n = 0; n < samples; n++)
        for (int r = 0; r < outHeight; r++)
        for (int c = 0; c < outWidth; c++)
        for (int ch = 0; ch < channels; ch++)
        {
            y[((n * outHeight + r) * outWidth + c) * channels + ch] = x[((n * height + r / sizeHeight) * width + c / sizeWidth) * channels + ch];
        }

        return y;
    }

    /// <summary>Each input cell's block of <paramref name="dy"/>, added in float in row-major block order.</summary>
    private static float[] BlockSums(int samples, int height, int width, int channels, int sizeHeight, int sizeWidth, float[] dy)
    {
        int outHeight = height * sizeHeight, outWidth = width * sizeWidth;
        var dx = new float[samples * height * width * channels];
        for (int n = 0; n < samples; n++)
        for (int r = 0; r < height; r++)
        for (int c = 0; c < width; c++)
        for (int ch = 0; ch < channels; ch++)
        {
            float sum = 0f;
            for (int i = 0; i < sizeHeight; i++)
            for (int j = 0; j < sizeWidth; j++)
            {
                float term = dy[((n * outHeight + r * sizeHeight + i) * outWidth + c * sizeWidth + j) * channels + ch];
                sum = i == 0 && j == 0 ? term : sum + term;
            }

            dx[((n * height + r) * width + c) * channels + ch] = sum;
        }

        return dx;
    }
}
