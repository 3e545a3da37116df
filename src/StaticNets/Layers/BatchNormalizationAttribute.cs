using System;

namespace StaticNets;

/// <summary>
/// Keras <c>BatchNormalization</c> over the last axis: <c>gamma · (x − mean) / sqrt(variance + epsilon) + beta</c>, with the
/// batch's statistics in training (and a moving-average update) and the moving statistics at inference.
/// Weights: gamma, beta (trainable), moving_mean, moving_variance (not trainable).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormalizationAttribute : LayerAttribute
{
    /// <summary>Weight of the old value in the moving-average update. Default 0.99.</summary>
    public double Momentum { get; set; } = 0.99;

    /// <summary>Added to the variance before the square root. Default 1e-3.</summary>
    public double Epsilon { get; set; } = 1e-3;
}
