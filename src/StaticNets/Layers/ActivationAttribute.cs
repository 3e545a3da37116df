using System;

namespace StaticNets;

/// <summary>
/// Keras's <c>Activation</c> layer: applies an activation on its own, the same shape in and out. Softmax works over the
/// last axis. <c>[Activation(Activation.Relu)]</c> reads as in Keras: the attribute is this class, the argument the enum.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivationAttribute(Activation activation) : LayerAttribute
{
    /// <summary>The activation applied to each value (Softmax: to each row of the last axis).</summary>
    public Activation Activation { get; } = activation;
}
