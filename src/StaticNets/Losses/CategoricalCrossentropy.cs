using System;

namespace StaticNets;

/// <summary>
/// Keras 3 <c>CategoricalCrossentropy</c>: per sample <c>−Σ y·log p</c>, where the outputs are first divided by
/// their sum and clipped to [1e-7, 1 − 1e-7], then the mean over the batch. Targets are one-hot (or soft) rows of
/// <c>outputSize</c> floats.
/// </summary>
/// <remarks>
/// <para>Label smoothing replaces each target by <c>y·(1 − s) + s / outputSize</c>.</para>
/// <para>
/// Gradients: with a <see cref="Activation.Softmax"/> output (and <c>fromLogits: false</c>) the gradient is taken with
/// respect to the logits, <c>(p·Σy − y) / n</c> (<c>(p − y) / n</c> for one-hot rows), finite even for saturated
/// outputs; the reported value is still Keras's, from the normalised, clipped probabilities. With
/// <c>fromLogits: true</c> the model's outputs are the logits and the value uses a stable log-softmax. Otherwise the
/// gradient is with respect to the outputs, through the normalisation and TensorFlow's clip (0 outside [ε, 1 − ε]).
/// </para>
/// </remarks>
public sealed class CategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether the model's outputs are logits rather than probabilities (Keras <c>from_logits</c>).</param>
    /// <param name="labelSmoothing">Keras <c>label_smoothing</c>, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public CategoricalCrossentropy(bool fromLogits = false, float labelSmoothing = 0f)
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
        double keep = 1.0 - LabelSmoothing;
        double shift = (double)LabelSmoothing / outputSize;
        CategoricalForm form = CategoricalForms.Select(FromLogits, outputActivation, out gradientTarget);
        double sum = 0;
        for (int s = 0; s < samples; s++)
        {
            int start = s * outputSize;
            sum += CategoricalRows.Dense(
                form,
                outputs.Slice(start, outputSize),
                targets.Slice(start, outputSize),
                keep,
                shift,
                samples,
                gradient.Slice(start, outputSize));
        }

        return (float)(sum / samples);
    }
}
