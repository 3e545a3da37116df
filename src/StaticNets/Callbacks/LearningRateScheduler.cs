using System;
using System.Collections.Generic;
using System.Globalization;

namespace StaticNets;

/// <summary>
/// Keras <c>LearningRateScheduler</c>: at the start of each epoch sets the optimizer's learning rate to
/// <c>schedule(epoch, currentRate)</c> (epoch 0-based), and records the rate of the epoch as
/// <c>"learning_rate"</c> in its logs (so in the <see cref="History"/>), as Keras 3 does.
/// </summary>
/// <remarks>
/// With <c>verbose</c> 1 it prints <c>Epoch 3: LearningRateScheduler setting learning rate to 0.001.</c> after an
/// empty line. An optimizer driven by a <see cref="LearningRateSchedule"/> cannot have its rate set, so it makes
/// <c>Fit</c> throw <see cref="InvalidOperationException"/>, as Keras raises for it.
/// </remarks>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, float, float> _schedule;

    /// <summary>Creates the callback.</summary>
    /// <param name="schedule">Takes the 0-based epoch and the current rate, returns the new rate.</param>
    /// <param name="verbose">0 silent, 1 prints each new rate.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="verbose"/> is negative.</exception>
    public LearningRateScheduler(Func<int, float, float> schedule, int verbose = 0)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfNegative(verbose);
        _schedule = schedule;
        Verbose = verbose;
    }

    /// <summary>0 silent, 1 prints each new rate.</summary>
    public int Verbose { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">The schedule returned a negative or non-finite rate.</exception>
    public override void OnEpochBegin(int epoch)
    {
        float rate = _schedule(epoch, Optimizer.LearningRate);
        Optimizer.LearningRate = rate;
        if (Verbose > 0)
        {
            Output.WriteLine();
            Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Epoch {epoch + 1}: LearningRateScheduler setting learning rate to {PythonFormat.Repr(rate)}."));
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
        => AddLog(logs, "learning_rate", Optimizer.LearningRate);
}
