using System;

namespace StaticNets;

/// <summary>
/// Keras <c>AUC()</c> with its defaults: the area under the ROC curve, approximated from confusion counts at
/// <see cref="NumThresholds"/> thresholds accumulated over the epoch, with Keras's
/// <c>summation_method="interpolation"</c>; history key <c>"auc"</c>.
/// </summary>
/// <remarks>
/// <para>
/// Thresholds, as Keras: <c>−1e-7</c>, <c>i/(T − 1)</c> for <c>i = 1 … T − 2</c>, and <c>1 + 1e-7</c>. A prediction counts
/// as positive at a threshold it exceeds; predictions are clipped to [0, 1] and every output of every sample counts
/// as one binary decision (Keras's <c>multi_label=False</c>). A target is positive when it is non-zero (Keras casts
/// labels to bool). Like Keras's evenly-spaced fast path, a prediction p is placed in bucket
/// <c>max(⌈p·(T − 1)⌉ − 1, 0)</c>, computed in float32.
/// </para>
/// <para>
/// Result: with <c>tpr = tp/(tp + fn)</c> and <c>fpr = fp/(fp + tn)</c> (0 where the denominator is 0),
/// <c>Σᵢ (fprᵢ − fprᵢ₊₁)·(tprᵢ + tprᵢ₊₁)/2</c>.
/// </para>
/// </remarks>
public sealed class Auc : Metric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="numThresholds">Thresholds of the curve, more than 1 (Keras default 200).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numThresholds"/> is 1 or less.</exception>
    public Auc(int numThresholds = 200)
        : base("auc", higherIsBetter: true)
    {
        if (numThresholds <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds, "numThresholds must be greater than 1.");
        }

        NumThresholds = numThresholds;
    }

    /// <summary>Thresholds of the curve.</summary>
    public int NumThresholds { get; }

    internal override MetricState CreateState(Loss loss, int outputSize)
    {
        RequireDenseTargets(loss, outputSize);
        return new State(NumThresholds);
    }

    private sealed class State : MetricState
    {
        private readonly int _thresholds;

        // Per bucket, then turned into per-threshold counts by a reverse cumulative sum in Result.
        private readonly double[] _positives;
        private readonly double[] _negatives;

        public State(int thresholds)
        {
            _thresholds = thresholds;
            _positives = new double[thresholds];
            _negatives = new double[thresholds];
        }

        public override void Reset()
        {
            Array.Clear(_positives);
            Array.Clear(_negatives);
        }

        public override void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int outputSize)
        {
            float scale = _thresholds - 1;
            for (int i = 0; i < outputs.Length; i++)
            {
                float p = Math.Clamp(outputs[i], 0f, 1f);
                int bucket = Math.Max((int)MathF.Ceiling(p * scale) - 1, 0);
                if (targets[i] != 0) _positives[bucket]++;
                else _negatives[bucket]++;
            }
        }

        public override double Result()
        {
            double totalPositives = 0, totalNegatives = 0;
            for (int b = 0; b < _thresholds; b++)
            {
                totalPositives += _positives[b];
                totalNegatives += _negatives[b];
            }

            // Counts at threshold t: tp(t) = positives in buckets ≥ t; walk from the last threshold down.
            double area = 0, tp = 0, fp = 0;
            double previousTpr = 0, previousFpr = 0;
            for (int t = _thresholds - 1; t >= 0; t--)
            {
                tp += _positives[t];
                fp += _negatives[t];
                double tpr = totalPositives > 0 ? tp / totalPositives : 0;
                double fpr = totalNegatives > 0 ? fp / totalNegatives : 0;
                if (t < _thresholds - 1) area += (fpr - previousFpr) * (tpr + previousTpr) / 2;
                previousTpr = tpr;
                previousFpr = fpr;
            }

            return area;
        }
    }
}
