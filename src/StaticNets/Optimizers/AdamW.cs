using System;
using System.Numerics;

namespace StaticNets;

/// <summary>
/// Keras <c>AdamW</c>: decoupled weight decay <c>w −= w·wd·lr</c> applied to every trainable weight before the
/// <see cref="Adam"/> step.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer with a learning-rate schedule, stepped per batch as Keras does.</summary>
    /// <param name="learningRate">Gives the rate of each step from the optimizer's iteration count.</param>
    /// <param name="weightDecay">Decoupled weight decay (default 0.004).</param>
    /// <param name="beta1">Decay of the first moment (default 0.9).</param>
    /// <param name="beta2">Decay of the second moment (default 0.999).</param>
    /// <param name="epsilon">Added to <c>sqrt(v)</c> (default 1e-7).</param>
    /// <exception cref="ArgumentNullException"><paramref name="learningRate"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public AdamW(LearningRateSchedule learningRate, float weightDecay = 0.004f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : this(0f, weightDecay, beta1, beta2, epsilon)
        => UseSchedule(learningRate);

    /// <summary>Creates the optimizer with Keras's defaults.</summary>
    /// <param name="learningRate">Step size (default 0.001).</param>
    /// <param name="weightDecay">Decay rate wd, finite and non-negative (default 0.004).</param>
    /// <param name="beta1">Decay of the first moment, in [0, 1) (default 0.9).</param>
    /// <param name="beta2">Decay of the second moment, in [0, 1) (default 0.999).</param>
    /// <param name="epsilon">Added to <c>sqrt(v)</c> (default 1e-7).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public AdamW(float learningRate = 0.001f, float weightDecay = 0.004f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate, beta1, beta2, epsilon)
    {
        if (!(weightDecay >= 0f) || float.IsInfinity(weightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be finite and non-negative.");
        }

        WeightDecay = weightDecay;
    }

    /// <summary>The decoupled weight-decay rate.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    protected override void UpdateSegment(Span<float> weights, ReadOnlySpan<float> gradients, int offset)
    {
        // Keras: variable.assign(variable - variable * wd * lr), in float32, before the Adam update.
        float wd = WeightDecay;
        float lr = LearningRate;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var wdV = new Vector<float>(wd);
            var lrV = new Vector<float>(lr);
            for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var w = new Vector<float>(weights[i..]);
                (w - w * wdV * lrV).CopyTo(weights[i..]);
            }
        }

        for (; i < weights.Length; i++) weights[i] -= weights[i] * wd * lr;
        base.UpdateSegment(weights, gradients, offset);
    }
}
