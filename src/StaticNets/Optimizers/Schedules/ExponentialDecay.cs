using System;

namespace StaticNets;

/// <summary>
/// Keras <c>ExponentialDecay</c>: <c>initial · decayRate^(step / decaySteps)</c>, with the exponent floored when
/// <see cref="Staircase"/>.
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">Rate at step 0; finite and non-negative.</param>
    /// <param name="decaySteps">Steps per decay period; positive.</param>
    /// <param name="decayRate">Factor per period; finite and non-negative.</param>
    /// <param name="staircase">Whether the rate drops in steps, once per period.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public ExponentialDecay(float initialLearningRate, long decaySteps, float decayRate, bool staircase = false)
    {
        ScheduleArguments.CheckRate(initialLearningRate, nameof(initialLearningRate));
        ScheduleArguments.CheckRate(decayRate, nameof(decayRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(decaySteps);
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        DecayRate = decayRate;
        Staircase = staircase;
    }

    /// <summary>Rate at step 0.</summary>
    public float InitialLearningRate { get; }

    /// <summary>Steps per decay period.</summary>
    public long DecaySteps { get; }

    /// <summary>Factor per period.</summary>
    public float DecayRate { get; }

    /// <summary>Whether the exponent is floored.</summary>
    public bool Staircase { get; }

    /// <inheritdoc/>
    public override float Rate(long step)
    {
        double progress = (double)step / DecaySteps;
        if (Staircase) progress = Math.Floor(progress);
        return (float)(InitialLearningRate * Math.Pow(DecayRate, progress));
    }
}
