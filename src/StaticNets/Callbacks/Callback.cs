using System;
using System.Collections.Generic;
using System.IO;

namespace StaticNets;

/// <summary>
/// Hooks into <c>Fit</c>, like Keras's <c>keras.callbacks.Callback</c>. <c>Fit</c> attaches each callback to the
/// model it trains before <see cref="OnTrainBegin"/>; a callback can then read <see cref="Model"/> (e.g. its
/// <see cref="INetwork.Parameters"/>) and set <see cref="StopTraining"/> to end training after the current batch.
/// </summary>
/// <remarks>
/// Call order per run: <c>OnTrainBegin</c>; per epoch <c>OnEpochBegin</c>, per batch <c>OnBatchBegin</c> /
/// <c>OnBatchEnd</c>, then (after validation) <c>OnEpochEnd</c>; finally <c>OnTrainEnd</c>. The batch logs hold the
/// running epoch means (<c>"loss"</c> and the metrics) and are only valid during the call; the epoch logs add the
/// <c>val_</c> entries and may be kept. Callbacks run in the order given, after the progress bar and before the
/// history records the epoch, as in Keras.
/// </remarks>
public abstract class Callback
{
    private TrainingSession? _session;

    /// <summary>The model being trained.</summary>
    /// <exception cref="InvalidOperationException">The callback has not been passed to <c>Fit</c> yet.</exception>
    public ITrainableNetwork Model => Session.Model;

    /// <summary>Keras's <c>model.stop_training</c>: set it to end <c>Fit</c> after the current batch (validation and
    /// <see cref="OnEpochEnd"/> still run for that epoch).</summary>
    /// <exception cref="InvalidOperationException">The callback has not been passed to <c>Fit</c> yet.</exception>
    public bool StopTraining
    {
        get => Session.Configuration.StopTraining;
        set => Session.Configuration.StopTraining = value;
    }

    /// <summary>Where messages go: <c>Fit</c>'s output writer (<see cref="Console.Out"/> unless one was given).</summary>
    /// <exception cref="InvalidOperationException">The callback has not been passed to <c>Fit</c> yet.</exception>
    protected TextWriter Output => Session.Output;

    /// <summary>The metrics the model was compiled with (for the direction of a monitored metric).</summary>
    private protected IReadOnlyList<Metric> CompiledMetrics => Session.Configuration.Metrics;

    /// <summary>The optimizer of the run.</summary>
    private protected Optimizer Optimizer => Session.Configuration.Optimizer;

    private TrainingSession Session
        => _session ?? throw new InvalidOperationException("This callback is not attached to a model yet; pass it to Fit.");

    /// <summary>Called once before the first epoch.</summary>
    public virtual void OnTrainBegin()
    {
    }

    /// <summary>Called once after the last epoch.</summary>
    /// <param name="logs">The last epoch's logs (empty if no epoch ran).</param>
    public virtual void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called at the start of each epoch.</summary>
    /// <param name="epoch">Zero-based epoch index.</param>
    public virtual void OnEpochBegin(int epoch)
    {
    }

    /// <summary>Called at the end of each epoch, after validation.</summary>
    /// <param name="epoch">Zero-based epoch index.</param>
    /// <param name="logs">Epoch means of the loss and metrics, then <c>val_</c> entries.</param>
    public virtual void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called before each training batch.</summary>
    /// <param name="batch">Zero-based batch index within the epoch.</param>
    public virtual void OnBatchBegin(int batch)
    {
    }

    /// <summary>Called after each training batch (after the weight update).</summary>
    /// <param name="batch">Zero-based batch index within the epoch.</param>
    /// <param name="logs">Running epoch means of the loss and metrics; valid only during the call.</param>
    public virtual void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Adds an entry to epoch logs that <c>Fit</c> passed in (as Keras callbacks add <c>learning_rate</c>); it reaches the History.</summary>
    private protected static void AddLog(IReadOnlyDictionary<string, double> logs, string key, double value)
    {
        if (logs is TrainingLogs trainingLogs) trainingLogs.Set(key, value);
    }

    /// <summary>Connects the callback to a training run.</summary>
    internal void Attach(TrainingSession session) => _session = session;
}
