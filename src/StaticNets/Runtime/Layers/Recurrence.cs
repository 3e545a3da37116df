using System;
using System.ComponentModel;
using System.Numerics.Tensors;

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

    /// <summary>
    /// Checks the operands of a backward pass: those of <see cref="CheckOperands"/> (∂bias for the bias, ∂y for y), ∂x
    /// empty or as long as x, ∂kernel and ∂recurrentKernel as long as the kernels, and at least
    /// <see cref="TransposedSize"/> floats of <paramref name="transposed"/>.
    /// </summary>
    public void CheckBackward(
        ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> mask, ReadOnlySpan<float> x,
        ReadOnlySpan<float> dy, Span<float> dx, Span<float> dKernel, Span<float> dRecurrentKernel, Span<float> dBias, int biasLength,
        Span<float> transposed)
    {
        CheckOperands(kernel, recurrentKernel, dBias, biasLength, mask, x, dy.Length, 0, 0);
        KernelChecks.LengthOrEmpty(dx.Length, x.Length, nameof(dx), "samples × steps × inputs");
        KernelChecks.Length(dKernel.Length, kernel.Length, nameof(dKernel), "the kernel");
        KernelChecks.Length(dRecurrentKernel.Length, recurrentKernel.Length, nameof(dRecurrentKernel), "the recurrent kernel");
        AtLeast(transposed.Length, TransposedSize, nameof(transposed));
    }

    /// <summary>Floats of the transposed kernels a backward pass needs: the recurrent kernel's, then the kernel's, in turn.</summary>
    public int TransposedSize => Width * Math.Max(Inputs, Units);

    /// <summary>
    /// Whether there are no samples, so nothing to run (the operands checked first); a backward pass's gradients are
    /// then zero, and cleared here.
    /// </summary>
    public bool NoSamples(Span<float> dKernel = default, Span<float> dRecurrentKernel = default, Span<float> dBias = default)
    {
        if (Samples > 0)
        {
            return false;
        }

        dKernel.Clear();
        dRecurrentKernel.Clear();
        dBias.Clear();
        return true;
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

    /// <summary>
    /// <c>z_t[:, column..column + columns] += rows · recurrentKernel[:, column..column + columns]</c> for every sample at
    /// once, where sample s's row of the left operand starts at <c>s · rowStride</c> and z holds (steps × width) per sample.
    /// </summary>
    public void AddRecurrentProduct(
        ReadOnlySpan<float> rows, int rowStride, ReadOnlySpan<float> recurrentKernel, int column, int columns, Span<float> z, int t)
        => Gemm.MultiplyAdd(Samples, Units, columns, rows, rowStride, 1, recurrentKernel.Slice(column), Width, z.Slice(t * Width + column), Steps * Width);

    /// <summary>
    /// <c>z_t[:, column..column + columns] += h_prev · recurrentKernel[:, column..column + columns]</c> for the k-th
    /// processed step and every sample; nothing for the first step of training, whose h_prev is zero.
    /// </summary>
    public void AddRecurrentProduct(in StepRows h, int k, ReadOnlySpan<float> recurrentKernel, int column, int columns, Span<float> z)
    {
        if (h.HasPrevious(k))
        {
            AddRecurrentProduct(h.PreviousForAll(this, k, out int stride), stride, recurrentKernel, column, columns, z, Time(k));
        }
    }

    /// <summary>
    /// The recurrent product's weight gradient: <c>∂recurrentKernel[:, column..column + columns] += rowsᵀ · ∂z_t</c>,
    /// with sample s's row of the left operand at <c>s · rowStride</c> and its row of ∂z_t at <c>s · dzStride</c>.
    /// </summary>
    public void AddRecurrentKernelGradient(
        ReadOnlySpan<float> rows, int rowStride, ReadOnlySpan<float> dz, int dzStride, int column, int columns, Span<float> dRecurrentKernel)
        => Gemm.MultiplyAdd(Units, Samples, columns, rows, 1, rowStride, dz, dzStride, dRecurrentKernel.Slice(column), Width);

    /// <summary>
    /// The backward pass of <c>z_t[:, column..] += h_prev · recurrentKernel[:, column..]</c> for the k-th processed step:
    /// <c>∂recurrentKernel[:, column..] += h_prevᵀ · ∂z_t; ∂h_prev += ∂z_t · recurrentKernel[:, column..]ᵀ</c>, with ∂z_t
    /// <paramref name="dzStride"/> floats apart per sample. Nothing for the first step of training: the state before it is
    /// zero, and there is no step before it to send ∂h to.
    /// </summary>
    public void BackwardThroughRecurrence(
        in StepRows h, int k, ReadOnlySpan<float> dz, int dzStride, int column, int columns,
        Span<float> dRecurrentKernel, ReadOnlySpan<float> recurrentTransposed, Span<float> dh)
    {
        if (h.HasPrevious(k))
        {
            ReadOnlySpan<float> previous = h.PreviousForAll(this, k, out int stride);
            AddRecurrentKernelGradient(previous, stride, dz, dzStride, column, columns, dRecurrentKernel);
            AddStateGradient(dz, dzStride, column, columns, recurrentTransposed, dh);
        }
    }

    /// <summary>
    /// <c>∂h_prev += ∂z_t · recurrentKernel[:, column..]ᵀ</c> for the k-th processed step, the part of
    /// <see cref="BackwardThroughRecurrence"/> that must run step by step, for a layer that takes the kernel's gradient
    /// at the end (<see cref="RecurrentKernelGradient"/>). Nothing for the first step of training.
    /// </summary>
    public void BackwardThroughState(
        in StepRows h, int k, ReadOnlySpan<float> dz, int dzStride, int column, int columns, ReadOnlySpan<float> recurrentTransposed, Span<float> dh)
    {
        if (h.HasPrevious(k))
        {
            AddStateGradient(dz, dzStride, column, columns, recurrentTransposed, dh);
        }
    }

    /// <summary>
    /// The recurrent kernel's whole gradient once the pass through time has left every step's ∂z (samples × steps ×
    /// width in <paramref name="dz"/>): <c>∂recurrentKernel[:, column..] = Σ h_prevᵀ · ∂z</c> over every sample and step,
    /// as one GEMM instead of one per step that would read and write the whole gradient each time. Each training row of
    /// h pairs with the ∂z row after it (before it, going backwards); between samples that pairs one sample's last state
    /// with the next sample's first step, so those rows of h, no longer needed, are cleared first. The first processed
    /// step adds nothing (its h_prev is zero). Uses up <paramref name="h"/>.
    /// </summary>
    public void RecurrentKernelGradient(in StepRows h, ReadOnlySpan<float> dz, int column, int columns, Span<float> dRecurrentKernel)
    {
        if (Steps == 1)
        {
            for (int row = 0; row < Units; row++)
            {
                dRecurrentKernel.Slice(row * Width + column, columns).Clear();
            }

            return;
        }

        Span<float> rows = h.All;
        for (int s = 0; s + 1 < Samples; s++)
        {
            rows.Slice((Backwards ? (s + 1) * Steps : s * Steps + Steps - 1) * Units, Units).Clear();
        }

        ReadOnlySpan<float> previous = Backwards ? rows.Slice(Units) : rows;
        ReadOnlySpan<float> after = Backwards ? dz : dz.Slice(Width);
        Gemm.Multiply(Units, Samples * Steps - 1, columns, previous, 1, Units, after.Slice(column), Width, default, dRecurrentKernel.Slice(column), Width);
    }

    /// <summary>
    /// The recurrent product's gradient for its left operand: <c>∂h += ∂z_t · recurrentKernel[:, column..]ᵀ</c>
    /// for every sample (∂h: samples × units), from the transposed recurrent kernel (width × units). A masked sample's
    /// ∂z row is zero, so its ∂h passes through unchanged.
    /// </summary>
    private void AddStateGradient(ReadOnlySpan<float> dz, int dzStride, int column, int columns, ReadOnlySpan<float> recurrentTransposed, Span<float> dh)
        => Gemm.MultiplyAdd(Samples, columns, Units, dz, dzStride, 1, recurrentTransposed.Slice(column * Units), Units, dh, Units);

    /// <summary>Rows (samples × units) from one part of the state (samples × <paramref name="stateSize"/>, the part at <paramref name="offset"/>), or zeros without a state.</summary>
    public void ReadState(ReadOnlySpan<float> state, int stateSize, int offset, Span<float> rows)
    {
        for (int s = 0; s < Samples; s++)
        {
            Span<float> row = rows.Slice(s * Units, Units);
            if (state.IsEmpty)
            {
                row.Clear();
            }
            else
            {
                state.Slice(s * stateSize + offset, Units).CopyTo(row);
            }
        }
    }

    /// <summary>The inverse of <see cref="ReadState"/>: rows back into their part of the state, unless there is none.</summary>
    public void WriteState(ReadOnlySpan<float> rows, Span<float> state, int stateSize, int offset)
    {
        for (int s = 0; !state.IsEmpty && s < Samples; s++)
        {
            rows.Slice(s * Units, Units).CopyTo(state.Slice(s * stateSize + offset, Units));
        }
    }

    /// <summary>Writes sample s's output after its k-th processed step, whose h is <paramref name="h"/>.</summary>
    public void Output(Span<float> y, ReadOnlySpan<float> mask, int s, int k, ReadOnlySpan<float> h)
    {
        if (ReturnSequences)
        {
            Span<float> output = y.Slice((s * Steps + k) * Units, Units);
            if (ZeroMaskedOutputs && IsMasked(mask, s, Time(k)))
            {
                output.Clear();
            }
            else
            {
                h.CopyTo(output);
            }
        }
        else if (k == Steps - 1)
        {
            h.CopyTo(y.Slice(s * Units, Units));
        }
    }

    /// <summary>
    /// The start of every backward pass: ∂recurrentKernel cleared (the steps add to it), ∂h (samples × units) after the
    /// last processed step (∂y itself without <see cref="RecurrentOptions.ReturnSequences"/>, else zero: each step adds
    /// its row of ∂y in <see cref="AddOutputGradient"/>), and the recurrent kernel transposed (width × units) into the
    /// start of <paramref name="transposed"/>, which is returned.
    /// </summary>
    public Span<float> BeginBackward(
        ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> dy, Span<float> dh, Span<float> dRecurrentKernel, Span<float> transposed)
    {
        dRecurrentKernel.Clear();
        if (ReturnSequences)
        {
            dh.Clear();
        }
        else
        {
            dy.CopyTo(dh);
        }

        Span<float> recurrentT = transposed.Slice(0, Width * Units);
        Gemm.Transpose(Units, Width, recurrentKernel, recurrentT);
        return recurrentT;
    }

    /// <summary>
    /// Adds the k-th processed step's row of ∂y to sample s's ∂h where that output was h (not a zero written for a
    /// masked step), and returns whether the step is masked: then the state went through unchanged, and ∂h (and ∂c)
    /// reach the step before as they are.
    /// </summary>
    public bool AddOutputGradient(ReadOnlySpan<float> dy, ReadOnlySpan<float> mask, int s, int k, Span<float> dh)
    {
        bool masked = IsMasked(mask, s, Time(k));
        if (ReturnSequences && !(masked && ZeroMaskedOutputs))
        {
            TensorPrimitives.Add(dh, dy.Slice((s * Steps + k) * Units, Units), dh);
        }

        return masked;
    }
}

