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
public static class Lstm
{
    private const int Gates = 4;

    /// <summary>Inference scratch per sample: the gates of every step, then h, c and one row of temporaries.</summary>
    public static int WorkspacePerSample(int steps, int units) => steps * Gates * units + 3 * units;

    /// <summary>
    /// Training floats per sample, kept from <see cref="TrainingForward"/> for <see cref="Backward"/>: every step's gate
    /// pre-activations (overwritten by their gradients in the backward pass) and activations, c, activation(c) and h,
    /// then the backward pass's running ∂h, ∂c, a new ∂h and one row of gate gradients.
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
        int n = samples, u = units;
        Span<float> z = workspace.Slice(0, n * steps * r.Width);
        Span<float> h = workspace.Slice(z.Length, n * u), c = workspace.Slice(z.Length + n * u, n * u);
        Span<float> temp = workspace.Slice(z.Length + 2 * n * u, u);
        for (int s = 0; s < n; s++)
        {
            if (state.IsEmpty)
            {
                h.Slice(s * u, u).Clear();
                c.Slice(s * u, u).Clear();
            }
            else
            {
                state.Slice(s * 2 * u, u).CopyTo(h.Slice(s * u, u));
                state.Slice(s * 2 * u + u, u).CopyTo(c.Slice(s * u, u));
            }
        }

        var history = new History(h, c, default, default, historySteps: 1, units);
        Run(r, activation, recurrentActivation, kernel, recurrentKernel, bias, mask, x, y, z, z, history, temp);
        if (!state.IsEmpty)
        {
            for (int s = 0; s < n; s++)
            {
                h.Slice(s * u, u).CopyTo(state.Slice(s * 2 * u, u));
                c.Slice(s * u, u).CopyTo(state.Slice(s * 2 * u + u, u));
            }
        }
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
        Run(r, activation, recurrentActivation, kernel, recurrentKernel, bias, mask, x, y, parts.Z, parts.A, parts.History, parts.Temp.Slice(0, units));
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
        r.CheckOperands(kernel, recurrentKernel, dBias, r.Width, mask, x, dy.Length, 0, 2 * units);
        KernelChecks.LengthOrEmpty(dx.Length, x.Length, nameof(dx), "samples × steps × inputs");
        KernelChecks.Length(dKernel.Length, kernel.Length, nameof(dKernel), "the kernel");
        KernelChecks.Length(dRecurrentKernel.Length, recurrentKernel.Length, nameof(dRecurrentKernel), "the recurrent kernel");
        Recurrence.AtLeast(transposed.Length, TransposedSize(inputs, units), nameof(transposed));
        Saved parts = new(saved, r);
        int n = samples, u = units, w = r.Width, rowStride = steps * w;
        Span<float> dh = parts.Temp.Slice(0, n * u), dc = parts.Temp.Slice(n * u, n * u), dhNew = parts.Temp.Slice(2 * n * u, n * u);
        Span<float> dGates = parts.Temp.Slice(3 * n * u, w);
        Span<float> recurrentT = transposed.Slice(0, w * u);
        Gemm.Transpose(u, w, recurrentKernel, recurrentT);
        dc.Clear();
        if (r.ReturnSequences)
        {
            dh.Clear();
        }
        else
        {
            dy.CopyTo(dh);
        }

