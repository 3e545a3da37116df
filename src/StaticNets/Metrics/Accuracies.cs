using System;

namespace StaticNets;

/// <summary>What <see cref="Metric.Accuracy"/> is: Keras's <c>"accuracy"</c> string, resolved per model at <c>Compile</c>.</summary>
internal sealed class AccuracyMetric : Metric
{
    public AccuracyMetric()
        : base("accuracy", higherIsBetter: true)
    {
    }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        // Keras compile_utils.get_metric: one output → binary; sparse labels → sparse categorical; else categorical.
        if (outputSize == 1 && !IsSparse(loss, outputSize)) return new BinaryAccuracy().CreateState(loss, outputSize);
        return IsSparse(loss, outputSize)
            ? new SparseCategoricalAccuracy().CreateState(loss, outputSize)
            : new CategoricalAccuracy().CreateState(loss, outputSize);
    }
}

/// <summary>Keras <c>BinaryAccuracy</c>: how often <c>(ŷ &gt; threshold) == y</c>, per output; history key <c>"binary_accuracy"</c>.</summary>
public sealed class BinaryAccuracy : Metric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">Predictions above it count as 1 (Keras default 0.5).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is NaN.</exception>
    public BinaryAccuracy(float threshold = 0.5f)
        : base("binary_accuracy", higherIsBetter: true)
    {
        if (float.IsNaN(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a number.");
        Threshold = threshold;
    }

    /// <summary>Predictions above it count as 1.</summary>
    public float Threshold { get; }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        RequireDenseTargets(loss, outputSize);
        float threshold = Threshold;
        return new SampleMeanState((o, t) => SampleFunctions.BinaryAccuracy(o, t, threshold), sparse: false);
    }
}

/// <summary>Keras <c>CategoricalAccuracy</c>: how often <c>argmax ŷ == argmax y</c> (one-hot targets); history key <c>"categorical_accuracy"</c>.</summary>
public sealed class CategoricalAccuracy : Metric
{
    /// <summary>Creates the metric.</summary>
    public CategoricalAccuracy()
        : base("categorical_accuracy", higherIsBetter: true)
    {
    }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        RequireDenseTargets(loss, outputSize);
        return new SampleMeanState(static (o, t) => SampleFunctions.CategoricalAccuracy(o, t), sparse: false);
    }
}

/// <summary>Keras <c>SparseCategoricalAccuracy</c>: how often <c>argmax ŷ == y</c> (class-index targets); history key <c>"sparse_categorical_accuracy"</c>.</summary>
public sealed class SparseCategoricalAccuracy : Metric
{
    /// <summary>Creates the metric.</summary>
    public SparseCategoricalAccuracy()
        : base("sparse_categorical_accuracy", higherIsBetter: true)
    {
    }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        RequireSparseTargets(loss, outputSize);
        return new SampleMeanState(static (o, t) => SampleFunctions.SparseCategoricalAccuracy(o, t), sparse: true);
    }
}

/// <summary>
/// Keras <c>TopKCategoricalAccuracy</c>: how often the true class (argmax of the one-hot target) is among the k
/// largest outputs (ties at the boundary count, as TensorFlow's <c>in_top_k</c>); history key
/// <c>"top_k_categorical_accuracy"</c>.
/// </summary>
public sealed class TopKCategoricalAccuracy : Metric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="k">How many top outputs count (Keras default 5).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not positive.</exception>
    public TopKCategoricalAccuracy(int k = 5)
        : base("top_k_categorical_accuracy", higherIsBetter: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        K = k;
    }

    /// <summary>How many top outputs count.</summary>
    public int K { get; }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        RequireDenseTargets(loss, outputSize);
        int k = K;
        return new SampleMeanState((o, t) => SampleFunctions.InTopK(o, SampleFunctions.ArgMax(t), k), sparse: false);
    }
}

/// <summary>
/// Keras <c>SparseTopKCategoricalAccuracy</c>: <see cref="TopKCategoricalAccuracy"/> with class-index targets;
/// history key <c>"sparse_top_k_categorical_accuracy"</c>.
/// </summary>
public sealed class SparseTopKCategoricalAccuracy : Metric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="k">How many top outputs count (Keras default 5).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not positive.</exception>
    public SparseTopKCategoricalAccuracy(int k = 5)
        : base("sparse_top_k_categorical_accuracy", higherIsBetter: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        K = k;
    }

    /// <summary>How many top outputs count.</summary>
    public int K { get; }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        RequireSparseTargets(loss, outputSize);
        int k = K;
        return new SampleMeanState((o, t) => SampleFunctions.InTopK(o, (int)t[0], k), sparse: true);
    }
}
