using System;

namespace StaticNets;

/// <summary>
/// A metric that <c>Compile</c> tracks during <c>Fit</c> and <c>Evaluate</c>, like a Keras metric: it has Keras's
/// name (the <see cref="History"/> key) and accumulates over an epoch (Keras's stateful <c>update_state</c> /
/// <c>result</c>), so an epoch's value is computed from all its batches, not averaged from per-batch results.
/// </summary>
/// <remarks>
/// As in Keras, the metrics given to <c>Compile</c> are not weighted by <c>Fit</c>'s <c>sampleWeight</c> or
/// <c>classWeight</c> (Keras weights only its separate <c>weighted_metrics</c>). A metric object holds no state of
/// its own, so one instance (e.g. <see cref="Accuracy"/>) may be shared by several models.
/// </remarks>
public abstract class Metric
{
    /// <summary>Creates a metric with a Keras name.</summary>
    private protected Metric(string name, bool higherIsBetter)
    {
        Name = name;
        HigherIsBetter = higherIsBetter;
    }

    /// <summary>
    /// Keras <c>"accuracy"</c>, resolved like Keras: <see cref="BinaryAccuracy"/> for one output,
    /// <see cref="SparseCategoricalAccuracy"/> with class-index targets, else <see cref="CategoricalAccuracy"/>.
    /// History key <c>"accuracy"</c>.
    /// </summary>
    public static Metric Accuracy { get; } = new AccuracyMetric();

    /// <summary>Keras <c>MeanAbsoluteError</c> metric; history key <c>"mean_absolute_error"</c>.</summary>
    public static Metric MeanAbsoluteError { get; } = new MeanAbsoluteErrorMetric();

    /// <summary>Keras <c>MeanSquaredError</c> metric; history key <c>"mean_squared_error"</c>.</summary>
    public static Metric MeanSquaredError { get; } = new MeanSquaredErrorMetric();

    /// <summary>The history key, Keras's default metric name (e.g. <c>"binary_accuracy"</c>, <c>"auc"</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// Whether larger values are better (Keras's metric direction "up"): callbacks in mode <c>"auto"</c> maximise
    /// such a metric and minimise the others.
    /// </summary>
    public bool HigherIsBetter { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>
    /// A fresh accumulator of this metric for a model with <paramref name="outputSize"/> outputs trained with
    /// <paramref name="loss"/>; targets then hold <c>loss.TargetSize(outputSize)</c> floats per sample.
    /// </summary>
    /// <exception cref="ArgumentException">The metric is undefined for these targets (e.g. an element-wise error with class-index targets).</exception>
    internal abstract MetricState CreateState(Loss loss, int outputSize);

    /// <summary>Whether <paramref name="loss"/> takes class-index targets (one float per sample) for this output size.</summary>
    internal static bool IsSparse(Loss loss, int outputSize) => loss.TargetSize(outputSize) != outputSize;

    /// <summary>Throws unless targets hold one value per output.</summary>
    private protected void RequireDenseTargets(Loss loss, int outputSize)
    {
        if (IsSparse(loss, outputSize))
        {
            throw new ArgumentException(
                $"Metric {Name} compares outputs with targets element by element, which class-index targets ({loss.GetType().Name}) do not allow.",
                "metrics");
        }
    }

    /// <summary>Throws unless targets hold one class index per sample.</summary>
    private protected void RequireSparseTargets(Loss loss, int outputSize)
    {
        if (!IsSparse(loss, outputSize))
        {
            throw new ArgumentException(
                $"Metric {Name} needs class-index targets (one per sample, as SparseCategoricalCrossentropy takes), but {loss.GetType().Name} takes {outputSize} targets per sample.",
                "metrics");
        }
    }
}
