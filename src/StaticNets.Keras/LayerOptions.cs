namespace StaticNets.Keras;

/// <summary>
/// Every setting a StaticNets layer attribute takes, as read from a Keras config (only those of the layer's kind
/// are meaningful). Defaults are the attributes' defaults.
/// </summary>
internal sealed class LayerOptions
{
    public int Units { get; set; }
    public int Filters { get; set; }
    public int KernelHeight { get; set; } = 1;
    public int KernelWidth { get; set; } = 1;
    public int StridesHeight { get; set; } = 1;
    public int StridesWidth { get; set; } = 1;
    public int Dilation { get; set; } = 1;
    public Padding Padding { get; set; } = Padding.Valid;
    public Activation Activation { get; set; } = Activation.Linear;
    public Activation RecurrentActivation { get; set; } = Activation.Sigmoid;
    public bool UseBias { get; set; } = true;
    public bool ReturnSequences { get; set; }
    public bool GoBackwards { get; set; }
    public bool ResetAfter { get; set; } = true;
    public bool UnitForgetBias { get; set; } = true;
    public bool MaskZero { get; set; }
    public double Rate { get; set; }
    public double Momentum { get; set; } = 0.99;
    public double Epsilon { get; set; } = 1e-3;
    public double Scale { get; set; } = 1;
    public double Offset { get; set; }
    public int[] Shape { get; set; } = System.Array.Empty<int>();
    public int Size { get; set; } = 2;
    public int Top { get; set; }
    public int Bottom { get; set; }
    public int Left { get; set; }
    public int Right { get; set; }
    public int InputDim { get; set; }
    public int OutputDim { get; set; }
    /// <summary>A normalisation axis given as a positive index (counted with the batch axis); must be the last.</summary>
    public int? Axis { get; set; }
    public bool Center { get; set; } = true;
    public bool Scaled { get; set; } = true;
    /// <summary>Keras <c>kernel_regularizer</c> (L1, L2, L1L2) factors, written as the attribute's KernelL1/KernelL2 when not 0.</summary>
    public double KernelL1 { get; set; }
    public double KernelL2 { get; set; }
    public MergeMode MergeMode { get; set; } = MergeMode.Concat;
    /// <summary>
    /// A Keras Normalization given <c>mean</c>/<c>variance</c> in its config (not adapted): one value or one per feature.
    /// Keras stores no weights for it; the reader turns these into the mean, variance and count weights StaticNets has.
    /// </summary>
    public double[]? ConfigMean { get; set; }
    public double[]? ConfigVariance { get; set; }
}
