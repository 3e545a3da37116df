using StaticNets.Runtime;
using StaticNets.Tests.Support;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary><see cref="Convolution"/> against a naive double convolution, its analytic gradients and finite differences.</summary>
public class ConvolutionTests
{
    public static TheoryData<string, int, bool> ConvolutionCases()
    {
        int[] filters = [1, 4, 7, 10, 33];
        var data = new TheoryData<string, int, bool>();
        WindowCase[] cases = [.. WindowCase.All, .. WindowCase.Dilated];
        for (int k = 0; k < cases.Length; k++)
        {
            data.Add(cases[k].Name, filters[k % filters.Length], k % 2 == 0);
        }

        data.Add(WindowCase.All[1].Name, 16, true); // two full vector panels in Gemm
        return data;
    }

    [Theory]
    [MemberData(nameof(WindowCase.ConvolutionNames), MemberType = typeof(WindowCase))]
    public void Im2Col_copies_each_window_in_i_j_c_order_with_zero_padding(string name)
    {
        WindowCase shape = WindowCase.Named(name);
        Window2D w = shape.Window;
        var random = new Random(StableSeed.Of(name));
        float[] x = Uniform(random, shape.Samples * w.InputSize);
        float[] columns = Enumerable.Repeat(float.NaN, shape.Samples * w.OutputPositions * w.PatchSize).ToArray(); // stale scratch

        Convolution.Im2Col(shape.Samples, w, x, columns);

        for (int n = 0; n < shape.Samples; n++)
        for (int oh = 0; oh < w.OutputHeight; oh++)
        for (int ow = 0; ow < w.OutputWidth; ow++)
        for (int i = 0; i < w.WindowHeight; i++)
        for (int j = 0; j < w.WindowWidth; j++)
        for (int c = 0; c < w.Channels; c++)
        {
            int row = (n * w.OutputHeight + oh) * w.OutputWidth + ow;
            float expected = Cell(w, oh, ow, i, j) is var (r, col) ? x[InputIndex(w, n, r, col, c)] : 0f;
            Assert.Equal(expected, columns[row * w.PatchSize + (i * w.WindowWidth + j) * w.Channels + c]);
        }
    }

    [Theory]
    [MemberData(nameof(WindowCase.ConvolutionNames), MemberType = typeof(WindowCase))]
    public void Col2Im_overwrites_dx_with_the_scatter_sum_and_is_the_adjoint_of_Im2Col(string name)
    {
        WindowCase shape = WindowCase.Named(name);
        Window2D w = shape.Window;
        var random = new Random(StableSeed.Of(name) + 1);
        float[] columns = Uniform(random, shape.Samples * w.OutputPositions * w.PatchSize);
        float[] dx = Enumerable.Repeat(123f, shape.Samples * w.InputSize).ToArray(); // must be overwritten, not accumulated

        Convolution.Col2Im(shape.Samples, w, columns, dx);

        var expected = new double[dx.Length];
        for (int n = 0; n < shape.Samples; n++)
        for (int oh = 0; oh < w.OutputHeight; oh++)
        for (int ow = 0; ow < w.OutputWidth; ow++)
        for (int i = 0; i < w.WindowHeight; i++)
        for (int j = 0; j < w.WindowWidth; j++)
        {
            if (Cell(w, oh, ow, i, j) is not var (r, col)) continue;
            int row = (n * w.OutputHeight + oh) * w.OutputWidth + ow;
            for (int c = 0; c < w.Channels; c++)
            {
                expected[InputIndex(w, n, r, col, c)] += columns[row * w.PatchSize + (i * w.WindowWidth + j) * w.Channels + c];
            }
        }

        AssertClose("dx", expected, dx);

        // <Im2Col(x), columns> = <x, Col2Im(columns)>.
        float[] x = Uniform(random, dx.Length);
        var unfolded = new float[columns.Length];
        Convolution.Im2Col(shape.Samples, w, x, unfolded);
        double left = Dot(ToDouble(unfolded), ToDouble(columns)), right = Dot(ToDouble(x), ToDouble(dx));
        Assert.True(Math.Abs(left - right) <= 1e-4 * (1 + Math.Abs(left)), $"<Im2Col x, c> = {left}, <x, Col2Im c> = {right}");
    }

