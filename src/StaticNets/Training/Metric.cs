namespace StaticNets;

/// <summary>Metrics that <c>Compile</c> can track during <c>Fit</c> and <c>Evaluate</c>, with Keras's names.</summary>
public enum Metric
{
    /// <summary>
    /// Keras <c>"accuracy"</c>, resolved like Keras: binary accuracy (threshold 0.5) for one output, sparse
    /// categorical accuracy with <see cref="SparseCategoricalCrossentropy"/>, else categorical accuracy (argmax equality).
    /// History key <c>"accuracy"</c>.
    /// </summary>
    Accuracy,

    /// <summary>Mean of <c>|y − ŷ|</c>; history key <c>"mean_absolute_error"</c>.</summary>
    MeanAbsoluteError,

    /// <summary>Mean of <c>(y − ŷ)²</c>; history key <c>"mean_squared_error"</c>.</summary>
    MeanSquaredError,
}
