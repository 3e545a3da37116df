using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNets.Runtime;

/// <summary>
/// Keras <c>GRU</c>: kernel <c>(inputs, 3·units)</c>, recurrent kernel <c>(units, 3·units)</c>, gate blocks z, r, h; bias
/// <c>(2, 3·units)</c> with <c>resetAfter</c> (row 0 the input bias, row 1 the recurrent bias), else <c>(3·units)</c>.
/// Per step (all time steps' <c>x · kernel + b_in</c> first, as one GEMM):
/// <code>
/// resetAfter:  x_z, x_r, x_h = x_t · kernel + b_in;  q_z, q_r, q_h = h · recurrentKernel + b_rec
///              z = recurrentActivation(x_z + q_z);  r = recurrentActivation(x_r + q_r);  hh = activation(x_h + r ⊙ q_h)
/// otherwise:   x_z, x_r, x_h = x_t · kernel + b
///              z = recurrentActivation(x_z + h · R_z);  r = recurrentActivation(x_r + h · R_r)
///              hh = activation(x_h + (r ⊙ h) · R_h)
/// h = z ⊙ h + (1 − z) ⊙ hh;  output h
/// </code>
/// Layouts and masks as <see cref="Recurrence"/> says; the state is h.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Gru
{
    private const int Gates = 3;

    /// <summary>
    /// Inference scratch per sample: the gates of every step, then h, the candidate's recurrent part (<c>q_h</c>, or
    /// <c>r ⊙ h</c>) and one row of temporaries.
    /// </summary>
    public static int WorkspacePerSample(int steps, int units) => steps * Gates * units + 3 * units;

    /// <summary>
    /// Training floats per sample, kept from <see cref="TrainingForward"/> for <see cref="Backward"/>: every step's gate
    /// pre-activations (overwritten by their gradients in the backward pass), activations (z, r, hh), h and the
    /// candidate's recurrent part (<c>q_h</c>, overwritten by its gradient, or <c>r ⊙ h</c>), then the backward pass's
    /// running ∂h and ∂(r ⊙ h), and room for one row of gate gradients and one zero row.
    /// </summary>
    public static int TrainingPerSample(int steps, int units) => steps * (2 * Gates * units + 2 * units) + 2 * units + (Gates + 1) * units;

    /// <summary>Floats of the transposed kernel the backward pass needs (fixed, not per sample).</summary>
    public static int TransposedSize(int inputs, int units) => Gates * units * Math.Max(inputs, units);

    /// <summary>The inference forward pass (state: empty, or h per sample, read and written back).</summary>
    public static void Forward(
        int samples, int steps, int inputs, int units, RecurrentOptions options, bool resetAfter,
        Activation activation, Activation recurrentActivation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> state, Span<float> workspace)
    {
        var r = new Recurrence(samples, steps, inputs, units, Gates, options);
        r.CheckOperands(kernel, recurrentKernel, bias, BiasLength(r, resetAfter), mask, x, y.Length, state.Length, units);
        Recurrence.AtLeast(workspace.Length, (long)samples * WorkspacePerSample(steps, units), nameof(workspace));
        if (r.NoSamples())
        {
            return;
        }

        var regions = new Regions(workspace);
        Span<float> z = regions.Take(samples * steps * r.Width);
        var h = StepRows.PerSample(regions.Take(samples * units), units);
        var part = StepRows.PerSample(regions.Take(samples * units), units);
        Span<float> temp = regions.Take(units);
        r.ReadState(state, units, 0, h.All);
        Run(r, resetAfter, activation, recurrentActivation, kernel, recurrentKernel, bias, mask, x, y, z, z, h, part, temp);
        r.WriteState(h.All, state, units, 0);
    }

    /// <summary>The training forward pass from zero state, keeping what <see cref="Backward"/> needs in <paramref name="saved"/>.</summary>
    public static void TrainingForward(
        int samples, int steps, int inputs, int units, RecurrentOptions options, bool resetAfter,
        Activation activation, Activation recurrentActivation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> saved)
    {
        var r = new Recurrence(samples, steps, inputs, units, Gates, options);
        r.CheckOperands(kernel, recurrentKernel, bias, BiasLength(r, resetAfter), mask, x, y.Length, 0, units);
        Saved parts = new(saved, r);
        if (r.NoSamples())
        {
            return;
        }

        Run(
            r, resetAfter, activation, recurrentActivation, kernel, recurrentKernel, bias, mask, x, y,
            parts.Z, parts.A, parts.H, parts.Part, parts.Temp);
    }

    /// <summary>
    /// Backpropagation through time from ∂y: overwrites the three weight gradients and, unless <paramref name="dx"/> is
    /// empty (the first layer), ∂x. <paramref name="saved"/> is what <see cref="TrainingForward"/> kept (its
    /// pre-activations are overwritten).
    /// </summary>
    public static void Backward(
        int samples, int steps, int inputs, int units, RecurrentOptions options, bool resetAfter,
        Activation activation, Activation recurrentActivation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> saved,
        Span<float> dx, Span<float> dKernel, Span<float> dRecurrentKernel, Span<float> dBias, Span<float> transposed)
    {
        var r = new Recurrence(samples, steps, inputs, units, Gates, options);
        r.CheckBackward(kernel, recurrentKernel, mask, x, dy, dx, dKernel, dRecurrentKernel, dBias, BiasLength(r, resetAfter), transposed);
        Saved parts = new(saved, r);
        if (r.NoSamples(dKernel, dRecurrentKernel, dBias))
        {
            return;
        }

        int n = samples, u = units, w = r.Width, rowStride = steps * w;
        Span<float> recurrentT = r.BeginBackward(recurrentKernel, dy, parts.Dh, dRecurrentKernel, transposed);
        for (int k = steps - 1; k >= 0; k--)
        {
            int t = r.Time(k);
            for (int s = 0; s < n; s++)
            {
                Span<float> dh = parts.Dh.Slice(s * u, u), zRow = parts.Z.Slice(s * rowStride + t * w, w);
                if (r.AddOutputGradient(dy, mask, s, k, dh))
                {
                    zRow.Clear();
                    if (resetAfter)
                    {
                        parts.Part.At(s, t).Clear();
                    }

                    continue;
                }

                ReadOnlySpan<float> aRow = parts.A.Slice(s * rowStride + t * w, w);
                Span<float> dGates = parts.GateRow, dZ = dGates.Slice(0, u), dR = dGates.Slice(u, u), dHh = dGates.Slice(2 * u, u);
                ReadOnlySpan<float> zGate = aRow.Slice(0, u), rGate = aRow.Slice(u, u), hh = aRow.Slice(2 * u, u);

                // ∂z = ∂h ⊙ (h_prev − hh);  ∂hh = ∂h ⊙ (1 − z) = ∂h − ∂h ⊙ z;  h_prev's ∂h so far: ∂h ⊙ z
                TensorPrimitives.Subtract(parts.H.Previous(r, s, k), hh, dZ);
                TensorPrimitives.Multiply(dZ, dh, dZ);
                TensorPrimitives.Multiply(dh, zGate, dR);
                TensorPrimitives.Subtract(dh, dR, dHh);
                dR.CopyTo(dh);
                Activations.Backward(activation, zRow.Slice(2 * u, u), hh, dHh, u);
                if (resetAfter)
                {
                    // ∂r = ∂hh' ⊙ q_h, then ∂q_h = ∂hh' ⊙ r replaces q_h (hh' the candidate's pre-activation).
                    Span<float> q = parts.Part.At(s, t);
                    TensorPrimitives.Multiply(dHh, q, dR);
                    TensorPrimitives.Multiply(dHh, rGate, q);
                    Activations.Backward(recurrentActivation, zRow.Slice(0, 2 * u), aRow.Slice(0, 2 * u), dGates.Slice(0, 2 * u), u);
                    dGates.CopyTo(zRow);
                }
                else
                {
                    // ∂r needs ∂(r ⊙ h_prev), a product over all samples: r's pre-activation stays for the second pass.
                    Activations.Backward(recurrentActivation, zRow.Slice(0, u), zGate, dZ, u);
                    dZ.CopyTo(zRow);
                    dHh.CopyTo(zRow.Slice(2 * u, u));
                }
            }

            if (!resetAfter)
            {
                ResetGateBackward(r, recurrentActivation, mask, parts, recurrentT, k);
            }

            // ∂R_zr += h_prevᵀ · ∂z_t[z, r];  ∂h_prev += ∂z_t[z, r] · R_zrᵀ
            Span<float> dzt = parts.Z.Slice(t * w);
            r.BackwardThroughRecurrence(parts.H, k, dzt, rowStride, 0, 2 * u, dRecurrentKernel, recurrentT, parts.Dh);
            if (resetAfter)
            {
                // ∂R_h += h_prevᵀ · ∂q_h;  ∂h_prev += ∂q_h · R_hᵀ
                r.BackwardThroughRecurrence(parts.H, k, parts.Part.AtTime(t), parts.Part.SampleStride, 2 * u, u, dRecurrentKernel, recurrentT, parts.Dh);
            }
            else if (k > 0)
            {
                // ∂R_h += (r ⊙ h_prev)ᵀ · ∂hh' (h_prev's share through r ⊙ h_prev is in ∂h already; zero before the first step)
                r.AddRecurrentKernelGradient(parts.Part.AtTime(t), parts.Part.SampleStride, dzt.Slice(2 * u), rowStride, 2 * u, u, dRecurrentKernel);
            }
        }

        bool splitBias = resetAfter && !dBias.IsEmpty;
        r.ProjectionBackward(x, kernel, parts.Z, dKernel, splitBias ? dBias.Slice(0, w) : dBias, dx, transposed);
        if (splitBias)
        {
            // ∂b_rec: for z and r the same sums as ∂b_in; for the candidate Σ ∂q_h over every step, the first included.
            dBias.Slice(0, 2 * u).CopyTo(dBias.Slice(w, 2 * u));
            Gemm.SumRows(n * steps, u, parts.Part.All, u, dBias.Slice(w + 2 * u, u));
        }
    }

    /// <summary>
    /// Without <c>resetAfter</c>, the second pass of step k: <c>∂(r ⊙ h_prev) = ∂hh' · R_hᵀ</c> for every sample, then
    /// <c>∂r = ∂(r ⊙ h_prev) ⊙ h_prev</c> through r's activation into ∂z_t, and <c>∂h_prev += ∂(r ⊙ h_prev) ⊙ r</c>.
    /// </summary>
    private static void ResetGateBackward(
        in Recurrence r, Activation recurrentActivation, ReadOnlySpan<float> mask, in Saved parts,
        ReadOnlySpan<float> recurrentT, int k)
    {
        int n = r.Samples, u = r.Units, w = r.Width, rowStride = r.Steps * w, t = r.Time(k);
        Gemm.Multiply(n, u, u, parts.Z.Slice(t * w + 2 * u), rowStride, 1, recurrentT.Slice(2 * u * u), u, default, parts.DPart, u);
        for (int s = 0; s < n; s++)
        {
            if (r.IsMasked(mask, s, t))
            {
                continue;
            }

            Span<float> dPart = parts.DPart.Slice(s * u, u), rPre = parts.Z.Slice(s * rowStride + t * w + u, u), dR = parts.GateRow.Slice(u, u);
            ReadOnlySpan<float> rGate = parts.A.Slice(s * rowStride + t * w + u, u);
            TensorPrimitives.Multiply(dPart, parts.H.Previous(r, s, k), dR);
            TensorPrimitives.MultiplyAdd(dPart, rGate, parts.Dh.Slice(s * u, u), parts.Dh.Slice(s * u, u));
            Activations.Backward(recurrentActivation, rPre, rGate, dR, u);
            dR.CopyTo(rPre);
        }
    }

    /// <summary>
    /// The recurrence shared by inference and training: the input projections of all steps into <paramref name="z"/>,
    /// then step by step for all samples: <c>z_t[z, r] += h · R_zr</c>; the gates z and r (into <paramref name="a"/>,
    /// which is <paramref name="z"/> itself at inference); the candidate's recurrent part (<paramref name="part"/>:
    /// <c>q_h = h · R_h + b_rec_h</c>, or <c>r ⊙ h</c> whose product with R_h is added to <c>z_t[h]</c>); then hh, the new
    /// h and the output.
    /// </summary>
    private static void Run(
        in Recurrence r, bool resetAfter, Activation activation, Activation recurrentActivation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> mask,
        ReadOnlySpan<float> x, Span<float> y, Span<float> z, Span<float> a, in StepRows h, in StepRows part, Span<float> temp)
    {
        int n = r.Samples, u = r.Units, w = r.Width, steps = r.Steps, rowStride = steps * w;
        bool splitBias = resetAfter && !bias.IsEmpty, oneCellPass = GruCell.Applies(resetAfter, activation, recurrentActivation);
        ReadOnlySpan<float> inputBias = splitBias ? bias.Slice(0, w) : bias, recurrentBias = splitBias ? bias.Slice(w, w) : default;
        r.ProjectInputs(x, kernel, inputBias, z);
        for (int k = 0; k < steps; k++)
        {
            int t = r.Time(k);
            r.AddRecurrentProduct(h, k, recurrentKernel, 0, 2 * u, z);
            if (resetAfter)
            {
                // q_h = h_prev · R_h + b_rec_h for every sample (b_rec_h alone before the first step of training: the
                // zero row, read for every sample).
                ReadOnlySpan<float> previous = h.PreviousForAll(r, k, out int previousStride);
                ReadOnlySpan<float> candidateBias = splitBias ? recurrentBias.Slice(2 * u, u) : default;
                Gemm.Multiply(n, u, u, previous, previousStride, 1, recurrentKernel.Slice(2 * u), w, candidateBias, part.AtTime(t), part.SampleStride);
            }

            if (oneCellPass)
            {
                for (int s = 0; s < n; s++)
                {
                    Span<float> hNew = h.At(s, t);
                    if (r.IsMasked(mask, s, t))
                    {
                        h.Previous(r, s, k).CopyTo(hNew);
                    }
                    else
                    {
                        GruCell.Update(z.Slice(s * rowStride + t * w, w), a.Slice(s * rowStride + t * w, w), recurrentBias, part.At(s, t), h.Previous(r, s, k), hNew, u);
                    }

                    r.Output(y, mask, s, k, hNew);
                }

                continue;
            }

            for (int s = 0; s < n; s++)
            {
                if (r.IsMasked(mask, s, t))
                {
                    if (!resetAfter)
                    {
                        part.At(s, t).Clear(); // no NaN from stale scratch in the product below, or in ∂R_h
                    }

                    continue;
                }

                Span<float> zRow = z.Slice(s * rowStride + t * w, w), gates = a.Slice(s * rowStride + t * w, w);
                if (splitBias)
                {
                    TensorPrimitives.Add(zRow.Slice(0, 2 * u), recurrentBias.Slice(0, 2 * u), zRow.Slice(0, 2 * u));
                }

                if (gates != zRow)
                {
                    zRow.Slice(0, 2 * u).CopyTo(gates);
                }

                Activations.Apply(recurrentActivation, gates.Slice(0, 2 * u), u);
                if (resetAfter)
                {
                    // hh' = x_h + r ⊙ q_h
                    TensorPrimitives.MultiplyAdd(gates.Slice(u, u), part.At(s, t), zRow.Slice(2 * u, u), zRow.Slice(2 * u, u));
                }
                else
                {
                    TensorPrimitives.Multiply(gates.Slice(u, u), h.Previous(r, s, k), part.At(s, t));
                }
            }

            if (!resetAfter && h.HasPrevious(k))
            {
                // hh' = x_h + (r ⊙ h_prev) · R_h (nothing to add before the first step of training, where h_prev = 0)
                r.AddRecurrentProduct(part.AtTime(t), part.SampleStride, recurrentKernel, 2 * u, u, z, t);
            }

            for (int s = 0; s < n; s++)
            {
                Span<float> hNew = h.At(s, t);
                ReadOnlySpan<float> hOld = h.Previous(r, s, k);
                if (r.IsMasked(mask, s, t))
                {
                    hOld.CopyTo(hNew);
                }
                else
                {
                    Span<float> hh = a.Slice(s * rowStride + t * w + 2 * u, u), zGate = a.Slice(s * rowStride + t * w, u);
                    z.Slice(s * rowStride + t * w + 2 * u, u).CopyTo(hh);
                    Activations.Apply(activation, hh, u);

                    // h = z ⊙ h_prev + (1 − z) ⊙ hh
                    TensorPrimitives.Subtract(1f, zGate, temp);
                    TensorPrimitives.Multiply(temp, hh, temp);
                    TensorPrimitives.MultiplyAdd(zGate, hOld, temp, hNew);
                }

                r.Output(y, mask, s, k, hNew);
            }
        }
    }

    /// <summary>The bias's length: both rows with <c>resetAfter</c>, else one.</summary>
    private static int BiasLength(in Recurrence r, bool resetAfter) => resetAfter ? 2 * r.Width : r.Width;

    /// <summary>The regions of <see cref="TrainingPerSample"/>'s floats for a batch, each covering every sample.</summary>
    private readonly ref struct Saved
    {
        public Saved(Span<float> saved, in Recurrence r)
        {
            int n = r.Samples, u = r.Units, gates = n * r.Steps * r.Width, rows = n * r.Steps * u;
            Recurrence.AtLeast(saved.Length, (long)n * TrainingPerSample(r.Steps, u), nameof(saved));
            var regions = new Regions(saved);
            Z = regions.Take(gates);
            A = regions.Take(gates);
            Span<float> h = regions.Take(rows), part = regions.Take(rows);
            Dh = regions.Take(n * u);
            DPart = regions.Take(n * u);
            GateRow = regions.TakeShared(r.Width, n);
            Span<float> zeros = regions.TakeShared(u, n);
            zeros.Clear();
            H = StepRows.PerStep(h, zeros, r.Steps, u);
            Part = StepRows.PerStep(part, zeros, r.Steps, u);
        }

        /// <summary>Every step's gate pre-activations, then their gradients.</summary>
        public Span<float> Z { get; }

        /// <summary>Every step's z, r and hh.</summary>
        public Span<float> A { get; }

        /// <summary>Every step's h.</summary>
        public StepRows H { get; }

        /// <summary>Every step's q_h (then ∂q_h) with <c>resetAfter</c>, else r ⊙ h_prev.</summary>
        public StepRows Part { get; }

        /// <summary>The backward pass's running ∂h (samples × units).</summary>
        public Span<float> Dh { get; }

        /// <summary>∂(r ⊙ h_prev) of one step (samples × units; without <c>resetAfter</c>).</summary>
        public Span<float> DPart { get; }

        /// <summary>One row of gate gradients in the backward pass.</summary>
        public Span<float> GateRow { get; }

        /// <summary>The forward pass's row of temporaries (the gate row's first units).</summary>
        public Span<float> Temp => GateRow.Slice(0, GateRow.Length / Gates);
    }
}
