using StaticNets.Runtime;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary><see cref="BatchNormalization"/> against the Keras formulas in double, and finite differences of the training forward.</summary>
public class BatchNormalizationTests
{
    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        // rows = samples × positions; 300 channels spans two of the kernel's stack blocks.
        foreach ((int rows, int channels) in new[] { (1, 5), (7, 1), (7, 17), (3 * 36, 5), (3 * 36, 32), (5, 300), (2, 9) })
        {
            data.Add(rows, channels);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Inference_uses_the_moving_statistics_and_may_run_in_place(int rows, int channels)
    {
        var random = new Random(rows * 1000 + channels);
        const float Epsilon = 1e-3f;
        float[] gamma = Uniform(random, channels, 0.5, 2), beta = Uniform(random, channels);
        float[] mean = Uniform(random, channels, -2, 2), variance = Uniform(random, channels, 0.1, 3);
        float[] x = Uniform(random, rows * channels, -3, 3);
        var expected = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int c = i % channels;
            expected[i] = (double)gamma[c] * (x[i] - (double)mean[c]) / Math.Sqrt((double)variance[c] + Epsilon) + beta[c];
        }

        var y = new float[x.Length];
        BatchNormalization.Inference(rows, channels, Epsilon, gamma, beta, mean, variance, x, y);
        AssertClose("y", expected, y, 1e-6);

        BatchNormalization.Inference(rows, channels, Epsilon, gamma, beta, mean, variance, x, x);
        AssertClose("y (in place)", expected, x, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Training_forward_uses_the_batch_mean_and_biased_variance(int rows, int channels)
    {
        var random = new Random(rows * 1000 + channels + 1);
        const float Epsilon = 1e-3f;
        float[] gamma = Uniform(random, channels, 0.5, 2), beta = Uniform(random, channels);
        float[] x = Uniform(random, rows * channels, -3, 3);
        var normalized = new float[x.Length];
        var y = new float[x.Length];
        float[] mean = new float[channels], variance = new float[channels];
        BatchNormalization.TrainingForward(rows, channels, Epsilon, gamma, beta, x, normalized, y, mean, variance);

        (double[] refY, double[] refNormalized, double[] refMean, double[] refVariance) = Reference(rows, channels, Epsilon, ToDouble(x), ToDouble(gamma), ToDouble(beta));
        AssertClose("mean", refMean, mean, 1e-6);
        AssertClose("variance", refVariance, variance, 1e-6);
        AssertClose("normalized", refNormalized, normalized, 1e-5);
        AssertClose("y", refY, y, 1e-5);
    }

    [Fact]
    public void Training_statistics_stay_accurate_far_from_zero()
    {
        // x = 1000 + small noise: E[x²] − E[x]² in float would lose every digit of the variance.
        const int Rows = 64, Channels = 3;
        var random = new Random(3);
        float[] x = Uniform(random, Rows * Channels, 999, 1001);
        float[] gamma = [1, 1, 1], beta = [0, 0, 0];
        var normalized = new float[x.Length];
        var y = new float[x.Length];
        float[] mean = new float[Channels], variance = new float[Channels];
        BatchNormalization.TrainingForward(Rows, Channels, 1e-3f, gamma, beta, x, normalized, y, mean, variance);
        (double[] refY, _, double[] refMean, double[] refVariance) = Reference(Rows, Channels, 1e-3f, ToDouble(x), ToDouble(gamma), ToDouble(beta));
        AssertClose("mean", refMean, mean, 1e-7);
        AssertClose("variance", refVariance, variance, 1e-6);
        AssertClose("y", refY, y, 1e-3); // x − mean is exact only to float spacing at 1000 (6e-5)
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_matches_the_analytic_gradient_and_finite_differences(int rows, int channels)
    {
        var random = new Random(rows * 1000 + channels + 2);
        const float Epsilon = 1e-3f;
        float[] gamma = Uniform(random, channels, 0.5, 2), beta = Uniform(random, channels);
        float[] x = Uniform(random, rows * channels, -3, 3);
        float[] dy = Uniform(random, x.Length); // loss = Σ y · dy
        var normalized = new float[x.Length];
        var y = new float[x.Length];
        float[] mean = new float[channels], variance = new float[channels];
        BatchNormalization.TrainingForward(rows, channels, Epsilon, gamma, beta, x, normalized, y, mean, variance);

        float[] dx = Enumerable.Repeat(8f, x.Length).ToArray();
        float[] dGamma = Enumerable.Repeat(8f, channels).ToArray(), dBeta = Enumerable.Repeat(8f, channels).ToArray();
        BatchNormalization.Backward(rows, channels, Epsilon, gamma, variance, normalized, dy, dx, dGamma, dBeta);

        // Analytic, straight from the chain rule in double (independent of the kernel's rearrangement).
        double[] xd = ToDouble(x), gd = ToDouble(gamma), bd = ToDouble(beta), r = ToDouble(dy);
        (_, double[] n, _, double[] v) = Reference(rows, channels, Epsilon, xd, gd, bd);
        var refDx = new double[x.Length];
        var refDGamma = new double[channels];
        var refDBeta = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            double sumDn = 0, sumDnN = 0;
            for (int i = 0; i < rows; i++)
            {
                int at = i * channels + c;
                refDGamma[c] += r[at] * n[at];
                refDBeta[c] += r[at];
                sumDn += r[at] * gd[c];
                sumDnN += r[at] * gd[c] * n[at];
            }

            double invStd = 1 / Math.Sqrt(v[c] + Epsilon);
            for (int i = 0; i < rows; i++)
            {
                int at = i * channels + c;
                refDx[at] = invStd * (r[at] * gd[c] - sumDn / rows - n[at] * sumDnN / rows);
            }
        }

        AssertClose("dGamma", refDGamma, dGamma, 1e-5 * Math.Sqrt(rows));
        AssertClose("dBeta", refDBeta, dBeta, 1e-5 * Math.Sqrt(rows));
        AssertClose("dx", refDx, dx, 1e-4);

        double Loss(double[] xs, double[] gs, double[] bs) => Dot(Reference(rows, channels, Epsilon, xs, gs, bs).Y, r);
        AssertMatchesFiniteDifferences("dx", p => Loss(p, gd, bd), xd, dx, SampleIndices(random, xd.Length), 1e-4);
        AssertMatchesFiniteDifferences("dGamma", p => Loss(xd, p, bd), gd, dGamma, SampleIndices(random, channels), 1e-4);
        AssertMatchesFiniteDifferences("dBeta", p => Loss(xd, gd, p), bd, dBeta, SampleIndices(random, channels), 1e-4);

        // dx may overwrite dy.
        float[] inPlace = (float[])dy.Clone();
        BatchNormalization.Backward(rows, channels, Epsilon, gamma, variance, normalized, inPlace, inPlace, dGamma, dBeta);
        Assert.Equal(dx, inPlace);
    }

    [Fact]
    public void UpdateMovingStatistics_blends_with_momentum()
    {
        const int Channels = 19;
        const float Momentum = 0.99f;
        var random = new Random(4);
        float[] mean = Uniform(random, Channels), variance = Uniform(random, Channels, 0, 2);
        float[] movingMean = Uniform(random, Channels), movingVariance = Uniform(random, Channels, 0, 2);
        double[] expectedMean = movingMean.Select((m, c) => m * (double)Momentum + mean[c] * (1 - (double)Momentum)).ToArray();
        double[] expectedVariance = movingVariance.Select((m, c) => m * (double)Momentum + variance[c] * (1 - (double)Momentum)).ToArray();
        BatchNormalization.UpdateMovingStatistics(Channels, Momentum, mean, variance, movingMean, movingVariance);
        AssertClose("movingMean", expectedMean, movingMean, 1e-6);
        AssertClose("movingVariance", expectedVariance, movingVariance, 1e-6);
    }

    [Fact]
    public void Wrong_span_lengths_throw_ArgumentException()
    {
        float[] c4 = new float[4], c3 = new float[3], r12 = new float[12], r11 = new float[11];
        var e = Assert.Throws<ArgumentException>(() => BatchNormalization.Inference(3, 4, 1e-3f, c4, c4, c4, c3, r12, r12));
        Assert.Contains("Expected 4 values", e.Message);
        Assert.Throws<ArgumentException>(() => BatchNormalization.Inference(3, 4, 1e-3f, c4, c4, c4, c4, r12, r11));
        Assert.Throws<ArgumentException>(() => BatchNormalization.TrainingForward(3, 4, 1e-3f, c4, c4, r12, r11, r12, c4, c4));
        Assert.Throws<ArgumentException>(() => BatchNormalization.TrainingForward(3, 4, 1e-3f, c4, c4, r12, r12, r12, c3, c4));
        Assert.Throws<ArgumentException>(() => BatchNormalization.Backward(3, 4, 1e-3f, c4, c4, r12, r11, r12, c4, c4));
        Assert.Throws<ArgumentException>(() => BatchNormalization.Backward(3, 4, 1e-3f, c4, c4, r12, r12, r12, c4, c3));
        Assert.Throws<ArgumentException>(() => BatchNormalization.UpdateMovingStatistics(4, 0.99f, c4, c4, c3, c4));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchNormalization.TrainingForward(0, 4, 1e-3f, c4, c4, [], [], [], c4, c4));
    }

    /// <summary>Keras training-mode batch normalization in double: biased batch variance, per channel.</summary>
    private static (double[] Y, double[] Normalized, double[] Mean, double[] Variance) Reference(int rows, int channels, double epsilon, double[] x, double[] gamma, double[] beta)
    {
        var mean = new double[channels];
        var variance = new double[channels];
        for (int i = 0; i < x.Length; i++) mean[i % channels] += x[i] / rows;
        for (int i = 0; i < x.Length; i++) variance[i % channels] += (x[i] - mean[i % channels]) * (x[i] - mean[i % channels]) / rows;
        var normalized = new double[x.Length];
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int c = i % channels;
            normalized[i] = (x[i] - mean[c]) / Math.Sqrt(variance[c] + epsilon);
            y[i] = gamma[c] * normalized[i] + beta[c];
        }

        return (y, normalized, mean, variance);
    }
}
