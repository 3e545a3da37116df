using System;

namespace StaticNets.Tests.Training;

/// <summary>
/// Keras's loss formulas (docs/keras-semantics.md, "Losses") written out in double precision for the tests: per-sample reduction over the
/// last axis, then the mean over the batch, probabilities clipped to [1e-7, 1 − 1e-7].
/// </summary>
internal static class LossReference
{
    private const double Epsilon = 1e-7;

    public static double Clip(double p) => Math.Min(Math.Max(p, Epsilon), 1 - Epsilon);

    public static double MeanSquaredError(double[] p, double[] y)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += (y[i] - p[i]) * (y[i] - p[i]);
        return sum / p.Length;
    }

    public static double MeanAbsoluteError(double[] p, double[] y)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += Math.Abs(y[i] - p[i]);
        return sum / p.Length;
    }

    public static double Huber(double[] p, double[] y, double delta)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double e = Math.Abs(p[i] - y[i]);
            sum += e <= delta ? 0.5 * e * e : delta * e - 0.5 * delta * delta;
        }

        return sum / p.Length;
    }

    /// <summary>Mean over all elements of the element-wise binary cross-entropy.</summary>
    public static double BinaryCrossentropy(double[] p, double[] y, double labelSmoothing, bool fromLogits)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double t = y[i] * (1 - labelSmoothing) + 0.5 * labelSmoothing;
            if (fromLogits)
            {
                // −[t·log σ(z) + (1 − t)·log(1 − σ(z))], with log σ(z) = −log(1 + e^−z).
                sum += t * LogOnePlusExp(-p[i]) + (1 - t) * LogOnePlusExp(p[i]);
            }
            else
            {
                double q = Clip(p[i]);
                sum -= t * Math.Log(q) + (1 - t) * Math.Log(1 - q);
            }
        }

        return sum / p.Length;
    }

    /// <summary>Batch mean of −Σ y·log q per row, q = clip(p / Σp) or softmax(z) for logits.</summary>
    public static double CategoricalCrossentropy(double[] p, double[] y, int classes, double labelSmoothing, bool fromLogits)
    {
        int samples = p.Length / classes;
        double sum = 0;
        for (int s = 0; s < samples; s++)
        {
            double total = 0;
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                total += p[s * classes + c];
                max = Math.Max(max, p[s * classes + c]);
            }

            double expSum = 0;
            for (int c = 0; c < classes; c++) expSum += Math.Exp(p[s * classes + c] - max);
            for (int c = 0; c < classes; c++)
            {
                double t = y[s * classes + c] * (1 - labelSmoothing) + labelSmoothing / classes;
                double logQ = fromLogits
                    ? p[s * classes + c] - max - Math.Log(expSum)
                    : Math.Log(Clip(p[s * classes + c] / total));
                sum -= t * logQ;
            }
        }

        return sum / samples;
    }

    public static double SparseCategoricalCrossentropy(double[] p, double[] labels, int classes, bool fromLogits)
        => CategoricalCrossentropy(p, OneHot(labels, classes), classes, 0, fromLogits);

    public static double[] OneHot(double[] labels, int classes)
    {
        var y = new double[labels.Length * classes];
        for (int s = 0; s < labels.Length; s++) y[s * classes + (int)labels[s]] = 1;
        return y;
    }

    public static double[] Sigmoid(double[] z) => Array.ConvertAll(z, v => 1 / (1 + Math.Exp(-v)));

    public static double[] Softmax(double[] z, int classes)
    {
        var p = new double[z.Length];
        for (int s = 0; s < z.Length / classes; s++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++) max = Math.Max(max, z[s * classes + c]);
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += p[s * classes + c] = Math.Exp(z[s * classes + c] - max);
            for (int c = 0; c < classes; c++) p[s * classes + c] /= sum;
        }

        return p;
    }

    /// <summary>Central finite difference of <paramref name="f"/> at <paramref name="x"/> along coordinate <paramref name="i"/>.</summary>
    public static double Derivative(Func<double[], double> f, double[] x, int i, double h = 1e-6)
    {
        double[] plus = (double[])x.Clone();
        double[] minus = (double[])x.Clone();
        plus[i] += h;
        minus[i] -= h;
        return (f(plus) - f(minus)) / (2 * h);
    }

    private static double LogOnePlusExp(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
}
