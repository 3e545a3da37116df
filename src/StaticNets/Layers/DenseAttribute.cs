using System;

namespace StaticNets;

/// <summary>
/// A fully connected layer: <c>output = activation(input · kernel + bias)</c>, Keras <c>Dense</c>.
/// On an input of rank &gt; 1 it is applied along the last axis, as in Keras.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : LayerAttribute
{
    /// <summary>Declares a Dense layer with <paramref name="units"/> outputs.</summary>
    public DenseAttribute(int units, Activation activation = Activation.Linear)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Number of output units (positive).</summary>
    public int Units { get; }

    /// <summary>The activation applied to <c>input · kernel + bias</c>.</summary>
    public Activation Activation { get; }

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
