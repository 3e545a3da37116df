using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// The products of one streamed recurrent step in one pass: <c>c = start + a1 · B1 + a2 · B2</c> for one row, every
/// output held in a register from its start value through both sums, so the input projection and the recurrent
/// product cost one pass over the weights and no trip through memory.
/// </summary>
/// <remarks>
/// The batch path (<see cref="Gemm"/>) computes the same outputs as two calls, <c>start + a1 · B1</c> into memory and
/// then <c>+= a2 · B2</c>, each output one chain of <see cref="Simd.MultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/>
/// over p in order from its start value, except the last <c>n mod 4</c> columns, which <see cref="Gemm"/> finishes in
/// scalar code (a multiply, then an add). Storing a float and loading it back changes nothing, and the fused
/// multiply-add rounds the same at every vector width (<see cref="Simd"/>), so where <see cref="Fusable"/> holds
/// (no scalar columns) each output here is the very chain the batch path computes, and the same bits.
/// </remarks>
internal static class StepProduct
{
    /// <summary>Whether a product over <paramref name="columns"/> columns gets the batch path's bits here: all of them in vector lanes.</summary>
    public static bool Fusable(int columns) => columns % 4 == 0;

    /// <summary>
    /// <c>c[j] = start[j] + Σ_p a1[p] · b1[p · ldb1 + j] + Σ_p a2[p] · b2[p · ldb2 + j]</c> for j &lt; <paramref name="n"/>,
    /// p over each left operand's length (<paramref name="start"/> empty: zero; <paramref name="a2"/> may be empty).
    /// <paramref name="n"/> must be <see cref="Fusable"/>; the caller has checked every length.
    /// </summary>
    public static void Multiply(
        int n, ReadOnlySpan<float> start,
        ReadOnlySpan<float> a1, ReadOnlySpan<float> b1, int ldb1,
        ReadOnlySpan<float> a2, ReadOnlySpan<float> b2, int ldb2,
        Span<float> c)
    {
        var operands = new Operands(
            ref MemoryMarshal.GetReference(start), !start.IsEmpty,
            ref MemoryMarshal.GetReference(a1), a1.Length, ref MemoryMarshal.GetReference(b1), ldb1,
            ref MemoryMarshal.GetReference(a2), a2.Length, ref MemoryMarshal.GetReference(b2), ldb2,
            ref MemoryMarshal.GetReference(c));
        int done = Vector512.IsHardwareAccelerated ? Columns<Vector512Ops, Vector512<float>>(operands, 0, n)
            : Vector256.IsHardwareAccelerated ? Columns<Vector256Ops, Vector256<float>>(operands, 0, n)
            : Columns<Vector128Ops, Vector128<float>>(operands, 0, n);

        // Columns left over from the widest vector (a multiple of 4) take narrower ones.
        if (n - done >= 8 && Vector256.IsHardwareAccelerated)
        {
            done = Columns<Vector256Ops, Vector256<float>>(operands, done, n);
        }

        if (n - done >= 4)
        {
            Columns<Vector128Ops, Vector128<float>>(operands, done, n);
        }
    }

    /// <summary>The operands as references, so the width-specific loops take them in one argument.</summary>
    private readonly ref struct Operands
    {
        public Operands(
            ref float start, bool hasStart,
            ref float a1, int k1, ref float b1, int ldb1,
            ref float a2, int k2, ref float b2, int ldb2,
            ref float c)
        {
            Start = ref start;
            HasStart = hasStart;
            A1 = ref a1;
            K1 = k1;
            B1 = ref b1;
            Ldb1 = ldb1;
            A2 = ref a2;
            K2 = k2;
            B2 = ref b2;
            Ldb2 = ldb2;
            C = ref c;
        }

        public readonly ref float Start;
        public readonly bool HasStart;
        public readonly ref float A1;
        public readonly int K1;
        public readonly ref float B1;
        public readonly int Ldb1;
        public readonly ref float A2;
        public readonly int K2;
        public readonly ref float B2;
        public readonly int Ldb2;
        public readonly ref float C;
    }

    /// <summary>Columns from <paramref name="j"/> in blocks of eight, four, two and one vectors (independent FMA chains); returns the columns done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Columns<TOps, TVector>(in Operands o, int j, int n)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count;
        for (; j + 8 * w <= n; j += 8 * w)
        {
            Eight<TOps, TVector>(o, j);
        }

        if (j + 4 * w <= n)
        {
            Four<TOps, TVector>(o, j);
            j += 4 * w;
        }

        if (j + 2 * w <= n)
        {
            Two<TOps, TVector>(o, j);
            j += 2 * w;
        }

