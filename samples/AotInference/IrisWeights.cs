using System;

namespace AotInference;

/// <summary>
/// Builds <see cref="IrisNet"/>'s weights by hand: the classic decision tree for Fisher's iris data
/// ("petal length &lt; 2.45 cm: setosa; else petal width &lt; 1.75 cm: versicolor; else virginica") as a ReLU
/// network. The values are exact formulas, so <c>--make-weights</c> rewrites <c>iris.weights</c> byte for byte.
/// </summary>
/// <remarks>
/// Each threshold test becomes a steep ramp from two ReLU units, <c>step(z) = relu(kz + ½) − relu(kz − ½)</c>,
/// which is 0 for <c>kz ≤ −½</c> and 1 for <c>kz ≥ ½</c>. With <c>k = 20</c> per cm the ramp is 0.05 cm wide,
/// centred on the threshold, and measurements given to 0.1 cm never fall on it. With <c>S = step(2.45 − petal length)</c>
/// and <c>N = step(1.75 − petal width)</c> the output layer computes the scores
/// <c>setosa = 2S</c>, <c>versicolor = N − S</c>, <c>virginica = 1 − N − S</c>: the tree's leaf scores 1 or 2 and the
/// others at most 0.
/// </remarks>
public static class IrisWeights
{
    /// <summary>Steepness of the threshold ramps, per cm.</summary>
    public const float Steepness = 20f;

    /// <summary>The tree's first split: petal length below this is setosa.</summary>
    public const float PetalLengthThreshold = 2.45f;

    /// <summary>The tree's second split: petal width below this is versicolor.</summary>
    public const float PetalWidthThreshold = 1.75f;

    private const int PetalLength = 2, PetalWidth = 3;

    /// <summary>The weights in Keras order: hidden kernel (4, 4), hidden bias (4), output kernel (4, 3), output bias (3).</summary>
    public static float[] Create()
    {
        var w = new float[IrisNet.ParameterCount];
        Span<float> hiddenKernel = w.AsSpan(0, 16);      // [feature, unit]
        Span<float> hiddenBias = w.AsSpan(16, 4);
        Span<float> outputKernel = w.AsSpan(20, 12);     // [unit, species]
        Span<float> outputBias = w.AsSpan(32, 3);

        // Units 0 and 1 ramp S on petal length, units 2 and 3 ramp N on petal width.
        hiddenKernel[PetalLength * 4 + 0] = -Steepness;
        hiddenKernel[PetalLength * 4 + 1] = -Steepness;
        hiddenKernel[PetalWidth * 4 + 2] = -Steepness;
        hiddenKernel[PetalWidth * 4 + 3] = -Steepness;
        hiddenBias[0] = Steepness * PetalLengthThreshold + 0.5f;
        hiddenBias[1] = Steepness * PetalLengthThreshold - 0.5f;
        hiddenBias[2] = Steepness * PetalWidthThreshold + 0.5f;
        hiddenBias[3] = Steepness * PetalWidthThreshold - 0.5f;

        // S = u0 − u1 and N = u2 − u3; scores (2S, N − S, 1 − N − S).
        ReadOnlySpan<float> s = [2f, -1f, -1f];
        ReadOnlySpan<float> n = [0f, 1f, -1f];
        for (int species = 0; species < 3; species++)
        {
            outputKernel[0 * 3 + species] = s[species];
            outputKernel[1 * 3 + species] = -s[species];
            outputKernel[2 * 3 + species] = n[species];
            outputKernel[3 * 3 + species] = -n[species];
        }

        outputBias[2] = 1f;
        return w;
    }
}