        dRecurrentKernel.Clear();
        for (int k = steps - 1; k >= 0; k--)
        {
            int t = r.Time(k);
            for (int s = 0; s < n; s++)
            {
                Span<float> dhs = dh.Slice(s * u, u), dcs = dc.Slice(s * u, u);
                Span<float> zRow = parts.Z.Slice(s * rowStride + t * w, w);
                bool masked = r.IsMasked(mask, s, t);
                if (r.ReturnSequences && !(masked && r.ZeroMaskedOutputs))
                {
                    TensorPrimitives.Add(dhs, dy.Slice((s * steps + k) * u, u), dhs);
                }

                if (masked)
                {
                    // The state went through unchanged: ∂h and ∂c reach the step before as they are.
                    zRow.Clear();
                    continue;
                }

                ReadOnlySpan<float> aRow = parts.A.Slice(s * rowStride + t * w, w);
                ReadOnlySpan<float> i = aRow.Slice(0, u), f = aRow.Slice(u, u), g = aRow.Slice(2 * u, u), o = aRow.Slice(3 * u, u);
                Span<float> dI = dGates.Slice(0, u), dF = dGates.Slice(u, u), dG = dGates.Slice(2 * u, u), dO = dGates.Slice(3 * u, u);

                // ∂c += ∂h ⊙ o ⊙ activation'(c);  ∂o = ∂h ⊙ activation(c)
                TensorPrimitives.Multiply(dhs, o, dI);
                Activations.Backward(activation, parts.History.C(s, t), parts.History.ActivatedC(s, t), dI, u);
                TensorPrimitives.Add(dcs, dI, dcs);
                TensorPrimitives.Multiply(dhs, parts.History.ActivatedC(s, t), dO);

                // ∂i = ∂c ⊙ g;  ∂f = ∂c ⊙ c_prev;  ∂g = ∂c ⊙ i;  then ∂c_prev = ∂c ⊙ f
                TensorPrimitives.Multiply(dcs, g, dI);
                if (k > 0)
                {
                    TensorPrimitives.Multiply(dcs, parts.History.C(s, r.Time(k - 1)), dF);
                }
                else
                {
                    dF.Clear();
                }

                TensorPrimitives.Multiply(dcs, i, dG);
                TensorPrimitives.Multiply(dcs, f, dcs);

                // Through the gates' activations to ∂z, which replaces z.
                Activations.Backward(recurrentActivation, zRow.Slice(0, 2 * u), aRow.Slice(0, 2 * u), dGates.Slice(0, 2 * u), 2 * u);
                Activations.Backward(activation, zRow.Slice(2 * u, u), g, dG, u);
                Activations.Backward(recurrentActivation, zRow.Slice(3 * u, u), o, dO, u);
                dGates.CopyTo(zRow);
            }

            if (k == 0)
            {
                break; // the initial state is zero: no ∂recurrentKernel and no ∂h further back
            }

            // ∂recurrentKernel += h_prevᵀ · ∂z_t;  ∂h_prev = ∂z_t · recurrentKernelᵀ (masked samples keep their ∂h)
            int previous = r.Time(k - 1);
            Gemm.MultiplyAdd(u, n, w, parts.History.AllH.Slice(previous * u), 1, steps * u, parts.Z.Slice(t * w), rowStride, dRecurrentKernel, w);
            Gemm.Multiply(n, w, u, parts.Z.Slice(t * w), rowStride, 1, recurrentT, u, default, dhNew, u);
            for (int s = 0; s < n; s++)
            {
                if (!r.IsMasked(mask, s, t))
                {
                    dhNew.Slice(s * u, u).CopyTo(dh.Slice(s * u, u));
                }
            }
        }

