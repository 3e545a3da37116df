using StaticNets.Runtime;
using StaticNets.Tests.Reference;

namespace StaticNets.Tests;

/// <summary><see cref="NetworkRandom"/>'s initializers: uniform, Glorot uniform, orthogonal, and the normal draws behind it.</summary>
public class NetworkRandomTests
{
    [Theory]
    [InlineData(3, 3)]
    [InlineData(4, 12)] // a GRU's recurrent kernel: orthonormal rows
    [InlineData(5, 20)] // an LSTM's
    [InlineData(12, 4)] // orthonormal columns
    [InlineData(1, 5)]
    [InlineData(5, 1)]
    [InlineData(7, 6)]
    [InlineData(64, 256)]
    public void FillOrthogonal_gives_orthonormal_rows_or_columns(int rows, int cols)
    {
        var kernel = new float[rows * cols];
        new NetworkRandom(rows * 100 + cols).FillOrthogonal(kernel, rows, cols);

        // rows ≤ cols: K·Kᵀ = I (rows × rows); rows ≥ cols: Kᵀ·K = I (cols × cols).
        bool byRows = rows <= cols;
        int n = Math.Min(rows, cols), length = Math.Max(rows, cols);
        double Entry(int a, int p) => byRows ? kernel[a * cols + p] : kernel[p * cols + a];
        double worst = 0;
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                double dot = 0;
                for (int p = 0; p < length; p++) dot += Entry(a, p) * Entry(b, p);
                worst = Math.Max(worst, Math.Abs(dot - (a == b ? 1 : 0)));
            }
        }

        Assert.True(worst <= 1e-5, $"largest |QQᵀ − I| entry: {worst}");
    }

    [Fact]
    public void FillOrthogonal_is_deterministic_for_a_seed_and_differs_between_seeds()
    {
        float[] Draw(int seed)
        {
            var kernel = new float[6 * 18];
            new NetworkRandom(seed).FillOrthogonal(kernel, 6, 18);
            return kernel;
        }

        Assert.Equal(Draw(7), Draw(7));
        Assert.NotEqual(Draw(7), Draw(8));
    }

    [Fact]
    public void FillOrthogonal_is_Q_of_the_drawn_matrix_with_a_positive_R_diagonal()
    {
        // For rows ≥ cols, Q = A·R⁻¹ with R upper triangular and positive on its diagonal: so Qᵀ·A = R, upper
        // triangular with a positive diagonal, where A is the normal matrix drawn row by row from the same seed.
        const int Rows = 7, Cols = 4;
        var kernel = new float[Rows * Cols];
        new NetworkRandom(3).FillOrthogonal(kernel, Rows, Cols);
        var stream = new NetworkRandom(3);
        double spare = double.NaN;
        double[] a = Enumerable.Range(0, Rows * Cols).Select(_ => stream.NextStandardNormal(ref spare)).ToArray();
        for (int i = 0; i < Cols; i++)
        {
            for (int j = 0; j < Cols; j++)
            {
                double r = 0;
                for (int p = 0; p < Rows; p++) r += kernel[p * Cols + i] * a[p * Cols + j];
                if (i > j) Assert.True(Math.Abs(r) < 1e-5, $"R[{i},{j}] = {r}");
                if (i == j) Assert.True(r > 0.1, $"R[{i},{i}] = {r}");
            }
        }
    }

    [Fact]
    public void The_normal_and_orthogonal_streams_of_a_seed_stay_as_they_are()
    {
        // Pinned when written: a change here changes the weights of every seeded network with a recurrent layer.
        var stream = new NetworkRandom(1);
        double spare = double.NaN;
        long[] normals = Enumerable.Range(0, 4).Select(_ => BitConverter.DoubleToInt64Bits(stream.NextStandardNormal(ref spare))).ToArray();
        Assert.Equal([0x3FDB7C251A5470CC, 0x3FF95F5305298699, 0x3FDD368FE72BB620, unchecked((long)0xBFAB9BB240029695)], normals);

        var kernel = new float[6];
        new NetworkRandom(1).FillOrthogonal(kernel, 2, 3);
        Assert.Equal([0.6075778f, 0.6457809f, -0.46240264f, 0.6606844f, -0.08778507f, 0.7455132f], kernel);
    }

    [Fact]
    public void FillOrthogonal_checks_its_arguments()
    {
        var stream = new NetworkRandom(1);
        Assert.Throws<ArgumentException>(() => stream.FillOrthogonal(new float[11], 3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.FillOrthogonal([], 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.FillOrthogonal([], 4, -1));
    }

    [Fact]
    public void Normal_draws_have_the_standard_normal_distribution()
    {
        const int Count = 200_000;
        var stream = new NetworkRandom(5);
        double spare = double.NaN;
        double[] draws = Enumerable.Range(0, Count).Select(_ => stream.NextStandardNormal(ref spare)).ToArray();
        double mean = draws.Average(), variance = draws.Sum(v => (v - mean) * (v - mean)) / Count;
        Assert.True(Math.Abs(mean) < 0.01, $"mean {mean}");
        Assert.True(Math.Abs(variance - 1) < 0.015, $"variance {variance}");
        foreach (double x in new[] { -2.5, -1.0, -0.3, 0.0, 0.7, 1.5, 3.0 })
        {
            double fraction = draws.Count(v => v <= x) / (double)Count;
            Assert.True(Math.Abs(fraction - ErrorFunctionReference.NormalCdf(x)) < 0.005, $"P(X ≤ {x}) = {fraction}");
        }
    }

    [Fact]
    public void The_portable_logarithm_matches_Math_Log()
    {
        var random = new Random(9);
        double[] samples = [1.0, 0.5, 2.0, Math.Sqrt(0.5), Math.Sqrt(2.0), 1e-300, 1e300, 0.9999999999, 1.0000000001];
        foreach (double x in samples.Concat(Enumerable.Range(0, 2000).Select(_ => Math.Exp(60 * random.NextDouble() - 50))))
        {
            double expected = Math.Log(x), actual = NetworkRandom.Log(x);
            Assert.True(Math.Abs(actual - expected) <= 4e-16 * Math.Max(1.0, Math.Abs(expected)), $"ln {x:R}: {actual:R}, Math.Log {expected:R}");
        }
    }

    [Fact]
    public void FillUniform_stays_within_the_limit_and_covers_it()
    {
        var values = new float[20_000];
        new NetworkRandom(4).FillUniform(values, 0.05);
        Assert.All(values, v => Assert.True(Math.Abs(v) <= 0.05f, $"{v} outside ±0.05"));
        Assert.True(values.Min() < -0.0499f && values.Max() > 0.0499f, $"range [{values.Min()}, {values.Max()}]");
        Assert.True(Math.Abs(values.Average(v => (double)v)) < 0.001, "mean");
        Assert.True(values.Count(v => v < 0) is > 9_700 and < 10_300, "balance of signs");
    }

    [Fact]
    public void FillGlorotUniform_is_FillUniform_with_the_Glorot_limit()
    {
        float[] glorot = new float[300], uniform = new float[300];
        new NetworkRandom(12).FillGlorotUniform(glorot, 10, 30);
        new NetworkRandom(12).FillUniform(uniform, Math.Sqrt(6.0 / 40));
        Assert.Equal(glorot, uniform);
    }
}
