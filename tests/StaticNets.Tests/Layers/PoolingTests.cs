using StaticNets.Runtime;
using StaticNets.Tests.Support;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary>Windowed <see cref="Pooling"/> against naive double pooling, its analytic gradients and finite differences.</summary>
public class PoolingTests
{
    // Pooling is piecewise linear in x: a tiny step in double stays inside one piece.
    private const double Step = 1e-7;

    [Theory]
    [MemberData(nameof(WindowCase.Names), MemberType = typeof(WindowCase))]
    public void Max_pooling_matches_the_reference_forward_and_backward(string name)
    {
        WindowCase shape = WindowCase.Named(name);
        Window2D w = shape.Window;
        int samples = shape.Samples;
        var random = new Random(StableSeed.Of(name) + 3);
        // All-negative inputs: a padding cell treated as 0 instead of −∞ would win and show up.
        float[] x = Uniform(random, samples * w.InputSize, -2, -0.5);
        float[] y = Enumerable.Repeat(float.NaN, samples * w.OutputPositions * w.Channels).ToArray();
        Pooling.MaxForward(samples, w, x, y);
        (double[] refY, _) = PoolingReference.Max(samples, w, ToDouble(x));
        AssertClose("y", refY, y, 0);

        float[] dy = Uniform(random, y.Length);
        float[] dx = Enumerable.Repeat(5f, x.Length).ToArray();
        Pooling.MaxBackward(samples, w, x, y, dy, dx);
        AssertClose("dx", PoolingReference.MaxBackward(samples, w, ToDouble(x), ToDouble(dy)), dx, 1e-6);

        double[] r = ToDouble(dy);
        AssertMatchesFiniteDifferences("dx", p => Dot(PoolingReference.Max(samples, w, p).Y, r), ToDouble(x), dx,
            SampleIndices(random, x.Length), 1e-5, Step);
    }

    [Theory]
    [MemberData(nameof(WindowCase.Names), MemberType = typeof(WindowCase))]
    public void Average_pooling_divides_by_the_real_cells_forward_and_backward(string name)
    {
        WindowCase shape = WindowCase.Named(name);
        Window2D w = shape.Window;
        int samples = shape.Samples;
        var random = new Random(StableSeed.Of(name) + 4);
        float[] x = Uniform(random, samples * w.InputSize);
        float[] y = Enumerable.Repeat(float.NaN, samples * w.OutputPositions * w.Channels).ToArray();
        Pooling.AverageForward(samples, w, x, y);
        AssertClose("y", PoolingReference.Average(samples, w, ToDouble(x)), y, 1e-6);

        float[] dy = Uniform(random, y.Length);
        float[] dx = Enumerable.Repeat(5f, x.Length).ToArray();
        Pooling.AverageBackward(samples, w, dy, dx);
        AssertClose("dx", PoolingReference.AverageBackward(samples, w, ToDouble(dy)), dx, 1e-6);

        double[] r = ToDouble(dy);
        AssertMatchesFiniteDifferences("dx", p => Dot(PoolingReference.Average(samples, w, p), r), ToDouble(x), dx,
            SampleIndices(random, x.Length), 1e-5, Step);
    }

    [Fact]
    public void Same_average_pooling_of_a_constant_stays_constant_at_the_padded_edges()
    {
        // 5×7 input, 2×2 window, stride 2, "same": the last row and column of windows overhang into padding.
        Window2D w = WindowCase.Named("2d same 2x2 s2 c9 n1 (odd input)").Window;
        float[] x = Enumerable.Repeat(3f, w.InputSize).ToArray();
        var y = new float[w.OutputPositions * w.Channels];
        Pooling.AverageForward(1, w, x, y);
        Assert.All(y, v => Assert.Equal(3f, v));
    }

    [Fact]
    public void Max_pooling_ties_route_each_gradient_to_the_first_cell_in_window_order()
    {
        // Overlapping 3×3 windows, stride 2, over a constant input: every window is one big tie.
        foreach (int channels in new[] { 1, 5, 17 })
        {
            var w = new Window2D(7, 7, channels, 3, 3, 2, 2, 0, 0, 3, 3);
            float[] x = Enumerable.Repeat(0.25f, w.InputSize).ToArray();
            var y = new float[w.OutputPositions * channels];
            Pooling.MaxForward(1, w, x, y);
            float[] dy = Enumerable.Range(0, y.Length).Select(i => 1f + i).ToArray();
            var dx = new float[x.Length];
            Pooling.MaxBackward(1, w, x, y, dy, dx);

            var expected = new double[dx.Length];
            for (int oh = 0; oh < 3; oh++)
            for (int ow = 0; ow < 3; ow++)
            for (int c = 0; c < channels; c++)
            {
                // The window's top-left cell is its first in row-major order.
                expected[InputIndex(w, 0, oh * 2, ow * 2, c)] += dy[OutputIndex(w, 0, oh, ow, c, channels)];
            }

            AssertClose($"dx (channels {channels})", expected, dx, 0);
        }
    }

