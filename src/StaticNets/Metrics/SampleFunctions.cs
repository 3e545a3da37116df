using System;

namespace StaticNets;

/// <summary>Keras's per-sample metric functions (keras/src/metrics), in double.</summary>
internal static class SampleFunctions
{
    /// <summary>Keras <c>binary_accuracy</c>: mean over the outputs of <c>y == (ŷ &gt; threshold)</c>.</summary>
    public static double BinaryAccuracy(ReadOnlySpan<float> output, ReadOnlySpan<float> target, float threshold)
    {
        int hits = 0;
        for (int i = 0; i < output.Length; i++)
        {
            float predicted = output[i] > threshold ? 1f : 0f;
            if (target[i] == predicted) hits++;
        }

        return (double)hits / output.Length;
    }

    /// <summary>Keras <c>categorical_accuracy</c>: <c>argmax ŷ == argmax y</c>.</summary>
    public static double CategoricalAccuracy(ReadOnlySpan<float> output, ReadOnlySpan<float> target)
        => ArgMax(output) == ArgMax(target) ? 1 : 0;

    /// <summary>Keras <c>sparse_categorical_accuracy</c>: <c>argmax ŷ == y</c> (a class index).</summary>
    public static double SparseCategoricalAccuracy(ReadOnlySpan<float> output, ReadOnlySpan<float> target)
        => ArgMax(output) == target[0] ? 1 : 0;

    /// <summary>
    /// Keras <c>sparse_top_k_categorical_accuracy</c> (TensorFlow's <c>in_top_k</c>): 1 when fewer than k outputs
    /// are strictly larger than the true class's output, so ties at the boundary count as in the top k.
    /// </summary>
    public static double InTopK(ReadOnlySpan<float> output, int label, int k)
    {
        if ((uint)label >= (uint)output.Length) return 0;
        float value = output[label];
        if (float.IsNaN(value)) return 0;
        int larger = 0;
        for (int i = 0; i < output.Length; i++)
        {
            if (output[i] > value) larger++;
        }

        return larger < k ? 1 : 0;
    }

    /// <summary>Mean of <c>|y − ŷ|</c> over the outputs.</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<float> output, ReadOnlySpan<float> target)
    {
        double sum = 0;
        for (int i = 0; i < output.Length; i++) sum += Math.Abs((double)target[i] - output[i]);
        return sum / output.Length;
    }

    /// <summary>Mean of <c>(y − ŷ)²</c> over the outputs.</summary>
    public static double MeanSquaredError(ReadOnlySpan<float> output, ReadOnlySpan<float> target)
    {
        double sum = 0;
        for (int i = 0; i < output.Length; i++)
        {
            double error = (double)target[i] - output[i];
            sum += error * error;
        }

        return sum / output.Length;
    }

    /// <summary>Index of the first largest value (NaN never wins), like <c>argmax</c> on finite rows.</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best]) best = c;
        }

        return best;
    }
}
