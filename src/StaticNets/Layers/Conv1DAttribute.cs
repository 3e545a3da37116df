using System;

namespace StaticNets;

/// <summary>
/// A 1-D convolution over a <c>(steps, channels)</c> input, channels last, Keras <c>Conv1D</c>:
/// <c>output = activation(conv(input, kernel) + bias)</c> with a kernel of shape <c>(k, channels, filters)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv1DAttribute : LayerAttribute
{
    /// <summary>Declares a convolution with <paramref name="filters"/> output channels and a window of <paramref name="kernelSize"/> steps.</summary>
    public Conv1DAttribute(int filters, int kernelSize, Activation activation = Activation.Linear)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation;
    }

    /// <summary>Number of output channels (positive).</summary>
    public int Filters { get; }

    /// <summary>The window's length in steps.</summary>
    public int KernelSize { get; }

    /// <summary>The activation applied to the convolution plus bias.</summary>
    public Activation Activation { get; }

    /// <summary>Step between windows. Default 1.</summary>
    public int Strides { get; set; } = 1;

    /// <summary>
    /// Steps between the window's taps (Keras <c>dilation_rate</c>): the window spans <c>DilationRate · (KernelSize − 1) + 1</c>
    /// steps. Default 1, adjacent steps.
    /// </summary>
    public int DilationRate { get; set; } = 1;

    /// <summary>
    /// Border handling. Default <see cref="StaticNets.Padding.Valid"/>; <see cref="StaticNets.Padding.Causal"/> pads only
    /// before the first step, so no output step depends on a later input step.
    /// </summary>
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
