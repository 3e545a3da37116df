using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNets.Runtime;

/// <summary>
/// Keras <c>LSTM</c>: kernel <c>(inputs, 4·units)</c>, recurrent kernel <c>(units, 4·units)</c>, bias <c>(4·units)</c>,
/// gate blocks i, f, c, o. Per step:
/// <code>
/// z = x_t · kernel + bias + h · recurrentKernel      (all time steps' x · kernel + bias first, as one GEMM)
/// i, f, o = recurrentActivation(z_i, z_f, z_o);  g = activation(z_c)
/// c = f ⊙ c + i ⊙ g;  h = o ⊙ activation(c);  output h
/// </code>
/// Layouts and masks as <see cref="Recurrence"/> says; the state is h then c.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Lstm
{
    private const int Gates = 4;

    /// <summary>Inference scratch per sample: the gates of every step, then h, c and activation(c).</summary>
    public static int WorkspacePerSample(int steps, int units) => steps * Gates * units + 3 * units;

    /// <summary>
    /// Training floats per sample, kept from <see cref="TrainingForward"/> for <see cref="Backward"/>: every step's gate
    /// pre-activations (overwritten by their gradients in the backward pass) and activations, c, activation(c) and h,
    /// then the backward pass's running ∂h and ∂c, and room for one row of gate gradients and one zero row.
    /// </summary>
    public static int TrainingPerSample(int steps, int units) => steps * (2 * Gates * units + 3 * units) + 3 * units + Gates * units;

    /// <summary>Floats of the transposed kernel the backward pass needs (fixed, not per sample).</summary>
    public static int TransposedSize(int inputs, int units) => Gates * units * Math.Max(inputs, units);

    /// <summary>The inference forward pass (state: empty, or h then c per sample, read and written back).</summary>
    public static void Forward(
        int samples, int steps, int inputs, int units, RecurrentOptions options, Activation activation, Activation recurrentActivation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> state, Span<float> workspace)
    {
        var r = new Recurrence(samples, steps, inputs, units, Gates, options);
        r.CheckOperands(kernel, recurrentKernel, bias, r.Width, mask, x, y.Length, state.Length, 2 * units);
        Recurrence.AtLeast(workspace.Length, (long)samples * WorkspacePerSample(steps, units), nameof(workspace));
        if (r.NoSamples())
        {
            return;
        }

        var regions = new Regions(workspace);
        Span<float> z = regions.Take(samples * steps * r.Width);
        var h = StepRows.PerSample(regions.Take(samples * units), units);
        var c = StepRows.PerSample(regions.Take(samples * units), units);
        var activatedC = StepRows.PerSample(regions.Take(samples * units), units);
        r.ReadState(state, 2 * units, 0, h.All);
        r.ReadState(state, 2 * units, units, c.All);
        if (samples == 1 && LstmTwoHalves.Applies(activation, recurrentActivation, units, steps))
        {
            // One sample of a large layer: half the units on the companion thread (each half's kernel columns in its
            // core's L2), when that has been the faster way on this thread lately.
            LstmTwoHalves.RunFasterWay(r, x, kernel, bias, recurrentKernel, mask, y, z, h.All, c.All, activatedC.All);
        }
        else if (samples == 1 && LstmOneSample.Applies(activation, recurrentActivation, units))
        {
            // One sample (a single Predict): its own kernel, with activation(c)'s row for tanh(c).
            r.ProjectInputs(x, kernel, bias, z);
            LstmOneSample.Run(r, recurrentKernel, mask, y, z, h.All, c.All, activatedC.All);
        }
        else
        {
            Run(r, activation, recurrentActivation, kernel, recurrentKernel, bias, mask, x, y, z, z, h, c, activatedC);
        }

        r.WriteState(h.All, state, 2 * units, 0);
        r.WriteState(c.All, state, 2 * units, units);
    }

    /// <summary>The training forward pass from zero state, keeping what <see cref="Backward"/> needs in <paramref name="saved"/>.</summary>
    public static void TrainingForward(
        int samples, int steps, int inputs, int units, RecurrentOptions options, Activation activation, Activation recurrentActivation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> saved)
    {
        var r = new Recurrence(samples, steps, inputs, units, Gates, options);
        r.CheckOperands(kernel, recurrentKernel, bias, r.Width, mask, x, y.Length, 0, 2 * units);
        Saved parts = new(saved, r);
        if (r.NoSamples())
        {
            return;
        }

        Run(r, activation, recurrentActivation, kernel, recurrentKernel, bias, mask, x, y, parts.Z, parts.A, parts.H, parts.C, parts.ActivatedC);
    }

    /// <summary>
    /// Backpropagation through time from ∂y: overwrites the three weight gradients and, unless <paramref name="dx"/> is
    /// empty (the first layer), ∂x. <paramref name="saved"/> is what <see cref="TrainingForward"/> kept (its pre-activations
    /// are overwritten).
    /// </summary>
    public static void Backward(
        int samples, int steps, int inputs, int units, RecurrentOptions options, Activation activation, Activation recurrentActivation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> saved,
        Span<float> dx, Span<float> dKernel, Span<float> dRecurrentKernel, Span<float> dBias, Span<float> transposed)
    {
        var r = new Recurrence(samples, steps, inputs, units, Gates, options);
        r.CheckBackward(kernel, recurrentKernel, mask, x, dy, dx, dKernel, dRecurrentKernel, dBias, r.Width, transposed);
        Saved parts = new(saved, r);
        if (r.NoSamples(dKernel, dRecurrentKernel, dBias))
        {
            return;
        }

        int n = samples, u = units, w = r.Width, rowStride = steps * w;
        Span<float> dGates = parts.GateRow;
        Span<float> dI = dGates.Slice(0, u), dF = dGates.Slice(u, u), dG = dGates.Slice(2 * u, u), dO = dGates.Slice(3 * u, u);
        Span<float> recurrentT = r.BeginBackward(recurrentKernel, dy, parts.Dh, dRecurrentKernel, transposed);
        parts.Dc.Clear();
        for (int k = steps - 1; k >= 0; k--)
        {
            int t = r.Time(k);
            for (int s = 0; s < n; s++)
            {
                Span<float> dh = parts.Dh.Slice(s * u, u), dc = parts.Dc.Slice(s * u, u), zRow = parts.Z.Slice(s * rowStride + t * w, w);
                if (r.AddOutputGradient(dy, mask, s, k, dh))
                {
                    zRow.Clear();
                    continue;
                }

                ReadOnlySpan<float> aRow = parts.A.Slice(s * rowStride + t * w, w), activatedC = parts.ActivatedC.At(s, t);
                ReadOnlySpan<float> i = aRow.Slice(0, u), f = aRow.Slice(u, u), g = aRow.Slice(2 * u, u), o = aRow.Slice(3 * u, u);

                // ∂c += ∂h ⊙ o ⊙ activation'(c);  ∂o = ∂h ⊙ activation(c)
                TensorPrimitives.Multiply(dh, o, dI);
                Activations.Backward(activation, parts.C.At(s, t), activatedC, dI, u);
                TensorPrimitives.Add(dc, dI, dc);
                TensorPrimitives.Multiply(dh, activatedC, dO);

                // ∂i = ∂c ⊙ g;  ∂f = ∂c ⊙ c_prev;  ∂g = ∂c ⊙ i;  then ∂c_prev = ∂c ⊙ f
                TensorPrimitives.Multiply(dc, g, dI);
                TensorPrimitives.Multiply(dc, parts.C.Previous(r, s, k), dF);
                TensorPrimitives.Multiply(dc, i, dG);
                TensorPrimitives.Multiply(dc, f, dc);

                // Through the gates' activations to ∂z, which replaces z; h_prev's ∂h is then only what ∂z sends back.
                Activations.Backward(recurrentActivation, zRow.Slice(0, 2 * u), aRow.Slice(0, 2 * u), dGates.Slice(0, 2 * u), u);
                Activations.Backward(activation, zRow.Slice(2 * u, u), g, dG, u);
                Activations.Backward(recurrentActivation, zRow.Slice(3 * u, u), o, dO, u);
                dGates.CopyTo(zRow);
                dh.Clear();
            }

            // ∂h_prev += ∂z_t · recurrentKernelᵀ (∂recurrentKernel = Σ h_prevᵀ · ∂z_t at the end, in one product)
            r.BackwardThroughState(parts.H, k, parts.Z.Slice(t * w), rowStride, 0, w, recurrentT, parts.Dh);
        }

        r.RecurrentKernelGradient(parts.H, parts.Z, 0, w, dRecurrentKernel);

        r.ProjectionBackward(x, kernel, parts.Z, dKernel, dBias, dx, transposed);
    }

    /// <summary>
    /// The recurrence shared by inference and training: the input projections of all steps into <paramref name="z"/>,
    /// then step by step <c>z_t += h · recurrentKernel</c> for all samples, the gates (into <paramref name="a"/>, which is
    /// <paramref name="z"/> itself at inference), the new c, activation(c) and h, and the output.
    /// </summary>
    private static void Run(
        in Recurrence r, Activation activation, Activation recurrentActivation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> mask,
        ReadOnlySpan<float> x, Span<float> y, Span<float> z, Span<float> a, in StepRows h, in StepRows c, in StepRows activatedC)
    {
        int n = r.Samples, u = r.Units, w = r.Width, steps = r.Steps, rowStride = steps * w;
        r.ProjectInputs(x, kernel, bias, z);
        for (int k = 0; k < steps; k++)
        {
            int t = r.Time(k);
            r.AddRecurrentProduct(h, k, recurrentKernel, 0, w, z);

            for (int s = 0; s < n; s++)
            {
                Span<float> cNew = c.At(s, t), hNew = h.At(s, t);
                ReadOnlySpan<float> cOld = c.Previous(r, s, k);
                if (r.IsMasked(mask, s, t))
                {
                    cOld.CopyTo(cNew);
                    h.Previous(r, s, k).CopyTo(hNew);
                }
                else
                {
                    Span<float> gates = a.Slice(s * rowStride + t * w, w);
                    if (a != z)
                    {
                        z.Slice(s * rowStride + t * w, w).CopyTo(gates);
                    }

                    Cell(activation, recurrentActivation, gates, cOld, cNew, activatedC.At(s, t), hNew, u);
                }

                r.Output(y, mask, s, k, hNew);
            }
        }
    }

    /// <summary>
    /// One sample's cell from its gate pre-activations (activated in place): <c>c = f ⊙ c_prev + i ⊙ g</c> into
    /// <paramref name="cNew"/> (which may be <paramref name="cOld"/>), activation(c) into <paramref name="activated"/>,
    /// <c>h = o ⊙ activation(c)</c> into <paramref name="hNew"/>. Shared by every path (batch, training, streamed steps),
    /// so they round alike.
    /// </summary>
    private static void Cell(
        Activation activation, Activation recurrentActivation,
        Span<float> gates, ReadOnlySpan<float> cOld, Span<float> cNew, Span<float> activated, Span<float> hNew, int u)
    {
        if (LstmCell.Applies(activation, recurrentActivation))
        {
            LstmCell.Update(gates, cOld, cNew, activated, hNew, u);
            return;
        }

        // Each gate's activation on its own row of units (softmax, too, works per gate).
        Activations.Apply(recurrentActivation, gates.Slice(0, 2 * u), u);
        Activations.Apply(activation, gates.Slice(2 * u, u), u);
        Activations.Apply(recurrentActivation, gates.Slice(3 * u, u), u);

        // (f ⊙ c_prev first goes where activation(c) will)
        TensorPrimitives.Multiply(gates.Slice(u, u), cOld, activated);
        TensorPrimitives.MultiplyAdd(gates.Slice(0, u), gates.Slice(2 * u, u), activated, cNew);
        cNew.CopyTo(activated);
        Activations.Apply(activation, activated, u);
        TensorPrimitives.Multiply(gates.Slice(3 * u, u), activated, hNew);
    }

    /// <summary>The regions of <see cref="TrainingPerSample"/>'s floats for a batch, each covering every sample.</summary>
    private readonly ref struct Saved
    {
        public Saved(Span<float> saved, in Recurrence r)
        {
            int n = r.Samples, u = r.Units, steps = r.Steps, gates = n * steps * r.Width, rows = n * steps * u;
            Recurrence.AtLeast(saved.Length, (long)n * TrainingPerSample(steps, u), nameof(saved));
            var regions = new Regions(saved);
            Z = regions.Take(gates);
            A = regions.Take(gates);
            Span<float> c = regions.Take(rows), activatedC = regions.Take(rows), h = regions.Take(rows);
            Dh = regions.Take(n * u);
            Dc = regions.Take(n * u);
            GateRow = regions.TakeShared(r.Width, n);
            Span<float> zeros = regions.TakeShared(u, n);
            zeros.Clear();
            C = StepRows.PerStep(c, zeros, steps, u);
            ActivatedC = StepRows.PerStep(activatedC, zeros, steps, u);
            H = StepRows.PerStep(h, zeros, steps, u);
        }

        /// <summary>Every step's gate pre-activations, then their gradients.</summary>
        public Span<float> Z { get; }

        /// <summary>Every step's gates i, f, g, o.</summary>
        public Span<float> A { get; }

        public StepRows C { get; }

        public StepRows ActivatedC { get; }

        public StepRows H { get; }

        /// <summary>The backward pass's running ∂h and ∂c (samples × units each).</summary>
        public Span<float> Dh { get; }

        public Span<float> Dc { get; }

        /// <summary>One row of gate gradients.</summary>
        public Span<float> GateRow { get; }
    }
}
