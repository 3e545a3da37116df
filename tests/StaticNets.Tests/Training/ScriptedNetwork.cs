using System;
using System.Collections.Generic;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary>A settable clock in seconds for pinning progress output.</summary>
internal sealed class FakeClock
{
    public double Now { get; set; }

    public double Read() => Now;
}

/// <summary>
/// A bookkeeping test double for <c>Fit</c>: one input, one output, the identity as its "network" (outputs = inputs,
/// whatever the parameters), a scripted loss per training batch, a fixed gradient, and records of everything it saw.
/// Each training batch and each inference call can advance a <see cref="FakeClock"/>.
/// </summary>
internal sealed class ScriptedNetwork : ITrainableNetwork
{
    private readonly float[] _parameters;
    private readonly int[] _shape = [1];

    public ScriptedNetwork(int parameterCount = 2) => _parameters = new float[parameterCount];

    /// <summary>Loss returned by training batch k (counted over the whole run); null → the real loss of the identity outputs.</summary>
    public Func<int, float>? LossScript { get; set; }

    /// <summary>The gradient written for every parameter (NaN when the scripted loss is not finite).</summary>
    public float Gradient { get; set; } = -1f;

    public FakeClock? Clock { get; set; }

    public double SecondsPerBatch { get; set; }

    public double SecondsPerPrediction { get; set; }

    /// <summary>The inputs of each training batch, in order.</summary>
    public List<float[]> TrainingBatches { get; } = new();

    /// <summary>Every input row passed to <see cref="PredictBatch"/>.</summary>
    public List<float> PredictedRows { get; } = new();

    /// <summary>The parameters at the start of each training batch.</summary>
    public List<float[]> ParametersAtBatchStart { get; } = new();

    public int InputSize => 1;

    public int OutputSize => 1;

    public int ParameterCount => _parameters.Length;

    public ReadOnlySpan<int> InputShape => _shape;

    public ReadOnlySpan<int> OutputShape => _shape;

    public string Architecture => "Scripted";

    public Span<float> Parameters => _parameters;

    public Activation OutputActivation => Activation.Linear;

    public ReadOnlySpan<int> NonTrainableRanges => ReadOnlySpan<int>.Empty;

    public TrainingConfiguration? Training { get; set; }

    public void Predict(ReadOnlySpan<float> input, Span<float> output) => PredictBatch(input, output);

    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        inputs.CopyTo(outputs);
        foreach (float row in inputs) PredictedRows.Add(row);
        if (Clock is not null) Clock.Now += SecondsPerPrediction;
    }

    public string Summary() => Architecture;

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Loss loss, Span<float> gradients, Span<float> outputs)
    {
        int batch = TrainingBatches.Count;
        TrainingBatches.Add(inputs.ToArray());
        ParametersAtBatchStart.Add((float[])_parameters.Clone());
        if (!outputs.IsEmpty) inputs.CopyTo(outputs);
        float value;
        if (LossScript is not null)
        {
            value = LossScript(batch);
        }
        else
        {
            var scratch = new float[inputs.Length];
            value = loss.Compute(inputs, inputs, targets, 1, Activation.Linear, scratch, out _);
        }

        gradients.Fill(float.IsFinite(value) ? Gradient : float.NaN);
        if (Clock is not null) Clock.Now += SecondsPerBatch;
        return value;
    }
}
