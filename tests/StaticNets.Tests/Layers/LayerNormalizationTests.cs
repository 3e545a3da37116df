using StaticNets.Runtime;
using StaticNets.Tests.Support;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary><see cref="LayerNormalization"/> against Keras's per-row formula in double, and finite differences of it.</summary>
public class LayerNormalizationTests
{
    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        // features: one (variance 0), odd tails after whole 4- and 8-float vectors, several vectors.
        foreach ((int rows, int features) in new[] { (1, 1), (3, 1), (1, 3), (5, 8), (4, 13), (7, 33), (2, 64), (12, 5) })
        {
            data.Add(rows, features);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_normalises_each_row_by_its_own_mean_and_biased_variance(int rows, int features)
    {
        var random = new Random(rows * 100 + features);
        const float Epsilon = 1e-3f;
        float[] gamma = Uniform(random, features, 0.5, 2), beta = Uniform(random, features);
        float[] x = Uniform(random, rows * features, -3, 3);
        (double[] expected, _, _) = Reference(rows, features, Epsilon, ToDouble(x), ToDouble(gamma), ToDouble(beta));

        float[] y = Guarded(rows * features);
        LayerNormalization.Forward(rows, features, Epsilon, gamma, beta, x, Inside(y));
        AssertClose("y", expected, Inside(y), 1e-5);
        AssertGuardsKept("y", y);

        // In place gives the same bits.
        float[] inPlace = (float[])x.Clone();
        LayerNormalization.Forward(rows, features, Epsilon, gamma, beta, inPlace, inPlace);
        Assert.Equal(Inside(y).ToArray(), inPlace);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Training_forward_gives_the_inference_bits_and_keeps_the_normalised_rows(int rows, int features)
    {
        var random = new Random(rows * 100 + features + 1);
        const float Epsilon = 1e-2f;
        float[] gamma = Uniform(random, features, 0.5, 2), beta = Uniform(random, features);
        float[] x = Uniform(random, rows * features, -3, 3);
        (_, double[] refNormalized, double[] refInverse) = Reference(rows, features, Epsilon, ToDouble(x), ToDouble(gamma), ToDouble(beta));

        float[] normalized = Guarded(rows * features), inverse = Guarded(rows), y = new float[x.Length], inference = new float[x.Length];
        LayerNormalization.TrainingForward(rows, features, Epsilon, gamma, beta, x, Inside(normalized), Inside(inverse), y);
        LayerNormalization.Forward(rows, features, Epsilon, gamma, beta, x, inference);

        Assert.Equal(inference, y);
        AssertClose("normalized", refNormalized, Inside(normalized), 1e-5);
        AssertClose("inverseDeviation", refInverse, Inside(inverse), 1e-6);
        AssertGuardsKept("normalized", normalized);
        AssertGuardsKept("inverseDeviation", inverse);
    }

    [Fact]
    public void Row_statistics_stay_accurate_far_from_zero()
    {
        // x = 1000 + small noise: E[x²] − E[x]² in float would lose every digit of the variance.
        const int Rows = 3, Features = 37;
        var random = new Random(3);
        float[] x = Uniform(random, Rows * Features, 999, 1001);
        float[] gamma = Enumerable.Repeat(1f, Features).ToArray(), beta = new float[Features];
        var y = new float[x.Length];
        LayerNormalization.Forward(Rows, Features, 1e-3f, gamma, beta, x, y);
        (double[] expected, _, _) = Reference(Rows, Features, 1e-3, ToDouble(x), ToDouble(gamma), ToDouble(beta));
        AssertClose("y", expected, y, 1e-4); // x − mean is exact only to float spacing at 1000 (6e-5)
    }

    [Fact]
    public void A_constant_row_gives_beta()
    {
        // Variance 0: (x − mean) is exactly 0, so y = beta whatever gamma and epsilon are.
        float[] x = Enumerable.Repeat(2.5f, 9).ToArray(), gamma = Enumerable.Repeat(3f, 9).ToArray();
        float[] beta = Enumerable.Range(0, 9).Select(i => i * 0.25f).ToArray();
        var y = new float[9];
        LayerNormalization.Forward(1, 9, 1e-3f, gamma, beta, x, y);
        Assert.Equal(beta, y);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_matches_the_chain_rule_and_finite_differences(int rows, int features)
    {
        var random = new Random(rows * 100 + features + 2);
        const float Epsilon = 1e-3f;
        float[] gamma = Uniform(random, features, 0.5, 2), beta = Uniform(random, features);
        float[] x = Uniform(random, rows * features, -2, 2);
        float[] dy = Uniform(random, x.Length); // loss = Σ y · dy
        var normalized = new float[x.Length];
        var inverse = new float[rows];
        var y = new float[x.Length];
        LayerNormalization.TrainingForward(rows, features, Epsilon, gamma, beta, x, normalized, inverse, y);

        float[] dx = Guarded(x.Length), dGamma = Guarded(features, 8f), dBeta = Guarded(features, 8f);
        LayerNormalization.Backward(rows, features, gamma, normalized, inverse, dy, Inside(dx), Inside(dGamma), Inside(dBeta));
        AssertGuardsKept("dx", dx);
        AssertGuardsKept("dGamma", dGamma);
        AssertGuardsKept("dBeta", dBeta);

        // The loss through the double reference, differentiated numerically in x, gamma and beta.
        double[] xd = ToDouble(x), gd = ToDouble(gamma), bd = ToDouble(beta), r = ToDouble(dy);
        double Loss(double[] xs, double[] gs, double[] bs) => Dot(Reference(rows, features, Epsilon, xs, gs, bs).Y, r);
        AssertMatchesFiniteDifferences("dx", p => Loss(p, gd, bd), xd, Inside(dx), SampleIndices(random, xd.Length), 1e-4);
        AssertMatchesFiniteDifferences("dGamma", p => Loss(xd, p, bd), gd, Inside(dGamma), SampleIndices(random, features), 1e-4);
        AssertMatchesFiniteDifferences("dBeta", p => Loss(xd, gd, p), bd, Inside(dBeta), SampleIndices(random, features), 1e-4);

        // dx may overwrite dy; without dx only the parameter gradients are written.
        float[] inPlace = (float[])dy.Clone();
        float[] dGamma2 = new float[features], dBeta2 = new float[features];
        LayerNormalization.Backward(rows, features, gamma, normalized, inverse, inPlace, inPlace, dGamma2, dBeta2);
        Assert.Equal(Inside(dx).ToArray(), inPlace);
        float[] dGamma3 = new float[features], dBeta3 = new float[features];
        LayerNormalization.Backward(rows, features, gamma, normalized, inverse, dy, default, dGamma3, dBeta3);
        Assert.Equal(Inside(dGamma).ToArray(), dGamma3);
        Assert.Equal(Inside(dBeta).ToArray(), dBeta3);
    }

    [Fact]
    public void The_input_gradient_of_each_row_sums_to_zero()
    {
        // y does not change when a constant is added to a row, so ∂loss/∂x is orthogonal to (1, …, 1) in every row.
        const int Rows = 6, Features = 21;
        var random = new Random(8);
        float[] gamma = Uniform(random, Features, 0.5, 2), beta = Uniform(random, Features);
        float[] x = Uniform(random, Rows * Features, -2, 2), dy = Uniform(random, x.Length);
        float[] normalized = new float[x.Length], inverse = new float[Rows], y = new float[x.Length], dx = new float[x.Length];
        LayerNormalization.TrainingForward(Rows, Features, 1e-3f, gamma, beta, x, normalized, inverse, y);
        LayerNormalization.Backward(Rows, Features, gamma, normalized, inverse, dy, dx, new float[Features], new float[Features]);
        for (int row = 0; row < Rows; row++)
        {
            double sum = dx.Skip(row * Features).Take(Features).Sum(v => (double)v);
            double scale = dx.Skip(row * Features).Take(Features).Sum(v => Math.Abs((double)v));
            Assert.True(Math.Abs(sum) <= 1e-5 * scale, $"row {row}: Σ dx = {sum}");
        }
    }

    [Fact]
    public void An_empty_batch_clears_the_parameter_gradients()
    {
        float[] dGamma = [1, 2, 3], dBeta = [4, 5, 6];
        LayerNormalization.Backward(0, 3, new float[3], [], [], [], [], dGamma, dBeta);
        Assert.Equal(new float[3], dGamma);
        Assert.Equal(new float[3], dBeta);
    }

    [Fact]
    public void Wrong_arguments_throw()
    {
        float[] f4 = new float[4], f3 = new float[3], r12 = new float[12], r11 = new float[11], r3 = new float[3];
        var e = Assert.Throws<ArgumentException>(() => LayerNormalization.Forward(3, 4, 1e-3f, f4, f3, r12, new float[12]));
        Assert.Contains("Expected 4 values in beta", e.Message);
        Assert.Throws<ArgumentException>(() => LayerNormalization.Forward(3, 4, 1e-3f, f4, f4, r12, r11));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerNormalization.Forward(3, 0, 1e-3f, [], [], [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerNormalization.Forward(-1, 4, 1e-3f, f4, f4, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerNormalization.Forward(3, 4, 0f, f4, f4, r12, new float[12]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerNormalization.Forward(3, 4, float.NaN, f4, f4, r12, new float[12]));
        Assert.Throws<ArgumentException>(() => LayerNormalization.TrainingForward(3, 4, 1e-3f, f4, f4, r12, r11, r3, new float[12]));
        Assert.Throws<ArgumentException>(() => LayerNormalization.TrainingForward(3, 4, 1e-3f, f4, f4, r12, new float[12], f4, new float[12]));
        Assert.Throws<ArgumentException>(() => LayerNormalization.Backward(3, 4, f4, r12, r3, r12, r11, f4, f4));
        Assert.Throws<ArgumentException>(() => LayerNormalization.Backward(3, 4, f4, r12, f4, r12, new float[12], f4, f4));
        Assert.Throws<ArgumentException>(() => LayerNormalization.Backward(3, 4, f4, r12, r3, r12, new float[12], f4, f3));

        // Outputs that overlap an input other than exactly would read values already overwritten.
        var shared = new float[16];
        Assert.Throws<ArgumentException>(() => LayerNormalization.Forward(3, 4, 1e-3f, f4, f4, shared.AsSpan(0, 12), shared.AsSpan(4, 12)));
        Assert.Throws<ArgumentException>(() => LayerNormalization.TrainingForward(3, 4, 1e-3f, f4, f4, shared.AsSpan(0, 12), shared.AsSpan(0, 12), r3, new float[12]));
        Assert.Throws<ArgumentException>(() => LayerNormalization.Backward(3, 4, f4, r12, r3, shared.AsSpan(0, 12), shared.AsSpan(2, 12), f4, f4));
    }

    [Fact]
    public void The_kernels_do_not_allocate()
    {
        const int Rows = 40, Features = 37;
        var random = new Random(5);
        float[] gamma = Uniform(random, Features), beta = Uniform(random, Features), x = Uniform(random, Rows * Features);
        float[] normalized = new float[x.Length], inverse = new float[Rows], y = new float[x.Length], dGamma = new float[Features], dBeta = new float[Features];

        void RunAll()
        {
            LayerNormalization.Forward(Rows, Features, 1e-3f, gamma, beta, x, y);
            LayerNormalization.TrainingForward(Rows, Features, 1e-3f, gamma, beta, x, normalized, inverse, y);
            LayerNormalization.Backward(Rows, Features, gamma, normalized, inverse, y, y, dGamma, dBeta);
        }

        RunAll();
        Assert.Equal(0, Allocations.LeastPerRound(RunAll, callsPerRound: 5));
    }

    /// <summary>Keras LayerNormalization in double: per row, (x − mean) / sqrt(biased variance + ε), then γ·… + β.</summary>
    private static (double[] Y, double[] Normalized, double[] InverseDeviation) Reference(int rows, int features, double epsilon, double[] x, double[] gamma, double[] beta)
    {
        var y = new double[x.Length];
        var normalized = new double[x.Length];
        var inverse = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double mean = 0, variance = 0;
            for (int i = 0; i < features; i++) mean += x[r * features + i];
            mean /= features;
            for (int i = 0; i < features; i++) variance += (x[r * features + i] - mean) * (x[r * features + i] - mean);
            variance /= features;
            inverse[r] = 1 / Math.Sqrt(variance + epsilon);
            for (int i = 0; i < features; i++)
            {
                int at = r * features + i;
                normalized[at] = (x[at] - mean) * inverse[r];
                y[at] = gamma[i] * normalized[at] + beta[i];
            }
        }

        return (y, normalized, inverse);
    }
}
