using System;

namespace StaticNets;

/// <summary>
/// Declares the shape of one input sample, without the batch axis (Keras <c>input_shape=</c>).
/// Required exactly once on a network class, before its layers.
/// </summary>
/// <example><c>[Input(28, 28, 1)]</c> for 28×28 single-channel images.</example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares the input shape; every dimension must be positive.</summary>
    public InputAttribute(params int[] shape) => Shape = shape ?? Array.Empty<int>();

    /// <summary>The declared input shape, without the batch axis.</summary>
    public int[] Shape { get; }
}