        if (j + w <= n)
        {
            One<TOps, TVector>(o, j);
            j += w;
        }

        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Start<TOps, TVector>(in Operands o, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
        => o.HasStart ? TOps.Load(ref Unsafe.Add(ref o.Start, j)) : default;

    private static void Eight<TOps, TVector>(in Operands o, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count;
        TVector c0 = Start<TOps, TVector>(o, j), c1 = Start<TOps, TVector>(o, j + w), c2 = Start<TOps, TVector>(o, j + 2 * w), c3 = Start<TOps, TVector>(o, j + 3 * w);
        TVector c4 = Start<TOps, TVector>(o, j + 4 * w), c5 = Start<TOps, TVector>(o, j + 5 * w), c6 = Start<TOps, TVector>(o, j + 6 * w), c7 = Start<TOps, TVector>(o, j + 7 * w);
        ref float a = ref o.A1;
        ref float bp = ref Unsafe.Add(ref o.B1, j);
        int k = o.K1, ldb = o.Ldb1;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int p = 0; p < k; p++)
            {
                TVector x = TOps.Create(Unsafe.Add(ref a, p));
                c0 = TOps.MultiplyAdd(x, TOps.Load(ref bp), c0);
                c1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, w)), c1);
                c2 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 2 * w)), c2);
                c3 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 3 * w)), c3);
                c4 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 4 * w)), c4);
                c5 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 5 * w)), c5);
                c6 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 6 * w)), c6);
                c7 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 7 * w)), c7);
                bp = ref Unsafe.Add(ref bp, ldb);
            }

            a = ref o.A2;
            bp = ref Unsafe.Add(ref o.B2, j);
            k = o.K2;
            ldb = o.Ldb2;
        }

        ref float cr = ref Unsafe.Add(ref o.C, j);
        TOps.Store(c0, ref cr);
        TOps.Store(c1, ref Unsafe.Add(ref cr, w));
        TOps.Store(c2, ref Unsafe.Add(ref cr, 2 * w));
        TOps.Store(c3, ref Unsafe.Add(ref cr, 3 * w));
        TOps.Store(c4, ref Unsafe.Add(ref cr, 4 * w));
        TOps.Store(c5, ref Unsafe.Add(ref cr, 5 * w));
        TOps.Store(c6, ref Unsafe.Add(ref cr, 6 * w));
        TOps.Store(c7, ref Unsafe.Add(ref cr, 7 * w));
    }

    private static void Four<TOps, TVector>(in Operands o, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count;
        TVector c0 = Start<TOps, TVector>(o, j), c1 = Start<TOps, TVector>(o, j + w), c2 = Start<TOps, TVector>(o, j + 2 * w), c3 = Start<TOps, TVector>(o, j + 3 * w);
        ref float a = ref o.A1;
        ref float bp = ref Unsafe.Add(ref o.B1, j);
        int k = o.K1, ldb = o.Ldb1;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int p = 0; p < k; p++)
            {
                TVector x = TOps.Create(Unsafe.Add(ref a, p));
                c0 = TOps.MultiplyAdd(x, TOps.Load(ref bp), c0);
                c1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, w)), c1);
                c2 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 2 * w)), c2);
                c3 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 3 * w)), c3);
                bp = ref Unsafe.Add(ref bp, ldb);
            }

            a = ref o.A2;
            bp = ref Unsafe.Add(ref o.B2, j);
            k = o.K2;
            ldb = o.Ldb2;
        }

        ref float cr = ref Unsafe.Add(ref o.C, j);
        TOps.Store(c0, ref cr);
        TOps.Store(c1, ref Unsafe.Add(ref cr, w));
        TOps.Store(c2, ref Unsafe.Add(ref cr, 2 * w));
        TOps.Store(c3, ref Unsafe.Add(ref cr, 3 * w));
    }

    private static void Two<TOps, TVector>(in Operands o, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count;
        TVector c0 = Start<TOps, TVector>(o, j), c1 = Start<TOps, TVector>(o, j + w);
        ref float a = ref o.A1;
        ref float bp = ref Unsafe.Add(ref o.B1, j);
        int k = o.K1, ldb = o.Ldb1;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int p = 0; p < k; p++)
            {
                TVector x = TOps.Create(Unsafe.Add(ref a, p));
                c0 = TOps.MultiplyAdd(x, TOps.Load(ref bp), c0);
                c1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, w)), c1);
                bp = ref Unsafe.Add(ref bp, ldb);
            }

            a = ref o.A2;
            bp = ref Unsafe.Add(ref o.B2, j);
            k = o.K2;
            ldb = o.Ldb2;
        }

        ref float cr = ref Unsafe.Add(ref o.C, j);
        TOps.Store(c0, ref cr);
        TOps.Store(c1, ref Unsafe.Add(ref cr, w));
    }

    private static void One<TOps, TVector>(in Operands o, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        TVector c0 = Start<TOps, TVector>(o, j);
        ref float a = ref o.A1;
        ref float bp = ref Unsafe.Add(ref o.B1, j);
        int k = o.K1, ldb = o.Ldb1;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int p = 0; p < k; p++)
            {
                c0 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref a, p)), TOps.Load(ref bp), c0);
                bp = ref Unsafe.Add(ref bp, ldb);
            }

            a = ref o.A2;
            bp = ref Unsafe.Add(ref o.B2, j);
            k = o.K2;
            ldb = o.Ldb2;
        }

        TOps.Store(c0, ref Unsafe.Add(ref o.C, j));
    }
}
