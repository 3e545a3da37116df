using System;
using System.Collections.Generic;
using System.Globalization;

namespace StaticNets;

/// <summary>
/// Keras 3 <c>EarlyStopping</c>: stops training when the monitored quantity has not improved for
/// <c>patience</c> epochs.
/// </summary>
/// <remarks>
/// <para>
/// An epoch improves if <c>current − minDelta &gt; best</c> (max mode) or <c>current + minDelta &lt; best</c> (min
/// mode); the best starts at ∓∞. Each epoch from <c>startFromEpoch</c> on adds one to a wait counter; an improvement
/// resets it only if it also beats <c>baseline</c> (when given). Training stops when the counter reaches
/// <c>patience</c> (not in epoch 0).
/// </para>
/// <para>
/// With <c>restoreBestWeights</c>, the weights of the best epoch (the first monitored epoch at least) are copied and
/// put back at the end of training, whether or not training stopped early, as Keras 3 does. A missing monitor value
/// prints a warning once and is otherwise ignored. With <c>verbose</c> &gt; 0 it prints
/// <c>Epoch 5: early stopping</c> and <c>Restoring model weights from the end of the best epoch: 2.</c>
/// </para>
/// </remarks>
public sealed class EarlyStopping : Callback
{
    private bool _maximize;
    private double _minDelta;
    private int _wait;
    private int _stoppedEpoch;
    private int _bestEpoch;
    private double _best;
    private float[]? _bestWeights;
    private bool _warned;

    /// <summary>Creates the callback with Keras's defaults.</summary>
    /// <param name="monitor">The log entry to watch (default <c>"val_loss"</c>).</param>
    /// <param name="minDelta">Smallest change that counts as an improvement (its absolute value is used).</param>
    /// <param name="patience">Epochs without improvement before stopping; non-negative.</param>
    /// <param name="mode"><c>"auto"</c>, <c>"min"</c> or <c>"max"</c>; auto maximises accuracies and minimises the rest.</param>
    /// <param name="restoreBestWeights">Whether to put back the best epoch's weights at the end.</param>
    /// <param name="startFromEpoch">Epochs to wait before monitoring starts; non-negative.</param>
    /// <param name="baseline">A value the quantity must beat for the wait counter to reset.</param>
    /// <param name="verbose">0 silent, 1 prints when it stops and restores.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public EarlyStopping(
        string monitor = "val_loss",
        float minDelta = 0f,
        int patience = 0,
        string mode = "auto",
        bool restoreBestWeights = false,
        int startFromEpoch = 0,
        float? baseline = null,
        int verbose = 0)
    {
        MonitorDirection.CheckMonitor(monitor, nameof(monitor));
        ArgumentNullException.ThrowIfNull(mode);
        if (float.IsNaN(minDelta)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be a number.");
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(startFromEpoch);
        ArgumentOutOfRangeException.ThrowIfNegative(verbose);
        _maximize = MonitorDirection.IsMaximized(monitor, mode, nameof(mode));
        Monitor = monitor;
        MinDelta = Math.Abs(minDelta);
        Patience = patience;
        Mode = mode;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
        Baseline = baseline;
        Verbose = verbose;
        _minDelta = _maximize ? MinDelta : -MinDelta;
    }

    /// <summary>The watched log entry.</summary>
    public string Monitor { get; }

    /// <summary>Smallest change that counts as an improvement.</summary>
    public float MinDelta { get; }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; }

    /// <summary><c>"auto"</c>, <c>"min"</c> or <c>"max"</c>.</summary>
    public string Mode { get; }

    /// <summary>Whether the best epoch's weights are put back at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>Epochs to wait before monitoring starts.</summary>
    public int StartFromEpoch { get; }

    /// <summary>The value the quantity must beat for the wait counter to reset, if any.</summary>
    public float? Baseline { get; }

    /// <summary>0 silent, 1 prints messages.</summary>
    public int Verbose { get; }

    /// <summary>The zero-based epoch in which training was stopped, or 0 if it was not.</summary>
    public int StoppedEpoch => _stoppedEpoch;

    /// <summary>The zero-based epoch with the best monitored value so far.</summary>
    public int BestEpoch => _bestEpoch;

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        _maximize = MonitorDirection.IsMaximized(Monitor, Mode, nameof(Mode), CompiledMetrics);
        _minDelta = _maximize ? MinDelta : -MinDelta;
        _wait = 0;
        _stoppedEpoch = 0;
        _bestEpoch = 0;
        _best = _maximize ? double.NegativeInfinity : double.PositiveInfinity;
        _bestWeights = null;
        _warned = false;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (!logs.TryGetValue(Monitor, out double current))
        {
            if (!_warned)
            {
                Output.WriteLine(
                    $"Warning: early stopping conditioned on metric `{Monitor}` which is not available. " +
                    $"Available metrics are: {string.Join(",", logs.Keys)}");
                _warned = true;
            }

            return;
        }

        if (epoch < StartFromEpoch) return;
        if (RestoreBestWeights && _bestWeights is null)
        {
            // If no epoch has improved yet, the current weights are the best.
            _bestWeights = Model.Parameters.ToArray();
            _bestEpoch = epoch;
        }

        _wait++;
        if (IsImprovement(current, _best))
        {
            _best = current;
            _bestEpoch = epoch;
            if (_bestWeights is not null) Model.Parameters.CopyTo(_bestWeights);
            if (Baseline is not float baseline || IsImprovement(current, baseline)) _wait = 0;
            return;
        }

        if (_wait >= Patience && epoch > 0)
        {
            _stoppedEpoch = epoch;
            StopTraining = true;
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
        if (_stoppedEpoch > 0 && Verbose > 0)
        {
            Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {_stoppedEpoch + 1}: early stopping"));
        }

        if (RestoreBestWeights && _bestWeights is not null)
        {
            if (Verbose > 0)
            {
                Output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"Restoring model weights from the end of the best epoch: {_bestEpoch + 1}."));
            }

            _bestWeights.AsSpan().CopyTo(Model.Parameters);
        }
    }

    private bool IsImprovement(double value, double reference)
        => _maximize ? value - _minDelta > reference : value - _minDelta < reference;
}
