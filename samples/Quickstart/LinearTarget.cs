using System;

namespace Quickstart;

/// <summary>
/// The synthetic regression the quickstart trains on: <c>y = 2·x0 − 3·x1 + 0.5</c>, observed with Gaussian noise
/// at inputs drawn uniformly from [−1, 1]².
/// </summary>
internal static class LinearTarget
{
    /// <summary>The noise-free target function.</summary>
    public static float Exact(float x0, float x1) => 2f * x0 - 3f * x1 + 0.5f;

    /// <summary>
    /// <paramref name="count"/> samples from a seeded generator: <c>x</c> row-major (2 floats per sample),
    /// <c>y</c> one float per sample, <c>Exact(x) + N(0, noise²)</c>.
    /// </summary>
    public static (float[] X, float[] Y) Samples(int count, double noise, int seed)
    {
        var random = new Random(seed);
        var x = new float[2 * count];
        var y = new float[count];
        for (int n = 0; n < count; n++)
        {
            float x0 = (float)(2 * random.NextDouble() - 1);
            float x1 = (float)(2 * random.NextDouble() - 1);
            x[2 * n] = x0;
            x[2 * n + 1] = x1;
            y[n] = Exact(x0, x1) + (float)(noise * StandardNormal(random));
        }

        return (x, y);
    }

    /// <summary>One standard normal draw (Box–Muller; 1 − u keeps the logarithm finite).</summary>
    private static double StandardNormal(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
