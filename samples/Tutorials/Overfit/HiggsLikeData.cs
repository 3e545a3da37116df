using System;

namespace Tutorials.Overfit;

/// <summary>
/// A stand-in for the tutorial's Higgs data (11 million rows, 2.6 GB, not reachable from this repository's build
/// machines): 28 features per sample, 21 "low-level" standard normals and 7 "high-level" features derived from them the
/// way the physics features are (products, magnitudes, sums), and a label drawn from a fixed nonlinear logit, so that
/// even the best model is wrong about 30% of the time (models of the real data reach 0.7-0.8 accuracy).
/// What matters for the tutorial is kept: few samples (10,000) for many weights, so large models overfit.
/// </summary>
public static class HiggsLikeData
{
    public const int Features = 28;

    /// <summary><paramref name="count"/> samples, row-major features and 0/1 labels, the same for the same seed.</summary>
    public static (float[] X, float[] Y) Generate(int count, int seed)
    {
        var random = new Random(seed);
        var x = new float[count * Features];
        var y = new float[count];
        Span<double> low = stackalloc double[21];
        for (int n = 0; n < count; n++)
        {
            for (int i = 0; i < low.Length; i++)
            {
                low[i] = Normal(random);
            }

            Span<float> row = x.AsSpan(n * Features, Features);
            for (int i = 0; i < low.Length; i++)
            {
                row[i] = (float)low[i];
            }

            // High-level features: invariant-mass-like combinations of the low-level ones.
            row[21] = (float)Math.Sqrt(low[0] * low[0] + low[1] * low[1]);
            row[22] = (float)(low[2] * low[3]);
            row[23] = (float)Math.Abs(low[4] - low[5]);
            row[24] = (float)Math.Sqrt(1 + low[6] * low[6] + low[7] * low[7] + low[8] * low[8]);
            row[25] = (float)(low[9] * low[10] - low[11]);
            row[26] = (float)Math.Tanh(low[12] + low[13]);
            row[27] = (float)(low[14] * low[14] - low[15] * low[15]);

            double logit = 1.2 * (row[21] - 1.25) - 0.8 * row[22] + 0.9 * Math.Tanh(row[25]) + 0.6 * row[26] * low[16]
                           + 0.5 * Math.Sin(2 * low[17]) - 0.4 * (row[23] - 1.13) + 0.3 * low[18] * low[19];
            y[n] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1f : 0f;
        }

        return (x, y);
    }

    /// <summary>A standard normal by Box-Muller (one of the pair; simple rather than fast).</summary>
    private static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
