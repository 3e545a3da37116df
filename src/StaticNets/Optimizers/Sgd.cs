using System;
using System.Numerics;

namespace StaticNets;

/// <summary>
/// Keras <c>SGD</c>: <c>w −= lr·g</c>; with momentum μ, <c>m = μ·m − lr·g</c>, then <c>w += m</c>
/// (Nesterov: <c>w += μ·m − lr·g</c> with the new m).
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer with a learning-rate schedule, stepped per batch as Keras does.</summary>
    /// <param name="learningRate">Gives the rate of each step from the optimizer's iteration count.</param>
    /// <param name="momentum">Momentum, in [0, 1] (default 0).</param>
    /// <param name="nesterov">Whether to use Nesterov momentum.</param>
    /// <exception cref="ArgumentNullException"><paramref name="learningRate"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public Sgd(LearningRateSchedule learningRate, float momentum = 0f, bool nesterov = false)
        : this(0f, momentum, nesterov)
        => UseSchedule(learningRate);

    /// <summary>Creates the optimizer with Keras's defaults.</summary>
    /// <param name="learningRate">Step size (default 0.01).</param>
    /// <param name="momentum">Momentum μ in [0, 1] (default 0: plain gradient descent, no state).</param>
    /// <param name="nesterov">Whether to use Nesterov momentum.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false)
        : base(learningRate)
    {
        if (!(momentum >= 0f && momentum <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must lie in [0, 1].");
        }

        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>The momentum μ.</summary>
    public float Momentum { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override int SlotCount => Momentum != 0f ? 1 : 0;

    /// <inheritdoc/>
    protected override void UpdateSegment(Span<float> weights, ReadOnlySpan<float> gradients, int offset)
    {
        float lr = LearningRate;
        if (Momentum == 0f)
        {
            UpdatePlain(weights, gradients, lr);
            return;
        }

        Span<float> velocity = Slot(0).Slice(offset, weights.Length);
        float mu = Momentum;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lrV = new Vector<float>(lr);
            var muV = new Vector<float>(mu);
            for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradients[i..]);
                var m = SlotFlush.Flush(new Vector<float>(velocity[i..]) * muV - g * lrV);
                m.CopyTo(velocity[i..]);
                var w = new Vector<float>(weights[i..]);
                w += Nesterov ? m * muV - g * lrV : m;
                w.CopyTo(weights[i..]);
            }
        }

        for (; i < weights.Length; i++)
        {
            float g = gradients[i];
            float m = SlotFlush.Flush(velocity[i] * mu - g * lr);
            velocity[i] = m;
            weights[i] += Nesterov ? m * mu - g * lr : m;
        }
    }

    private static void UpdatePlain(Span<float> weights, ReadOnlySpan<float> gradients, float lr)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lrV = new Vector<float>(lr);
            for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(weights[i..]) - new Vector<float>(gradients[i..]) * lrV).CopyTo(weights[i..]);
            }
        }

        for (; i < weights.Length; i++) weights[i] -= gradients[i] * lr;
    }
}
