using StaticNets.Generator.Helpers;

namespace StaticNets.Generator.Model;

/// <summary>
/// One layer after shape inference: what the emitter needs to write its code and its Summary row.
/// </summary>
/// <param name="Kind">The layer kind.</param>
/// <param name="Name">The Summary name: the user's <c>Name</c>, or <c>dense_1</c>, <c>conv2d_1</c>, ...</param>
/// <param name="Units">Dense units or convolution filters; 0 for other kinds.</param>
/// <param name="Activation">The <c>StaticNets.Activation</c> value, as its integer (0 = Linear for kinds without one).</param>
/// <param name="UseBias">Whether the layer has a bias.</param>
/// <param name="InputShape">Shape of one sample entering the layer (no batch axis).</param>
/// <param name="OutputShape">Shape of one sample leaving the layer.</param>
/// <param name="ParameterOffset">Index of the layer's first weight in <c>Parameters</c>.</param>
/// <param name="ParameterCount">Number of weights in the layer, trainable or not.</param>
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
    /// <summary>Convolution and pooling: the window geometry.</summary>
    public WindowSpec? Window { get; init; }

    /// <summary>The <c>StaticNets.Padding</c> value as its integer (convolution and pooling).</summary>
    public int Padding { get; init; }

    /// <summary>Dropout: the rate.</summary>
    public double Rate { get; init; }

    /// <summary>BatchNormalization: the moving-average momentum.</summary>
    public double Momentum { get; init; }

    /// <summary>BatchNormalization: added to the variance.</summary>
    public double Epsilon { get; init; }

    /// <summary>Floats in one input sample.</summary>
    public int InputSize => Shapes.Product(InputShape);

    /// <summary>Floats in one output sample.</summary>
    public int OutputSize => Shapes.Product(OutputShape);

    /// <summary>The size of the last input axis (Dense: the kernel's rows; BatchNormalization: the channels).</summary>
    public int InputFeatures => InputShape[InputShape.Count - 1];

    /// <summary>The size of the last output axis (the row length of a softmax over it).</summary>
    public int OutputFeatures => OutputShape[OutputShape.Count - 1];

    /// <summary>Dense: how many times the kernel is applied (product of the leading input axes).</summary>
    public int Positions => InputSize / InputFeatures;

    /// <summary>Dense and convolutions: offset of the kernel.</summary>
    public int KernelOffset => ParameterOffset;

    /// <summary>Dense: <c>(in, units)</c>; convolutions: <c>(kh·kw·cin, filters)</c> as a matrix.</summary>
    public int KernelRows => Window is null ? InputFeatures : Window.PatchSize;

    /// <summary>Dense and convolutions: floats in the kernel.</summary>
    public int KernelSize => Kind.HasKernel() ? KernelRows * Units : 0;

    /// <summary>Dense and convolutions: offset of the bias <c>(units)</c>, after the kernel.</summary>
    public int BiasOffset => ParameterOffset + KernelSize;

    /// <summary>Weights optimizers leave alone: BatchNormalization's moving mean and variance.</summary>
    public int NonTrainableCount => Kind == LayerKind.BatchNormalization ? 2 * InputFeatures : 0;

    /// <summary>Convolutions: im2col floats per sample (0 for a pointwise convolution, which multiplies its input directly).</summary>
    public int ColumnsPerSample => Kind.IsConvolution() && !Window!.IsPointwise ? Window.OutputPositions * Window.PatchSize : 0;
}
