using System;
using System.Collections.Generic;

namespace StaticNets;

/// <summary>Keras's <c>sample_weight</c> and <c>class_weight</c> arguments of <c>fit</c>, turned into one weight per sample.</summary>
internal static class SampleWeights
{
    /// <summary>
    /// The weight of each sample, or null when neither argument is given. Class weights follow Keras's
    /// <c>class_weight_to_sample_weights</c>: the class of a sample is its rounded class index (sparse targets or one
    /// output) or the argmax of its target row; classes missing from the dictionary weigh 1.
    /// </summary>
    /// <exception cref="ArgumentException">Both are given (Keras refuses that too), or <paramref name="sampleWeight"/> has the wrong length.</exception>
    public static float[]? Resolve(
        IReadOnlyDictionary<int, float>? classWeight,
        ReadOnlyMemory<float>? sampleWeight,
        ReadOnlySpan<float> y,
        int samples,
        int targetSize)
    {
        if (classWeight is not null && sampleWeight is not null)
        {
            throw new ArgumentException("classWeight and sampleWeight cannot both be given (as in Keras); fold the class weights into sampleWeight.", nameof(classWeight));
        }

        if (sampleWeight is { } given)
        {
            if (given.Length != samples)
            {
                throw new ArgumentException($"Expected {samples} values in sampleWeight (one per sample), but got {given.Length}.", nameof(sampleWeight));
            }

            return given.ToArray();
        }

        if (classWeight is null) return null;
        var weights = new float[samples];
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<float> row = y.Slice(s * targetSize, targetSize);
            int label = targetSize == 1 ? (int)MathF.Round(row[0], MidpointRounding.ToEven) : SampleFunctions.ArgMax(row);
            weights[s] = classWeight.TryGetValue(label, out float weight) ? weight : 1f;
        }

        return weights;
    }

    /// <summary>Writes <c>[weight, target…]</c> rows, the targets of <see cref="SampleWeightedLoss"/>.</summary>
    public static void Interleave(ReadOnlySpan<float> weights, ReadOnlySpan<float> targets, int targetSize, Span<float> destination)
    {
        for (int s = 0; s < weights.Length; s++)
        {
            int row = s * (targetSize + 1);
            destination[row] = weights[s];
            targets.Slice(s * targetSize, targetSize).CopyTo(destination.Slice(row + 1, targetSize));
        }
    }
}