    [Theory]
    [MemberData(nameof(ConvolutionCases))]
    public void Forward_matches_the_naive_double_convolution(string name, int filters, bool withBias)
    {
        WindowCase shape = WindowCase.Named(name);
        Window2D w = shape.Window;
        var random = new Random(StableSeed.Of(name) * 31 + filters);
        float[] x = Uniform(random, shape.Samples * w.InputSize);
        float[] kernel = Uniform(random, w.PatchSize * filters);
        float[] bias = withBias ? Uniform(random, filters) : [];
        var columns = new float[shape.Samples * w.OutputPositions * w.PatchSize];
        float[] y = Enumerable.Repeat(float.NaN, shape.Samples * w.OutputPositions * filters).ToArray();

        Convolution.Forward(shape.Samples, w, filters, x, kernel, bias, columns, y);

        double[] expected = ConvolutionReference.Forward(shape.Samples, w, filters, ToDouble(x), ToDouble(kernel), withBias ? ToDouble(bias) : null);
        AssertClose("y", expected, y, 1e-5 * Math.Sqrt(w.PatchSize));
    }

    [Theory]
    [MemberData(nameof(ConvolutionCases))]
    public void Backward_matches_the_analytic_gradient_and_finite_differences(string name, int filters, bool withBias)
    {
        WindowCase shape = WindowCase.Named(name);
        Window2D w = shape.Window;
        int samples = shape.Samples;
        var random = new Random(StableSeed.Of(name) * 17 + filters);
        float[] x = Uniform(random, samples * w.InputSize);
        float[] kernel = Uniform(random, w.PatchSize * filters);
        float[] bias = withBias ? Uniform(random, filters) : [];
        int outputs = samples * w.OutputPositions * filters;
        float[] dz = Uniform(random, outputs); // loss = Σ y · dz
        var columns = new float[samples * w.OutputPositions * w.PatchSize];
        var y = new float[outputs];
        Convolution.Forward(samples, w, filters, x, kernel, bias, columns, y);

        float[] dKernel = Enumerable.Repeat(7f, kernel.Length).ToArray();
        float[] dBias = Enumerable.Repeat(7f, bias.Length).ToArray();
        float[] dx = Enumerable.Repeat(7f, x.Length).ToArray();
        // The pointwise fast path leaves columns unused; the contract is then to pass x itself.
        bool pointwise = w.WindowHeight == 1 && w.WindowWidth == 1 && w.StrideHeight == 1 && w.StrideWidth == 1 && w.PadTop == 0 && w.PadLeft == 0;
        Convolution.Backward(samples, w, filters, pointwise ? x : columns, kernel, dz, dKernel, dBias,
            new float[kernel.Length], new float[columns.Length], dx);

        (double[] refDx, double[] refDKernel, double[] refDBias) = ConvolutionReference.Backward(samples, w, filters, ToDouble(x), ToDouble(kernel), ToDouble(dz));
        double tolerance = 1e-5 * Math.Sqrt(Math.Max(w.PatchSize, filters) * samples * w.OutputPositions);
        AssertClose("dx", refDx, dx, tolerance);
        AssertClose("dKernel", refDKernel, dKernel, tolerance);
        if (withBias) AssertClose("dBias", refDBias, dBias, tolerance);

        double[] xd = ToDouble(x), kd = ToDouble(kernel), bd = ToDouble(bias), r = ToDouble(dz);
        double Loss(double[] xs, double[] ks, double[] bs) => Dot(ConvolutionReference.Forward(samples, w, filters, xs, ks, withBias ? bs : null), r);
        AssertMatchesFiniteDifferences("dx", p => Loss(p, kd, bd), xd, dx, SampleIndices(random, xd.Length), tolerance);
        AssertMatchesFiniteDifferences("dKernel", p => Loss(xd, p, bd), kd, dKernel, SampleIndices(random, kd.Length), tolerance);
        if (withBias) AssertMatchesFiniteDifferences("dBias", p => Loss(xd, kd, p), bd, dBias, SampleIndices(random, bd.Length), tolerance);
    }