        r.ProjectionBackward(x, kernel, parts.Z.Slice(0, n * rowStride), dKernel, dBias, dx, transposed);
    }

    /// <summary>
    /// The recurrence shared by inference and training: the input projections of all steps into <paramref name="z"/>,
    /// then step by step <c>z_t += h · recurrentKernel</c> for all samples, the gates (into <paramref name="a"/>, which is
    /// <paramref name="z"/> itself at inference), the new c and h, and the output.
    /// </summary>
    private static void Run(
        in Recurrence r, Activation activation, Activation recurrentActivation,
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> mask,
        ReadOnlySpan<float> x, Span<float> y, Span<float> z, Span<float> a, in History history, Span<float> temp)
    {
        int n = r.Samples, u = r.Units, w = r.Width, steps = r.Steps, rowStride = steps * w;
        r.ProjectInputs(x, kernel, bias, z.Slice(0, n * rowStride));
        for (int k = 0; k < steps; k++)
        {
            int t = r.Time(k);
            if (history.HasPrevious(k))
            {
                Gemm.MultiplyAdd(n, u, w, history.PreviousHForAll(r, k), history.SampleStride, 1, recurrentKernel, w, z.Slice(t * w), rowStride);
            }

            for (int s = 0; s < n; s++)
            {
                Span<float> cNew = history.C(s, t), hNew = history.H(s, t);
                ReadOnlySpan<float> cOld = history.PreviousC(r, s, k), hOld = history.PreviousH(r, s, k);
                if (r.IsMasked(mask, s, t))
                {
                    cOld.CopyTo(cNew);
                    hOld.CopyTo(hNew);
                }
                else
                {
                    Span<float> gates = a.Slice(s * rowStride + t * w, w);
                    if (a != z)
                    {
                        z.Slice(s * rowStride + t * w, w).CopyTo(gates);
                    }

                    Activations.Apply(recurrentActivation, gates.Slice(0, 2 * u), 2 * u);
                    Activations.Apply(activation, gates.Slice(2 * u, u), u);
                    Activations.Apply(recurrentActivation, gates.Slice(3 * u, u), u);

                    // c = f ⊙ c_prev + i ⊙ g;  h = o ⊙ activation(c)
                    TensorPrimitives.Multiply(gates.Slice(u, u), cOld, temp);
                    TensorPrimitives.MultiplyAdd(gates.Slice(0, u), gates.Slice(2 * u, u), temp, cNew);
                    Span<float> activated = history.HasActivatedC ? history.ActivatedC(s, t) : temp;
                    cNew.CopyTo(activated);
                    Activations.Apply(activation, activated, u);
                    TensorPrimitives.Multiply(gates.Slice(3 * u, u), activated, hNew);
                }

                if (r.ReturnSequences)
                {
                    Span<float> output = y.Slice((s * steps + k) * u, u);
                    if (r.ZeroMaskedOutputs && r.IsMasked(mask, s, t))
                    {
                        output.Clear();
                    }
                    else
                    {
                        hNew.CopyTo(output);
                    }
                }
                else if (k == steps - 1)
                {
                    hNew.CopyTo(y.Slice(s * u, u));
                }
            }
        }
    }

    /// <summary>
    /// Where h, c and activation(c) of each step live: in training, one row per step (<c>historySteps</c> = steps), so
    /// the backward pass finds them; at inference, one row per sample updated in place (<c>historySteps</c> = 1), whose
    /// initial content is the starting state.
    /// </summary>
    private readonly ref struct History
    {
        private readonly Span<float> _h, _c, _activatedC, _zeros;
        private readonly int _historySteps, _units;

        public History(Span<float> h, Span<float> c, Span<float> activatedC, Span<float> zeros, int historySteps, int units)
        {
            _h = h;
            _c = c;
            _activatedC = activatedC;
            _zeros = zeros;
            _historySteps = historySteps;
            _units = units;
        }

        /// <summary>Every row of h.</summary>
        public Span<float> AllH => _h;

        public bool HasActivatedC => !_activatedC.IsEmpty;

        /// <summary>Floats between two samples' rows.</summary>
        public int SampleStride => _historySteps * _units;

        private int Row(int s, int t) => (s * _historySteps + (_historySteps == 1 ? 0 : t)) * _units;

        public Span<float> H(int s, int t) => _h.Slice(Row(s, t), _units);

        public Span<float> C(int s, int t) => _c.Slice(Row(s, t), _units);

        public Span<float> ActivatedC(int s, int t) => _activatedC.Slice(Row(s, t), _units);

        /// <summary>Whether step k has a state before it other than zero (training starts from zeros; inference from its rows).</summary>
        public bool HasPrevious(int k) => k > 0 || _historySteps == 1;

        /// <summary>Every sample's h before step k, as rows <see cref="SampleStride"/> apart.</summary>
        public ReadOnlySpan<float> PreviousHForAll(in Recurrence r, int k) => _historySteps == 1 ? _h : _h.Slice(r.Time(k - 1) * _units);

        public ReadOnlySpan<float> PreviousH(in Recurrence r, int s, int k) => Previous(_h, r, s, k);

        public ReadOnlySpan<float> PreviousC(in Recurrence r, int s, int k) => Previous(_c, r, s, k);

        private ReadOnlySpan<float> Previous(Span<float> rows, in Recurrence r, int s, int k)
        {
            if (_historySteps == 1)
            {
                return rows.Slice(Row(s, 0), _units);
            }

            return k == 0 ? _zeros : rows.Slice(Row(s, r.Time(k - 1)), _units);
        }
    }

    /// <summary>The regions of <see cref="TrainingPerSample"/>'s floats for a batch, each covering every sample.</summary>
    private readonly ref struct Saved
    {
        public Saved(Span<float> saved, in Recurrence r)
        {
            int n = r.Samples, u = r.Units, steps = r.Steps, gates = n * steps * r.Width, rows = n * steps * u;
            Recurrence.AtLeast(saved.Length, (long)n * TrainingPerSample(steps, u), nameof(saved));
            Z = saved.Slice(0, gates);
            A = saved.Slice(gates, gates);
            Temp = saved.Slice(2 * gates + 3 * rows, n * (3 * u + r.Width));

            // Training starts from a zero state: a zero row in the backward pass's temporaries, unused until then.
            Span<float> zeros = Temp.Slice(u, u);
            zeros.Clear();
            History = new History(saved.Slice(2 * gates + 2 * rows, rows), saved.Slice(2 * gates, rows), saved.Slice(2 * gates + rows, rows), zeros, steps, u);
        }

        public Span<float> Z { get; }

        public Span<float> A { get; }

        public History History { get; }

        public Span<float> Temp { get; }
    }
}
