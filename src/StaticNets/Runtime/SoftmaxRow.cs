using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// Softmax over one row, forward and backward, for one vector width. The row maximum is subtracted before exp
/// (as Keras does), so any finite row gives finite outputs that sum to 1; a row holding NaN or +∞, or only −∞,
/// gives NaN (as in Keras/TensorFlow).
/// </summary>
/// <remarks>
/// Every width gives the same bits (a NaN's sign and payload aside): the row's sums (Σ e^(x − max) forward,
/// Σ dL/da · a backward) are taken in an order that does not depend on the width. Entry i goes to partial sum
/// i mod 16, in order of i (one accumulator of 512 bits, two of 256 or four of 128 hold the 16 partials), and
/// <see cref="Total"/> adds the partials in a fixed tree. Lanes past the row's end add exactly nothing: they add +0 (the forward pass clears them after exp, the
/// backward pass pads with zeros), and a partial sum, starting at +0, is never −0, so adding +0 leaves it as it is.
/// </remarks>
internal static class SoftmaxRow
{
    /// <summary>Partial sums per row, whatever the width: the lanes of the widest vector.</summary>
    private const int Partials = 16;

    /// <summary>softmax(row) in place.</summary>
    public static void Forward<TOps, TVector>(Span<float> row) where TOps : IVectorOps<TVector> where TVector : struct
    {
        if (row.IsEmpty) return;

        ref float start = ref MemoryMarshal.GetReference(row);
        int count = TOps.Count;
        int wholeVectors = row.Length - row.Length % count;
        int wholeBlocks = row.Length - row.Length % Partials;
        TVector shift = TOps.Create(Max<TOps, TVector>(row, wholeVectors));

        // The partial last vector first, so that nothing is called while the accumulators are live (it is still added
        // last, so the order of the sums is unchanged): e^(x − max) of its lanes, the ones past the row cleared.
        TVector tail = default;
        if (wholeVectors < row.Length)
        {
            Span<float> lanes = ElementwiseLoop.Lanes<TOps, TVector>(ref tail);
            CopyShort(row.Slice(wholeVectors), lanes);
            tail = ExpOfDifference<TOps, TVector>(tail, shift);
            CopyShort(lanes.Slice(0, row.Length - wholeVectors), row.Slice(wholeVectors));
            lanes.Slice(row.Length - wholeVectors).Clear();
        }

        // e^(x − max) in place, summed into the partials: vector k of each block of 16 entries goes to accumulator k
        // (s1..s3 only exist for widths below 512 bits).
        TVector s0 = TOps.Create(0f), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i < wholeBlocks; i += Partials)
        {
            s0 = TOps.Add(s0, ExpInPlace<TOps, TVector>(ref Unsafe.Add(ref start, i), shift));
            if (count < Partials) s1 = TOps.Add(s1, ExpInPlace<TOps, TVector>(ref Unsafe.Add(ref start, i + count), shift));
            if (count < Partials / 2)
            {
                s2 = TOps.Add(s2, ExpInPlace<TOps, TVector>(ref Unsafe.Add(ref start, i + 2 * count), shift));
                s3 = TOps.Add(s3, ExpInPlace<TOps, TVector>(ref Unsafe.Add(ref start, i + 3 * count), shift));
            }
        }

        // The last, incomplete block: its whole vectors, then the partial one.
        int k = 0;
        for (; i < wholeVectors; i += count, k++)
        {
            Accumulate<TOps, TVector>(k, ExpInPlace<TOps, TVector>(ref Unsafe.Add(ref start, i), shift), ref s0, ref s1, ref s2, ref s3);
        }

        if (wholeVectors < row.Length) Accumulate<TOps, TVector>(k, tail, ref s0, ref s1, ref s2, ref s3);

        float sum = Total(s0, s1, s2, s3);
        TVector total = TOps.Create(sum);
        for (i = 0; i < wholeVectors; i += count)
        {
            ref float at = ref Unsafe.Add(ref start, i);
            TOps.Store(TOps.Divide(TOps.Load(ref at), total), ref at);
        }

        for (; i < row.Length; i++)
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
        int wholeBlocks = gradient.Length - gradient.Length % Partials;

        // Σ gradient ⊙ a into the partials, as in Forward; the partial last vector padded with zeros (0 · 0 adds +0),
        // copied first so that nothing is called while the accumulators are live.
        TVector gTail = default, aTail = default;
        if (wholeVectors < gradient.Length)
        {
            CopyShort(gradient.Slice(wholeVectors), ElementwiseLoop.Lanes<TOps, TVector>(ref gTail));
            CopyShort(a.Slice(wholeVectors), ElementwiseLoop.Lanes<TOps, TVector>(ref aTail));
        }