    [Theory]
    [MemberData(nameof(ConvolutionCases))]
    public void BackwardFromInput_matches_the_analytic_gradient_and_finite_differences(string name, int filters, bool withBias)
    {
        WindowCase shape = WindowCase.Named(name);
        Window2D w = shape.Window;
        int samples = shape.Samples;
        var random = new Random(StableSeed.Of(name) * 19 + filters);
        float[] x = Uniform(random, samples * w.InputSize);
        float[] kernel = Uniform(random, w.PatchSize * filters);
        float[] dz = Uniform(random, samples * w.OutputPositions * filters); // loss = Σ y · dz
        float[] columns = Enumerable.Repeat(7f, samples * w.OutputPositions * w.PatchSize).ToArray();
        float[] dKernel = Enumerable.Repeat(7f, kernel.Length).ToArray();
        float[] dBias = withBias ? Enumerable.Repeat(7f, filters).ToArray() : [];
        float[] dx = Enumerable.Repeat(7f, x.Length).ToArray();

        Convolution.BackwardFromInput(samples, w, filters, x, kernel, dz, dKernel, dBias, new float[kernel.Length], columns, dx);

        (double[] refDx, double[] refDKernel, double[] refDBias) = ConvolutionReference.Backward(samples, w, filters, ToDouble(x), ToDouble(kernel), ToDouble(dz));
        double tolerance = 1e-5 * Math.Sqrt(Math.Max(w.PatchSize, filters) * samples * w.OutputPositions);
        AssertClose("dx", refDx, dx, tolerance);
        AssertClose("dKernel", refDKernel, dKernel, tolerance);
        if (withBias) AssertClose("dBias", refDBias, dBias, tolerance);

        double[] xd = ToDouble(x), kd = ToDouble(kernel), r = ToDouble(dz);
        double Loss(double[] xs, double[] ks) => Dot(ConvolutionReference.Forward(samples, w, filters, xs, ks, null), r);
        AssertMatchesFiniteDifferences("dx", p => Loss(p, kd), xd, dx, SampleIndices(random, xd.Length), tolerance);
        AssertMatchesFiniteDifferences("dKernel", p => Loss(xd, p), kd, dKernel, SampleIndices(random, kd.Length), tolerance);
    }

    /// <summary>
    /// The Fashion-MNIST CNN's second convolution (13×13×32, 3×3, 64 filters would be 139 KB of rows per sample): a
    /// sample per L2 chunk, so ∂kernel and ∂bias continue over several chunks and col2im runs chunk by chunk.
    /// </summary>
    [Theory]
    [InlineData(10, true)]
    [InlineData(16, false)]
    public void Backward_over_several_chunks_of_samples_matches_the_analytic_gradient_with_or_without_stored_rows(int filters, bool withBias)
    {
        var w = new Window2D(13, 13, 32, 3, 3, 1, 1, 0, 0, 11, 11);
        const int Samples = 3;
        var random = new Random(23 + filters);
        float[] x = Uniform(random, Samples * w.InputSize);
        float[] kernel = Uniform(random, w.PatchSize * filters);
        float[] bias = withBias ? Uniform(random, filters) : [];
        float[] dz = Uniform(random, Samples * w.OutputPositions * filters);
        int cols = Samples * w.OutputPositions * w.PatchSize;
        var columns = new float[cols];
        var y = new float[dz.Length];
        Convolution.Forward(Samples, w, filters, x, kernel, bias, columns, y);
        float[] dKernel = Enumerable.Repeat(7f, kernel.Length).ToArray(), dBias = Enumerable.Repeat(7f, bias.Length).ToArray();
        float[] dx = Enumerable.Repeat(7f, x.Length).ToArray();
        Convolution.Backward(Samples, w, filters, columns, kernel, dz, dKernel, dBias, new float[kernel.Length], new float[cols], dx);
        float[] dKernel2 = Enumerable.Repeat(5f, kernel.Length).ToArray(), dBias2 = Enumerable.Repeat(5f, bias.Length).ToArray();
        float[] dx2 = Enumerable.Repeat(5f, x.Length).ToArray();
        Convolution.BackwardFromInput(Samples, w, filters, x, kernel, dz, dKernel2, dBias2, new float[kernel.Length], new float[cols], dx2);

        (double[] refDx, double[] refDKernel, double[] refDBias) = ConvolutionReference.Backward(Samples, w, filters, ToDouble(x), ToDouble(kernel), ToDouble(dz));
        double tolerance = 1e-5 * Math.Sqrt(w.PatchSize * Samples * w.OutputPositions);
        foreach ((float[] gx, float[] gk, float[] gb) in new[] { (dx, dKernel, dBias), (dx2, dKernel2, dBias2) })
        {
            AssertClose("dx", refDx, gx, tolerance);
            AssertClose("dKernel", refDKernel, gk, tolerance);
            if (withBias) AssertClose("dBias", refDBias, gb, tolerance);
        }

        // Unfolding the rows again reads the same floats as storing them: the same bits.
        Assert.Equal(dKernel, dKernel2);
        Assert.Equal(dBias, dBias2);
        Assert.Equal(dx, dx2);
    }

