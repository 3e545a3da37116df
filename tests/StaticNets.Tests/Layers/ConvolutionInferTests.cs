using StaticNets.Runtime;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary>
/// <see cref="Convolution.Infer"/>, which computes windows with few taps directly from the input: the same bits as
/// <see cref="Convolution.Forward"/> (im2col + GEMM) for every shape, and close to a double-precision convolution.
/// </summary>
public class ConvolutionInferTests
{
    private static readonly int[] FilterCounts = [1, 5, 8, 16, 17, 32, 33];

    /// <summary>Channels, window, stride and padding; each case runs every filter count in <see cref="FilterCounts"/>.</summary>
    public static TheoryData<int, int, int, int, bool> Shapes()
    {
        var data = new TheoryData<int, int, int, int, bool>();
        foreach (int channels in new[] { 1, 2, 3, 4, 5 }) // 5 channels: im2col + GEMM
        foreach ((int kh, int kw) in new[] { (1, 1), (3, 3), (5, 5), (2, 3), (3, 1) })
        foreach (int stride in new[] { 1, 2 })
        foreach (bool same in new[] { false, true })
        {
            data.Add(channels, kh, kw, stride, same);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Infer_has_the_bits_of_Forward_and_matches_a_double_convolution(int channels, int kh, int kw, int stride, bool same)
    {
        Window2D w = KerasWindow(11, 21, channels, kh, kw, stride, same); // rows wide enough for eight-position tiles at stride 2
        const int Samples = 3;
        var random = new Random(((channels * 7 + kh) * 7 + kw) * 5 + stride + (same ? 100 : 0));
        foreach (int filters in FilterCounts)
        {
            float[] x = Uniform(random, Samples * w.InputSize), kernel = Uniform(random, w.PatchSize * filters), bias = Uniform(random, filters);
            foreach (bool withBias in new[] { true, false })
            {
                float[] b = withBias ? bias : [];
                float[] expected = ForwardBits(Samples, w, filters, x, kernel, b);
                float[] actual = Enumerable.Repeat(float.NaN, expected.Length).ToArray(); // stale output must be overwritten
                float[] columns = new float[Samples * w.OutputPositions * w.PatchSize];

                Convolution.Infer(Samples, w, filters, x, kernel, b, columns, actual);

                AssertSameBits($"{filters} filters, bias {withBias}", expected, actual);
                double[] reference = ConvolutionReference.Forward(Samples, w, filters, ToDouble(x), ToDouble(kernel), withBias ? ToDouble(bias) : null);
                AssertClose($"{filters} filters, bias {withBias}", reference, actual);
            }
        }
    }

    [Fact]
    public void A_dilated_window_has_the_bits_of_Forward()
    {
        Window2D w = new Window2D(9, 10, 2, 3, 3, 1, 2, 2, 2, 9, 5) { DilationHeight = 2, DilationWidth = 2 };
        var random = new Random(5);
        foreach (int filters in FilterCounts)
        {
            float[] x = Uniform(random, 2 * w.InputSize), kernel = Uniform(random, w.PatchSize * filters), bias = Uniform(random, filters);
            var actual = new float[2 * w.OutputPositions * filters];
            Convolution.Infer(2, w, filters, x, kernel, bias, default, actual);
            AssertSameBits($"{filters} filters", ForwardBits(2, w, filters, x, kernel, bias), actual);
            AssertClose($"{filters} filters", ConvolutionReference.Forward(2, w, filters, ToDouble(x), ToDouble(kernel), ToDouble(bias)), actual);
        }
    }

    /// <summary>
    /// A padding cell is a 0 in the im2col row, so the GEMM adds <c>0 · weight</c>: that turns a −0 accumulator into
    /// +0 and an infinite weight into NaN. Skipping the cell instead would change those bits.
    /// </summary>
    [Fact]
    public void Padding_cells_take_part_as_zeros_like_the_im2col_rows()
    {
        Window2D w = KerasWindow(5, 6, 1, 3, 3, 1, same: true);
        foreach (int filters in new[] { 5, 17 })
        {
            var x = new float[w.InputSize];
            float[] kernel = Enumerable.Repeat(1f, w.PatchSize * filters).ToArray();
            kernel[0] = float.PositiveInfinity; // tap (0, 0) of filter 0: padding at the top row and left column
            float[] bias = Enumerable.Repeat(-0f, filters).ToArray();
            var actual = new float[w.OutputPositions * filters];

            Convolution.Infer(1, w, filters, x, kernel, bias, default, actual);

            float[] expected = ForwardBits(1, w, filters, x, kernel, bias);
            AssertSameBits($"{filters} filters", expected, actual);
            Assert.True(float.IsNaN(actual[0]));
            Assert.Equal(BitConverter.SingleToInt32Bits(0f), BitConverter.SingleToInt32Bits(actual[1]));
        }
    }

    [Fact]
    public void Infer_checks_its_spans_before_work()
    {
        Window2D w = KerasWindow(5, 5, 1, 3, 3, 1, same: false);
        var y = new float[w.OutputPositions * 4];
        Assert.Throws<ArgumentException>(() => Convolution.Infer(1, w, 4, new float[w.InputSize - 1], new float[w.PatchSize * 4], default, default, y));
        Assert.Throws<ArgumentException>(() => Convolution.Infer(1, w, 4, new float[w.InputSize], new float[w.PatchSize * 4], new float[3], default, y));
        Assert.Throws<ArgumentException>(() => Convolution.Infer(1, w, 4, new float[w.InputSize], new float[w.PatchSize * 4], default, default, y.AsSpan(1)));
    }

    /// <summary>Keras's geometry: valid, or same (output <c>⌈size / stride⌉</c>, the smaller half of the padding first).</summary>
    private static Window2D KerasWindow(int height, int width, int channels, int kh, int kw, int stride, bool same)
    {
        int outH = same ? (height + stride - 1) / stride : (height - kh) / stride + 1;
        int outW = same ? (width + stride - 1) / stride : (width - kw) / stride + 1;
        int padTop = same ? Math.Max(0, (outH - 1) * stride + kh - height) / 2 : 0;
        int padLeft = same ? Math.Max(0, (outW - 1) * stride + kw - width) / 2 : 0;
        return new Window2D(height, width, channels, kh, kw, stride, stride, padTop, padLeft, outH, outW);
    }

    private static float[] ForwardBits(int samples, Window2D w, int filters, float[] x, float[] kernel, float[] bias)
    {
        var y = new float[samples * w.OutputPositions * filters];
        Convolution.Forward(samples, w, filters, x, kernel, bias, new float[samples * w.OutputPositions * w.PatchSize], y);
        return y;
    }

    private static void AssertSameBits(string what, float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what}: y[{i}] = {actual[i]:R}, im2col + GEMM gives {expected[i]:R}");
        }
    }
}
