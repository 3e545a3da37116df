using System;

namespace StaticNets;

/// <summary>
/// Keras <c>CosineDecay</c> (without warm-up): with <c>s = min(step, decaySteps)</c>,
/// <c>initial · ((1 − alpha) · 0.5·(1 + cos(π·s / decaySteps)) + alpha)</c>.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">Rate at step 0; finite and non-negative.</param>
    /// <param name="decaySteps">Steps to decay over; positive.</param>
    /// <param name="alpha">The final rate as a fraction of the initial one (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public CosineDecay(float initialLearningRate, long decaySteps, float alpha = 0f)
    {
        ScheduleArguments.CheckRate(initialLearningRate, nameof(initialLearningRate));
        ScheduleArguments.CheckRate(alpha, nameof(alpha));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(decaySteps);
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        Alpha = alpha;
    }

    /// <summary>Rate at step 0.</summary>
    public float InitialLearningRate { get; }

    /// <summary>Steps to decay over.</summary>
    public long DecaySteps { get; }

    /// <summary>The final rate as a fraction of the initial one.</summary>
    public float Alpha { get; }

    /// <inheritdoc/>
    public override float Rate(long step)
    {
        double fraction = (double)Math.Min(step, DecaySteps) / DecaySteps;
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * fraction));
        return (float)(InitialLearningRate * (((1 - Alpha) * cosine) + Alpha));
    }
}
