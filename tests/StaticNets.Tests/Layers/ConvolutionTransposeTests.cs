using StaticNets.Runtime;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary>
/// <see cref="ConvolutionTranspose"/> against a double-precision scatter-add written here from Keras's definition (each
/// input cell adds <c>x · kernel</c> to the output window at <c>(r·s, c·s)</c>, the full result cropped to Keras's
/// length), and its gradients against the same loops differentiated by hand.
/// </summary>
public class ConvolutionTransposeTests
{
    /// <summary>samples, height, width, cin, filters, kh, kw, sh, sw, same: strides 1-3, rectangular kernels, k &lt; s, k &gt; s.</summary>
    public static TheoryData<int, int, int, int, int, int, int, int, int, bool> Shapes() => new()
    {
        { 1, 3, 3, 2, 3, 3, 3, 2, 2, true },
        { 2, 3, 4, 1, 2, 3, 2, 1, 1, true },
        { 2, 2, 3, 3, 2, 4, 5, 3, 3, true },
        { 1, 4, 2, 2, 5, 2, 2, 2, 2, false },
        { 3, 2, 3, 2, 2, 2, 4, 3, 1, false },
        { 2, 3, 2, 4, 3, 5, 3, 2, 3, false },
        { 1, 2, 2, 17, 9, 3, 3, 1, 2, true },
        { 2, 3, 3, 3, 33, 1, 1, 1, 1, false },
        { 1, 1, 1, 2, 3, 2, 3, 3, 2, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_is_the_cropped_scatter_add(int samples, int height, int width, int cin, int filters, int kh, int kw, int sh, int sw, bool same)
    {
        Window2D w = Geometry(height, width, cin, filters, kh, kw, sh, sw, same);
        var random = new Random(Seed(samples, height, width, cin, filters, kh, kw, sh, sw, same ? 1 : 0));
        float[] x = Uniform(random, samples * height * width * cin);
        float[] kernel = Uniform(random, kh * kw * filters * cin);
        float[] bias = Uniform(random, filters);
        float[] y = Guarded(samples * w.InputSize);

        ConvolutionTranspose.Forward(samples, w, cin, x, kernel, bias, new float[kernel.Length], new float[samples * height * width * w.PatchSize], Inside(y));

        AssertGuardsKept("y", y);
        AssertClose("y", Scatter(samples, w, cin, ToDouble(x), ToDouble(kernel), ToDouble(bias)), Inside(y), 1e-5);
        var noBias = new float[samples * w.InputSize];
        ConvolutionTranspose.Forward(samples, w, cin, x, kernel, default, new float[kernel.Length], new float[samples * height * width * w.PatchSize], noBias);
        AssertClose("y without bias", Scatter(samples, w, cin, ToDouble(x), ToDouble(kernel), null), noBias, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_gives_the_gradients_of_the_scatter_add(int samples, int height, int width, int cin, int filters, int kh, int kw, int sh, int sw, bool same)
    {
        Window2D w = Geometry(height, width, cin, filters, kh, kw, sh, sw, same);
        var random = new Random(Seed(samples, height, width, cin, filters, kh, kw, sh, sw, same ? 1 : 0) + 1);
        float[] x = Uniform(random, samples * height * width * cin);
        float[] kernel = Uniform(random, kh * kw * filters * cin);
        float[] dy = Uniform(random, samples * w.InputSize);
        float[] dKernel = Guarded(kernel.Length), dBias = Guarded(filters), dx = Guarded(x.Length);

        ConvolutionTranspose.Backward(samples, w, cin, x, kernel, dy, Inside(dKernel), Inside(dBias), new float[samples * height * width * w.PatchSize], Inside(dx));

        AssertGuardsKept("dKernel", dKernel);
        AssertGuardsKept("dBias", dBias);
        AssertGuardsKept("dx", dx);
        (double[] expectedDx, double[] expectedDKernel, double[] expectedDBias) = Gradients(samples, w, cin, ToDouble(x), ToDouble(kernel), ToDouble(dy));
        AssertClose("dx", expectedDx, Inside(dx), 1e-5);
        AssertClose("dKernel", expectedDKernel, Inside(dKernel), 1e-4);
        AssertClose("dBias", expectedDBias, Inside(dBias), 1e-4);

        // ∂x is the adjoint of the forward map x → y (bias-free).
        var y = new float[dy.Length];
        ConvolutionTranspose.Forward(samples, w, cin, x, kernel, default, new float[kernel.Length], new float[samples * height * width * w.PatchSize], y);
        AssertAdjoint("ConvolutionTranspose", x, y, dy, Inside(dx).ToArray(), 1e-5);
    }

    [Fact]
    public void A_one_channel_stride_2_same_transpose_written_out()
    {
        // 1×2 input, kernel 1×3, stride 2, Same: output 1×4; the full scatter is 5 long and Keras crops (3 − 2) / 2 = 0
        // cells before, the extra one after. Cell 0 adds 1·(1, 2, 3) at 0..2, cell 1 adds 10·(1, 2, 3) at 2..4.
        Window2D w = Geometry(1, 2, 1, 1, 1, 3, 1, 2, same: true);
        var y = new float[4];
        ConvolutionTranspose.Forward(1, w, 1, [1, 10], [1, 2, 3], [0.5f], new float[3], new float[6], y);
        Assert.Equal([1.5f, 2.5f, 13.5f, 20.5f], y);
    }

    [Fact]
    public void Valid_with_a_kernel_shorter_than_the_stride_leaves_bias_only_cells()
    {
        // 1×2 input, kernel 1×2, stride 3, Valid: output 2·3 + 0 = 6; cells 2 and 5 get no window.
        Window2D w = Geometry(1, 2, 1, 1, 1, 2, 1, 3, same: false);
        var y = new float[6];
        ConvolutionTranspose.Forward(1, w, 1, [1, 10], [1, 2], [0.25f], new float[2], new float[4], y);
        Assert.Equal([1.25f, 2.25f, 0.25f, 10.25f, 20.25f, 0.25f], y);
    }

    [Fact]
    public void An_empty_batch_writes_nothing_and_clears_the_gradients()
    {
        Window2D w = Geometry(2, 2, 1, 1, 2, 2, 2, 2, same: false);
        ConvolutionTranspose.Forward(0, w, 1, [], new float[4], [], new float[4], [], []);
        float[] dKernel = [1, 2, 3, 4], dBias = [5];
        ConvolutionTranspose.Backward(0, w, 1, [], new float[4], [], dKernel, dBias, [], []);
        Assert.All(dKernel, v => Assert.Equal(0f, v));
        Assert.Equal(0f, dBias[0]);
    }

    [Fact]
    public void Invalid_arguments_throw_before_any_work()
    {
        Window2D w = Geometry(2, 3, 2, 3, 3, 3, 2, 2, same: true);
        int inputs = 2 * 3 * 2, kernel = 3 * 3 * 3 * 2, columns = 2 * 3 * w.PatchSize;
        float[] untouched = Enumerable.Repeat(7f, w.InputSize).ToArray();
        var e = Assert.Throws<ArgumentException>(() => ConvolutionTranspose.Forward(1, w, 2, new float[inputs + 1], new float[kernel], default, new float[kernel], new float[columns], untouched));
        Assert.Contains($"Expected {inputs} values", e.Message);
        Assert.All(untouched, v => Assert.Equal(7f, v));
        Assert.Throws<ArgumentException>(() => ConvolutionTranspose.Forward(1, w, 2, new float[inputs], new float[kernel - 1], default, new float[kernel], new float[columns], untouched));
        Assert.Throws<ArgumentException>(() => ConvolutionTranspose.Forward(1, w, 2, new float[inputs], new float[kernel], new float[2], new float[kernel], new float[columns], untouched));
        Assert.Throws<ArgumentException>(() => ConvolutionTranspose.Forward(1, w, 2, new float[inputs], new float[kernel], default, new float[kernel - 1], new float[columns], untouched));
        Assert.Throws<ArgumentException>(() => ConvolutionTranspose.Forward(1, w, 2, new float[inputs], new float[kernel], default, new float[kernel], new float[columns - 1], untouched));
        Assert.Throws<ArgumentException>(() => ConvolutionTranspose.Forward(1, w, 2, new float[inputs], new float[kernel], default, new float[kernel], new float[columns], new float[w.InputSize + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvolutionTranspose.Forward(1, w, 0, [], [], default, [], [], untouched));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvolutionTranspose.Forward(-1, w, 2, [], [], default, [], [], []));
        Assert.Throws<ArgumentException>(() => ConvolutionTranspose.Backward(1, w, 2, new float[inputs], new float[kernel], new float[w.InputSize - 1], new float[kernel], default, new float[columns], default));
        Assert.Throws<ArgumentException>(() => ConvolutionTranspose.Backward(1, w, 2, new float[inputs], new float[kernel], new float[w.InputSize], new float[kernel + 1], default, new float[columns], default));
        Assert.Throws<ArgumentException>(() => ConvolutionTranspose.Backward(1, w, 2, new float[inputs], new float[kernel], new float[w.InputSize], new float[kernel], default, new float[columns], new float[inputs - 1]));
        Assert.Throws<ArgumentException>(() => ConvolutionTranspose.Backward(1, default, 2, [], [], [], [], default, [], default));
    }

    [Fact]
    public void Forward_and_backward_allocate_nothing()
    {
        Window2D w = Geometry(3, 3, 2, 4, 3, 3, 2, 2, same: true);
        int samples = 4, kernelLength = w.PatchSize * 2;
        float[] x = new float[samples * 9 * 2], kernel = new float[kernelLength], bias = new float[4], transposed = new float[kernelLength];
        float[] columns = new float[samples * 9 * w.PatchSize], y = new float[samples * w.InputSize], dKernel = new float[kernelLength], dBias = new float[4], dx = new float[x.Length];
        void Run()
        {
            ConvolutionTranspose.Forward(samples, w, 2, x, kernel, bias, transposed, columns, y);
            ConvolutionTranspose.Backward(samples, w, 2, x, kernel, y, dKernel, dBias, columns, dx);
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    /// <summary>Keras's output length and the cells cropped before, per axis; the window of the convolution this layer is the adjoint of.</summary>
    private static Window2D Geometry(int height, int width, int cin, int filters, int kh, int kw, int sh, int sw, bool same)
    {
        _ = cin;
        (int outHeight, int top) = same ? (height * sh, Math.Max(kh - sh, 0) / 2) : (height * sh + Math.Max(kh - sh, 0), 0);
        (int outWidth, int left) = same ? (width * sw, Math.Max(kw - sw, 0) / 2) : (width * sw + Math.Max(kw - sw, 0), 0);
        return new Window2D(outHeight, outWidth, filters, kh, kw, sh, sw, top, left, height, width);
    }

    private static int KernelIndex(Window2D w, int i, int j, int f, int c, int cin) => ((i * w.WindowWidth + j) * w.Channels + f) * cin + c;

    /// <summary>y[n, r·s + i − top, c·s + j − left, f] += x[n, r, c, ci] · kernel[i, j, f, ci], after the bias.</summary>
    private static double[] Scatter(int samples, Window2D w, int cin, double[] x, double[] kernel, double[]? bias)
    {
        int filters = w.Channels;
        var y = new double[samples * w.InputSize];
        for (int k = 0; k < y.Length; k++) y[k] = bias?[k % filters] ?? 0;
        ForEachTap(samples, w, (n, r, c, i, j, row, col) =>
        {
            for (int f = 0; f < filters; f++)
            for (int ci = 0; ci < cin; ci++)
            {
                y[((n * w.Height + row) * w.Width + col) * filters + f] += x[((n * w.OutputHeight + r) * w.OutputWidth + c) * cin + ci] * kernel[KernelIndex(w, i, j, f, ci, cin)];
            }
        });
        return y;
    }

    private static (double[] Dx, double[] DKernel, double[] DBias) Gradients(int samples, Window2D w, int cin, double[] x, double[] kernel, double[] dy)
    {
        int filters = w.Channels;
        var dx = new double[x.Length];
        var dKernel = new double[kernel.Length];
        var dBias = new double[filters];
        for (int k = 0; k < dy.Length; k++) dBias[k % filters] += dy[k];
        ForEachTap(samples, w, (n, r, c, i, j, row, col) =>
        {
            for (int f = 0; f < filters; f++)
            for (int ci = 0; ci < cin; ci++)
            {
                double g = dy[((n * w.Height + row) * w.Width + col) * filters + f];
                int input = ((n * w.OutputHeight + r) * w.OutputWidth + c) * cin + ci;
                dx[input] += g * kernel[KernelIndex(w, i, j, f, ci, cin)];
                dKernel[KernelIndex(w, i, j, f, ci, cin)] += g * x[input];
            }
        });
        return (dx, dKernel, dBias);
    }

    /// <summary>Every (sample, input cell, kernel tap) whose target output cell survives the crop.</summary>
    private static void ForEachTap(int samples, Window2D w, Action<int, int, int, int, int, int, int> tap)
    {
        for (int n = 0; n < samples; n++)
        for (int r = 0; r < w.OutputHeight; r++)
        for (int c = 0; c < w.OutputWidth; c++)
        for (int i = 0; i < w.WindowHeight; i++)
        for (int j = 0; j < w.WindowWidth; j++)
        {
            int row = r * w.StrideHeight + i - w.PadTop, col = c * w.StrideWidth + j - w.PadLeft;
            if (row >= 0 && row < w.Height && col >= 0 && col < w.Width) tap(n, r, c, i, j, row, col);
        }
    }

    private static int Seed(params int[] sizes) => sizes.Aggregate(17, (h, v) => h * 31 + v);
}
