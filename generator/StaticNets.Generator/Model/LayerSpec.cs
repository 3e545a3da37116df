using StaticNets.Generator.Helpers;

namespace StaticNets.Generator.Model;

/// <summary>
/// One layer after shape inference: what the emitter needs to write its code and its Summary row.
/// </summary>
/// <param name="Kind">The layer kind.</param>
/// <param name="Name">The Summary name: the user's <c>Name</c>, or <c>dense_1</c>, <c>dense_2</c>, ...</param>
/// <param name="Units">Dense: output units.</param>
/// <param name="Activation">The <c>StaticNets.Activation</c> value, as its integer.</param>
/// <param name="UseBias">Whether the layer has a bias.</param>
/// <param name="InputShape">Shape of one sample entering the layer (no batch axis).</param>
/// <param name="OutputShape">Shape of one sample leaving the layer.</param>
/// <param name="ParameterOffset">Index of the layer's first weight in <c>Parameters</c>.</param>
/// <param name="ParameterCount">Number of weights in the layer.</param>
internal sealed record LayerSpec(
    LayerKind Kind,
    string Name,
    int Units,
    int Activation,
    bool UseBias,
    EquatableArray<int> InputShape,
    EquatableArray<int> OutputShape,
    int ParameterOffset,
    int ParameterCount)
{
    /// <summary>Floats in one input sample.</summary>
    public int InputSize => Shapes.Product(InputShape);

    /// <summary>Floats in one output sample.</summary>
    public int OutputSize => Shapes.Product(OutputShape);

    /// <summary>Dense: the size of the last input axis (the kernel's rows).</summary>
    public int InputFeatures => InputShape[InputShape.Count - 1];

    /// <summary>Dense: how many times the kernel is applied (product of the leading input axes).</summary>
    public int Positions => InputSize / InputFeatures;

    /// <summary>Dense: offset of the kernel <c>(in, units)</c>.</summary>
    public int KernelOffset => ParameterOffset;

    /// <summary>Dense: offset of the bias <c>(units)</c>, after the kernel.</summary>
    public int BiasOffset => ParameterOffset + InputFeatures * Units;
}
