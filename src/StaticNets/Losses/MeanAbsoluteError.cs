using System;

namespace StaticNets;

/// <summary>
/// Keras <c>MeanAbsoluteError</c>: <c>mean(|y − ŷ|)</c> over the last axis, then the mean over the batch.
/// The gradient at <c>ŷ = y</c> is 0, as TensorFlow's <c>abs</c> gives.
/// </summary>
public sealed class MeanAbsoluteError : Loss
{
    /// <summary>Creates the loss (it has no options).</summary>
    public MeanAbsoluteError()
    {
    }

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
        float step = (float)(1.0 / count);
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            double error = (double)outputs[i] - targets[i];
            sum += Math.Abs(error);
            gradient[i] = error > 0 ? step : error < 0 ? -step : 0f;
        }

        gradientTarget = GradientTarget.Outputs;
        return (float)(sum / count);
    }
}
