using StaticNets.Runtime;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary><see cref="ZeroPadding"/> against a naive copy into zeros written here.</summary>
public class ZeroPaddingTests
{
    /// <summary>samples, height, width, channels (the input's), top, bottom, left, right: asymmetric and one-sided borders, none at all.</summary>
    public static TheoryData<int, int, int, int, int, int, int, int> Shapes() => new()
    {
        { 1, 3, 4, 1, 1, 2, 0, 3 },
        { 3, 5, 7, 17, 0, 0, 2, 1 },
        { 2, 4, 3, 3, 2, 1, 1, 0 },
        { 1, 2, 5, 33, 0, 3, 0, 0 },
        { 3, 1, 1, 8, 1, 1, 1, 1 },
        { 2, 6, 5, 32, 0, 0, 0, 0 },
        { 1, 3, 9, 5, 3, 0, 4, 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_surrounds_the_input_with_zeros_and_backward_is_its_adjoint(
        int samples, int height, int width, int channels, int top, int bottom, int left, int right)
    {
        var random = new Random(((samples * 31 + height) * 31 + width) * 31 + channels + top * 7 + bottom * 5 + left * 3 + right);
        int outHeight = height + top + bottom, outWidth = width + left + right;
        float[] x = Uniform(random, samples * height * width * channels);
        float[] y = Guarded(samples * outHeight * outWidth * channels);

        ZeroPadding.Forward(samples, height, width, channels, top, bottom, left, right, x, Inside(y));

        AssertGuardsKept("y", y);
        var expected = new double[samples * outHeight * outWidth * channels];
        for (int n = 0; n < samples; n++)
        for (int r = 0; r < height; r++)
        for (int c = 0; c < width; c++)
        for (int ch = 0; ch < channels; ch++)
        {
            expected[((n * outHeight + r + top) * outWidth + c + left) * channels + ch] = x[((n * height + r) * width + c) * channels + ch];
        }

        AssertClose("y", expected, Inside(y), 0);

        float[] dy = Uniform(random, expected.Length);
        float[] dx = Guarded(x.Length);
        ZeroPadding.Backward(samples, height, width, channels, top, bottom, left, right, dy, Inside(dx));

        AssertGuardsKept("dx", dx);
        var expectedDx = new double[x.Length];
        for (int n = 0; n < samples; n++)
        for (int r = 0; r < height; r++)
        for (int c = 0; c < width; c++)
        for (int ch = 0; ch < channels; ch++)
        {
            expectedDx[((n * height + r) * width + c) * channels + ch] = dy[((n * outHeight + r + top) * outWidth + c + left) * channels + ch];
        }

        AssertClose("dx", expectedDx, Inside(dx), 0);
        AssertAdjoint("ZeroPadding", x, Inside(y).ToArray(), dy, Inside(dx).ToArray());
    }

    [Fact]
    public void A_one_channel_image_padded_written_out()
    {
        // 2 × 2 input, one row on top, none below, none left, two columns right.
        float[] x = [1, 2, 3, 4];
        var y = new float[3 * 4];
        ZeroPadding.Forward(1, 2, 2, 1, 1, 0, 0, 2, x, y);
        float[] expected = [0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0];
        Assert.Equal(expected, y);

        var dx = new float[4];
        ZeroPadding.Backward(1, 2, 2, 1, 1, 0, 0, 2, Enumerable.Range(1, 12).Select(i => (float)i).ToArray(), dx);
        float[] window = [5, 6, 9, 10];
        Assert.Equal(window, dx);
    }

    [Fact]
    public void Invalid_arguments_throw_before_any_work()
    {
        const int Samples = 2, Height = 3, Width = 4, Channels = 5;
        int inputs = Samples * Height * Width * Channels, outputs = Samples * (Height + 3) * (Width + 1) * Channels;
        float[] untouched = Enumerable.Repeat(7f, outputs).ToArray();
        var e = Assert.Throws<ArgumentException>(() => ZeroPadding.Forward(Samples, Height, Width, Channels, 1, 2, 0, 1, new float[inputs - 1], untouched));
        Assert.Contains($"Expected {inputs} values", e.Message);
        Assert.All(untouched, v => Assert.Equal(7f, v));
        e = Assert.Throws<ArgumentException>(() => ZeroPadding.Forward(Samples, Height, Width, Channels, 1, 2, 0, 1, new float[inputs], new float[outputs + 1]));
        Assert.Contains($"Expected {outputs} values", e.Message);
        Assert.Throws<ArgumentException>(() => ZeroPadding.Backward(Samples, Height, Width, Channels, 1, 2, 0, 1, new float[outputs - 1], new float[inputs]));
        Assert.Throws<ArgumentException>(() => ZeroPadding.Backward(Samples, Height, Width, Channels, 1, 2, 0, 1, new float[outputs], new float[inputs + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZeroPadding.Forward(-1, Height, Width, Channels, 1, 2, 0, 1, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZeroPadding.Forward(Samples, Height, 0, Channels, 1, 2, 0, 1, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZeroPadding.Forward(Samples, Height, Width, Channels, -1, 2, 0, 1, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZeroPadding.Backward(Samples, Height, Width, Channels, 1, 2, 0, -1, [], []));
        // Borders that take a sample past int: rejected even for an empty batch, where every length would match.
        e = Assert.Throws<ArgumentException>(() => ZeroPadding.Forward(0, 2, 2, 1, int.MaxValue, 1, 0, 0, [], []));
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
    }
}
