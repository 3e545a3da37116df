using System;
using System.Numerics;

namespace StaticNets;

/// <summary>Keras <c>Adagrad</c>: <c>a += g²</c>; <c>w −= lr·g / sqrt(a + ε)</c>, with a starting at the initial accumulator value.</summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates the optimizer with a learning-rate schedule, stepped per batch as Keras does.</summary>
    /// <param name="learningRate">Gives the rate of each step from the optimizer's iteration count.</param>
    /// <param name="initialAccumulator">Starting value of the accumulator (default 0.1).</param>
    /// <param name="epsilon">Added inside the square root (default 1e-7).</param>
    /// <exception cref="ArgumentNullException"><paramref name="learningRate"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public Adagrad(LearningRateSchedule learningRate, float initialAccumulator = 0.1f, float epsilon = 1e-7f)
        : this(0f, initialAccumulator, epsilon)
        => UseSchedule(learningRate);

    /// <summary>Creates the optimizer with Keras's defaults.</summary>
    /// <param name="learningRate">Step size (default 0.001).</param>
    /// <param name="initialAccumulator">Starting value of a; finite and non-negative (default 0.1).</param>
    /// <param name="epsilon">Added inside the square root; finite and non-negative (default 1e-7).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public Adagrad(float learningRate = 0.001f, float initialAccumulator = 0.1f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        if (!(initialAccumulator >= 0f) || float.IsInfinity(initialAccumulator))
        {
            throw new ArgumentOutOfRangeException(nameof(initialAccumulator), initialAccumulator, "The initial accumulator must be finite and non-negative.");
        }

        if (!(epsilon >= 0f) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be finite and non-negative.");
        }

        InitialAccumulator = initialAccumulator;
        Epsilon = epsilon;
    }

    /// <summary>Starting value of the accumulator.</summary>
    public float InitialAccumulator { get; }

    /// <summary>Added to the accumulator inside the square root.</summary>
    public float Epsilon { get; }

    /// <summary>One slot: the accumulator a.</summary>
    protected override int SlotCount => 1;

    /// <inheritdoc/>
    protected override float InitialSlotValue(int slot) => InitialAccumulator;

    /// <inheritdoc/>
    protected override void UpdateSegment(Span<float> weights, ReadOnlySpan<float> gradients, int offset)
    {
        Span<float> accumulator = Slot(0).Slice(offset, weights.Length);
        float lr = LearningRate;
        float epsilon = Epsilon;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lrV = new Vector<float>(lr);
            var epsilonV = new Vector<float>(epsilon);
            for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradients[i..]);
                var a = new Vector<float>(accumulator[i..]) + g * g;
                a.CopyTo(accumulator[i..]);
                (new Vector<float>(weights[i..]) - lrV * g / Vector.SquareRoot(a + epsilonV)).CopyTo(weights[i..]);
            }
        }

        for (; i < weights.Length; i++)
        {
            float g = gradients[i];
            float a = accumulator[i] += g * g;
            weights[i] -= lr * g / MathF.Sqrt(a + epsilon);
        }
    }
}
