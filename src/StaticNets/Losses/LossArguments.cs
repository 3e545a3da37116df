using System;

namespace StaticNets;

/// <summary>The shape checks every loss runs before reading its spans, written once.</summary>
internal static class LossArguments
{
    /// <summary>
    /// Checks that the spans describe one batch: <paramref name="outputs"/> a positive multiple of
    /// <paramref name="outputSize"/>, <paramref name="logits"/> and <paramref name="gradient"/> the same length, and
    /// <paramref name="targets"/> <paramref name="targetSize"/> floats per sample. Returns the sample count.
    /// </summary>
    public static int SampleCount(
        ReadOnlySpan<float> outputs,
        ReadOnlySpan<float> logits,
        ReadOnlySpan<float> targets,
        int outputSize,
        Span<float> gradient,
        int targetSize)
    {
        if (outputSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "The output size must be positive.");
        }

        if (outputs.IsEmpty || outputs.Length % outputSize != 0)
        {
            throw new ArgumentException(
                $"Expected a positive multiple of {outputSize} values (outputSize) in outputs, but got {outputs.Length}.",
                nameof(outputs));
        }

        int samples = outputs.Length / outputSize;
        if (logits.Length != outputs.Length)
        {
            throw new ArgumentException(
                $"Expected {outputs.Length} values in logits (as many as outputs), but got {logits.Length}.", nameof(logits));
        }

        if (gradient.Length != outputs.Length)
        {
            throw new ArgumentException(
                $"Expected {outputs.Length} values in gradient (as many as outputs), but got {gradient.Length}.", nameof(gradient));
        }

        if ((long)samples * targetSize != targets.Length)
        {
            throw new ArgumentException(
                $"Expected {(long)samples * targetSize} values in targets ({samples} samples × {targetSize}), but got {targets.Length}.",
                nameof(targets));
        }

        return samples;
    }
}
