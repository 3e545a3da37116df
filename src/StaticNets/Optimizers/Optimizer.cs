using System;

namespace StaticNets;

/// <summary>
/// A gradient-descent optimizer with Keras's update formulas (docs/keras-semantics.md, "Optimizers"). It keeps per-parameter state ("slots",
/// e.g. Adam's moments), sized on first use for one model's parameter count; use one optimizer per model.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Apply(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{int})"/> updates the parameters in place and
/// allocates nothing after the first call. Entries inside the non-trainable ranges are neither read nor written, and
/// their slots never change.
/// </para>
/// <para>
/// Deriving: override <see cref="SlotCount"/> (and <see cref="InitialSlotValue"/>) to get state through
/// <see cref="Slot"/>, <see cref="BeginStep"/> for per-step scalars, and <see cref="UpdateSegment"/> for the update.
/// </para>
/// </remarks>
public abstract class Optimizer
{
    private float _learningRate;
    private LearningRateSchedule? _schedule;
    private float[][] _slots = [];
    private int _parameterCount = -1;
    private float[][] _savedSlots = [];
    private long _savedIterations = -1;

    /// <summary>Sets the learning rate.</summary>
    /// <param name="learningRate">The step size; finite and non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative or not finite.</exception>
    protected Optimizer(float learningRate) => LearningRate = learningRate;

