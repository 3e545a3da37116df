using System;

namespace StaticNets;

/// <summary>
/// A loss with a weight per sample, as Keras applies <c>sample_weight</c>/<c>class_weight</c>: each sample's loss
/// times its weight, summed and divided by the batch size (Keras's <c>"sum_over_batch_size"</c> reduction divides by
/// the number of samples, not by the sum of the weights). The weight travels as the first float of each target row
/// (<c>[w, target…]</c>), so the generated training code, which slices targets per sample (also when it splits a batch
/// over two threads), needs no change.
/// </summary>
internal sealed class SampleWeightedLoss : Loss
{
    public SampleWeightedLoss(Loss inner) => Inner = inner;

    /// <summary>The loss being weighted.</summary>
    public Loss Inner { get; }

    /// <summary>The inner loss's target size plus the weight.</summary>
    public override int TargetSize(int outputSize) => Inner.TargetSize(outputSize) + 1;

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
        int rowSize = TargetSize(outputSize);
        int samples = LossArguments.SampleCount(outputs, logits, targets, outputSize, gradient, rowSize);
        gradientTarget = GradientTarget.Outputs;
        double sum = 0;
        for (int s = 0; s < samples; s++)
        {
            int start = s * outputSize;
            ReadOnlySpan<float> row = targets.Slice(s * rowSize, rowSize);
            Span<float> rowGradient = gradient.Slice(start, outputSize);
            float value = Inner.Compute(
                outputs.Slice(start, outputSize), logits.Slice(start, outputSize), row[1..], outputSize, outputActivation, rowGradient, out gradientTarget);
            double weight = row[0];
            sum += weight * value;
            float scale = (float)(weight / samples);
            for (int i = 0; i < rowGradient.Length; i++) rowGradient[i] *= scale;
        }

        return (float)(sum / samples);
    }
}
