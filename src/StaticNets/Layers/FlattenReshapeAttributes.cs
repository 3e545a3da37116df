using System;

namespace StaticNets;

/// <summary>Keras <c>Flatten</c>: any input shape → one axis, row-major (channels last stays last).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttribute;

/// <summary>
/// Keras <c>Reshape</c>: the same floats in a new shape (without the batch axis). One dimension may be −1, inferred
/// from the others; the element count must not change.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReshapeAttribute : LayerAttribute
{
    /// <summary>Declares the target shape.</summary>
    public ReshapeAttribute(params int[] shape) => Shape = shape ?? Array.Empty<int>();

    /// <summary>The target shape, without the batch axis.</summary>
    public int[] Shape { get; }
}
