using System;

namespace StaticNets;

/// <summary>
/// A 2-D convolution over a <c>(height, width, channels)</c> input, channels last, Keras <c>Conv2D</c>:
/// <c>output = activation(conv(input, kernel) + bias)</c> with a kernel of shape <c>(kh, kw, channels, filters)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : LayerAttribute
{
    private int? _stridesHeight, _stridesWidth;

    /// <summary>Declares a convolution with <paramref name="filters"/> output channels and a square <paramref name="kernelSize"/> window.</summary>
    public Conv2DAttribute(int filters, int kernelSize, Activation activation = Activation.Linear)
    {
        Filters = filters;
        KernelSize = kernelSize;
        KernelHeight = kernelSize;
        KernelWidth = kernelSize;
        Activation = activation;
    }

    /// <summary>Number of output channels (positive).</summary>
    public int Filters { get; }

    /// <summary>The square window size given to the constructor.</summary>
    public int KernelSize { get; }

    /// <summary>The window's height; defaults to <see cref="KernelSize"/>.</summary>
    public int KernelHeight { get; set; }

    /// <summary>The window's width; defaults to <see cref="KernelSize"/>.</summary>
    public int KernelWidth { get; set; }

    /// <summary>The activation applied to the convolution plus bias.</summary>
    public Activation Activation { get; }

    /// <summary>Step between windows, along both axes. Default 1.</summary>
    public int Strides { get; set; } = 1;

    /// <summary>Step between windows down the rows; defaults to <see cref="Strides"/> (Keras <c>strides=(sh, sw)</c>).</summary>
    public int StridesHeight { get => _stridesHeight ?? Strides; set => _stridesHeight = value; }

    /// <summary>Step between windows along the columns; defaults to <see cref="Strides"/>.</summary>
    public int StridesWidth { get => _stridesWidth ?? Strides; set => _stridesWidth = value; }

    /// <summary>Border handling. Default <see cref="StaticNets.Padding.Valid"/>.</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>Whether the layer has a bias vector (Keras <c>use_bias</c>). Default <see langword="true"/>.</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>
    /// Keras <c>kernel_regularizer=l1(...)</c>: adds <c>KernelL1 · Σ|w|</c> over the kernel to the training loss. Default 0 (none).
    /// </summary>
    public double KernelL1 { get; set; }

    /// <summary>
    /// Keras <c>kernel_regularizer=l2(...)</c>: adds <c>KernelL2 · Σw²</c> over the kernel to the training loss. Default 0 (none).
    /// </summary>
    public double KernelL2 { get; set; }
}
