using System;
using System.ComponentModel;

namespace StaticNets.Runtime;

/// <summary>
/// Keras <c>Normalization</c> over the last axis: <c>y = (x − mean) / max(sqrt(variance), 1e-7)</c> on <c>rows</c>
/// positions of <c>features</c> values, computed in float as Keras computes it, and the statistics
/// <c>Adapt</c> sets from data.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Normalization
{
    /// <summary>Keras's floor on the deviation (<c>backend.epsilon()</c>).</summary>
    public const float Epsilon = 1e-7f;

    /// <summary><c>y[r, f] = (x[r, f] − mean[f]) / max(sqrt(variance[f]), 1e-7)</c>; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    public static void Forward(int rows, int features, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, ReadOnlySpan<float> x, Span<float> y)
    {
        Check(rows, features, mean.Length, variance.Length);
        KernelChecks.Length(x.Length, (long)rows * features, nameof(x), "rows × features");
        KernelChecks.Length(y.Length, (long)rows * features, nameof(y), "rows × features");
        for (int f = 0; f < features; f++)
        {
            float m = mean[f], deviation = Deviation(variance[f]);
            for (int i = f; i < x.Length; i += features)
            {
                y[i] = (x[i] - m) / deviation;
            }
        }
    }

    /// <summary>∂x = ∂y / max(sqrt(variance), 1e-7), in place in <paramref name="dz"/> (the statistics are constants).</summary>
    public static void Backward(int rows, int features, ReadOnlySpan<float> variance, Span<float> dz)
    {
        Check(rows, features, features, variance.Length);
        KernelChecks.Length(dz.Length, (long)rows * features, nameof(dz), "rows × features");
        for (int f = 0; f < features; f++)
        {
            float deviation = Deviation(variance[f]);
            for (int i = f; i < dz.Length; i += features)
            {
                dz[i] /= deviation;
            }
        }
    }

    /// <summary>
    /// Keras <c>adapt</c> on <paramref name="rows"/> positions: each feature's mean and population variance (divided by
    /// the count, not count − 1) over every position, summed in double, and the count of positions as one float.
    /// </summary>
    public static void Adapt(int rows, int features, ReadOnlySpan<float> x, Span<float> mean, Span<float> variance, Span<float> count)
    {
        Check(rows, features, mean.Length, variance.Length);
        KernelChecks.Length(x.Length, (long)rows * features, nameof(x), "rows × features");
        KernelChecks.Length(count.Length, 1, nameof(count), "one float");
        if (rows == 0) throw new ArgumentException("Adapt needs at least one sample.", nameof(x));
        for (int f = 0; f < features; f++)
        {
            double sum = 0;
            for (int i = f; i < x.Length; i += features) sum += x[i];
            double m = sum / rows, squares = 0;
            for (int i = f; i < x.Length; i += features) squares += (x[i] - m) * (x[i] - m);
            mean[f] = (float)m;
            variance[f] = (float)(squares / rows);
        }

        count[0] = rows;
    }

    private static float Deviation(float variance) => MathF.Max(MathF.Sqrt(variance), Epsilon);

    private static void Check(int rows, int features, int mean, int variance)
    {
        KernelChecks.Positive(rows, nameof(rows), allowZero: true);
        KernelChecks.Positive(features, nameof(features));
        KernelChecks.Length(mean, features, "mean", "features");
        KernelChecks.Length(variance, features, nameof(variance), "features");
    }
}