        TVector s0 = TOps.Create(0f), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i < wholeBlocks; i += Partials)
        {
            s0 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref gStart, i)), TOps.Load(ref Unsafe.Add(ref aStart, i)), s0);
            if (count < Partials)
            {
                int at = i + count;
                s1 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref gStart, at)), TOps.Load(ref Unsafe.Add(ref aStart, at)), s1);
            }

            if (count < Partials / 2)
            {
                int at = i + 2 * count;
                s2 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref gStart, at)), TOps.Load(ref Unsafe.Add(ref aStart, at)), s2);
                at += count;
                s3 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref gStart, at)), TOps.Load(ref Unsafe.Add(ref aStart, at)), s3);
            }
        }

        // The last, incomplete block: its whole vectors, then the partial one.
        int k = 0;
        for (; i < wholeVectors; i += count, k++)
        {
            TVector g = TOps.Load(ref Unsafe.Add(ref gStart, i));
            TVector activation = TOps.Load(ref Unsafe.Add(ref aStart, i));
            MultiplyAccumulate<TOps, TVector>(k, g, activation, ref s0, ref s1, ref s2, ref s3);
        }

        if (wholeVectors < gradient.Length) MultiplyAccumulate<TOps, TVector>(k, gTail, aTail, ref s0, ref s1, ref s2, ref s3);

        float dot = Total(s0, s1, s2, s3);
        TVector dotVector = TOps.Create(dot);
        for (i = 0; i < wholeVectors; i += count)
        {
            ref float g = ref Unsafe.Add(ref gStart, i);
            TOps.Store(TOps.Multiply(TOps.Load(ref Unsafe.Add(ref aStart, i)), TOps.Subtract(TOps.Load(ref g), dotVector)), ref g);
        }

        for (; i < gradient.Length; i++)
        {
            gradient[i] = a[i] * (gradient[i] - dot);
        }
    }

    /// <summary>e^(x − max) for the vector at <paramref name="at"/>, stored back in place and returned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpInPlace<TOps, TVector>(ref float at, TVector max) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector e = ExpOfDifference<TOps, TVector>(TOps.Load(ref at), max);
        TOps.Store(e, ref at);
        return e;
    }

    /// <summary>Adds <paramref name="value"/> to accumulator <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TOps, TVector>(int k, TVector value, ref TVector s0, ref TVector s1, ref TVector s2, ref TVector s3)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        if (k == 0) s0 = TOps.Add(s0, value);
        else if (k == 1) s1 = TOps.Add(s1, value);
        else if (k == 2) s2 = TOps.Add(s2, value);
        else s3 = TOps.Add(s3, value);
    }

    /// <summary>Adds <paramref name="left"/> · <paramref name="right"/> to accumulator <paramref name="k"/> (fused where the hardware can).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAccumulate<TOps, TVector>(
        int k, TVector left, TVector right, ref TVector s0, ref TVector s1, ref TVector s2, ref TVector s3)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        if (k == 0) s0 = TOps.MultiplyAdd(left, right, s0);
        else if (k == 1) s1 = TOps.MultiplyAdd(left, right, s1);
        else if (k == 2) s2 = TOps.MultiplyAdd(left, right, s2);
        else s3 = TOps.MultiplyAdd(left, right, s3);
    }

    /// <summary>
    /// The sum of the 16 partials P held by the accumulators (one 512-bit vector, two of 256 bits or four of 128; the
    /// others are ignored), in registers and in the same order at every width: each step adds the upper half onto the
    /// lower, Q[j] = P[j] + P[j + 8], R[j] = Q[j] + Q[j + 4], then (R[0] + R[2]) + (R[1] + R[3]).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Total<TVector>(TVector s0, TVector s1, TVector s2, TVector s3) where TVector : struct
    {
        Vector128<float> r;
        if (typeof(TVector) == typeof(Vector512<float>))
        {
            Vector512<float> p = Unsafe.BitCast<TVector, Vector512<float>>(s0);
            Vector256<float> q = p.GetLower() + p.GetUpper();
            r = q.GetLower() + q.GetUpper();
        }
        else if (typeof(TVector) == typeof(Vector256<float>))
        {
            Vector256<float> q = Unsafe.BitCast<TVector, Vector256<float>>(s0) + Unsafe.BitCast<TVector, Vector256<float>>(s1);
            r = q.GetLower() + q.GetUpper();
        }
        else
        {
            // s0..s3 hold P[0..3], P[4..7], P[8..11], P[12..15].
            Vector128<float> lower = Unsafe.BitCast<TVector, Vector128<float>>(s0) + Unsafe.BitCast<TVector, Vector128<float>>(s2);
            Vector128<float> upper = Unsafe.BitCast<TVector, Vector128<float>>(s1) + Unsafe.BitCast<TVector, Vector128<float>>(s3);
            r = lower + upper;
        }

        Vector128<float> t = r + Vector128.Shuffle(r, Vector128.Create(2, 3, 0, 1));
        return t.ToScalar() + t.GetElement(1);
    }

    /// <summary>Copies the few floats of a partial vector, in a plain loop (cheaper than the memmove behind Span.CopyTo).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyShort(ReadOnlySpan<float> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++) destination[i] = source[i];
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
