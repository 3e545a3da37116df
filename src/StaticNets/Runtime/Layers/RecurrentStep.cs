using System;

namespace StaticNets.Runtime;

/// <summary>What the one-sample, one-step kernels of the recurrent layers (<c>Step</c>) share: their checks and masked steps.</summary>
internal static class RecurrentStep
{
    /// <summary>
    /// Checks a step's operands (the layouts of <see cref="Recurrence"/> for one sample and one step) and returns the
    /// gates' width, gates × units.
    /// </summary>
    public static int Check(
        int inputs, int units, int gates,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, int biasLength,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> state, int stateSize,
        Span<float> workspace, int workspaceSize)
    {
        KernelChecks.Positive(inputs, nameof(inputs));
        KernelChecks.Positive(units, nameof(units));
        if (Math.Max(inputs, units) > int.MaxValue / 16 / gates)
        {
            throw new ArgumentException($"A step of {inputs} inputs and {units} units is too large.");
        }

        int width = gates * units;
        KernelChecks.Length(kernel.Length, (long)inputs * width, nameof(kernel), "inputs × gates·units");
        KernelChecks.Length(recurrentKernel.Length, (long)units * width, nameof(recurrentKernel), "units × gates·units");
        KernelChecks.LengthOrEmpty(bias.Length, biasLength, nameof(bias), "the bias");
        KernelChecks.LengthOrEmpty(mask.Length, 1, nameof(mask), "one step");
        KernelChecks.Length(x.Length, inputs, nameof(x), "inputs");
        KernelChecks.Length(y.Length, units, nameof(y), "units");
        KernelChecks.Length(state.Length, stateSize, nameof(state), "the state");
        Recurrence.AtLeast(workspace.Length, workspaceSize, nameof(workspace));
        return width;
    }

    /// <summary>Whether the step is masked (a mask whose one float is 0).</summary>
    public static bool IsMasked(ReadOnlySpan<float> mask) => !mask.IsEmpty && mask[0] == 0f;

    /// <summary>A masked step's output, as <see cref="Recurrence.Output"/> writes it: zeros where masked outputs are zeroed, else h.</summary>
    public static void MaskedOutput(RecurrentOptions options, ReadOnlySpan<float> h, Span<float> y)
    {
        const RecurrentOptions Zeroed = RecurrentOptions.ReturnSequences | RecurrentOptions.ZeroMaskedOutputs;
        if ((options & Zeroed) == Zeroed)
        {
            y.Clear();
        }
        else
        {
            h.CopyTo(y);
        }
    }
}