    [Fact]
    public void Strides_step_rows_by_StrideHeight_and_columns_by_StrideWidth()
    {
        // A 1×1 window samples the input: output (oh, ow) is input (2·oh, 3·ow), written out without Window2D's help.
        const int Height = 5, Width = 7, Channels = 2;
        var w = new Window2D(Height, Width, Channels, 1, 1, 2, 3, 0, 0, 3, 3);
        float[] x = Enumerable.Range(0, w.InputSize).Select(i => (float)i).ToArray();
        var expected = new double[w.OutputPositions * Channels];
        for (int oh = 0; oh < 3; oh++)
        for (int ow = 0; ow < 3; ow++)
        for (int c = 0; c < Channels; c++)
        {
            expected[(oh * 3 + ow) * Channels + c] = ((2 * oh) * Width + 3 * ow) * Channels + c;
        }

        var max = new float[expected.Length];
        var average = new float[expected.Length];
        Pooling.MaxForward(1, w, x, max);
        Pooling.AverageForward(1, w, x, average);
        AssertClose("max", expected, max, 0);
        AssertClose("average", expected, average, 0);
    }

    [Fact]
    public void Max_pooling_with_NaN_inputs_stays_inside_its_spans()
    {
        foreach (WindowCase shape in WindowCase.All)
        {
            Window2D w = shape.Window;
            int samples = shape.Samples, inputs = samples * w.InputSize, outputs = samples * w.OutputPositions * w.Channels;
            var random = new Random(7);
            float[] values = Uniform(random, inputs);
            for (int i = 0; i < inputs; i += 3) values[i] = float.NaN;

            // Each span sits inside a larger array with sentinels on both sides.
            const int Guard = 16;
            float[] x = Padded(values), y = new float[outputs + 2 * Guard], dy = Padded(Uniform(random, outputs)), dx = new float[inputs + 2 * Guard];
            Array.Fill(y, 42f);
            Array.Fill(dx, 42f);
            Pooling.MaxForward(samples, w, x.AsSpan(Guard, inputs), y.AsSpan(Guard, outputs));
            Pooling.MaxBackward(samples, w, x.AsSpan(Guard, inputs), y.AsSpan(Guard, outputs), dy.AsSpan(Guard, outputs), dx.AsSpan(Guard, inputs));

            Assert.All(y[..Guard].Concat(y[^Guard..]).Concat(dx[..Guard]).Concat(dx[^Guard..]), v => Assert.Equal(42f, v));
            // Each dy goes to at most one cell, so the routed total cannot exceed Σ|dy|.
            double routed = dx.AsSpan(Guard, inputs).ToArray().Sum(v => Math.Abs((double)v));
            Assert.True(routed <= dy.Sum(v => Math.Abs((double)v)) + 1e-3, shape.Name);

            static float[] Padded(float[] core)
            {
                var result = new float[core.Length + 2 * Guard];
                core.CopyTo(result, Guard);
                return result;
            }
        }
    }

    [Fact]
    public void Wrong_span_lengths_throw_ArgumentException()
    {
        Window2D w = WindowCase.Named("2d same 3x2 s3 c17 n3 (odd totals)").Window;
        const int Samples = 3;
        int inputs = Samples * w.InputSize, outputs = Samples * w.OutputPositions * w.Channels;
        var e = Assert.Throws<ArgumentException>(() => Pooling.MaxForward(Samples, w, new float[inputs + 1], new float[outputs]));
        Assert.Contains($"Expected {inputs} values", e.Message);
        Assert.Throws<ArgumentException>(() => Pooling.MaxForward(Samples, w, new float[inputs], new float[outputs - 1]));
        Assert.Throws<ArgumentException>(() => Pooling.MaxBackward(Samples, w, new float[inputs], new float[outputs], new float[outputs - 1], new float[inputs]));
        Assert.Throws<ArgumentException>(() => Pooling.MaxBackward(Samples, w, new float[inputs], new float[outputs], new float[outputs], new float[inputs - 1]));
        Assert.Throws<ArgumentException>(() => Pooling.MaxBackward(Samples, w, new float[inputs], new float[outputs + 1], new float[outputs], new float[inputs]));
        Assert.Throws<ArgumentException>(() => Pooling.AverageForward(Samples, w, new float[inputs - 1], new float[outputs]));
        Assert.Throws<ArgumentException>(() => Pooling.AverageBackward(Samples, w, new float[outputs], new float[inputs + 1]));
        Assert.Throws<ArgumentException>(() => Pooling.AverageBackward(Samples, w, new float[outputs + 1], new float[inputs]));
    }

    [Fact]
    public void A_dilated_window_throws_instead_of_being_pooled_as_a_dense_one()
    {
        Window2D w = WindowCase.Named("1d same 3 s1 c1 n3").Window with { DilationWidth = 2 };
        int inputs = 3 * w.InputSize, outputs = 3 * w.OutputPositions * w.Channels;
        var e = Assert.Throws<ArgumentException>(() => Pooling.MaxForward(3, w, new float[inputs], new float[outputs]));
        Assert.Contains("dilations 1×2", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Pooling.MaxBackward(3, w, new float[inputs], new float[outputs], new float[outputs], new float[inputs]));
        Assert.Throws<ArgumentException>(() => Pooling.AverageForward(3, w, new float[inputs], new float[outputs]));
        Assert.Throws<ArgumentException>(() => Pooling.AverageBackward(3, w, new float[outputs], new float[inputs]));
    }
}
