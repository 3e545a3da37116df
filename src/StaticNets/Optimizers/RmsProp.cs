using System;
using System.Numerics;

namespace StaticNets;

/// <summary>
/// Keras <c>RMSprop</c> (not centered): <c>v = ρ·v + (1 − ρ)·g²</c>; <c>Δ = lr·g / sqrt(v + ε)</c>; <c>w −= Δ</c>,
/// or with momentum μ, <c>m = μ·m + Δ</c>, <c>w −= m</c>.
/// </summary>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates the optimizer with a learning-rate schedule, stepped per batch as Keras does.</summary>
    /// <param name="learningRate">Gives the rate of each step from the optimizer's iteration count.</param>
    /// <param name="rho">Decay of the mean square (default 0.9).</param>
    /// <param name="momentum">Momentum (default 0).</param>
    /// <param name="epsilon">Added inside the square root (default 1e-7).</param>
    /// <exception cref="ArgumentNullException"><paramref name="learningRate"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public RmsProp(LearningRateSchedule learningRate, float rho = 0.9f, float momentum = 0f, float epsilon = 1e-7f)
        : this(0f, rho, momentum, epsilon)
        => UseSchedule(learningRate);

    /// <summary>Creates the optimizer with Keras's defaults.</summary>
    /// <param name="learningRate">Step size (default 0.001).</param>
    /// <param name="rho">Decay of the squared-gradient average, in [0, 1) (default 0.9).</param>
    /// <param name="momentum">Momentum μ in [0, 1] (default 0).</param>
    /// <param name="epsilon">Added inside the square root; finite and non-negative (default 1e-7).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public RmsProp(float learningRate = 0.001f, float rho = 0.9f, float momentum = 0f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        if (!(rho >= 0f && rho < 1f)) throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must lie in [0, 1).");
        if (!(momentum >= 0f && momentum <= 1f)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must lie in [0, 1].");
        if (!(epsilon >= 0f) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be finite and non-negative.");
        }

        Rho = rho;
        Momentum = momentum;
        Epsilon = epsilon;
    }

    /// <summary>Decay of the squared-gradient average.</summary>
    public float Rho { get; }

    /// <summary>The momentum μ (0: none).</summary>
    public float Momentum { get; }

    /// <summary>Added to v inside the square root.</summary>
    public float Epsilon { get; }

    /// <summary>The velocity v, plus the momentum buffer when μ &gt; 0.</summary>
    protected override int SlotCount => Momentum > 0f ? 2 : 1;

    /// <inheritdoc/>
    protected override void UpdateSegment(Span<float> weights, ReadOnlySpan<float> gradients, int offset)
    {
        Span<float> velocity = Slot(0).Slice(offset, weights.Length);
        Span<float> momentum = Momentum > 0f ? Slot(1).Slice(offset, weights.Length) : default;
        bool useMomentum = Momentum > 0f;
        float rho = Rho;
        float oneMinusRho = 1f - Rho;
        float lr = LearningRate;
        float epsilon = Epsilon;
        float mu = Momentum;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var rhoV = new Vector<float>(rho);
            var oneMinusRhoV = new Vector<float>(oneMinusRho);
            var lrV = new Vector<float>(lr);
            var epsilonV = new Vector<float>(epsilon);
            var muV = new Vector<float>(mu);
            for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradients[i..]);
                var v = SlotFlush.Flush(rhoV * new Vector<float>(velocity[i..]) + oneMinusRhoV * (g * g));
                v.CopyTo(velocity[i..]);
                var increment = lrV * g / Vector.SquareRoot(v + epsilonV);
                if (useMomentum)
                {
                    increment = SlotFlush.Flush(muV * new Vector<float>(momentum[i..]) + increment);
                    increment.CopyTo(momentum[i..]);
                }

                (new Vector<float>(weights[i..]) - increment).CopyTo(weights[i..]);
            }
        }

        for (; i < weights.Length; i++)
        {
            float g = gradients[i];
            float v = velocity[i] = SlotFlush.Flush(rho * velocity[i] + oneMinusRho * (g * g));
            float increment = lr * g / MathF.Sqrt(v + epsilon);
            if (useMomentum) increment = momentum[i] = SlotFlush.Flush(mu * momentum[i] + increment);
            weights[i] -= increment;
        }
    }
}
