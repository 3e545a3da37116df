using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Runtime;

/// <summary>
/// Softmax over one row, forward and backward, for one vector width. The row maximum is subtracted before exp
/// (as Keras does), so any finite row gives finite outputs that sum to 1; a row holding NaN or +∞, or only −∞,
/// gives NaN (as in Keras/TensorFlow).
/// </summary>
internal static class SoftmaxRow
{
    /// <summary>softmax(row) in place.</summary>
    public static void Forward<TOps, TVector>(Span<float> row) where TOps : IVectorOps<TVector> where TVector : struct
    {
        if (row.IsEmpty) return;

        ref float start = ref MemoryMarshal.GetReference(row);
        int count = TOps.Count;
        int wholeVectors = row.Length - row.Length % count;

        float max = Max<TOps, TVector>(row, wholeVectors);
        TVector shift = TOps.Create(max);

        // e^(x − max) in place, summed lane-wise; the padded tail lanes hold −∞ so they add e^−∞ = 0.
        TVector sums = TOps.Create(0f);
        for (int i = 0; i < wholeVectors; i += count)
        {
            ref float at = ref Unsafe.Add(ref start, i);
            TVector e = ExpOfDifference<TOps, TVector>(TOps.Load(ref at), shift);
            TOps.Store(e, ref at);
            sums = TOps.Add(sums, e);
        }

        if (wholeVectors < row.Length)
        {
            Span<float> tail = row.Slice(wholeVectors);
            TVector lanes = TOps.Create(float.NegativeInfinity);
            Span<float> laneSpan = ElementwiseLoop.Lanes<TOps, TVector>(ref lanes);
            tail.CopyTo(laneSpan);
            lanes = ExpOfDifference<TOps, TVector>(lanes, shift);
            laneSpan.Slice(0, tail.Length).CopyTo(tail);
            sums = TOps.Add(sums, lanes);
        }

        float sum = TOps.Sum(sums);
        TVector total = TOps.Create(sum);
        for (int i = 0; i < wholeVectors; i += count)
        {
            ref float at = ref Unsafe.Add(ref start, i);
            TOps.Store(TOps.Divide(TOps.Load(ref at), total), ref at);
        }

        for (int i = wholeVectors; i < row.Length; i++)
        {
            row[i] /= sum;
        }
    }

    /// <summary>gradient ← a ⊙ (gradient − Σ gradient ⊙ a): the softmax Jacobian (symmetric) times dL/da.</summary>
    public static void Backward<TOps, TVector>(ReadOnlySpan<float> a, Span<float> gradient)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        ref float aStart = ref MemoryMarshal.GetReference(a);
        ref float gStart = ref MemoryMarshal.GetReference(gradient);
        int count = TOps.Count;
        int wholeVectors = gradient.Length - gradient.Length % count;

        TVector products = TOps.Create(0f);
        for (int i = 0; i < wholeVectors; i += count)
        {
            products = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref gStart, i)), TOps.Load(ref Unsafe.Add(ref aStart, i)), products);
        }

        float dot = TOps.Sum(products);
        for (int i = wholeVectors; i < gradient.Length; i++)
        {
            dot += gradient[i] * a[i];
        }

        TVector dotVector = TOps.Create(dot);
        for (int i = 0; i < wholeVectors; i += count)
        {
            ref float g = ref Unsafe.Add(ref gStart, i);
            TOps.Store(TOps.Multiply(TOps.Load(ref Unsafe.Add(ref aStart, i)), TOps.Subtract(TOps.Load(ref g), dotVector)), ref g);
        }

        for (int i = wholeVectors; i < gradient.Length; i++)
        {
            gradient[i] = a[i] * (gradient[i] - dot);
        }
    }

    /// <summary>
    /// e^(x − max) with x − max taken exactly (TwoSum: the rounded difference plus its rounding error), so entries
    /// far below the maximum keep full relative accuracy (rounding x − max ≈ −50 alone would cost ≈ 50 ulp).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpOfDifference<TOps, TVector>(TVector x, TVector max)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector difference = TOps.Subtract(x, max);
        TVector virtualX = TOps.Add(difference, max);
        TVector virtualMax = TOps.Subtract(virtualX, difference);
        TVector error = TOps.Add(TOps.Subtract(x, virtualX), TOps.Subtract(virtualMax, max));
        // Where e^difference underflows anyway (including −∞ entries, whose error term is NaN), drop the error term.
        error = TOps.AndNot(error, TOps.CompareLessThan(difference, TOps.Create(-150f)));
        return VectorMath.ExpOfSum<TOps, TVector>(difference, error);
    }

    private static float Max<TOps, TVector>(ReadOnlySpan<float> row, int wholeVectors)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        ref float start = ref MemoryMarshal.GetReference(row);
        int count = TOps.Count;
        float max = float.NegativeInfinity;
        if (wholeVectors > 0)
        {
            TVector maxes = TOps.Create(float.NegativeInfinity);
            for (int i = 0; i < wholeVectors; i += count)
            {
                TVector x = TOps.Load(ref Unsafe.Add(ref start, i));
                maxes = TOps.Select(TOps.CompareGreaterThan(x, maxes), x, maxes);
            }

            foreach (float lane in ElementwiseLoop.Lanes<TOps, TVector>(ref maxes))
            {
                if (lane > max) max = lane;
            }
        }

        for (int i = wholeVectors; i < row.Length; i++)
        {
            if (row[i] > max) max = row[i];
        }

        return max;
    }
}
