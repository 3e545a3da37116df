using System;

namespace StaticNets.Runtime;

public static partial class Lstm
{
    /// <summary>Scratch floats of <see cref="Step"/>: one row of gates and activation(c).</summary>
    public static int StepWorkspace(int units) => Gates * units + units;

    /// <summary>
    /// One time step of one stream (<c>Step</c>): what <see cref="Forward"/> computes for one sample and one step from
    /// <paramref name="state"/> (h then c, updated in place), the same bits, without the batch path's bookkeeping.
    /// <paramref name="x"/> is the step's <paramref name="inputs"/> features, <paramref name="y"/> gets h
    /// (<paramref name="units"/> floats), <paramref name="mask"/> is empty or one float (0: a masked step).
    /// </summary>
    public static void Step(
        int inputs, int units, RecurrentOptions options, Activation activation, Activation recurrentActivation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> state, Span<float> workspace)
    {
        int w = RecurrentStep.Check(inputs, units, Gates, kernel, recurrentKernel, bias, Gates * units, mask, x, y, state, 2 * units, workspace, StepWorkspace(units));
        Span<float> h = state.Slice(0, units), c = state.Slice(units, units);
        if (RecurrentStep.IsMasked(mask))
        {
            RecurrentStep.MaskedOutput(options, h, y);
            return;
        }

        if (LstmStepKernel.Applies(activation, recurrentActivation, units))
        {
            LstmStepKernel.Run(inputs, units, kernel, recurrentKernel, bias, x, h, c, y, workspace.Slice(0, units));
            return;
        }

        Span<float> z = workspace.Slice(0, w), activated = workspace.Slice(w, units);
        if (StepProduct.Fusable(w))
        {
            StepProduct.Multiply(w, bias, x, kernel, w, h, recurrentKernel, w, z);
        }
        else
        {
            Gemm.Multiply(1, inputs, w, x, inputs, 1, kernel, w, bias, z, w);
            Gemm.MultiplyAdd(1, units, w, h, units, 1, recurrentKernel, w, z, w);
        }

        Cell(activation, recurrentActivation, z, c, c, activated, h, units);
        h.CopyTo(y);
    }
}
