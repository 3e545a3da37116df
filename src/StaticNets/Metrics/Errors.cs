using System;

namespace StaticNets;

/// <summary>Keras <c>MeanAbsoluteError</c> metric: mean of <c>|y − ŷ|</c>; history key <c>"mean_absolute_error"</c>.</summary>
public sealed class MeanAbsoluteErrorMetric : Metric
{
    /// <summary>Creates the metric (also available as <see cref="Metric.MeanAbsoluteError"/>).</summary>
    public MeanAbsoluteErrorMetric()
        : base("mean_absolute_error", higherIsBetter: false)
    {
    }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        RequireDenseTargets(loss, outputSize);
        return new SampleMeanState(static (o, t) => SampleFunctions.MeanAbsoluteError(o, t), sparse: false);
    }
}

/// <summary>Keras <c>MeanSquaredError</c> metric: mean of <c>(y − ŷ)²</c>; history key <c>"mean_squared_error"</c>.</summary>
public sealed class MeanSquaredErrorMetric : Metric
{
    /// <summary>Creates the metric (also available as <see cref="Metric.MeanSquaredError"/>).</summary>
    public MeanSquaredErrorMetric()
        : base("mean_squared_error", higherIsBetter: false)
    {
    }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        RequireDenseTargets(loss, outputSize);
        return new SampleMeanState(static (o, t) => SampleFunctions.MeanSquaredError(o, t), sparse: false);
    }
}

/// <summary>
/// Keras <c>RootMeanSquaredError</c>: the square root of the mean squared error accumulated over the epoch (not a
/// mean of per-batch roots); history key <c>"root_mean_squared_error"</c>.
/// </summary>
public sealed class RootMeanSquaredError : Metric
{
    /// <summary>Creates the metric.</summary>
    public RootMeanSquaredError()
        : base("root_mean_squared_error", higherIsBetter: false)
    {
    }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        RequireDenseTargets(loss, outputSize);
        return new SampleMeanState(static (o, t) => SampleFunctions.MeanSquaredError(o, t), sparse: false, squareRoot: true);
    }
}
