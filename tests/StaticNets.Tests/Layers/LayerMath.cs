using StaticNets.Runtime;

namespace StaticNets.Tests.Layers;

/// <summary>Random data, finite differences and comparisons shared by the layer-kernel tests, all in double.</summary>
internal static class LayerMath
{
    public static float[] Uniform(Random random, int count, double low = -1, double high = 1)
        => Enumerable.Range(0, count).Select(_ => (float)(low + (high - low) * random.NextDouble())).ToArray();

    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }

    public static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Up to <paramref name="count"/> random indices below <paramref name="length"/>, always with the first and last.</summary>
    public static int[] SampleIndices(Random random, int length, int count = 40)
    {
        if (length <= count) return Enumerable.Range(0, length).ToArray();
        var set = new SortedSet<int> { 0, length - 1 };
        while (set.Count < count) set.Add(random.Next(length));
        return set.ToArray();
    }

    /// <summary>
    /// Central differences of <paramref name="loss"/> with respect to <paramref name="point"/>[i] for each sampled i,
    /// asserted against <paramref name="gradient"/> (what the kernel under test returned).
    /// </summary>
    public static void AssertMatchesFiniteDifferences(
        string what, Func<double[], double> loss, double[] point, ReadOnlySpan<float> gradient, int[] indices, double tolerance = 2e-4, double step = 1e-5)
    {
        Assert.Equal(point.Length, gradient.Length);
        foreach (int i in indices)
        {
            double saved = point[i];
            point[i] = saved + step;
            double plus = loss(point);
            point[i] = saved - step;
            double minus = loss(point);
            point[i] = saved;
            double numeric = (plus - minus) / (2 * step);
            Assert.True(
                Math.Abs(gradient[i] - numeric) <= tolerance * (1 + Math.Abs(numeric)),
                $"{what}[{i}]: kernel {gradient[i]}, finite difference {numeric}");
        }
    }

    /// <summary>
    /// Asserts that a generated gradient matches the central difference (step 1e-5) of a double-precision reference loss
    /// over weight <paramref name="i"/>, within 1e-4 absolute + 1e-3 relative.
    /// </summary>
    public static void AssertGradient(string what, float actual, double[] w, int i, Func<double[], double> loss)
    {
        const double step = 1e-5;
        double saved = w[i];
        w[i] = saved + step;
        double up = loss(w);
        w[i] = saved - step;
        double down = loss(w);
        w[i] = saved;
        double numeric = (up - down) / (2 * step);
        Assert.True(Math.Abs(actual - numeric) <= 1e-4 + 1e-3 * Math.Abs(numeric), $"{what}: generated {actual:R}, finite difference {numeric:R}");
    }

    /// <summary>Element-wise |actual − expected| ≤ tolerance · (1 + |expected|).</summary>
    public static void AssertClose(string what, ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(actual[i] - expected[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"{what}[{i}] = {actual[i]}, expected {expected[i]}");
        }
    }

    /// <summary>
    /// Asserts that a backward kernel is the adjoint of its forward kernel: <c>&lt;y, dy&gt; = &lt;x, dx&gt;</c> for
    /// <c>y = forward(x)</c> and <c>dx = backward(dy)</c>, in double, within <paramref name="tolerance"/> relative to Σ|y·dy|.
    /// </summary>
    public static void AssertAdjoint(string what, float[] x, float[] y, float[] dy, float[] dx, double tolerance = 1e-6)
    {
        double left = Dot(ToDouble(y), ToDouble(dy)), right = Dot(ToDouble(x), ToDouble(dx));
        double scale = 1 + y.Zip(dy, (a, b) => Math.Abs((double)a * b)).Sum();
        Assert.True(Math.Abs(left - right) <= tolerance * scale, $"{what}: <forward x, dy> = {left:R}, <x, backward dy> = {right:R}");
    }

    /// <summary>Floats either side of a span under test in <see cref="Guarded"/> arrays, and the value they hold.</summary>
    public const int GuardLength = 16;
    public const float GuardValue = 42f;

    /// <summary>
    /// An array of <paramref name="length"/> floats set to <paramref name="inside"/> between two runs of
    /// <see cref="GuardLength"/> floats set to <see cref="GuardValue"/>; pass <see cref="Inside"/> to the kernel.
    /// </summary>
    public static float[] Guarded(int length, float inside = float.NaN)
    {
        var result = new float[length + 2 * GuardLength];
        Array.Fill(result, GuardValue);
        result.AsSpan(GuardLength, length).Fill(inside);
        return result;
    }

    /// <summary>An array of <paramref name="values"/> between two guard runs.</summary>
    public static float[] Guarded(float[] values)
    {
        float[] result = Guarded(values.Length);
        values.CopyTo(result, GuardLength);
        return result;
    }

    public static Span<float> Inside(float[] guarded) => guarded.AsSpan(GuardLength, guarded.Length - 2 * GuardLength);

    /// <summary>Asserts that a kernel wrote nothing outside its span of a <see cref="Guarded"/> array.</summary>
    public static void AssertGuardsKept(string what, float[] guarded)
    {
        for (int i = 0; i < GuardLength; i++)
        {
            Assert.True(guarded[i] == GuardValue && guarded[^(i + 1)] == GuardValue, $"{what}: a guard float was overwritten");
        }
    }

    /// <summary>The input cell (row, col) that window offset (i, j) of output (oh, ow) covers, or null on padding.</summary>
    public static (int Row, int Col)? Cell(in Window2D w, int oh, int ow, int i, int j)
    {
        int row = oh * w.StrideHeight - w.PadTop + i * w.DilationHeight, col = ow * w.StrideWidth - w.PadLeft + j * w.DilationWidth;
        return row >= 0 && row < w.Height && col >= 0 && col < w.Width ? (row, col) : null;
    }

    public static int InputIndex(in Window2D w, int n, int row, int col, int c) => ((n * w.Height + row) * w.Width + col) * w.Channels + c;

    public static int OutputIndex(in Window2D w, int n, int oh, int ow, int c, int channels) => ((n * w.OutputHeight + oh) * w.OutputWidth + ow) * channels + c;
}
