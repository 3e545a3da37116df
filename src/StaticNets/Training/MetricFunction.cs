using System;

namespace StaticNets;

/// <summary>What a <see cref="Metric"/> resolves to for a given loss and output size (Keras compile_utils rules).</summary>
internal enum MetricFunction
{
    /// <summary>Fraction of outputs where <c>(ŷ &gt; 0.5) == y</c>.</summary>
    BinaryAccuracy,

    /// <summary>Fraction of samples where <c>argmax ŷ == argmax y</c>.</summary>
    CategoricalAccuracy,

    /// <summary>Fraction of samples where <c>argmax ŷ == y</c> (a class index).</summary>
    SparseCategoricalAccuracy,

    /// <summary>Per sample mean of <c>|y − ŷ|</c>.</summary>
    MeanAbsoluteError,

    /// <summary>Per sample mean of <c>(y − ŷ)²</c>.</summary>
    MeanSquaredError,
}

/// <summary>Resolves metrics and computes their per-batch sums.</summary>
internal static class MetricFunctions
{
    /// <summary>The Keras history key of <paramref name="metric"/>.</summary>
    public static string Name(Metric metric) => metric switch
    {
        Metric.Accuracy => "accuracy",
        Metric.MeanAbsoluteError => "mean_absolute_error",
        Metric.MeanSquaredError => "mean_squared_error",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
    };

    /// <summary>Resolves <paramref name="metric"/> for a model with <paramref name="outputSize"/> outputs trained with <paramref name="loss"/>.</summary>
    /// <exception cref="ArgumentException">The metric is undefined for this loss's targets.</exception>
    public static MetricFunction Resolve(Metric metric, Loss loss, int outputSize)
    {
        bool sparse = loss.TargetSize(outputSize) != outputSize;
        switch (metric)
        {
            case Metric.Accuracy:
                if (outputSize == 1) return MetricFunction.BinaryAccuracy;
                return sparse ? MetricFunction.SparseCategoricalAccuracy : MetricFunction.CategoricalAccuracy;
            case Metric.MeanAbsoluteError:
            case Metric.MeanSquaredError:
                if (sparse)
                {
                    throw new ArgumentException(
                        $"Metric {metric} compares outputs with targets element by element, which class-index targets ({loss.GetType().Name}) do not allow.",
                        "metrics");
                }

                return metric == Metric.MeanAbsoluteError ? MetricFunction.MeanAbsoluteError : MetricFunction.MeanSquaredError;
            default:
                throw new ArgumentOutOfRangeException("metrics", metric, "Unknown metric.");
        }
    }

    /// <summary>The sum over the batch's samples of the metric's per-sample value (divide by the sample count for the mean).</summary>
    public static double SampleSum(MetricFunction function, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputSize)
    {
        int samples = outputs.Length / outputSize;
        double sum = 0;
        switch (function)
        {
            case MetricFunction.BinaryAccuracy:
            {
                // Keras: mean over the last axis of equal(y_true, cast(y_pred > 0.5)).
                int hits = 0;
                for (int i = 0; i < outputs.Length; i++)
                {
                    float predicted = outputs[i] > 0.5f ? 1f : 0f;
                    if (targets[i] == predicted) hits++;
                }

                return (double)hits / outputSize;
            }

            case MetricFunction.CategoricalAccuracy:
                for (int s = 0; s < samples; s++)
                {
                    int start = s * outputSize;
                    if (ArgMax(outputs.Slice(start, outputSize)) == ArgMax(targets.Slice(start, outputSize))) sum++;
                }

                return sum;

            case MetricFunction.SparseCategoricalAccuracy:
                for (int s = 0; s < samples; s++)
                {
                    if (ArgMax(outputs.Slice(s * outputSize, outputSize)) == targets[s]) sum++;
                }

                return sum;

            case MetricFunction.MeanAbsoluteError:
                for (int i = 0; i < outputs.Length; i++) sum += Math.Abs((double)targets[i] - outputs[i]);
                return sum / outputSize;

            default:
                for (int i = 0; i < outputs.Length; i++)
                {
                    double error = (double)targets[i] - outputs[i];
                    sum += error * error;
                }

                return sum / outputSize;
        }
    }

    /// <summary>Index of the first largest value (NaN never wins), like <c>argmax</c> on finite rows.</summary>
    private static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best]) best = c;
        }

        return best;
    }
}
