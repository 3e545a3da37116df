using System;
using System.Collections.Generic;
using System.Globalization;

namespace StaticNets;

/// <summary>
/// Keras <c>ReduceLROnPlateau</c>: multiplies the learning rate by <c>factor</c> (not below <c>minLearningRate</c>)
/// when the monitored quantity has not improved for <c>patience</c> epochs, then waits <c>cooldown</c> epochs before
/// counting again. Records the epoch's rate as <c>"learning_rate"</c> in the logs, as Keras 3 does.
/// </summary>
/// <remarks>
/// <para>
/// Per epoch, as Keras 3: in cooldown, the cooldown counter drops by one and the wait resets; an improvement
/// (<c>current − minDelta &gt; best</c> when maximising, <c>current + minDelta &lt; best</c> when minimising; the first
/// value always improves) becomes the best and resets the wait; otherwise, out of cooldown, the wait grows and on
/// reaching <c>patience</c> the rate is reduced if it is above <c>minLearningRate</c>, which starts the cooldown.
/// Mode <c>"auto"</c> follows the monitored metric's direction (see <see cref="EarlyStopping"/>). With
/// <c>verbose</c> 1 it prints <c>Epoch 5: ReduceLROnPlateau reducing learning rate to 0.0001.</c>
/// </para>
/// <para>
/// A missing monitor value prints Keras's warning and leaves the state unchanged. An optimizer driven by a
/// <see cref="LearningRateSchedule"/> cannot be reduced (<see cref="InvalidOperationException"/>), as in Keras.
/// </para>
/// </remarks>
public sealed class ReduceLROnPlateau : Callback
{
    private bool _maximize;
    private double? _best;
    private int _wait;
    private int _cooldownCounter;

    /// <summary>Creates the callback with Keras's defaults.</summary>
    /// <param name="monitor">The log entry to watch (default <c>"val_loss"</c>).</param>
    /// <param name="factor">Multiplies the rate on a plateau; in [0, 1).</param>
    /// <param name="patience">Epochs without improvement before reducing; non-negative.</param>
    /// <param name="minDelta">Smallest change that counts as an improvement (absolute value used).</param>
    /// <param name="cooldown">Epochs to wait after a reduction before counting again; non-negative.</param>
    /// <param name="minLearningRate">Lower bound of the rate; finite and non-negative.</param>
    /// <param name="mode"><c>"auto"</c>, <c>"min"</c> or <c>"max"</c>.</param>
    /// <param name="verbose">0 silent, 1 prints each reduction.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public ReduceLROnPlateau(
        string monitor = "val_loss",
        float factor = 0.1f,
        int patience = 10,
        float minDelta = 1e-4f,
        int cooldown = 0,
        float minLearningRate = 0f,
        string mode = "auto",
        int verbose = 0)
    {
        MonitorDirection.CheckMonitor(monitor, nameof(monitor));
        ArgumentNullException.ThrowIfNull(mode);
        if (!(factor >= 0f && factor < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau does not support a factor ≥ 1 (or negative).");
        }

        if (float.IsNaN(minDelta)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be a number.");
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        ArgumentOutOfRangeException.ThrowIfNegative(verbose);
        ScheduleArguments.CheckRate(minLearningRate, nameof(minLearningRate));
        _maximize = MonitorDirection.IsMaximized(monitor, mode, nameof(mode));
        Monitor = monitor;
        Factor = factor;
        Patience = patience;
        MinDelta = Math.Abs(minDelta);
        Cooldown = cooldown;
        MinLearningRate = minLearningRate;
        Mode = mode;
        Verbose = verbose;
    }

    /// <summary>The watched log entry.</summary>
    public string Monitor { get; }

    /// <summary>Multiplies the rate on a plateau.</summary>
    public float Factor { get; }

    /// <summary>Epochs without improvement before reducing.</summary>
    public int Patience { get; }

    /// <summary>Smallest change that counts as an improvement.</summary>
    public float MinDelta { get; }

    /// <summary>Epochs to wait after a reduction.</summary>
    public int Cooldown { get; }

    /// <summary>Lower bound of the rate.</summary>
    public float MinLearningRate { get; }

    /// <summary><c>"auto"</c>, <c>"min"</c> or <c>"max"</c>.</summary>
    public string Mode { get; }

    /// <summary>0 silent, 1 prints each reduction.</summary>
    public int Verbose { get; }

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        _maximize = MonitorDirection.IsMaximized(Monitor, Mode, nameof(Mode), CompiledMetrics);
        _best = null;
        _wait = 0;
        _cooldownCounter = 0;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        AddLog(logs, "learning_rate", Optimizer.LearningRate);
        if (!logs.TryGetValue(Monitor, out double current))
        {
            Output.WriteLine(
                $"Warning: Learning rate reduction is conditioned on metric `{Monitor}` which is not available. " +
                $"Available metrics are: {string.Join(",", logs.Keys)}.");
            return;
        }

        bool inCooldown = _cooldownCounter > 0;
        if (inCooldown)
        {
            _cooldownCounter--;
            _wait = 0;
        }

        if (IsImprovement(current))
        {
            _best = current;
            _wait = 0;
        }
        else if (_cooldownCounter <= 0)
        {
            _wait++;
            if (_wait >= Patience)
            {
                float old = Optimizer.LearningRate;
                if (old > MinLearningRate)
                {
                    float reduced = Math.Max(old * Factor, MinLearningRate);
                    Optimizer.LearningRate = reduced;
                    if (Verbose > 0)
                    {
                        Output.WriteLine();
                        Output.WriteLine(string.Create(
                            CultureInfo.InvariantCulture,
                            $"Epoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {PythonFormat.Repr(reduced)}."));
                    }

                    _cooldownCounter = Cooldown;
                    _wait = 0;
                }
            }
        }
    }

    private bool IsImprovement(double current)
    {
        if (_best is not double best) return true;
        return _maximize ? current - MinDelta > best : current + MinDelta < best;
    }
}