/// <summary>
/// Where one per-step quantity of a recurrent layer (h, or LSTM's c) lives. In training, one row per sample and step
/// (sample s, time t at <c>(s · steps + t) · units</c>), so the backward pass finds every step's value, and the state
/// before the first processed step is zero. At inference, one row per sample, updated in place, whose initial content
/// is the starting state.
/// </summary>
internal readonly ref struct StepRows
{
    private readonly Span<float> _rows;
    private readonly ReadOnlySpan<float> _zeros;
    private readonly int _steps, _units;

    private StepRows(Span<float> rows, ReadOnlySpan<float> zeros, int steps, int units)
    {
        _rows = rows;
        _zeros = zeros;
        _steps = steps;
        _units = units;
    }

    /// <summary>Inference: one row per sample (samples × units), holding the starting state.</summary>
    public static StepRows PerSample(Span<float> rows, int units) => new(rows, default, 0, units);

    /// <summary>Training: one row per sample and time step (samples × steps × units); <paramref name="zeros"/> is a zero row.</summary>
    public static StepRows PerStep(Span<float> rows, ReadOnlySpan<float> zeros, int steps, int units) => new(rows, zeros, steps, units);

    /// <summary>Whether every step keeps its own row (training).</summary>
    public bool KeepsSteps => _steps > 0;

    /// <summary>Floats between two samples' rows.</summary>
    public int SampleStride => KeepsSteps ? _steps * _units : _units;

    /// <summary>Every row.</summary>
    public Span<float> All => _rows;

    /// <summary>Sample s's row at time t.</summary>
    public Span<float> At(int s, int t) => _rows.Slice(s * SampleStride + (KeepsSteps ? t * _units : 0), _units);

    /// <summary>Every sample's row at time t, <see cref="SampleStride"/> apart.</summary>
    public Span<float> AtTime(int t) => KeepsSteps ? _rows.Slice(t * _units) : _rows;

    /// <summary>Whether the state before the k-th processed step may be non-zero (training starts from zeros).</summary>
    public bool HasPrevious(int k) => k > 0 || !KeepsSteps;

    /// <summary>Sample s's value before its k-th processed step.</summary>
    public ReadOnlySpan<float> Previous(in Recurrence r, int s, int k)
        => HasPrevious(k) ? At(s, KeepsSteps ? r.Time(k - 1) : 0) : _zeros;

    /// <summary>Every sample's value before the k-th processed step, rows <paramref name="stride"/> apart (0: one zero row for all).</summary>
    public ReadOnlySpan<float> PreviousForAll(in Recurrence r, int k, out int stride)
    {
        stride = HasPrevious(k) ? SampleStride : 0;
        return HasPrevious(k) ? AtTime(KeepsSteps ? r.Time(k - 1) : 0) : _zeros;
    }
}

/// <summary>Hands out consecutive regions of a workspace, so a kernel's layout reads as a list.</summary>
internal ref struct Regions
{
    private Span<float> _rest;

    public Regions(Span<float> space) => _rest = space;

    /// <summary>The next <paramref name="length"/> floats.</summary>
    public Span<float> Take(int length)
    {
        Span<float> region = _rest.Slice(0, length);
        _rest = _rest.Slice(length);
        return region;
    }

    /// <summary>
    /// The next <paramref name="length"/> floats for one row all samples share, where there are samples (the layouts
    /// count such rows per sample, so a batch of none has no room for them, and needs none).
    /// </summary>
    public Span<float> TakeShared(int length, int samples) => Take(samples > 0 ? length : 0);
}
