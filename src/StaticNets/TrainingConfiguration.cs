using System;
using System.Collections.Generic;

namespace StaticNets;

/// <summary>
/// What <c>Compile</c> fixed for a network: optimizer, loss and metrics, plus the buffers that training reuses so a
/// steady-state step allocates nothing.
/// </summary>
public sealed class TrainingConfiguration
{
    private readonly Metric[] _metrics;
    private MetricState[]? _trainingStates;
    private MetricState[]? _evaluationStates;
    private int _metricOutputSize = -1;

    /// <summary>Creates a configuration with Keras's default <c>compile</c> optimizer, <see cref="RmsProp"/>, and no metrics.</summary>
    /// <param name="loss">The loss to minimise.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    public TrainingConfiguration(Loss loss)
        : this(new RmsProp(), loss, [])
    {
    }

    /// <summary>Creates a configuration.</summary>
    /// <param name="optimizer">Updates the weights from the gradients.</param>
    /// <param name="loss">The loss to minimise.</param>
    /// <param name="metrics">Metrics to report besides the loss, in this order.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A metric is null, or two metrics have the same name.</exception>
    public TrainingConfiguration(Optimizer optimizer, Loss loss, IEnumerable<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(metrics);
        var list = new List<Metric>();
        foreach (Metric metric in metrics)
        {
            if (metric is null) throw new ArgumentException($"Metric {list.Count} is null.", nameof(metrics));
            if (list.Exists(m => m.Name == metric.Name))
            {
                throw new ArgumentException($"Two metrics are named \"{metric.Name}\"; history keys must be unique.", nameof(metrics));
            }

            list.Add(metric);
        }

        Optimizer = optimizer;
        Loss = loss;
        _metrics = list.ToArray();
        MetricNames = Array.ConvertAll(_metrics, static m => m.Name);
    }

    /// <summary>The compiled optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The compiled loss.</summary>
    public Loss Loss { get; }

    /// <summary>The compiled metrics, in report order.</summary>
    public IReadOnlyList<Metric> Metrics => _metrics;

    /// <summary>The metrics' history keys (<c>"accuracy"</c>, ...), in report order.</summary>
    public IReadOnlyList<string> MetricNames { get; }

    /// <summary>
    /// Threads one training step may use: 1, or 2 (the default on a machine with more than one processor). With 2,
    /// batches of 64 or more samples (16 with a convolution) of large networks without BatchNormalization are split into
    /// two halves computed at once and combined in a fixed order: deterministic, but rounded differently from one
    /// thread. Measured on this project's 2-vCPU machine: a net B step (batch 128) took 0.74× the wall time for 1.3×
    /// the CPU time; set 1 to leave the second core to other work.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not 1 or 2.</exception>
    public int TrainingThreads
    {
        get => _trainingThreads;
        set => _trainingThreads = value is 1 or 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "TrainingThreads must be 1 or 2.");
    }

    private int _trainingThreads = Math.Min(2, Environment.ProcessorCount);

    /// <summary>Keras's <c>model.stop_training</c>: set by a callback to end <c>Fit</c> after the current batch.</summary>
    internal bool StopTraining { get; set; }

    /// <summary>Reused arrays for training steps, <c>Fit</c> and <c>Evaluate</c>.</summary>
    internal TrainingWorkspace Workspace { get; } = new();

    /// <summary>Rejects a second thread training the same instance.</summary>
    internal TrainingGuard Guard { get; } = new();

    /// <summary>
    /// The accumulators of the metrics for a model with <paramref name="outputSize"/> outputs, one set for training
    /// and one for evaluation (validation may run while a training epoch's values are still wanted). Created once
    /// per output size, then reused.
    /// </summary>
    /// <exception cref="ArgumentException">A metric is undefined for the loss's targets.</exception>
    internal MetricState[] ResolveMetrics(int outputSize, bool evaluation = false)
    {
        if (_trainingStates is null || _evaluationStates is null || _metricOutputSize != outputSize)
        {
            _trainingStates = CreateStates(outputSize);
            _evaluationStates = CreateStates(outputSize);
            _metricOutputSize = outputSize;
        }

        return evaluation ? _evaluationStates : _trainingStates;
    }

    private MetricState[] CreateStates(int outputSize)
    {
        var states = new MetricState[_metrics.Length];
        for (int i = 0; i < states.Length; i++) states[i] = _metrics[i].CreateState(Loss, outputSize);
        return states;
    }
}
