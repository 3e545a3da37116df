using StaticNets.Runtime;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary><see cref="Cropping"/> against a naive window copy written here, and as the inverse of <see cref="ZeroPadding"/>.</summary>
public class CroppingTests
{
    /// <summary>samples, height, width, channels (the input's), top, bottom, left, right: asymmetric and one-sided crops, none at all.</summary>
    public static TheoryData<int, int, int, int, int, int, int, int> Shapes() => new()
    {
        { 1, 6, 7, 1, 1, 2, 0, 3 },
        { 3, 5, 7, 17, 0, 0, 2, 1 },
        { 2, 4, 3, 3, 2, 1, 1, 0 },
        { 1, 5, 5, 33, 0, 3, 0, 0 },
        { 3, 3, 3, 8, 1, 1, 1, 1 },
        { 2, 6, 5, 32, 0, 0, 0, 0 },
        { 1, 4, 9, 5, 3, 0, 4, 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_keeps_the_inner_window_and_backward_is_its_adjoint(
        int samples, int height, int width, int channels, int top, int bottom, int left, int right)
    {
        var random = new Random(((samples * 31 + height) * 31 + width) * 31 + channels + top * 7 + bottom * 5 + left * 3 + right);
        int outHeight = height - top - bottom, outWidth = width - left - right;
        float[] x = Uniform(random, samples * height * width * channels);
        float[] y = Guarded(samples * outHeight * outWidth * channels);

        Cropping.Forward(samples, height, width, channels, top, bottom, left, right, x, Inside(y));

        AssertGuardsKept("y", y);
        var expected = new double[samples * outHeight * outWidth * channels];
        for (int n = 0; n < samples; n++)
        for (int r = 0; r < outHeight; r++)
        for (int c = 0; c < outWidth; c++)
        for (int ch = 0; ch < channels; ch++)
        {
            expected[((n * outHeight + r) * outWidth + c) * channels + ch] = x[((n * height + r + top) * width + c + left) * channels + ch];
        }

        AssertClose("y", expected, Inside(y), 0);

        float[] dy = Uniform(random, expected.Length);
        float[] dx = Guarded(x.Length);
        Cropping.Backward(samples, height, width, channels, top, bottom, left, right, dy, Inside(dx));

        AssertGuardsKept("dx", dx);
        var expectedDx = new double[x.Length];
        for (int n = 0; n < samples; n++)
        for (int r = 0; r < outHeight; r++)
        for (int c = 0; c < outWidth; c++)
        for (int ch = 0; ch < channels; ch++)
        {
            expectedDx[((n * height + r + top) * width + c + left) * channels + ch] = dy[((n * outHeight + r) * outWidth + c) * channels + ch];
        }

        AssertClose("dx", expectedDx, Inside(dx), 0);
        AssertAdjoint("Cropping", x, Inside(y).ToArray(), dy, Inside(dx).ToArray());
    }

    [Theory]
    [MemberData(nameof(ZeroPaddingTests.Shapes), MemberType = typeof(ZeroPaddingTests))]
    public void Cropping_the_borders_zero_padding_added_gives_the_input_back(
        int samples, int height, int width, int channels, int top, int bottom, int left, int right)
    {
        var random = new Random(height * 100 + width);
        int paddedHeight = height + top + bottom, paddedWidth = width + left + right;
        float[] x = Uniform(random, samples * height * width * channels);
        var padded = new float[samples * paddedHeight * paddedWidth * channels];
        ZeroPadding.Forward(samples, height, width, channels, top, bottom, left, right, x, padded);
        var back = new float[x.Length];
        Cropping.Forward(samples, paddedHeight, paddedWidth, channels, top, bottom, left, right, padded, back);
        Assert.Equal(x, back);

        // And the other way round on gradients: padding's backward is cropping's forward.
        var viaPadding = new float[x.Length];
        ZeroPadding.Backward(samples, height, width, channels, top, bottom, left, right, padded, viaPadding);
        Assert.Equal(back, viaPadding);
    }

    [Fact]
    public void Invalid_arguments_throw_before_any_work()
    {
        const int Samples = 2, Height = 6, Width = 4, Channels = 5;
        int inputs = Samples * Height * Width * Channels, outputs = Samples * (Height - 3) * (Width - 1) * Channels;
        float[] untouched = Enumerable.Repeat(7f, outputs).ToArray();
        var e = Assert.Throws<ArgumentException>(() => Cropping.Forward(Samples, Height, Width, Channels, 1, 2, 0, 1, new float[inputs + 1], untouched));
        Assert.Contains($"Expected {inputs} values", e.Message);
        Assert.All(untouched, v => Assert.Equal(7f, v));
        e = Assert.Throws<ArgumentException>(() => Cropping.Forward(Samples, Height, Width, Channels, 1, 2, 0, 1, new float[inputs], new float[outputs - 1]));
        Assert.Contains($"Expected {outputs} values", e.Message);
        Assert.Throws<ArgumentException>(() => Cropping.Backward(Samples, Height, Width, Channels, 1, 2, 0, 1, new float[outputs + 1], new float[inputs]));
        Assert.Throws<ArgumentException>(() => Cropping.Backward(Samples, Height, Width, Channels, 1, 2, 0, 1, new float[outputs], new float[inputs - 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cropping.Forward(-1, Height, Width, Channels, 1, 2, 0, 1, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cropping.Forward(Samples, 0, Width, Channels, 0, 0, 0, 0, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cropping.Forward(Samples, Height, Width, Channels, 1, -2, 0, 1, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cropping.Backward(Samples, Height, Width, Channels, 1, 2, -1, 1, [], []));
        // Crops that leave no row or no column, also with sums that overflow an int.
        e = Assert.Throws<ArgumentException>(() => Cropping.Forward(Samples, Height, Width, Channels, 3, 3, 0, 0, new float[inputs], []));
        Assert.Contains("leaves no cells", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Cropping.Forward(Samples, Height, Width, Channels, 0, 0, 2, 2, new float[inputs], []));
        Assert.Throws<ArgumentException>(() => Cropping.Backward(Samples, Height, Width, Channels, int.MaxValue, int.MaxValue, 0, 0, [], new float[inputs]));
    }
}
