using System;

namespace StaticNets;

/// <summary>
/// Keras <c>LayerNormalization</c> over the last axis: each position's <c>features</c> values are normalised by their own
/// mean and (biased) variance, <c>gamma · (x − mean) / sqrt(variance + epsilon) + beta</c>, the same in training and at
/// inference. Works on inputs of any rank (per position of the leading axes). Weights: gamma (ones) and beta (zeros),
/// both of shape <c>(features)</c> and trainable.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormalizationAttribute : LayerAttribute
{
    /// <summary>Added to the variance before the square root. Default 1e-3.</summary>
    public double Epsilon { get; set; } = 1e-3;
}
