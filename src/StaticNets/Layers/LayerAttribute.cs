using System;

namespace StaticNets;

/// <summary>What every layer attribute has: an optional name.</summary>
public abstract class LayerAttribute : Attribute
{
    /// <summary>
    /// The layer's name in <c>Summary()</c>; by default the Keras name of its kind numbered per kind within the model
    /// (<c>dense_1</c>, <c>conv2d_1</c>, <c>max_pooling2d_1</c>, ...).
    /// </summary>
    public string? Name { get; set; }
}