    [Fact]
    public void Backward_without_dx_leaves_the_scratch_alone_and_still_overwrites_the_weight_gradients()
    {
        WindowCase shape = WindowCase.Named("2d same 3x3 s2 c8 n3");
        Window2D w = shape.Window;
        const int Filters = 5;
        var random = new Random(5);
        float[] x = Uniform(random, shape.Samples * w.InputSize);
        float[] kernel = Uniform(random, w.PatchSize * Filters);
        float[] dz = Uniform(random, shape.Samples * w.OutputPositions * Filters);
        var columns = new float[shape.Samples * w.OutputPositions * w.PatchSize];
        Convolution.Im2Col(shape.Samples, w, x, columns);
        float[] dKernel = Enumerable.Repeat(9f, kernel.Length).ToArray();
        var dBias = new float[Filters];

        Convolution.Backward(shape.Samples, w, Filters, columns, kernel, dz, dKernel, dBias, [], [], []);

        (_, double[] refDKernel, double[] refDBias) = ConvolutionReference.Backward(shape.Samples, w, Filters, ToDouble(x), ToDouble(kernel), ToDouble(dz));
        AssertClose("dKernel", refDKernel, dKernel, 1e-4);
        AssertClose("dBias", refDBias, dBias, 1e-4);
    }

    [Fact]
    public void Pointwise_window_multiplies_x_directly_with_empty_scratch()
    {
        WindowCase shape = WindowCase.Named("2d pointwise 1x1 s1 c5 n3");
        Window2D w = shape.Window;
        const int Filters = 10;
        var random = new Random(11);
        float[] x = Uniform(random, shape.Samples * w.InputSize);
        float[] kernel = Uniform(random, w.PatchSize * Filters);
        float[] bias = Uniform(random, Filters);
        float[] dz = Uniform(random, shape.Samples * w.OutputPositions * Filters);
        var y = new float[dz.Length];

        Convolution.Forward(shape.Samples, w, Filters, x, kernel, bias, [], y);
        var dKernel = new float[kernel.Length];
        var dBias = new float[Filters];
        var dx = new float[x.Length];
        Convolution.Backward(shape.Samples, w, Filters, x, kernel, dz, dKernel, dBias, new float[kernel.Length], [], dx);

        AssertClose("y", ConvolutionReference.Forward(shape.Samples, w, Filters, ToDouble(x), ToDouble(kernel), ToDouble(bias)), y);
        (double[] refDx, double[] refDKernel, double[] refDBias) = ConvolutionReference.Backward(shape.Samples, w, Filters, ToDouble(x), ToDouble(kernel), ToDouble(dz));
        AssertClose("dx", refDx, dx, 1e-4);
        AssertClose("dKernel", refDKernel, dKernel, 1e-4);
        AssertClose("dBias", refDBias, dBias, 1e-4);
    }

    [Fact]
    public void Geometry_whose_sizes_overflow_int_throws_instead_of_indexing_past_the_spans()
    {
        // A Same-padded int.MaxValue kernel on a 4×4 input: PatchSize wraps around int.
        var huge = new Window2D(4, 4, 1, int.MaxValue, int.MaxValue, 1, 1, 0, 0, 4, 4);
        var e = Assert.Throws<ArgumentException>(() => Convolution.Forward(1, huge, 4, new float[16], new float[8], default, new float[64], new float[64]));
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Pooling.MaxForward(1, huge, new float[16], new float[16]));

