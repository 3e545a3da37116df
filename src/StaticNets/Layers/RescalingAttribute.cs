using System;

namespace StaticNets;

/// <summary>
/// Keras <c>Rescaling</c>: <c>output = input · scale + offset</c>, computed in float as Keras does (the product is rounded
/// before the offset is added), e.g. <c>[Rescaling(1.0 / 255)]</c> for 8-bit pixel values. No weights.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RescalingAttribute(double scale, double offset = 0) : LayerAttribute
{
    /// <summary>The factor every value is multiplied by.</summary>
    public double Scale { get; } = scale;

    /// <summary>Added after the multiplication. Default 0.</summary>
    public double Offset { get; } = offset;
}
