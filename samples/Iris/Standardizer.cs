using System;

namespace Iris;

/// <summary>
/// Per-feature standardisation <c>(x − mean) / std</c> with the statistics of one data set (Keras's
/// <c>Normalization</c> layer after <c>adapt</c>: population variance).
/// </summary>
internal sealed class Standardizer
{
    private readonly double[] _mean;
    private readonly double[] _std;

    private Standardizer(double[] mean, double[] std)
    {
        _mean = mean;
        _std = std;
    }

    /// <summary>Learns each feature's mean and standard deviation from <paramref name="features"/> (row-major).</summary>
    /// <remarks>Fit it on the training split only, so nothing about the test set leaks into training.</remarks>
    public static Standardizer Fit(float[] features, int featureCount)
    {
        int samples = features.Length / featureCount;
        var mean = new double[featureCount];
        var std = new double[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            double sum = 0;
            for (int n = 0; n < samples; n++) sum += features[n * featureCount + f];
            mean[f] = sum / samples;
            double squares = 0;
            for (int n = 0; n < samples; n++)
            {
                double d = features[n * featureCount + f] - mean[f];
                squares += d * d;
            }

            // A constant feature keeps its scale rather than dividing by zero.
            std[f] = squares > 0 ? Math.Sqrt(squares / samples) : 1;
        }

        return new Standardizer(mean, std);
    }

    /// <summary>A standardised copy of <paramref name="features"/>.</summary>
    public float[] Transform(float[] features)
    {
        int featureCount = _mean.Length;
        var result = new float[features.Length];
        for (int i = 0; i < features.Length; i++)
        {
            int f = i % featureCount;
            result[i] = (float)((features[i] - _mean[f]) / _std[f]);
        }

        return result;
    }
}
