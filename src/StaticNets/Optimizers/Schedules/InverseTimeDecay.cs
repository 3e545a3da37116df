using System;

namespace StaticNets;

/// <summary>
/// Keras <c>InverseTimeDecay</c>: <c>initial / (1 + decayRate · step / decaySteps)</c>, with <c>step / decaySteps</c>
/// floored when <see cref="Staircase"/>.
/// </summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">Rate at step 0; finite and non-negative.</param>
    /// <param name="decaySteps">Steps per decay period; positive.</param>
    /// <param name="decayRate">Decay per period; finite and non-negative.</param>
    /// <param name="staircase">Whether the rate drops in steps, once per period.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public InverseTimeDecay(float initialLearningRate, long decaySteps, float decayRate, bool staircase = false)
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

    /// <summary>Decay per period.</summary>
    public float DecayRate { get; }

    /// <summary>Whether <c>step / decaySteps</c> is floored.</summary>
    public bool Staircase { get; }

    /// <inheritdoc/>
    public override float Rate(long step)
    {
        double progress = (double)step / DecaySteps;
        if (Staircase) progress = Math.Floor(progress);
        return (float)(InitialLearningRate / (1 + DecayRate * progress));
    }
}
