using System;
using System.ComponentModel;

namespace StaticNets.Runtime;

/// <summary>
/// Keras <c>SimpleRNN</c>: kernel <c>(inputs, units)</c>, recurrent kernel <c>(units, units)</c>, bias <c>(units)</c>. Per step:
/// <code>
/// z = x_t · kernel + bias + h · recurrentKernel      (all time steps' x · kernel + bias first, as one GEMM)
/// h = activation(z);  output h
/// </code>
/// Layouts and masks as <see cref="Recurrence"/> says; the state is h.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SimpleRnn
{
    /// <summary>Inference scratch per sample: the pre-activations of every step, then h.</summary>
    public static int WorkspacePerSample(int steps, int units) => (steps + 1) * units;

    /// <summary>
    /// Training floats per sample, kept from <see cref="TrainingForward"/> for <see cref="Backward"/>: every step's
    /// pre-activations (overwritten by their gradients in the backward pass) and h, then the backward pass's running ∂h
    /// and room for one zero row.
    /// </summary>
    public static int TrainingPerSample(int steps, int units) => 2 * steps * units + 2 * units;

    /// <summary>Floats of the transposed kernel the backward pass needs (fixed, not per sample).</summary>
    public static int TransposedSize(int inputs, int units) => units * Math.Max(inputs, units);

    /// <summary>The inference forward pass (state: empty, or h per sample, read and written back).</summary>
    public static void Forward(
        int samples, int steps, int inputs, int units, RecurrentOptions options, Activation activation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> state, Span<float> workspace)
    {
        var r = new Recurrence(samples, steps, inputs, units, 1, options);
        r.CheckOperands(kernel, recurrentKernel, bias, units, mask, x, y.Length, state.Length, units);
        Recurrence.AtLeast(workspace.Length, (long)samples * WorkspacePerSample(steps, units), nameof(workspace));
        if (r.NoSamples())
        {
            return;
        }

        var regions = new Regions(workspace);
        Span<float> z = regions.Take(samples * steps * units);
        var h = StepRows.PerSample(regions.Take(samples * units), units);
        r.ReadState(state, units, 0, h.All);
        Run(r, activation, kernel, recurrentKernel, bias, mask, x, y, z, h);
        r.WriteState(h.All, state, units, 0);
    }

    /// <summary>The training forward pass from zero state, keeping what <see cref="Backward"/> needs in <paramref name="saved"/>.</summary>
    public static void TrainingForward(
        int samples, int steps, int inputs, int units, RecurrentOptions options, Activation activation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> saved)
    {
        var r = new Recurrence(samples, steps, inputs, units, 1, options);
        r.CheckOperands(kernel, recurrentKernel, bias, units, mask, x, y.Length, 0, units);
        Saved parts = new(saved, r);
        if (r.NoSamples())
        {
            return;
        }

        Run(r, activation, kernel, recurrentKernel, bias, mask, x, y, parts.Z, parts.H);
    }

    /// <summary>
    /// Backpropagation through time from ∂y: overwrites the three weight gradients and, unless <paramref name="dx"/> is
    /// empty (the first layer), ∂x. <paramref name="saved"/> is what <see cref="TrainingForward"/> kept (its
    /// pre-activations are overwritten).
    /// </summary>
    public static void Backward(
        int samples, int steps, int inputs, int units, RecurrentOptions options, Activation activation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> saved,
        Span<float> dx, Span<float> dKernel, Span<float> dRecurrentKernel, Span<float> dBias, Span<float> transposed)
    {
        var r = new Recurrence(samples, steps, inputs, units, 1, options);
        r.CheckBackward(kernel, recurrentKernel, mask, x, dy, dx, dKernel, dRecurrentKernel, dBias, units, transposed);
        Saved parts = new(saved, r);
        if (r.NoSamples(dKernel, dRecurrentKernel, dBias))
        {
            return;
        }

        int n = samples, u = units, rowStride = steps * u;
        Span<float> recurrentT = r.BeginBackward(recurrentKernel, dy, parts.Dh, dRecurrentKernel, transposed);
        for (int k = steps - 1; k >= 0; k--)
        {
            int t = r.Time(k);
            for (int s = 0; s < n; s++)
            {
                Span<float> dh = parts.Dh.Slice(s * u, u), zRow = parts.Z.Slice(s * rowStride + t * u, u);
                if (r.AddOutputGradient(dy, mask, s, k, dh))
                {
                    zRow.Clear();
                    continue;
                }

                // ∂z = ∂h ⊙ activation'(z) replaces z; h_prev's ∂h is then only what ∂z sends back.
                Activations.Backward(activation, zRow, parts.H.At(s, t), dh, u);
                dh.CopyTo(zRow);
                dh.Clear();
            }

            // ∂recurrentKernel += h_prevᵀ · ∂z_t;  ∂h_prev += ∂z_t · recurrentKernelᵀ
            r.BackwardThroughRecurrence(parts.H, k, parts.Z.Slice(t * u), rowStride, 0, u, dRecurrentKernel, recurrentT, parts.Dh);
        }

        r.ProjectionBackward(x, kernel, parts.Z, dKernel, dBias, dx, transposed);
    }

    /// <summary>
    /// The recurrence shared by inference and training: the input projections of all steps into <paramref name="z"/>,
    /// then step by step <c>z_t += h · recurrentKernel</c> for all samples, <c>h = activation(z_t)</c> and the output.
    /// </summary>
    private static void Run(
        in Recurrence r, Activation activation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> mask,
        ReadOnlySpan<float> x, Span<float> y, Span<float> z, in StepRows h)
    {
        int n = r.Samples, u = r.Units, steps = r.Steps;
        r.ProjectInputs(x, kernel, bias, z);
        for (int k = 0; k < steps; k++)
        {
            int t = r.Time(k);
            r.AddRecurrentProduct(h, k, recurrentKernel, 0, u, z);

            for (int s = 0; s < n; s++)
            {
                Span<float> hNew = h.At(s, t);
                if (r.IsMasked(mask, s, t))
                {
                    h.Previous(r, s, k).CopyTo(hNew);
                }
                else
                {
                    z.Slice((s * steps + t) * u, u).CopyTo(hNew);
                    Activations.Apply(activation, hNew, u);
                }

                r.Output(y, mask, s, k, hNew);
            }
        }
    }

    /// <summary>The regions of <see cref="TrainingPerSample"/>'s floats for a batch, each covering every sample.</summary>
    private readonly ref struct Saved
    {
        public Saved(Span<float> saved, in Recurrence r)
        {
            int n = r.Samples, u = r.Units, rows = n * r.Steps * u;
            Recurrence.AtLeast(saved.Length, (long)n * TrainingPerSample(r.Steps, u), nameof(saved));
            var regions = new Regions(saved);
            Z = regions.Take(rows);
            Span<float> h = regions.Take(rows);
            Dh = regions.Take(n * u);
            Span<float> zeros = regions.TakeShared(u, n);
            zeros.Clear();
            H = StepRows.PerStep(h, zeros, r.Steps, u);
        }

        /// <summary>Every step's pre-activations, then their gradients.</summary>
        public Span<float> Z { get; }

        /// <summary>Every step's h.</summary>
        public StepRows H { get; }

        /// <summary>The backward pass's running ∂h (samples × units).</summary>
        public Span<float> Dh { get; }
    }
}
