using System;

namespace StaticNets;

/// <summary>
/// Keras <c>PiecewiseConstantDecay</c>: <c>values[0]</c> while <c>step ≤ boundaries[0]</c>, <c>values[i]</c> while
/// <c>boundaries[i−1] &lt; step ≤ boundaries[i]</c>, and the last value after the last boundary.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] _boundaries;
    private readonly float[] _values;

    /// <summary>Creates the schedule.</summary>
    /// <param name="boundaries">Increasing step boundaries.</param>
    /// <param name="values">One more rate than boundaries, each finite and non-negative.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lengths do not match, boundaries are not increasing, or a value is invalid.</exception>
    public PiecewiseConstantDecay(long[] boundaries, float[] values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != boundaries.Length + 1)
        {
            throw new ArgumentException(
                $"Expected {boundaries.Length + 1} values (one more than the {boundaries.Length} boundaries), but got {values.Length}.", nameof(values));
        }

        for (int i = 1; i < boundaries.Length; i++)
        {
            if (boundaries[i] <= boundaries[i - 1]) throw new ArgumentException("Boundaries must be strictly increasing.", nameof(boundaries));
        }

        foreach (float value in values) ScheduleArguments.CheckRate(value, nameof(values));
        _boundaries = (long[])boundaries.Clone();
        _values = (float[])values.Clone();
    }

    /// <summary>The step boundaries.</summary>
    public ReadOnlySpan<long> Boundaries => _boundaries;

    /// <summary>The rates between them.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <inheritdoc/>
    public override float Rate(long step)
    {
        for (int i = 0; i < _boundaries.Length; i++)
        {
            if (step <= _boundaries[i]) return _values[i];
        }

        return _values[^1];
    }
}
