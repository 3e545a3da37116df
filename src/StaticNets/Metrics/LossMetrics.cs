using System;

namespace StaticNets;

/// <summary>
/// A loss used as a metric (Keras's <c>BinaryCrossentropy</c>, ... metrics): the loss's per-sample value, averaged
/// over every sample of the epoch. The value is the loss's own (same clipping, smoothing and <c>fromLogits</c>).
/// </summary>
public abstract class LossMetric : Metric
{
    /// <summary>Creates the metric.</summary>
    private protected LossMetric(string name, Loss loss)
        : base(name, higherIsBetter: false)
        => Loss = loss;

    /// <summary>The loss computed as the metric.</summary>
    public Loss Loss { get; }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        bool sparse = Loss.TargetSize(outputSize) != outputSize;
        if (sparse) RequireSparseTargets(loss, outputSize);
        else RequireDenseTargets(loss, outputSize);
        Loss metricLoss = Loss;
        float[] scratch = new float[outputSize];
        return new SampleMeanState(
            (o, t) => metricLoss.Compute(o, o, t, o.Length, Activation.Linear, scratch, out _),
            sparse);
    }
}

/// <summary>Keras <c>BinaryCrossentropy</c> metric; history key <c>"binary_crossentropy"</c>.</summary>
public sealed class BinaryCrossentropyMetric : LossMetric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="fromLogits">Whether the outputs are logits.</param>
    /// <param name="labelSmoothing">Keras <c>label_smoothing</c>, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public BinaryCrossentropyMetric(bool fromLogits = false, float labelSmoothing = 0f)
        : base("binary_crossentropy", new BinaryCrossentropy(fromLogits, labelSmoothing))
    {
    }
}

/// <summary>Keras <c>CategoricalCrossentropy</c> metric; history key <c>"categorical_crossentropy"</c>.</summary>
public sealed class CategoricalCrossentropyMetric : LossMetric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="fromLogits">Whether the outputs are logits.</param>
    /// <param name="labelSmoothing">Keras <c>label_smoothing</c>, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public CategoricalCrossentropyMetric(bool fromLogits = false, float labelSmoothing = 0f)
        : base("categorical_crossentropy", new CategoricalCrossentropy(fromLogits, labelSmoothing))
    {
    }
}

/// <summary>Keras <c>SparseCategoricalCrossentropy</c> metric (class-index targets); history key <c>"sparse_categorical_crossentropy"</c>.</summary>
public sealed class SparseCategoricalCrossentropyMetric : LossMetric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="fromLogits">Whether the outputs are logits.</param>
    public SparseCategoricalCrossentropyMetric(bool fromLogits = false)
        : base("sparse_categorical_crossentropy", new SparseCategoricalCrossentropy(fromLogits))
    {
    }
}
