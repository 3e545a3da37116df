using System;

namespace StaticNets;

/// <summary>
/// Keras <c>SparseCategoricalCrossentropy</c>: <see cref="CategoricalCrossentropy"/> of the one-hot row of an integer
/// class label. Targets hold one class index per sample, stored as a float.
/// </summary>
/// <remarks>
/// Gradients follow <see cref="CategoricalCrossentropy"/>: fused <c>(p − onehot) / n</c> with respect to the logits
/// for a <see cref="Activation.Softmax"/> output, a stable log-softmax with <c>fromLogits: true</c>, and the gradient
/// through normalisation and clipping otherwise.
/// </remarks>
public sealed class SparseCategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether the model's outputs are logits rather than probabilities (Keras <c>from_logits</c>).</param>
    public SparseCategoricalCrossentropy(bool fromLogits = false) => FromLogits = fromLogits;

    /// <summary>Whether the model's outputs are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>One class index per sample, whatever the output size.</summary>
    public override int TargetSize(int outputSize) => 1;

    /// <summary>Checks that every target is an integer class index in <c>[0, outputSize)</c>.</summary>
    /// <exception cref="ArgumentException">A target is not an integer in range; the message names the sample.</exception>
    public override void ValidateTargets(ReadOnlySpan<float> targets, int outputSize)
    {
        for (int s = 0; s < targets.Length; s++)
        {
            CategoricalRows.ClassIndex(targets[s], outputSize, s);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A target is not an integer class index in <c>[0, outputSize)</c>.</exception>
    public override float Compute(
        ReadOnlySpan<float> outputs,
        ReadOnlySpan<float> logits,
        ReadOnlySpan<float> targets,
        int outputSize,
        Activation outputActivation,
        Span<float> gradient,
        out GradientTarget gradientTarget)
    {
        int samples = LossArguments.SampleCount(outputs, logits, targets, outputSize, gradient, 1);

        // Validate every label before writing any gradient, so a bad batch leaves no partial result behind.
        ValidateTargets(targets, outputSize);
        CategoricalForm form = CategoricalForms.Select(FromLogits, outputActivation, out gradientTarget);
        double sum = 0;
        for (int s = 0; s < samples; s++)
        {
            int start = s * outputSize;
            sum += CategoricalRows.Sparse(
                form,
                outputs.Slice(start, outputSize),
                (int)targets[s],
                samples,
                gradient.Slice(start, outputSize));
        }

        return (float)(sum / samples);
    }
}
