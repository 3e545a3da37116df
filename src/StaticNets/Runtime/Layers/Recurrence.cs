using System;
using System.ComponentModel;

namespace StaticNets.Runtime;

/// <summary>How a recurrent layer walks its sequence and what it outputs (Keras's <c>return_sequences</c>, <c>go_backwards</c>).</summary>
[Flags]
[EditorBrowsable(EditorBrowsableState.Never)]
public enum RecurrentOptions
{
    /// <summary>Forwards in time; only the last step's output.</summary>
    None = 0,

    /// <summary>Every step's output, in the order the steps were processed.</summary>
    ReturnSequences = 1,

    /// <summary>Process the sequence from its last step to its first (the outputs stay in processing order, as in Keras).</summary>
    GoBackwards = 2,

    /// <summary>A masked step outputs zeros instead of repeating the previous output (the two halves of a Bidirectional layer with <c>ReturnSequences</c>).</summary>
    ZeroMaskedOutputs = 4,
}

/// <summary>
/// The geometry every recurrent kernel shares, checked once. Layouts, all row-major and per sample:
/// <list type="bullet">
/// <item><c>x</c>: <c>(steps, inputs)</c>, in time order.</item>
/// <item><c>y</c>: <c>(steps, units)</c> with <see cref="RecurrentOptions.ReturnSequences"/> (step k's row is the output after
/// the k-th processed step: time k, or time steps − 1 − k going backwards), else <c>(units)</c>, the last output.</item>
/// <item><c>mask</c>: empty, or <c>(steps)</c> floats in time order where 0 marks a masked step (the network's token ids:
/// an <c>Embedding(MaskZero = true)</c> first). A masked step keeps the state and repeats the previous output.</item>
/// <item><c>state</c>: empty (start from zeros), or the state to start from, overwritten with the state after the last
/// step (<c>Step</c>'s streams): <c>(units)</c> h, or <c>(2, units)</c> h then c for LSTM.</item>
/// </list>
/// </summary>
internal readonly struct Recurrence
{
    public Recurrence(int samples, int steps, int inputs, int units, int gates, RecurrentOptions options)
    {
        KernelChecks.Positive(samples, nameof(samples), allowZero: true);
        KernelChecks.Positive(steps, nameof(steps));
        KernelChecks.Positive(inputs, nameof(inputs));
        KernelChecks.Positive(units, nameof(units));
        if ((long)steps * Math.Max(inputs, gates * (long)units) > int.MaxValue / 16)
        {
            throw new ArgumentException($"A sequence of {steps} steps of {inputs} inputs and {units} units is too large for one sample.");
        }

        (Samples, Steps, Inputs, Units, Width, Options) = (samples, steps, inputs, units, gates * units, options);
    }

    public int Samples { get; }

    public int Steps { get; }

    public int Inputs { get; }

    public int Units { get; }

    /// <summary>Floats of all gates of one step: gates × units.</summary>
    public int Width { get; }

    public RecurrentOptions Options { get; }

    public bool ReturnSequences => (Options & RecurrentOptions.ReturnSequences) != 0;

    public bool Backwards => (Options & RecurrentOptions.GoBackwards) != 0;

    public bool ZeroMaskedOutputs => (Options & RecurrentOptions.ZeroMaskedOutputs) != 0;

    /// <summary>Floats of one sample's output.</summary>
    public int OutputSize => ReturnSequences ? Steps * Units : Units;

    /// <summary>The time index of the <paramref name="k"/>-th processed step.</summary>
    public int Time(int k) => Backwards ? Steps - 1 - k : k;

    /// <summary>Whether the step at time <paramref name="t"/> of sample <paramref name="sample"/> is masked.</summary>
    public bool IsMasked(ReadOnlySpan<float> mask, int sample, int t) => !mask.IsEmpty && mask[sample * Steps + t] == 0f;

    /// <summary>Checks the operands every kernel takes.</summary>
    public void CheckOperands(
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, int biasLength,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, int yLength, int stateLength, int stateSize)
    {
        KernelChecks.Length(kernel.Length, (long)Inputs * Width, nameof(kernel), "inputs × gates·units");
        KernelChecks.Length(recurrentKernel.Length, (long)Units * Width, nameof(recurrentKernel), "units × gates·units");
        KernelChecks.LengthOrEmpty(bias.Length, biasLength, nameof(bias), "the bias");
        KernelChecks.LengthOrEmpty(mask.Length, (long)Samples * Steps, nameof(mask), "samples × steps");
        KernelChecks.Length(x.Length, (long)Samples * Steps * Inputs, nameof(x), "samples × steps × inputs");
        KernelChecks.Length(yLength, (long)Samples * OutputSize, "y", ReturnSequences ? "samples × steps × units" : "samples × units");
        KernelChecks.LengthOrEmpty(stateLength, (long)Samples * stateSize, "state", "samples × state");
    }

    /// <summary>Throws unless <paramref name="actual"/> holds at least <paramref name="needed"/> floats.</summary>
    public static void AtLeast(int actual, long needed, string name)
    {
        if (actual < needed)
        {
            throw new ArgumentException($"{name} holds {actual} floats; the layer needs {needed}.", name);
        }
    }

    /// <summary>
    /// <c>P = x · kernel + bias</c> for every sample and step at once: one GEMM of (samples·steps × inputs) by
    /// (inputs × width), before the recurrence adds <c>h · recurrent kernel</c> step by step.
    /// </summary>
    public void ProjectInputs(ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> projections)
        => Gemm.Multiply(Samples * Steps, Inputs, Width, x, Inputs, 1, kernel, Width, bias, projections, Width);

    /// <summary>
    /// The parameter and input gradients of the input projection, once ∂P (the gates' pre-activation gradients, 0 at
    /// masked steps) is known for every step: <c>∂kernel = xᵀ·∂P; ∂bias = Σ ∂P; ∂x = ∂P · kernelᵀ</c>.
    /// </summary>
    public void ProjectionBackward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dProjections,
        Span<float> dKernel, Span<float> dBias, Span<float> dx, Span<float> transposed)
    {
        int rows = Samples * Steps;
        Gemm.Multiply(Inputs, rows, Width, x, 1, Inputs, dProjections, Width, default, dKernel, Width);
        if (!dBias.IsEmpty)
        {
            Gemm.SumRows(rows, Width, dProjections, Width, dBias);
        }

        if (!dx.IsEmpty)
        {
            Gemm.Transpose(Inputs, Width, kernel, transposed);
            Gemm.Multiply(rows, Width, Inputs, dProjections, Width, 1, transposed, Inputs, default, dx, Inputs);
        }
    }
}
