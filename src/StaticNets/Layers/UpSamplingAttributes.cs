using System;

namespace StaticNets;

/// <summary>Keras <c>UpSampling1D</c>: <c>(steps, channels)</c> → <c>(steps · size, channels)</c>, each step repeated <see cref="Size"/> times.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class UpSampling1DAttribute(int size = 2) : LayerAttribute
{
    /// <summary>How many times each step is repeated (positive). Default 2.</summary>
    public int Size { get; } = size;
}

/// <summary>
/// Keras <c>UpSampling2D</c> (nearest neighbour): <c>(height, width, channels)</c> → <c>(height · size, width · size, channels)</c>,
/// each pixel repeated into a <see cref="Size"/> × <see cref="Size"/> block.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class UpSampling2DAttribute(int size = 2) : LayerAttribute
{
    /// <summary>How many times each row and each column is repeated (positive). Default 2.</summary>
    public int Size { get; } = size;
}