        // Small sizes, but the second column of windows reaches column int.MaxValue + 1, past int.
        var farStride = new Window2D(4, 4, 1, 2, 2, 1, int.MaxValue, 0, 0, 3, 2);
        e = Assert.Throws<ArgumentException>(() => Pooling.AverageForward(1, farStride, new float[16], new float[6]));
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);

        // 2²² · 2²² · 2²⁰ = 2⁶⁴ wraps a long to 0, and InputSize to 0 as well: an empty x would pass the length check.
        // Checked directly, since a kernel let through would read far past its spans.
        var wrapsLong = new Window2D(1 << 22, 1 << 22, 1 << 20, 1, 1, 1, 1, 0, 0, 1, 1);
        e = Assert.Throws<ArgumentException>(() => KernelChecks.Window(wrapsLong, 1));
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_span_lengths_throw_ArgumentException_naming_the_sizes()
    {
        Window2D w = WindowCase.Named("2d same 2x3 s2 c5 n3 (odd totals)").Window;
        const int Samples = 2, Filters = 3;
        int inputs = Samples * w.InputSize, cols = Samples * w.OutputPositions * w.PatchSize, outputs = Samples * w.OutputPositions * Filters;
        int kernel = w.PatchSize * Filters;

        var e = Assert.Throws<ArgumentException>(() => Convolution.Im2Col(Samples, w, new float[inputs - 1], new float[cols]));
        Assert.Contains($"Expected {inputs} values", e.Message);
        Assert.Contains($"got {inputs - 1}", e.Message);
        Assert.Throws<ArgumentException>(() => Convolution.Im2Col(Samples, w, new float[inputs], new float[cols + 1]));
        Assert.Throws<ArgumentException>(() => Convolution.Col2Im(Samples, w, new float[cols - 1], new float[inputs]));
        Assert.Throws<ArgumentException>(() => Convolution.Col2Im(Samples, w, new float[cols], new float[inputs + 1]));
        Assert.Throws<ArgumentException>(() => Convolution.Forward(Samples, w, Filters, new float[inputs], new float[kernel + 1], [], new float[cols], new float[outputs]));
        Assert.Throws<ArgumentException>(() => Convolution.Forward(Samples, w, Filters, new float[inputs], new float[kernel], new float[Filters - 1], new float[cols], new float[outputs]));
        Assert.Throws<ArgumentException>(() => Convolution.Forward(Samples, w, Filters, new float[inputs], new float[kernel], [], new float[cols - 1], new float[outputs]));
        Assert.Throws<ArgumentException>(() => Convolution.Forward(Samples, w, Filters, new float[inputs], new float[kernel], [], new float[cols], new float[outputs - 1]));
        Assert.Throws<ArgumentException>(() => Convolution.Backward(Samples, w, Filters, new float[cols], new float[kernel], new float[outputs + 1],
            new float[kernel], [], new float[kernel], new float[cols], new float[inputs]));
        Assert.Throws<ArgumentException>(() => Convolution.Backward(Samples, w, Filters, new float[cols], new float[kernel], new float[outputs],
            new float[kernel - 1], [], new float[kernel], new float[cols], new float[inputs]));
        Assert.Throws<ArgumentException>(() => Convolution.Backward(Samples, w, Filters, new float[cols], new float[kernel], new float[outputs],
            new float[kernel], new float[2], new float[kernel], new float[cols], new float[inputs]));
        Assert.Throws<ArgumentException>(() => Convolution.Backward(Samples, w, Filters, new float[cols], new float[kernel], new float[outputs],
            new float[kernel], [], new float[kernel - 1], new float[cols], new float[inputs]));
        Assert.Throws<ArgumentException>(() => Convolution.Backward(Samples, w, Filters, new float[cols], new float[kernel], new float[outputs],
            new float[kernel], [], new float[kernel], new float[cols - 1], new float[inputs]));
        Assert.Throws<ArgumentException>(() => Convolution.Backward(Samples, w, Filters, new float[cols], new float[kernel], new float[outputs],
            new float[kernel], [], new float[kernel], new float[cols], new float[inputs - 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Convolution.Forward(Samples, w, 0, new float[inputs], [], [], new float[cols], []));
        Window2D dense = new(4, 4, 1, 2, 2, 1, 1, 0, 0, 2, 2);
        foreach (var badWindow in new[] { new Window2D(4, 4, 1, 2, 2, 0, 1, 0, 0, 2, 2), new Window2D(4, 4, 1, 2, 2, 1, 0, 0, 0, 2, 2), dense with { DilationWidth = 0 }, dense with { DilationHeight = -1 } })
        {
            Assert.Throws<ArgumentException>(() => Convolution.Im2Col(1, badWindow, new float[16], new float[16]));
        }
    }

    [Fact]
    public void A_dilation_whose_window_extent_overflows_int_throws()
    {
        // Three taps int.MaxValue apart: the last one lies past int, although every size is small.
        var w = new Window2D(1, 4, 1, 1, 3, 1, 1, 0, 0, 1, 4) { DilationWidth = int.MaxValue };
        var e = Assert.Throws<ArgumentException>(() => Convolution.Forward(1, w, 1, new float[4], new float[3], default, new float[12], new float[4]));
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_window_is_dense_and_Conv2D_geometry_is_unchanged_by_the_dilation_fields()
    {
        var w = new Window2D(6, 7, 1, 3, 3, 1, 1, 0, 0, 4, 5);
        Assert.Equal((1, 1), (w.DilationHeight, w.DilationWidth));
        Assert.True(w.IsDense);
        Assert.False((w with { DilationWidth = 2 }).IsDense);
    }

    [Fact]
    public void A_causal_window_never_reads_a_later_step()
    {
        // Output step t of a causal window covers input steps t − d(k − 1) … t: changing step t + 1 leaves y[t] alone.
        WindowCase shape = WindowCase.Named("1d causal 3 d2 s1 c2 n3");
        Window2D w = shape.Window;
        const int Filters = 3;
        var random = new Random(21);
        float[] x = Uniform(random, w.InputSize), kernel = Uniform(random, w.PatchSize * Filters);
        var y = new float[w.OutputPositions * Filters];
        var columns = new float[w.OutputPositions * w.PatchSize];
        Convolution.Forward(1, w, Filters, x, kernel, [], columns, y);
        for (int t = 0; t + 1 < w.Width; t++)
        {
            float[] changed = (float[])x.Clone();
            for (int later = (t + 1) * w.Channels; later < changed.Length; later++) changed[later] += 10f;
            var yChanged = new float[y.Length];
            Convolution.Forward(1, w, Filters, changed, kernel, [], columns, yChanged);
            Assert.Equal(y.AsSpan(0, (t + 1) * Filters).ToArray(), yChanged.AsSpan(0, (t + 1) * Filters).ToArray());
            Assert.NotEqual(y[(t + 1) * Filters], yChanged[(t + 1) * Filters]);
        }
    }

    [Theory]
    [InlineData(3, 2, 2, true)]
    [InlineData(2, 1, 3, false)]
    [InlineData(1, 1, 2, true)]
    public void CausalStep_through_a_sequence_gives_the_causal_convolution_of_each_step(int k, int dilation, int channels, bool withBias)
    {
        const int Steps = 9, Filters = 3;
        var w = new Window2D(1, Steps, channels, 1, k, 1, 1, 0, dilation * (k - 1), 1, Steps) { DilationWidth = dilation };
        var random = new Random(k * 100 + dilation * 10 + channels);
        float[] x = Uniform(random, w.InputSize), kernel = Uniform(random, w.PatchSize * Filters);
        float[] bias = withBias ? Uniform(random, Filters) : [];
        double[] expected = ConvolutionReference.Forward(1, w, Filters, ToDouble(x), ToDouble(kernel), withBias ? ToDouble(bias) : null);

        var history = new float[dilation * (k - 1) * channels];
        var columns = new float[k * channels];
        var y = new float[Steps * Filters];
        for (int t = 0; t < Steps; t++)
        {
            Convolution.CausalStep(k, dilation, channels, Filters, x.AsSpan(t * channels, channels), kernel, bias, history, columns, y.AsSpan(t * Filters, Filters));
        }

        AssertClose("y", expected, y, 1e-5 * Math.Sqrt(w.PatchSize));
        Assert.Equal(x.AsSpan(x.Length - history.Length).ToArray(), history); // the last d·(k − 1) inputs, oldest first
    }

    [Fact]
    public void CausalStep_rejects_wrong_lengths_before_touching_the_history()
    {
        var history = new float[4];
        history.AsSpan().Fill(7f);
        Assert.Throws<ArgumentException>(() => Convolution.CausalStep(3, 1, 2, 2, new float[2], new float[12], [], new float[3], new float[6], new float[2]));
        Assert.Throws<ArgumentException>(() => Convolution.CausalStep(3, 1, 2, 2, new float[3], new float[12], [], history, new float[6], new float[2]));
        Assert.Throws<ArgumentException>(() => Convolution.CausalStep(3, 1, 2, 2, new float[2], new float[12], [], history, new float[6], new float[1]));
        Assert.All(history, v => Assert.Equal(7f, v));
    }
}
