using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace StaticNets;

/// <summary>
/// Keras <c>ModelCheckpoint</c> (weights only, saved once per epoch): writes the model's weights with
/// <see cref="WeightsFile.SaveWeights(INetwork, string)"/> (an atomic save) at the end of every epoch, or with
/// <c>saveBestOnly</c> only when the monitored value improves on the best so far.
/// </summary>
/// <remarks>
/// <para>
/// The path may hold Keras's placeholders, e.g. <c>"weights.{epoch:02d}-{val_loss:.2f}.snw"</c>: <c>epoch</c> is
/// one-based and any log entry can be named (specs <c>d</c>, <c>0Nd</c>, <c>.Nf</c>, <c>.Ne</c>). A missing folder is
/// created. As in Keras, the best value is kept when the same instance is passed to another <c>Fit</c>.
/// </para>
/// <para>
/// Improvement is strict (<c>current &lt; best</c> in min mode, <c>&gt;</c> in max mode; auto maximises accuracies).
/// With <c>verbose</c> 1 it prints Keras's messages, e.g.
/// <c>Epoch 1: val_loss improved from inf to 0.69315, saving model to w.snw</c> (each preceded by an empty line).
/// </para>
/// </remarks>
public sealed class ModelCheckpoint : Callback
{
    private bool _maximize;
    private bool _saved;
    private double _best;

    /// <summary>Creates the callback with Keras's defaults.</summary>
    /// <param name="filepath">Where to save; may contain <c>{epoch}</c> and log-entry placeholders.</param>
    /// <param name="monitor">The log entry compared with <c>saveBestOnly</c> (default <c>"val_loss"</c>).</param>
    /// <param name="saveBestOnly">Save only when the monitored value improves.</param>
    /// <param name="mode"><c>"auto"</c>, <c>"min"</c> or <c>"max"</c>.</param>
    /// <param name="verbose">0 silent, 1 prints a message per save decision.</param>
    /// <exception cref="ArgumentNullException"><paramref name="filepath"/>, <paramref name="monitor"/> or <paramref name="mode"/> is null.</exception>
    /// <exception cref="ArgumentException">The path is empty or malformed, the monitor is empty, or the mode is unknown.</exception>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", bool saveBestOnly = false, string mode = "auto", int verbose = 0)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (filepath.Length == 0) throw new ArgumentException("The checkpoint path is empty.", nameof(filepath));
        CheckpointPath.Validate(filepath, nameof(filepath));
        MonitorDirection.CheckMonitor(monitor, nameof(monitor));
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentOutOfRangeException.ThrowIfNegative(verbose);
        _maximize = MonitorDirection.IsMaximized(monitor, mode, nameof(mode));
        _best = _maximize ? double.NegativeInfinity : double.PositiveInfinity;
        FilePath = filepath;
        Monitor = monitor;
        SaveBestOnly = saveBestOnly;
        Mode = mode;
        Verbose = verbose;
    }

    /// <summary>The path template.</summary>
    public string FilePath { get; }

    /// <summary>The log entry compared with <see cref="SaveBestOnly"/>.</summary>
    public string Monitor { get; }

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary><c>"auto"</c>, <c>"min"</c> or <c>"max"</c>.</summary>
    public string Mode { get; }

    /// <summary>0 silent, 1 prints messages.</summary>
    public int Verbose { get; }

    /// <summary>The best monitored value saved so far (±∞ before the first save).</summary>
    public double Best => _best;

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        // The direction of a compiled metric is known once the callback sees the model (Keras resolves it then too).
        _maximize = MonitorDirection.IsMaximized(Monitor, Mode, nameof(Mode), CompiledMetrics);
        if (!_saved) _best = _maximize ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        string path = CheckpointPath.Format(FilePath, epoch + 1, logs);
        if (!SaveBestOnly)
        {
            if (Verbose > 0) Output.WriteLine(Invariant($"\nEpoch {epoch + 1}: saving model to {path}"));
            Save(path);
            return;
        }

        if (!logs.TryGetValue(Monitor, out double current))
        {
            Output.WriteLine($"Warning: can save best model only with {Monitor} available, skipping.");
            return;
        }

        if (_maximize ? current > _best : current < _best)
        {
            if (Verbose > 0)
            {
                Output.WriteLine(Invariant(
                    $"\nEpoch {epoch + 1}: {Monitor} improved from {PythonFormat.Fixed(_best, 5)} to {PythonFormat.Fixed(current, 5)}, saving model to {path}"));
            }

            _best = current;
            _saved = true;
            Save(path);
        }
        else if (Verbose > 0)
        {
            Output.WriteLine(Invariant($"\nEpoch {epoch + 1}: {Monitor} did not improve from {PythonFormat.Fixed(_best, 5)}"));
        }
    }

    private void Save(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        Model.SaveWeights(path);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
