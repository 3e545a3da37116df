using System;

namespace StaticNets;

/// <summary>
/// Keras <c>Dropout</c> (inverted): in training, zeroes each value with probability <see cref="Rate"/> and scales the
/// rest by <c>1 / (1 − rate)</c>; at inference, the identity.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute(double rate) : LayerAttribute
{
    /// <summary>The fraction of values dropped in training, in [0, 1).</summary>
    public double Rate { get; } = rate;
}
