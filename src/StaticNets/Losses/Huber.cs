using System;

namespace StaticNets;

/// <summary>
/// Keras <c>Huber</c>: per element <c>0.5·e²</c> where <c>|e| ≤ δ</c>, else <c>δ·|e| − 0.5·δ²</c> (<c>e = ŷ − y</c>),
/// the mean over the last axis, then the mean over the batch.
/// </summary>
public sealed class Huber : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="delta">Where the loss turns from quadratic to linear (Keras <c>delta</c>, default 1); positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive and finite.</exception>
    public Huber(float delta = 1f)
    {
        if (!(delta > 0) || float.IsInfinity(delta))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber delta must be positive and finite.");
        }

        Delta = delta;
    }

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public float Delta { get; }

    /// <inheritdoc/>
    public override float Compute(
        ReadOnlySpan<float> outputs,
        ReadOnlySpan<float> logits,
        ReadOnlySpan<float> targets,
        int outputSize,
        Activation outputActivation,
        Span<float> gradient,
        out GradientTarget gradientTarget)
    {
        int samples = LossArguments.SampleCount(outputs, logits, targets, outputSize, gradient, outputSize);
        double count = (double)samples * outputSize;
        double delta = Delta;
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            double error = (double)outputs[i] - targets[i];
            double absolute = Math.Abs(error);
            if (absolute <= delta)
            {
                sum += 0.5 * error * error;
                gradient[i] = (float)(error / count);
            }
            else
            {
                sum += delta * absolute - 0.5 * delta * delta;
                gradient[i] = (float)(Math.CopySign(delta, error) / count);
            }
        }

        gradientTarget = GradientTarget.Outputs;
        return (float)(sum / count);
    }
}
