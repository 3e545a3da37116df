using System;

namespace StaticNets;

/// <summary>
/// The running state of one metric over one epoch (Keras's metric variables): <see cref="Reset"/> at the start,
/// <see cref="Update"/> per batch, <see cref="Result"/> at any time. Updates allocate nothing.
/// </summary>
internal abstract class MetricState
{
    /// <summary>Forgets everything seen (Keras <c>reset_state</c>).</summary>
    public abstract void Reset();

    /// <summary>Adds one batch (Keras <c>update_state</c>).</summary>
    /// <param name="outputs">Predictions, <c>n × outputSize</c>.</param>
    /// <param name="targets">Targets, <c>n × TargetSize</c> (one class index per sample for sparse losses).</param>
    /// <param name="outputSize">Floats per prediction.</param>
    public abstract void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputSize);

    /// <summary>The metric over everything since the last reset (Keras <c>result</c>); 0 before any update.</summary>
    public abstract double Result();
}

/// <summary>
/// Keras's <c>MeanMetricWrapper</c>: a per-sample value, averaged over every sample seen (so batches count by their
/// size).
/// </summary>
internal abstract class MeanMetricState : MetricState
{
    private double _total;
    private long _count;

    /// <summary>Floats of target per sample.</summary>
    protected abstract int TargetSize(int outputSize);

    /// <summary>The metric's value for one sample.</summary>
    protected abstract double SampleValue(ReadOnlySpan<float> output, ReadOnlySpan<float> target);

    public override void Reset()
    {
        _total = 0;
        _count = 0;
    }

    public override void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputSize)
    {
        int samples = outputs.Length / outputSize;
        int targetSize = TargetSize(outputSize);
        for (int s = 0; s < samples; s++)
        {
            _total += SampleValue(outputs.Slice(s * outputSize, outputSize), targets.Slice(s * targetSize, targetSize));
        }

        _count += samples;
    }

    public override double Result() => _count == 0 ? 0 : Transform(_total / _count);

    /// <summary>Applied to the mean (the square root for RMSE); identity by default.</summary>
    protected virtual double Transform(double mean) => mean;
}

/// <summary>A <see cref="MeanMetricState"/> from a per-sample function.</summary>
internal sealed class SampleMeanState : MeanMetricState
{
    private readonly SampleFunction _value;
    private readonly bool _sparse;
    private readonly bool _squareRoot;

    public SampleMeanState(SampleFunction value, bool sparse, bool squareRoot = false)
    {
        _value = value;
        _sparse = sparse;
        _squareRoot = squareRoot;
    }

    protected override int TargetSize(int outputSize) => _sparse ? 1 : outputSize;

    protected override double SampleValue(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => _value(output, target);

    protected override double Transform(double mean) => _squareRoot ? Math.Sqrt(mean) : mean;
}

/// <summary>A metric's value for one sample: its prediction row and its target row.</summary>
internal delegate double SampleFunction(ReadOnlySpan<float> output, ReadOnlySpan<float> target);
