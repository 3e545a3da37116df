using System;

namespace StaticNets;

/// <summary>
/// Keras <c>BinaryCrossentropy</c>: per element <c>−[y·log p + (1 − y)·log(1 − p)]</c> with p clipped to
/// [1e-7, 1 − 1e-7], the mean over the last axis, then the mean over the batch.
/// </summary>
/// <remarks>
/// <para>Label smoothing replaces each target by <c>y·(1 − s) + 0.5·s</c>.</para>
/// <para>
/// Gradients: with a <see cref="Activation.Sigmoid"/> output (and <c>fromLogits: false</c>) the gradient is taken
/// with respect to the logits, <c>(σ − y) / (n·outputSize)</c>, which stays finite when σ saturates at 0 or 1; the
/// reported value is still Keras's, from the clipped probabilities. With <c>fromLogits: true</c> the model's outputs
/// are the logits z and the value is the stable <c>max(z, 0) − z·y + log(1 + e^−|z|)</c>. Otherwise the gradient is
/// with respect to the probabilities and, like TensorFlow's clip, is 0 where p lies outside [ε, 1 − ε].
/// </para>
/// </remarks>
public sealed class BinaryCrossentropy : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether the model's outputs are logits rather than probabilities (Keras <c>from_logits</c>).</param>
    /// <param name="labelSmoothing">Keras <c>label_smoothing</c>, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public BinaryCrossentropy(bool fromLogits = false, float labelSmoothing = 0f)
    {
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must lie in [0, 1].");
        }

        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>Whether the model's outputs are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>The label smoothing factor.</summary>
    public float LabelSmoothing { get; }

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
        double keep = 1.0 - LabelSmoothing;
        double shift = 0.5 * LabelSmoothing;
        double sum = 0;

        if (FromLogits)
        {
            // Keras applies the loss to the model's output, so that output is the logit even when an activation
            // other than Linear produced it; the gradient is then with respect to the outputs.
            for (int i = 0; i < outputs.Length; i++)
            {
                double z = outputs[i];
                double y = targets[i] * keep + shift;
                sum += Math.Max(z, 0) - z * y + Math.Log(1 + Math.Exp(-Math.Abs(z)));
                gradient[i] = (float)((Crossentropy.Sigmoid(z) - y) / count);
            }

            gradientTarget = outputActivation == Activation.Linear ? GradientTarget.Logits : GradientTarget.Outputs;
            return (float)(sum / count);
        }

        bool fused = outputActivation == Activation.Sigmoid;
        for (int i = 0; i < outputs.Length; i++)
        {
            double p = outputs[i];
            double y = targets[i] * keep + shift;
            double clipped = Crossentropy.Clip(p);
            sum -= y * Math.Log(clipped) + (1 - y) * Math.Log(1 - clipped);
            if (fused)
            {
                gradient[i] = (float)((p - y) / count);
            }
            else
            {
                gradient[i] = Crossentropy.ClipPassesGradient(p)
                    ? (float)((-y / clipped + (1 - y) / (1 - clipped)) / count)
                    : 0f;
            }
        }

        gradientTarget = fused ? GradientTarget.Logits : GradientTarget.Outputs;
        return (float)(sum / count);
    }
}
