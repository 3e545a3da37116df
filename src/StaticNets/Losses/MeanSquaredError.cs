using System;

namespace StaticNets;

/// <summary>
/// Keras <c>MeanSquaredError</c>: <c>mean((y − ŷ)²)</c> over the last axis, then the mean over the batch.
/// </summary>
public sealed class MeanSquaredError : Loss
{
    /// <summary>Creates the loss (it has no options).</summary>
    public MeanSquaredError()
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
        double gradientScale = 2.0 / count;
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            double error = (double)outputs[i] - targets[i];
            sum += error * error;
            gradient[i] = (float)(error * gradientScale);
        }

        gradientTarget = GradientTarget.Outputs;
        return (float)(sum / count);
    }
}