    /// <summary>
    /// The step size (Keras <c>learning_rate</c>). With a <see cref="Schedule"/>, the schedule's rate at
    /// <see cref="Iterations"/>, i.e. the rate of the next step; otherwise the value set, which may be changed between
    /// steps, e.g. by a callback.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    /// <exception cref="InvalidOperationException">Set while a <see cref="Schedule"/> drives the rate (Keras refuses that too).</exception>
    public float LearningRate
    {
        get => _schedule is null ? _learningRate : _schedule.Rate(Iterations);
        set
        {
            if (_schedule is not null)
            {
                throw new InvalidOperationException(
                    $"This optimizer's learning rate comes from a {_schedule.GetType().Name} schedule, so it cannot be set.");
            }

            if (!(value >= 0) || float.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "The learning rate must be finite and non-negative.");
            }

            _learningRate = value;
        }
    }

    /// <summary>
    /// The schedule that gives the learning rate of each step from <see cref="Iterations"/> (Keras: a
    /// <c>LearningRateSchedule</c> passed as <c>learning_rate</c>, evaluated per batch), or null for a fixed rate.
    /// </summary>
    public LearningRateSchedule? Schedule => _schedule;

    /// <summary>Makes <paramref name="schedule"/> drive the learning rate; for the constructors that take one.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    private protected void UseSchedule(LearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _schedule = schedule;
    }

    /// <summary>Steps applied since creation or the last <see cref="Reset"/> (Keras <c>optimizer.iterations</c>).</summary>
    public long Iterations { get; private set; }

    /// <summary>The parameter count the slots were sized for, or -1 before the first step.</summary>
    public int ParameterCount => _parameterCount;

    /// <summary>How many per-parameter state vectors this optimizer keeps.</summary>
    protected virtual int SlotCount => 0;

    /// <summary>The value slot <paramref name="slot"/> starts with (0 unless overridden, e.g. Adagrad's accumulator).</summary>
    protected virtual float InitialSlotValue(int slot) => 0f;

    /// <summary>Forgets all state: <see cref="Iterations"/> back to 0, slots re-created on the next step.</summary>
    public void Reset()
    {
        Iterations = 0;
        _slots = [];
        _parameterCount = -1;
        _savedSlots = [];
        _savedIterations = -1;
    }

    /// <summary>Applies one update to <paramref name="model"/>'s parameters, skipping its non-trainable ranges.</summary>
    /// <param name="model">The model whose <see cref="INetwork.Parameters"/> change in place.</param>
    /// <param name="gradients">∂loss/∂Parameters, length <see cref="INetwork.ParameterCount"/>.</param>
    public void Apply(ITrainableNetwork model, ReadOnlySpan<float> gradients)
    {
        ArgumentNullException.ThrowIfNull(model);
        Apply(model.Parameters, gradients, model.NonTrainableRanges);
    }

    /// <summary>Applies one update in place.</summary>
    /// <param name="parameters">The weights to update.</param>
    /// <param name="gradients">Their gradients, the same length.</param>
    /// <param name="nonTrainableRanges">Sorted, non-overlapping <c>[start, length]</c> pairs of entries to leave untouched.</param>
    /// <exception cref="ArgumentException">The lengths differ, the ranges are malformed, or the optimizer was built for another parameter count.</exception>
    public void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<int> nonTrainableRanges = default)
    {
        if (gradients.Length != parameters.Length)
        {
            throw new ArgumentException(
                $"Expected {parameters.Length} gradients (one per parameter), but got {gradients.Length}.", nameof(gradients));
        }

        CheckRanges(nonTrainableRanges, parameters.Length);
        EnsureSlots(parameters.Length);
        BeginStep(Iterations + 1);

        int cursor = 0;
        for (int r = 0; r < nonTrainableRanges.Length; r += 2)
        {
            int start = nonTrainableRanges[r];
            if (start > cursor) UpdateSegment(parameters[cursor..start], gradients[cursor..start], cursor);
            cursor = start + nonTrainableRanges[r + 1];
        }

        if (cursor < parameters.Length) UpdateSegment(parameters[cursor..], gradients[cursor..], cursor);
        Iterations++;
    }

    /// <summary>Called once per step before the segments are updated, with Keras's <c>local_step = iterations + 1</c>.</summary>
    protected virtual void BeginStep(long step)
    {
    }

    /// <summary>Updates one contiguous run of trainable parameters.</summary>
    /// <param name="weights">The run of parameters.</param>
    /// <param name="gradients">Their gradients.</param>
    /// <param name="offset">The index of <paramref name="weights"/>[0] in the full parameter vector (and in every slot).</param>
    protected abstract void UpdateSegment(Span<float> weights, ReadOnlySpan<float> gradients, int offset);

    /// <summary>State vector <paramref name="slot"/>, one float per parameter.</summary>
    protected Span<float> Slot(int slot) => _slots[slot];

    /// <summary>Copies the slots and the iteration count aside (for <see cref="TerminateOnNaN"/>).</summary>
    internal void SaveState()
    {
        if (_savedSlots.Length != _slots.Length)
        {
            _savedSlots = new float[_slots.Length][];
            for (int s = 0; s < _slots.Length; s++) _savedSlots[s] = new float[_slots[s].Length];
        }

        for (int s = 0; s < _slots.Length; s++) _slots[s].AsSpan().CopyTo(_savedSlots[s]);
        _savedIterations = Iterations;
    }

    /// <summary>Puts back what <see cref="SaveState"/> copied; does nothing if nothing was saved for these slots.</summary>
    internal void RestoreState()
    {
        if (_savedIterations < 0 || _savedSlots.Length != _slots.Length) return;
        for (int s = 0; s < _slots.Length; s++) _savedSlots[s].AsSpan().CopyTo(_slots[s]);
        Iterations = _savedIterations;
    }

    private void EnsureSlots(int parameterCount)
    {
        if (_parameterCount == parameterCount) return;
        if (_parameterCount >= 0)
        {
            throw new ArgumentException(
                $"This optimizer holds state for {_parameterCount} parameters but was given {parameterCount}. " +
                "Use one optimizer per model (Compile resets it).",
                "parameters");
        }

        int count = SlotCount;
        var slots = new float[count][];
        for (int s = 0; s < count; s++)
        {
            slots[s] = new float[parameterCount];
            float initial = InitialSlotValue(s);
            if (initial != 0f) slots[s].AsSpan().Fill(initial);
        }

        _slots = slots;
        _parameterCount = parameterCount;
    }

    private static void CheckRanges(ReadOnlySpan<int> ranges, int parameterCount)
    {
        if (ranges.Length % 2 != 0)
        {
            throw new ArgumentException(
                $"Non-trainable ranges come in [start, length] pairs, but {ranges.Length} values were given.", "nonTrainableRanges");
        }

        int cursor = 0;
        for (int r = 0; r < ranges.Length; r += 2)
        {
            int start = ranges[r];
            int length = ranges[r + 1];
            if (start < cursor || length < 0 || (long)start + length > parameterCount)
            {
                throw new ArgumentException(
                    $"Non-trainable range [{start}, {length}] is out of order or outside the {parameterCount} parameters.",
                    "nonTrainableRanges");
            }

            cursor = start + length;
        }
    }
}
