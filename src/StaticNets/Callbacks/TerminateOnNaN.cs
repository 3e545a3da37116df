using System;
using System.Collections.Generic;

namespace StaticNets;

/// <summary>
/// Keras <c>TerminateOnNaN</c>: after each batch, if the loss in the logs is NaN or infinite, prints
/// <c>Batch 3: Invalid loss, terminating training</c> and stops training.
/// </summary>
/// <remarks>
/// Unlike Keras, which leaves the weights that the bad step produced, this callback also puts back the weights and
/// the optimizer state from just before the bad batch. To do so it copies <see cref="INetwork.Parameters"/> and the
/// optimizer's slots before every batch (one array of each, allocated once per run), so it costs a copy of the
/// parameters and optimizer state per step; nothing is copied when it is not passed to <c>Fit</c>.
/// </remarks>
public sealed class TerminateOnNaN : Callback
{
    private float[] _lastGoodParameters = [];

    /// <summary>Creates the callback.</summary>
    public TerminateOnNaN()
    {
    }

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        int count = Model.ParameterCount;
        if (_lastGoodParameters.Length != count) _lastGoodParameters = new float[count];
    }

    /// <inheritdoc/>
    public override void OnBatchBegin(int batch)
    {
        Model.Parameters.CopyTo(_lastGoodParameters);
        Model.Training?.Optimizer.SaveState();
    }

    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (!logs.TryGetValue("loss", out double loss) || double.IsFinite(loss)) return;

        _lastGoodParameters.AsSpan().CopyTo(Model.Parameters);
        Model.Training?.Optimizer.RestoreState();
        Output.WriteLine($"Batch {batch}: Invalid loss, terminating training");
        StopTraining = true;
    }
}
