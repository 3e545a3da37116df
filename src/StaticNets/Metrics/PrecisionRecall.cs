using System;

namespace StaticNets;

/// <summary>
/// Keras <c>Precision(thresholds)</c>: <c>tp / (tp + fp)</c> over the epoch, a prediction counting as positive when
/// it exceeds the threshold and a target when it is non-zero; 0 when nothing was predicted positive. History key
/// <c>"precision"</c>.
/// </summary>
public sealed class Precision : Metric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">Predictions above it count as positive (Keras default 0.5).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is NaN.</exception>
    public Precision(float threshold = 0.5f)
        : base("precision", higherIsBetter: true)
    {
        if (float.IsNaN(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a number.");
        Threshold = threshold;
    }

    /// <summary>Predictions above it count as positive.</summary>
    public float Threshold { get; }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        RequireDenseTargets(loss, outputSize);
        return new ConfusionState(Threshold, recall: false);
    }
}

/// <summary>
/// Keras <c>Recall(thresholds)</c>: <c>tp / (tp + fn)</c> over the epoch, with <see cref="Precision"/>'s conventions;
/// 0 when there was no positive target. History key <c>"recall"</c>.
/// </summary>
public sealed class Recall : Metric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">Predictions above it count as positive (Keras default 0.5).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is NaN.</exception>
    public Recall(float threshold = 0.5f)
        : base("recall", higherIsBetter: true)
    {
        if (float.IsNaN(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a number.");
        Threshold = threshold;
    }

    /// <summary>Predictions above it count as positive.</summary>
    public float Threshold { get; }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        RequireDenseTargets(loss, outputSize);
        return new ConfusionState(Threshold, recall: true);
    }
}

/// <summary>True positives, false positives and false negatives at one threshold (Keras's standard confusion path).</summary>
internal sealed class ConfusionState : MetricState
{
    private readonly float _threshold;
    private readonly bool _recall;
    private double _truePositives;
    private double _falsePositives;
    private double _falseNegatives;

    public ConfusionState(float threshold, bool recall)
    {
        _threshold = threshold;
        _recall = recall;
    }

    public override void Reset() => _truePositives = _falsePositives = _falseNegatives = 0;

    public override void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputSize)
    {
        for (int i = 0; i < outputs.Length; i++)
        {
            bool predicted = outputs[i] > _threshold;
            bool actual = targets[i] != 0;
            if (predicted && actual) _truePositives++;
            else if (predicted) _falsePositives++;
            else if (actual) _falseNegatives++;
        }
    }

    public override double Result()
    {
        double denominator = _truePositives + (_recall ? _falseNegatives : _falsePositives);
        return denominator > 0 ? _truePositives / denominator : 0;
    }
}
