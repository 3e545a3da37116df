using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNets.Runtime;

/// <summary>
/// Keras inverted dropout in training mode (at inference the layer is the identity and needs no kernel). All spans
/// hold the same number of floats: the layer's whole batch.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Dropout
{
    /// <summary>
    /// For each element in order, draws <c>U = random.NextSingle()</c> and keeps it when <c>U &lt; 1 − rate</c>:
    /// <c>mask = 1 / (1 − rate)</c> where kept, else 0, and <c>y = x · mask</c> where kept, else 0. <paramref name="rate"/> must lie in
    /// [0, 1]. Rate 0 is the identity (mask all 1) and consumes no draws, like Keras, which skips dropout when the
    /// rate is 0; rate 1 consumes one draw per element and keeps nothing.
    /// </summary>
    public static void TrainingForward(float rate, ref NetworkRandom random, ReadOnlySpan<float> x, Span<float> mask, Span<float> y)
    {
        if (!(rate >= 0f && rate <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must lie in [0, 1].");
        }

        KernelChecks.Length(mask.Length, x.Length, nameof(mask), "the length of x");
        KernelChecks.Length(y.Length, x.Length, nameof(y), "the length of x");
        if (rate == 0f)
        {
            mask.Fill(1f);
            x.CopyTo(y);
            return;
        }

        float keep = 1f - rate;
        float scale = 1f / keep;
        for (int i = 0; i < x.Length; i++)
        {
            // A dropped element is exactly 0 even when x is infinite or NaN, as in Keras's where(mask, x / keep, 0).
            bool kept = random.NextSingle() < keep;
            mask[i] = kept ? scale : 0f;
            y[i] = kept ? x[i] * scale : 0f;
        }
    }

    /// <summary><c>dx = dy · mask</c>, element-wise; <paramref name="dx"/> may be the same span as <paramref name="dy"/>.</summary>
    public static void Backward(ReadOnlySpan<float> mask, ReadOnlySpan<float> dy, Span<float> dx)
    {
        KernelChecks.Length(dy.Length, mask.Length, nameof(dy), "the length of mask");
        KernelChecks.Length(dx.Length, mask.Length, nameof(dx), "the length of mask");
        TensorPrimitives.Multiply(dy, mask, dx);
    }
}
