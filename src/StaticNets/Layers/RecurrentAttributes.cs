using System;

namespace StaticNets;

/// <summary>
/// What the recurrent layers share: a sample is <c>(steps, features)</c>; the output is the last step's
/// <c>(units)</c>, or every step's <c>(steps, units)</c> with <see cref="ReturnSequences"/>.
/// </summary>
public abstract class RecurrentAttribute : LayerAttribute
{
    /// <summary>Declares a recurrent layer with <paramref name="units"/> units.</summary>
    protected RecurrentAttribute(int units, Activation activation)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Size of the state and of each step's output (positive).</summary>
    public int Units { get; }

    /// <summary>The activation of the candidate state and of the output (Keras <c>activation</c>, tanh by default).</summary>
    public Activation Activation { get; }

    /// <summary>Whether the layer has biases (Keras <c>use_bias</c>). Default <see langword="true"/>.</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>Output every step's state, <c>(steps, units)</c>, not only the last (Keras <c>return_sequences</c>).</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>Process the sequence from its last step to its first (Keras <c>go_backwards</c>); the outputs stay in processing order.</summary>
    public bool GoBackwards { get; set; }

    /// <summary>
    /// Keras <c>kernel_regularizer=l1(...)</c>: adds <c>KernelL1 · Σ|w|</c> over the input kernel (not the recurrent kernel,
    /// not the bias; both directions inside a <c>Bidirectional</c>) to the training loss. Default 0 (none).
    /// </summary>
    public double KernelL1 { get; set; }

    /// <summary>
    /// Keras <c>kernel_regularizer=l2(...)</c>: adds <c>KernelL2 · Σw²</c> over the input kernel (not the recurrent kernel,
    /// not the bias; both directions inside a <c>Bidirectional</c>) to the training loss. Default 0 (none).
    /// </summary>
    public double KernelL2 { get; set; }
}

/// <summary>
/// Keras <c>SimpleRNN</c>: <c>h = activation(x_t · kernel + h · recurrentKernel + bias)</c>; kernel <c>(features, units)</c>,
/// recurrent kernel <c>(units, units)</c> (orthogonal at first), bias <c>(units)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SimpleRNNAttribute(int units, Activation activation = Activation.Tanh) : RecurrentAttribute(units, activation)
{
}

/// <summary>
/// Keras <c>LSTM</c>: gates i, f, c, o in that order in kernel <c>(features, 4·units)</c>, recurrent kernel
/// <c>(units, 4·units)</c> and bias <c>(4·units)</c>; <c>c = f ⊙ c + i ⊙ activation(z_c)</c>, <c>h = o ⊙ activation(c)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LSTMAttribute(int units, Activation activation = Activation.Tanh) : RecurrentAttribute(units, activation)
{
    /// <summary>The activation of the i, f and o gates (Keras <c>recurrent_activation</c>). Default sigmoid.</summary>
    public Activation RecurrentActivation { get; set; } = Activation.Sigmoid;

    /// <summary>Start the forget gate's bias at 1 (Keras <c>unit_forget_bias</c>). Default <see langword="true"/>.</summary>
    public bool UnitForgetBias { get; set; } = true;
}

/// <summary>
/// Keras <c>GRU</c>: gates z, r, h in kernel <c>(features, 3·units)</c> and recurrent kernel <c>(units, 3·units)</c>;
/// bias <c>(2, 3·units)</c> (input row, recurrent row) with <see cref="ResetAfter"/>, else <c>(3·units)</c>.
/// <c>h = z ⊙ h_prev + (1 − z) ⊙ candidate</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GRUAttribute(int units, Activation activation = Activation.Tanh) : RecurrentAttribute(units, activation)
{
    /// <summary>The activation of the z and r gates (Keras <c>recurrent_activation</c>). Default sigmoid.</summary>
    public Activation RecurrentActivation { get; set; } = Activation.Sigmoid;

    /// <summary>
    /// Apply the reset gate after the recurrent product (Keras <c>reset_after</c>; Keras 2.3+ and CuDNN's default).
    /// Default <see langword="true"/>; <see langword="false"/> is the Keras 2 original.
    /// </summary>
    public bool ResetAfter { get; set; } = true;
}
