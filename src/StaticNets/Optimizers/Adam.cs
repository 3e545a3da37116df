using System;
using System.Numerics;

namespace StaticNets;

/// <summary>
/// Keras <c>Adam</c>, with t = iterations + 1: <c>m += (g − m)(1 − β1)</c>; <c>v += (g² − v)(1 − β2)</c>;
/// <c>α = lr·sqrt(1 − β2^t) / (1 − β1^t)</c>; <c>w −= α·m / (sqrt(v) + ε)</c>.
/// </summary>
/// <remarks>
/// ε is Keras's "epsilon hat", added to the uncorrected <c>sqrt(v)</c>. The bias-correction powers and α are
/// computed in double once per step; the element updates run in float32 like Keras's.
/// </remarks>
public class Adam : Optimizer
{
    private float _alpha;

    /// <summary>Creates the optimizer with a learning-rate schedule, stepped per batch as Keras does.</summary>
    /// <param name="learningRate">Gives the rate of each step from the optimizer's iteration count.</param>
    /// <param name="beta1">Decay of the first moment, in [0, 1) (default 0.9).</param>
    /// <param name="beta2">Decay of the second moment, in [0, 1) (default 0.999).</param>
    /// <param name="epsilon">Added to <c>sqrt(v)</c>; finite and non-negative (default 1e-7).</param>
    /// <exception cref="ArgumentNullException"><paramref name="learningRate"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public Adam(LearningRateSchedule learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : this(0f, beta1, beta2, epsilon)
        => UseSchedule(learningRate);

    /// <summary>Creates the optimizer with Keras's defaults.</summary>
    /// <param name="learningRate">Step size (default 0.001).</param>
    /// <param name="beta1">Decay of the first moment, in [0, 1) (default 0.9).</param>
    /// <param name="beta2">Decay of the second moment, in [0, 1) (default 0.999).</param>
    /// <param name="epsilon">Added to <c>sqrt(v)</c>; finite and non-negative (default 1e-7).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        if (!(beta1 >= 0f && beta1 < 1f)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must lie in [0, 1).");
        if (!(beta2 >= 0f && beta2 < 1f)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must lie in [0, 1).");
        if (!(epsilon >= 0f) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be finite and non-negative.");
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Added to <c>sqrt(v)</c> in the denominator.</summary>
    public float Epsilon { get; }

    /// <summary>Two slots: the first moment m and the second moment v.</summary>
    protected override int SlotCount => 2;

    /// <inheritdoc/>
    protected override void BeginStep(long step)
    {
        double beta1Power = Math.Pow(Beta1, step);
        double beta2Power = Math.Pow(Beta2, step);
        _alpha = (float)(LearningRate * Math.Sqrt(1 - beta2Power) / (1 - beta1Power));
    }

    /// <inheritdoc/>
    protected override void UpdateSegment(Span<float> weights, ReadOnlySpan<float> gradients, int offset)
    {
        Span<float> m = Slot(0).Slice(offset, weights.Length);
        Span<float> v = Slot(1).Slice(offset, weights.Length);
        float oneMinusBeta1 = 1f - Beta1;
        float oneMinusBeta2 = 1f - Beta2;
        float alpha = _alpha;
        float epsilon = Epsilon;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var b1 = new Vector<float>(oneMinusBeta1);
            var b2 = new Vector<float>(oneMinusBeta2);
            var alphaV = new Vector<float>(alpha);
            var epsilonV = new Vector<float>(epsilon);
            for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradients[i..]);
                var mi = new Vector<float>(m[i..]);
                var vi = new Vector<float>(v[i..]);
                mi = SlotFlush.Flush(mi + (g - mi) * b1);
                vi = SlotFlush.Flush(vi + (g * g - vi) * b2);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                (new Vector<float>(weights[i..]) - mi * alphaV / (Vector.SquareRoot(vi) + epsilonV)).CopyTo(weights[i..]);
            }
        }

        for (; i < weights.Length; i++)
        {
            float g = gradients[i];
            float mi = m[i] = SlotFlush.Flush(m[i] + (g - m[i]) * oneMinusBeta1);
            float vi = v[i] = SlotFlush.Flush(v[i] + (g * g - v[i]) * oneMinusBeta2);
            weights[i] -= mi * alpha / (MathF.Sqrt(vi) + epsilon);
        }
    }
}
