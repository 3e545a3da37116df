using System;
using System.Numerics.Tensors;

namespace StaticNets.Runtime;

public static partial class Gru
{
    /// <summary>Scratch floats of <see cref="Step"/> (as much as <see cref="Forward"/> takes for one sample and one step).</summary>
    public static int StepWorkspace(int units) => WorkspacePerSample(1, units);

    /// <summary>
    /// One time step of one stream (<c>Step</c>): what <see cref="Forward"/> computes for one sample and one step from
    /// <paramref name="state"/> (h, updated in place), the same bits, without the batch path's bookkeeping.
    /// <paramref name="x"/> is the step's <paramref name="inputs"/> features, <paramref name="y"/> gets h
    /// (<paramref name="units"/> floats), <paramref name="mask"/> is empty or one float (0: a masked step).
    /// </summary>
    public static void Step(
        int inputs, int units, RecurrentOptions options, bool resetAfter, Activation activation, Activation recurrentActivation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> state, Span<float> workspace)
    {
        int u = units;
        int w = RecurrentStep.Check(inputs, units, Gates, kernel, recurrentKernel, bias, resetAfter ? 2 * Gates * u : Gates * u, mask, x, y, state, u, workspace, StepWorkspace(u));
        if (!resetAfter)
        {
            // The candidate's product needs r ⊙ h first: the general path, whose bookkeeping costs little beside two products.
            Forward(1, 1, inputs, units, options, resetAfter, activation, recurrentActivation, kernel, recurrentKernel, bias, mask, x, y, state, workspace);
            return;
        }

        Span<float> h = state;
        if (RecurrentStep.IsMasked(mask))
        {
            RecurrentStep.MaskedOutput(options, h, y);
            return;
        }

        if (GruStepKernel.Applies(resetAfter, activation, recurrentActivation, u))
        {
            GruStepKernel.Run(inputs, u, kernel, recurrentKernel, bias, x, h, y, workspace);
            return;
        }

        Span<float> z = workspace.Slice(0, w), q = workspace.Slice(w, u), temp = workspace.Slice(w + u, u);
        ReadOnlySpan<float> inputBias = bias.IsEmpty ? default : bias.Slice(0, w), recurrentBias = bias.IsEmpty ? default : bias.Slice(w, w);

        // x_z, x_r, x_h = x · kernel + b_in;  z_z, z_r += h · R_z, R_r;  q_h = h · R_h + b_rec_h   (the batch path's three products)
        if (StepProduct.Fusable(u))
        {
            StepProduct.Multiply(2 * u, Part(inputBias, 0, 2 * u), x, kernel, w, h, recurrentKernel, w, z);
            StepProduct.Multiply(u, Part(inputBias, 2 * u, u), x, kernel.Slice(2 * u), w, default, default, 0, z.Slice(2 * u, u));
            StepProduct.Multiply(u, Part(recurrentBias, 2 * u, u), h, recurrentKernel.Slice(2 * u), w, default, default, 0, q);
        }
        else
        {
            Gemm.Multiply(1, inputs, w, x, inputs, 1, kernel, w, inputBias, z, w);
            Gemm.MultiplyAdd(1, u, 2 * u, h, u, 1, recurrentKernel, w, z, w);
            Gemm.Multiply(1, u, u, h, u, 1, recurrentKernel.Slice(2 * u), w, Part(recurrentBias, 2 * u, u), q, u);
        }

        // Then the gates and h with the code the batch path runs, so they round alike.
        if (GruCell.Applies(resetAfter, activation, recurrentActivation))
        {
            GruCell.Update(z, z, recurrentBias, q, h, h, u);
            h.CopyTo(y);
            return;
        }

        if (!recurrentBias.IsEmpty)
        {
            TensorPrimitives.Add(z.Slice(0, 2 * u), recurrentBias.Slice(0, 2 * u), z.Slice(0, 2 * u));
        }

        Activations.Apply(recurrentActivation, z.Slice(0, 2 * u), u);
        Span<float> zGate = z.Slice(0, u), hh = z.Slice(2 * u, u);
        TensorPrimitives.MultiplyAdd(z.Slice(u, u), q, hh, hh);
        Activations.Apply(activation, hh, u);
        TensorPrimitives.Subtract(1f, zGate, temp);
        TensorPrimitives.Multiply(temp, hh, temp);
        TensorPrimitives.MultiplyAdd(zGate, h, temp, h);
        h.CopyTo(y);
    }

    /// <summary>A part of an optional bias (empty when there is none).</summary>
    private static ReadOnlySpan<float> Part(ReadOnlySpan<float> bias, int start, int length) => bias.IsEmpty ? default : bias.Slice(start, length);
}
