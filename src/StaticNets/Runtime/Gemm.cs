using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace StaticNets.Runtime;

/// <summary>
/// Register-blocked matrix products for batched forward and backward passes. Generated code calls them with
/// constant sizes. Every matrix is row-major; <c>A</c> is read through two strides, so the same kernel computes
/// <c>A·B</c> (forward, and ∂x = ∂z·Wᵀ with a transposed W) and <c>Aᵀ·B</c> (∂W = xᵀ·∂z).
/// </summary>
/// <remarks>
/// The micro-kernel keeps a tile of C in registers and streams one row of B per step, so each B load serves every row of
/// the tile and each broadcast of A every vector: 6 rows × 4 vectors (then 4 × 4) with 32 vector registers (x64 with
/// AVX-512, ARM64), 4 × 2 with 16 (x64 up to AVX2, where a 4 × 4 tile spills), and 4 × 2 for the columns left after the
/// four-vector panels. The inner dimension runs in blocks of 256 so a panel of B stays in cache across all rows of A
/// (two-vector panels are copied to a contiguous block for that, when several tiles of rows share them).
/// Column tails narrower than a vector are finished in scalar code, so no buffer needs slack.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Gemm
{
    /// <summary>
    /// <c>C[i, j] = bias[j] + Σ_p A(i, p) · B[p, j]</c> for i &lt; m, j &lt; n, p &lt; k, where
    /// <c>A(i, p) = a[i · aRowStride + p · aInnerStride]</c>, <c>B[p, j] = b[p · ldb + j]</c>, <c>C[i, j] = c[i · ldc + j]</c>.
    /// An empty <paramref name="bias"/> means zero.
    /// </summary>
    public static void Multiply(
        int m, int k, int n,
        ReadOnlySpan<float> a, int aRowStride, int aInnerStride,
        ReadOnlySpan<float> b, int ldb,
        ReadOnlySpan<float> bias,
        Span<float> c, int ldc)
        => Run(m, k, n, a, aRowStride, aInnerStride, b, ldb, bias, accumulate: false, c, ldc);

    /// <summary>
    /// <c>C[i, j] += Σ_p A(i, p) · B[p, j]</c>, strides as in <see cref="Multiply"/>: adds the product to what C holds
    /// (a recurrent layer adds <c>h · recurrent kernel</c> to its input projections in place).
    /// </summary>
    public static void MultiplyAdd(
        int m, int k, int n,
        ReadOnlySpan<float> a, int aRowStride, int aInnerStride,
        ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc)
        => Run(m, k, n, a, aRowStride, aInnerStride, b, ldb, default, accumulate: true, c, ldc);

    private static void Run(
        int m, int k, int n,
        ReadOnlySpan<float> a, int aRowStride, int aInnerStride,
        ReadOnlySpan<float> b, int ldb,
        ReadOnlySpan<float> bias, bool accumulate,
        Span<float> c, int ldc)
    {
        if (m == 0 || n == 0 || (accumulate && k == 0))
        {
            return;
        }

        // The only checks: the last element each operand can touch lies inside its span.
        if ((long)(m - 1) * aRowStride + (long)(k - 1) * aInnerStride >= a.Length && k > 0
            || (k > 0 && (long)(k - 1) * ldb + n > b.Length)
            || (long)(m - 1) * ldc + n > c.Length
            || (!bias.IsEmpty && bias.Length < n))
        {
            throw new ArgumentException("A matrix span is too short for the given sizes and strides.");
        }

        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        ref float pc = ref MemoryMarshal.GetReference(c);
        ref float pbias = ref MemoryMarshal.GetReference(bias);

        // Blocks of the inner dimension, so each B panel a tile streams stays in L1 across all rows of A; later blocks
        // add to C. Every accumulator still sums p in order, so the result is the same bits as one pass.
        int k0 = 0;
        do
        {
            int kb = Math.Min(InnerBlock, k - k0);
            MultiplyBlock(
                m, kb, n,
                ref Unsafe.Add(ref pa, (nint)k0 * aInnerStride), aRowStride, aInnerStride,
                ref Unsafe.Add(ref pb, (nint)k0 * ldb), ldb,
                !bias.IsEmpty, ref pbias, accumulate: accumulate || k0 > 0,
                ref pc, ldc);
            k0 += kb;
        }
        while (k0 < k);
    }

    /// <summary>
    /// Whether the JIT has 32 vector registers to allocate (x64 with AVX-512, whatever vector width is in use; ARM64),
    /// not 16 (x64 up to AVX2). A JIT-time constant.
    /// </summary>
    private static bool HasThirtyTwoVectorRegisters => Avx512F.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>Inner-dimension rows per block: a B panel of this many rows is 32 KB (two vectors) or 64 KB (four) at 16 lanes.</summary>
    private const int InnerBlock = 256;

    /// <summary>One block of the inner dimension: C starts from the bias, or from C itself when <paramref name="accumulate"/>.</summary>
    private static void MultiplyBlock(
        int m, int k, int n,
        ref float pa, int aRowStride, int aInnerStride,
        ref float pb, int ldb,
        bool hasBias, ref float pbias, bool accumulate,
        ref float pc, int ldc)
    {
        int done;
        if (m == 1)
        {
            // One row (a recurrent step of one sample, a matrix-vector product): up to eight independent accumulators
            // per pass over the inner dimension, where the tiles would keep only one or two FMA chains busy.
            done = Vector512.IsHardwareAccelerated ? SingleRow<Vector512Ops, Vector512<float>>(k, n, ref pa, aInnerStride, ref pb, ldb, hasBias, ref pbias, accumulate, ref pc)
                : Vector256.IsHardwareAccelerated ? SingleRow<Vector256Ops, Vector256<float>>(k, n, ref pa, aInnerStride, ref pb, ldb, hasBias, ref pbias, accumulate, ref pc)
                : SingleRow<Vector128Ops, Vector128<float>>(k, n, ref pa, aInnerStride, ref pb, ldb, hasBias, ref pbias, accumulate, ref pc);
        }
        else if (Vector512.IsHardwareAccelerated)
        {
            done = Panels<Vector512Ops, Vector512<float>>(m, k, n, ref pa, aRowStride, aInnerStride, ref pb, ldb, hasBias, ref pbias, accumulate, ref pc, ldc);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            done = Panels<Vector256Ops, Vector256<float>>(m, k, n, ref pa, aRowStride, aInnerStride, ref pb, ldb, hasBias, ref pbias, accumulate, ref pc, ldc);
        }
        else
        {
            done = Panels<Vector128Ops, Vector128<float>>(m, k, n, ref pa, aRowStride, aInnerStride, ref pb, ldb, hasBias, ref pbias, accumulate, ref pc, ldc);
        }

        // Columns left over from the widest vector take narrower ones (a 10-unit layer: 8 + 2), then scalar code.
        if (n - done >= 8 && Vector256.IsHardwareAccelerated)
        {
            done = Column<Vector256Ops, Vector256<float>>(m, k, done, ref pa, aRowStride, aInnerStride, ref pb, ldb, hasBias, ref pbias, accumulate, ref pc, ldc);
        }

        if (n - done >= 4 && Vector128.IsHardwareAccelerated)
        {
            done = Column<Vector128Ops, Vector128<float>>(m, k, done, ref pa, aRowStride, aInnerStride, ref pb, ldb, hasBias, ref pbias, accumulate, ref pc, ldc);
        }

        ScalarColumns(m, k, n, done, ref pa, aRowStride, aInnerStride, ref pb, ldb, hasBias, ref pbias, accumulate, ref pc, ldc);
    }

    /// <summary><c>sums[j] = Σ_i b[i · ldb + j]</c> for i &lt; m, j &lt; n (bias gradients: the column sums of ∂z).</summary>
    public static void SumRows(int m, int n, ReadOnlySpan<float> b, int ldb, Span<float> sums)
    {
        if ((m > 0 && (long)(m - 1) * ldb + n > b.Length) || sums.Length < n)
        {
            throw new ArgumentException("A matrix span is too short for the given sizes.");
        }

        sums.Slice(0, n).Clear();
        for (int i = 0; i < m; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(sums.Slice(0, n), b.Slice(i * ldb, n), sums.Slice(0, n));
        }
    }

    /// <summary><c>destination[j · rows + i] = source[i · cols + j]</c>: a (rows × cols) matrix to (cols × rows).</summary>
    public static void Transpose(int rows, int cols, ReadOnlySpan<float> source, Span<float> destination)
    {
        if ((long)rows * cols > source.Length || (long)rows * cols > destination.Length)
        {
            throw new ArgumentException("A matrix span is too short for the given sizes.");
        }

        // 8×8 blocks keep both the reads and the writes within a few cache lines.
        const int Block = 8;
        for (int i0 = 0; i0 < rows; i0 += Block)
        {
            int iEnd = Math.Min(i0 + Block, rows);
            for (int j0 = 0; j0 < cols; j0 += Block)
            {
                int jEnd = Math.Min(j0 + Block, cols);
                for (int i = i0; i < iEnd; i++)
                {
                    for (int j = j0; j < jEnd; j++)
                    {
                        destination[j * rows + i] = source[i * cols + j];
                    }
                }
            }
        }
    }

    /// <summary>Two-vector column panels (4-row tiles, then single rows), then one more vector column if it fits; returns the columns done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Panels<TOps, TVector>(
        int m, int k, int n,
        ref float a, int rs, int ps,
        ref float b, int ldb,
        bool hasBias, ref float bias, bool accumulate,
        ref float c, int ldc)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count;
        int j = 0;

        // Panels of four vectors where the columns allow, so each broadcast of A feeds four FMAs. Their 4-row tiles keep
        // 21 vectors live: with 16 registers (AVX2, SSE) they would spill, so there only fewer than 4 rows take them.
        if (HasThirtyTwoVectorRegisters || m < 4)
        {
            for (; j + 4 * w <= n; j += 4 * w)
            {
                WidePanel<TOps, TVector>(m, k, j, ref a, rs, ps, ref b, ldb, hasBias, ref bias, accumulate, ref c, ldc);
            }
        }

        // Panels of two vectors: 6-row tiles (12 accumulators, 2 loads of B and 1 broadcast: 15 of 16 registers, and
        // 12 FMA chains, enough to cover the FMA latency on two pipes where 8 are not), then 4-row tiles, then single rows.
        // With rows enough for several tiles, each panel of B is first copied to a contiguous block (same values, same
        // bits): read in place, its rows lie ldb apart and fall into a few sets of L1, so every tile fetched them again.
        bool pack = m >= PackedPanelRows && ldb != 2 * w;
        ref float packed = ref pack ? ref PanelScratch() : ref Unsafe.NullRef<float>();

        // 6-row tiles, but where that would leave 2 or 3 rows (each a single row: two FMA chains, a quarter of the pipes'
        // rate), one tile fewer and 4-row tiles for the 8 or 9 rows left.
        int sixRowEnd = m / 6 * 6;
        if (m % 6 is 2 or 3 && sixRowEnd >= 6)
        {
            sixRowEnd -= 6;
        }

        for (; j + 2 * w <= n; j += 2 * w)
        {
            TVector bias0 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j)) : default;
            TVector bias1 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j + w)) : default;
            ref float panel = ref Unsafe.Add(ref b, j);
            int panelStride = ldb;
            if (pack)
            {
                PackPanel<TOps, TVector>(k, ref panel, ldb, ref packed);
                panel = ref packed;
                panelStride = 2 * w;
            }

            int i = 0;
            for (; i + 6 <= sixRowEnd; i += 6)
            {
                SixRowsTwoVectors<TOps, TVector>(k, ref Unsafe.Add(ref a, i * rs), rs, ps, ref panel, panelStride, bias0, bias1, accumulate,
                    ref Unsafe.Add(ref c, i * ldc + j), ldc);
            }

            for (; i + 4 <= m; i += 4)
            {
                ref float ct = ref Unsafe.Add(ref c, i * ldc + j);
                TVector c00 = accumulate ? TOps.Load(ref ct) : bias0, c01 = accumulate ? TOps.Load(ref Unsafe.Add(ref ct, w)) : bias1;
                TVector c10 = accumulate ? TOps.Load(ref Unsafe.Add(ref ct, ldc)) : bias0, c11 = accumulate ? TOps.Load(ref Unsafe.Add(ref ct, ldc + w)) : bias1;
                TVector c20 = accumulate ? TOps.Load(ref Unsafe.Add(ref ct, 2 * ldc)) : bias0, c21 = accumulate ? TOps.Load(ref Unsafe.Add(ref ct, 2 * ldc + w)) : bias1;
                TVector c30 = accumulate ? TOps.Load(ref Unsafe.Add(ref ct, 3 * ldc)) : bias0, c31 = accumulate ? TOps.Load(ref Unsafe.Add(ref ct, 3 * ldc + w)) : bias1;
                ref float a0 = ref Unsafe.Add(ref a, i * rs);
                ref float a1 = ref Unsafe.Add(ref a0, rs);
                ref float a2 = ref Unsafe.Add(ref a1, rs);
                ref float a3 = ref Unsafe.Add(ref a2, rs);
                ref float bp = ref panel;
                for (int p = 0; p < k; p++)
                {
                    TVector b0 = TOps.Load(ref bp);
                    TVector b1 = TOps.Load(ref Unsafe.Add(ref bp, w));
                    int ap = p * ps;
                    TVector x = TOps.Create(Unsafe.Add(ref a0, ap));
                    c00 = TOps.MultiplyAdd(x, b0, c00);
                    c01 = TOps.MultiplyAdd(x, b1, c01);
                    x = TOps.Create(Unsafe.Add(ref a1, ap));
                    c10 = TOps.MultiplyAdd(x, b0, c10);
                    c11 = TOps.MultiplyAdd(x, b1, c11);
                    x = TOps.Create(Unsafe.Add(ref a2, ap));
                    c20 = TOps.MultiplyAdd(x, b0, c20);
                    c21 = TOps.MultiplyAdd(x, b1, c21);
                    x = TOps.Create(Unsafe.Add(ref a3, ap));
                    c30 = TOps.MultiplyAdd(x, b0, c30);
                    c31 = TOps.MultiplyAdd(x, b1, c31);
                    bp = ref Unsafe.Add(ref bp, panelStride);
                }

                ref float cr = ref Unsafe.Add(ref c, i * ldc + j);
                TOps.Store(c00, ref cr);
                TOps.Store(c01, ref Unsafe.Add(ref cr, w));
                cr = ref Unsafe.Add(ref cr, ldc);
                TOps.Store(c10, ref cr);
                TOps.Store(c11, ref Unsafe.Add(ref cr, w));
                cr = ref Unsafe.Add(ref cr, ldc);
                TOps.Store(c20, ref cr);
                TOps.Store(c21, ref Unsafe.Add(ref cr, w));
                cr = ref Unsafe.Add(ref cr, ldc);
                TOps.Store(c30, ref cr);
                TOps.Store(c31, ref Unsafe.Add(ref cr, w));
            }

            for (; i < m; i++)
            {
                ref float ct = ref Unsafe.Add(ref c, i * ldc + j);
                TVector c0 = accumulate ? TOps.Load(ref ct) : bias0, c1 = accumulate ? TOps.Load(ref Unsafe.Add(ref ct, w)) : bias1;
                ref float ar = ref Unsafe.Add(ref a, i * rs);
                ref float bp = ref panel;
                for (int p = 0; p < k; p++)
                {
                    TVector x = TOps.Create(Unsafe.Add(ref ar, p * ps));
                    c0 = TOps.MultiplyAdd(x, TOps.Load(ref bp), c0);
                    c1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, w)), c1);
                    bp = ref Unsafe.Add(ref bp, panelStride);
                }

                ref float cr = ref Unsafe.Add(ref c, i * ldc + j);
                TOps.Store(c0, ref cr);
                TOps.Store(c1, ref Unsafe.Add(ref cr, w));
            }
        }

        if (j + w <= n)
        {
            j = Column<TOps, TVector>(m, k, j, ref a, rs, ps, ref b, ldb, hasBias, ref bias, accumulate, ref c, ldc);
        }

        return j;
    }

    /// <summary>
    /// Rows of A from which a two-vector panel of B is packed. Measured on AVX2 (same process, alternating): packing
    /// lost at 12-28 rows (up to 1.4× slower at 12 × 300 × 64) and won from 32 (1.15× at 32 × 128 × 512, 1.16× at net B's
    /// 128 × 784 × 128, 1.13× at the CNN's 121 × 288 × 64).
    /// </summary>
    private const int PackedPanelRows = 32;

    /// <summary>This thread's packed panel: <see cref="InnerBlock"/> rows of two 16-float vectors, from a cache line's start.</summary>
    [ThreadStatic]
    private static float[]? t_panel;

    [ThreadStatic]
    private static int t_panelOrigin;

    /// <summary>This thread's panel buffer (pinned, allocated on its first packed product).</summary>
    private static unsafe ref float PanelScratch()
    {
        if (t_panel is null)
        {
            t_panel = GC.AllocateArray<float>(InnerBlock * 2 * 16 + 16, pinned: true);
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(t_panel));
            t_panelOrigin = (int)((64 - (address & 63)) & 63) / sizeof(float);
        }

        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(t_panel), t_panelOrigin);
    }

    /// <summary>Rows p &lt; k of a two-vector panel of B (rows <paramref name="ldb"/> apart) into <paramref name="packed"/>, 2·w floats per row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackPanel<TOps, TVector>(int k, ref float b, int ldb, ref float packed)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count;
        for (int p = 0; p < k; p++)
        {
            TOps.Store(TOps.Load(ref b), ref packed);
            TOps.Store(TOps.Load(ref Unsafe.Add(ref b, w)), ref Unsafe.Add(ref packed, w));
            b = ref Unsafe.Add(ref b, ldb);
            packed = ref Unsafe.Add(ref packed, 2 * w);
        }
    }

    /// <summary>A 6-row × 2-vector tile of C at <paramref name="ct"/>: each element sums p in order from its bias (or C), as every other tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SixRowsTwoVectors<TOps, TVector>(
        int k, ref float a0, int rs, int ps, ref float bp, int ldb, TVector bias0, TVector bias1, bool accumulate, ref float ct, int ldc)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count;
        TVector c00 = bias0, c01 = bias1, c10 = bias0, c11 = bias1, c20 = bias0, c21 = bias1;
        TVector c30 = bias0, c31 = bias1, c40 = bias0, c41 = bias1, c50 = bias0, c51 = bias1;
        if (accumulate)
        {
            c00 = TOps.Load(ref ct); c01 = TOps.Load(ref Unsafe.Add(ref ct, w));
            c10 = TOps.Load(ref Unsafe.Add(ref ct, ldc)); c11 = TOps.Load(ref Unsafe.Add(ref ct, ldc + w));
            c20 = TOps.Load(ref Unsafe.Add(ref ct, 2 * ldc)); c21 = TOps.Load(ref Unsafe.Add(ref ct, 2 * ldc + w));
            c30 = TOps.Load(ref Unsafe.Add(ref ct, 3 * ldc)); c31 = TOps.Load(ref Unsafe.Add(ref ct, 3 * ldc + w));
            c40 = TOps.Load(ref Unsafe.Add(ref ct, 4 * ldc)); c41 = TOps.Load(ref Unsafe.Add(ref ct, 4 * ldc + w));
            c50 = TOps.Load(ref Unsafe.Add(ref ct, 5 * ldc)); c51 = TOps.Load(ref Unsafe.Add(ref ct, 5 * ldc + w));
        }

        ref float a1 = ref Unsafe.Add(ref a0, rs);
        ref float a2 = ref Unsafe.Add(ref a1, rs);
        ref float a3 = ref Unsafe.Add(ref a2, rs);
        ref float a4 = ref Unsafe.Add(ref a3, rs);
        ref float a5 = ref Unsafe.Add(ref a4, rs);
        for (int p = 0; p < k; p++)
        {
            TVector b0 = TOps.Load(ref bp);
            TVector b1 = TOps.Load(ref Unsafe.Add(ref bp, w));
            int ap = p * ps;
            TVector x = TOps.Create(Unsafe.Add(ref a0, ap));
            c00 = TOps.MultiplyAdd(x, b0, c00);
            c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Create(Unsafe.Add(ref a1, ap));
            c10 = TOps.MultiplyAdd(x, b0, c10);
            c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Create(Unsafe.Add(ref a2, ap));
            c20 = TOps.MultiplyAdd(x, b0, c20);
            c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Create(Unsafe.Add(ref a3, ap));
            c30 = TOps.MultiplyAdd(x, b0, c30);
            c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Create(Unsafe.Add(ref a4, ap));
            c40 = TOps.MultiplyAdd(x, b0, c40);
            c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Create(Unsafe.Add(ref a5, ap));
            c50 = TOps.MultiplyAdd(x, b0, c50);
            c51 = TOps.MultiplyAdd(x, b1, c51);
            bp = ref Unsafe.Add(ref bp, ldb);
        }

        TOps.Store(c00, ref ct); TOps.Store(c01, ref Unsafe.Add(ref ct, w));
        ct = ref Unsafe.Add(ref ct, ldc);
        TOps.Store(c10, ref ct); TOps.Store(c11, ref Unsafe.Add(ref ct, w));
        ct = ref Unsafe.Add(ref ct, ldc);
        TOps.Store(c20, ref ct); TOps.Store(c21, ref Unsafe.Add(ref ct, w));
        ct = ref Unsafe.Add(ref ct, ldc);
        TOps.Store(c30, ref ct); TOps.Store(c31, ref Unsafe.Add(ref ct, w));
        ct = ref Unsafe.Add(ref ct, ldc);
        TOps.Store(c40, ref ct); TOps.Store(c41, ref Unsafe.Add(ref ct, w));
        ct = ref Unsafe.Add(ref ct, ldc);
        TOps.Store(c50, ref ct); TOps.Store(c51, ref Unsafe.Add(ref ct, w));
    }

    /// <summary>
    /// Four vectors of columns starting at <paramref name="j"/>: 6-row × 4-vector tiles with 32 registers (24 accumulators),
    /// then 4-row tiles (16 accumulators, 4 loads of B and 4 broadcasts of A per 16 FMAs), then single rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WidePanel<TOps, TVector>(
        int m, int k, int j,
        ref float a, int rs, int ps,
        ref float b, int ldb,
        bool hasBias, ref float bias, bool accumulate,
        ref float c, int ldc)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count;
        TVector bias0 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j)) : default;
        TVector bias1 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j + w)) : default;
        TVector bias2 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j + 2 * w)) : default;
        TVector bias3 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j + 3 * w)) : default;
        int i = 0;
        // With 32 vector registers, 6-row tiles: 24 accumulators, 4 loads of B and 6 broadcasts per 24 FMAs.
        if (HasThirtyTwoVectorRegisters)
        {
            for (; i + 6 <= m; i += 6)
            {
                ref float ct = ref Unsafe.Add(ref c, i * ldc + j);
                TVector c00 = bias0, c01 = bias1, c02 = bias2, c03 = bias3;
                TVector c10 = bias0, c11 = bias1, c12 = bias2, c13 = bias3;
                TVector c20 = bias0, c21 = bias1, c22 = bias2, c23 = bias3;
                TVector c30 = bias0, c31 = bias1, c32 = bias2, c33 = bias3;
                TVector c40 = bias0, c41 = bias1, c42 = bias2, c43 = bias3;
                TVector c50 = bias0, c51 = bias1, c52 = bias2, c53 = bias3;
                if (accumulate)
                {
                    LoadRow<TOps, TVector>(ref ct, w, out c00, out c01, out c02, out c03);
                    LoadRow<TOps, TVector>(ref Unsafe.Add(ref ct, ldc), w, out c10, out c11, out c12, out c13);
                    LoadRow<TOps, TVector>(ref Unsafe.Add(ref ct, 2 * ldc), w, out c20, out c21, out c22, out c23);
                    LoadRow<TOps, TVector>(ref Unsafe.Add(ref ct, 3 * ldc), w, out c30, out c31, out c32, out c33);
                    LoadRow<TOps, TVector>(ref Unsafe.Add(ref ct, 4 * ldc), w, out c40, out c41, out c42, out c43);
                    LoadRow<TOps, TVector>(ref Unsafe.Add(ref ct, 5 * ldc), w, out c50, out c51, out c52, out c53);
                }

                ref float a0 = ref Unsafe.Add(ref a, i * rs);
                ref float a1 = ref Unsafe.Add(ref a0, rs);
                ref float a2 = ref Unsafe.Add(ref a1, rs);
                ref float a3 = ref Unsafe.Add(ref a2, rs);
                ref float a4 = ref Unsafe.Add(ref a3, rs);
                ref float a5 = ref Unsafe.Add(ref a4, rs);
                ref float bp = ref Unsafe.Add(ref b, j);
                for (int p = 0; p < k; p++)
                {
                    TVector b0 = TOps.Load(ref bp);
                    TVector b1 = TOps.Load(ref Unsafe.Add(ref bp, w));
                    TVector b2 = TOps.Load(ref Unsafe.Add(ref bp, 2 * w));
                    TVector b3 = TOps.Load(ref Unsafe.Add(ref bp, 3 * w));
                    int ap = p * ps;
                    TVector x = TOps.Create(Unsafe.Add(ref a0, ap));
                    c00 = TOps.MultiplyAdd(x, b0, c00);
                    c01 = TOps.MultiplyAdd(x, b1, c01);
                    c02 = TOps.MultiplyAdd(x, b2, c02);
                    c03 = TOps.MultiplyAdd(x, b3, c03);
                    x = TOps.Create(Unsafe.Add(ref a1, ap));
                    c10 = TOps.MultiplyAdd(x, b0, c10);
                    c11 = TOps.MultiplyAdd(x, b1, c11);
                    c12 = TOps.MultiplyAdd(x, b2, c12);
                    c13 = TOps.MultiplyAdd(x, b3, c13);
                    x = TOps.Create(Unsafe.Add(ref a2, ap));
                    c20 = TOps.MultiplyAdd(x, b0, c20);
                    c21 = TOps.MultiplyAdd(x, b1, c21);
                    c22 = TOps.MultiplyAdd(x, b2, c22);
                    c23 = TOps.MultiplyAdd(x, b3, c23);
                    x = TOps.Create(Unsafe.Add(ref a3, ap));
                    c30 = TOps.MultiplyAdd(x, b0, c30);
                    c31 = TOps.MultiplyAdd(x, b1, c31);
                    c32 = TOps.MultiplyAdd(x, b2, c32);
                    c33 = TOps.MultiplyAdd(x, b3, c33);
                    x = TOps.Create(Unsafe.Add(ref a4, ap));
                    c40 = TOps.MultiplyAdd(x, b0, c40);
                    c41 = TOps.MultiplyAdd(x, b1, c41);
                    c42 = TOps.MultiplyAdd(x, b2, c42);
                    c43 = TOps.MultiplyAdd(x, b3, c43);
                    x = TOps.Create(Unsafe.Add(ref a5, ap));
                    c50 = TOps.MultiplyAdd(x, b0, c50);
                    c51 = TOps.MultiplyAdd(x, b1, c51);
                    c52 = TOps.MultiplyAdd(x, b2, c52);
                    c53 = TOps.MultiplyAdd(x, b3, c53);
                    bp = ref Unsafe.Add(ref bp, ldb);
                }

                ref float cr = ref Unsafe.Add(ref c, i * ldc + j);
                StoreRow<TOps, TVector>(ref cr, w, c00, c01, c02, c03);
                StoreRow<TOps, TVector>(ref Unsafe.Add(ref cr, ldc), w, c10, c11, c12, c13);
                StoreRow<TOps, TVector>(ref Unsafe.Add(ref cr, 2 * ldc), w, c20, c21, c22, c23);
                StoreRow<TOps, TVector>(ref Unsafe.Add(ref cr, 3 * ldc), w, c30, c31, c32, c33);
                StoreRow<TOps, TVector>(ref Unsafe.Add(ref cr, 4 * ldc), w, c40, c41, c42, c43);
                StoreRow<TOps, TVector>(ref Unsafe.Add(ref cr, 5 * ldc), w, c50, c51, c52, c53);
            }
        }

        for (; i + 4 <= m; i += 4)
        {
            ref float ct = ref Unsafe.Add(ref c, i * ldc + j);
            TVector c00 = bias0, c01 = bias1, c02 = bias2, c03 = bias3;
            TVector c10 = bias0, c11 = bias1, c12 = bias2, c13 = bias3;
            TVector c20 = bias0, c21 = bias1, c22 = bias2, c23 = bias3;
            TVector c30 = bias0, c31 = bias1, c32 = bias2, c33 = bias3;
            if (accumulate)
            {
                LoadRow<TOps, TVector>(ref ct, w, out c00, out c01, out c02, out c03);
                LoadRow<TOps, TVector>(ref Unsafe.Add(ref ct, ldc), w, out c10, out c11, out c12, out c13);
                LoadRow<TOps, TVector>(ref Unsafe.Add(ref ct, 2 * ldc), w, out c20, out c21, out c22, out c23);
                LoadRow<TOps, TVector>(ref Unsafe.Add(ref ct, 3 * ldc), w, out c30, out c31, out c32, out c33);
            }

            ref float a0 = ref Unsafe.Add(ref a, i * rs);
            ref float a1 = ref Unsafe.Add(ref a0, rs);
            ref float a2 = ref Unsafe.Add(ref a1, rs);
            ref float a3 = ref Unsafe.Add(ref a2, rs);
            ref float bp = ref Unsafe.Add(ref b, j);
            for (int p = 0; p < k; p++)
            {
                TVector b0 = TOps.Load(ref bp);
                TVector b1 = TOps.Load(ref Unsafe.Add(ref bp, w));
                TVector b2 = TOps.Load(ref Unsafe.Add(ref bp, 2 * w));
                TVector b3 = TOps.Load(ref Unsafe.Add(ref bp, 3 * w));
                int ap = p * ps;
                TVector x = TOps.Create(Unsafe.Add(ref a0, ap));
                c00 = TOps.MultiplyAdd(x, b0, c00);
                c01 = TOps.MultiplyAdd(x, b1, c01);
                c02 = TOps.MultiplyAdd(x, b2, c02);
                c03 = TOps.MultiplyAdd(x, b3, c03);
                x = TOps.Create(Unsafe.Add(ref a1, ap));
                c10 = TOps.MultiplyAdd(x, b0, c10);
                c11 = TOps.MultiplyAdd(x, b1, c11);
                c12 = TOps.MultiplyAdd(x, b2, c12);
                c13 = TOps.MultiplyAdd(x, b3, c13);
                x = TOps.Create(Unsafe.Add(ref a2, ap));
                c20 = TOps.MultiplyAdd(x, b0, c20);
                c21 = TOps.MultiplyAdd(x, b1, c21);
                c22 = TOps.MultiplyAdd(x, b2, c22);
                c23 = TOps.MultiplyAdd(x, b3, c23);
                x = TOps.Create(Unsafe.Add(ref a3, ap));
                c30 = TOps.MultiplyAdd(x, b0, c30);
                c31 = TOps.MultiplyAdd(x, b1, c31);
                c32 = TOps.MultiplyAdd(x, b2, c32);
                c33 = TOps.MultiplyAdd(x, b3, c33);
                bp = ref Unsafe.Add(ref bp, ldb);
            }

            ref float cr = ref Unsafe.Add(ref c, i * ldc + j);
            StoreRow<TOps, TVector>(ref cr, w, c00, c01, c02, c03);
            StoreRow<TOps, TVector>(ref Unsafe.Add(ref cr, ldc), w, c10, c11, c12, c13);
            StoreRow<TOps, TVector>(ref Unsafe.Add(ref cr, 2 * ldc), w, c20, c21, c22, c23);
            StoreRow<TOps, TVector>(ref Unsafe.Add(ref cr, 3 * ldc), w, c30, c31, c32, c33);
        }

        for (; i < m; i++)
        {
            TVector c0 = bias0, c1 = bias1, c2 = bias2, c3 = bias3;
            if (accumulate)
            {
                LoadRow<TOps, TVector>(ref Unsafe.Add(ref c, i * ldc + j), w, out c0, out c1, out c2, out c3);
            }

            ref float ar = ref Unsafe.Add(ref a, i * rs);
            ref float bp = ref Unsafe.Add(ref b, j);
            for (int p = 0; p < k; p++)
            {
                TVector x = TOps.Create(Unsafe.Add(ref ar, p * ps));
                c0 = TOps.MultiplyAdd(x, TOps.Load(ref bp), c0);
                c1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, w)), c1);
                c2 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 2 * w)), c2);
                c3 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 3 * w)), c3);
                bp = ref Unsafe.Add(ref bp, ldb);
            }

            StoreRow<TOps, TVector>(ref Unsafe.Add(ref c, i * ldc + j), w, c0, c1, c2, c3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadRow<TOps, TVector>(ref float row, int w, out TVector v0, out TVector v1, out TVector v2, out TVector v3)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        v0 = TOps.Load(ref row);
        v1 = TOps.Load(ref Unsafe.Add(ref row, w));
        v2 = TOps.Load(ref Unsafe.Add(ref row, 2 * w));
        v3 = TOps.Load(ref Unsafe.Add(ref row, 3 * w));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TOps, TVector>(ref float row, int w, TVector v0, TVector v1, TVector v2, TVector v3)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        TOps.Store(v0, ref row);
        TOps.Store(v1, ref Unsafe.Add(ref row, w));
        TOps.Store(v2, ref Unsafe.Add(ref row, 2 * w));
        TOps.Store(v3, ref Unsafe.Add(ref row, 3 * w));
    }
    /// <summary>
    /// <c>c[j] = (bias or c)[j] + Σ_p a[p] · b[p, j]</c> for one row: blocks of eight vectors of columns (eight FMA chains,
    /// enough to hide the FMA latency), then two, then one; returns the columns done. Each column still sums p in order,
    /// and the columns left to the narrower and scalar code are the ones the tiled kernels leave, so the bits are theirs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SingleRow<TOps, TVector>(
        int k, int n,
        ref float a, int ps,
        ref float b, int ldb,
        bool hasBias, ref float bias, bool accumulate,
        ref float c)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count;
        int j = 0;
        for (; j + 8 * w <= n; j += 8 * w)
        {
            ref float start = ref accumulate ? ref Unsafe.Add(ref c, j) : ref Unsafe.Add(ref bias, j);
            bool zero = !accumulate && !hasBias;
            TVector c0 = zero ? default : TOps.Load(ref start), c1 = zero ? default : TOps.Load(ref Unsafe.Add(ref start, w));
            TVector c2 = zero ? default : TOps.Load(ref Unsafe.Add(ref start, 2 * w)), c3 = zero ? default : TOps.Load(ref Unsafe.Add(ref start, 3 * w));
            TVector c4 = zero ? default : TOps.Load(ref Unsafe.Add(ref start, 4 * w)), c5 = zero ? default : TOps.Load(ref Unsafe.Add(ref start, 5 * w));
            TVector c6 = zero ? default : TOps.Load(ref Unsafe.Add(ref start, 6 * w)), c7 = zero ? default : TOps.Load(ref Unsafe.Add(ref start, 7 * w));
            ref float bp = ref Unsafe.Add(ref b, j);
            for (int p = 0; p < k; p++)
            {
                TVector x = TOps.Create(Unsafe.Add(ref a, p * ps));
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

            ref float cr = ref Unsafe.Add(ref c, j);
            TOps.Store(c0, ref cr);
            TOps.Store(c1, ref Unsafe.Add(ref cr, w));
            TOps.Store(c2, ref Unsafe.Add(ref cr, 2 * w));
            TOps.Store(c3, ref Unsafe.Add(ref cr, 3 * w));
            TOps.Store(c4, ref Unsafe.Add(ref cr, 4 * w));
            TOps.Store(c5, ref Unsafe.Add(ref cr, 5 * w));
            TOps.Store(c6, ref Unsafe.Add(ref cr, 6 * w));
            TOps.Store(c7, ref Unsafe.Add(ref cr, 7 * w));
        }

        for (; j + 2 * w <= n; j += 2 * w)
        {
            ref float start = ref accumulate ? ref Unsafe.Add(ref c, j) : ref Unsafe.Add(ref bias, j);
            bool zero = !accumulate && !hasBias;
            TVector c0 = zero ? default : TOps.Load(ref start), c1 = zero ? default : TOps.Load(ref Unsafe.Add(ref start, w));
            ref float bp = ref Unsafe.Add(ref b, j);
            for (int p = 0; p < k; p++)
            {
                TVector x = TOps.Create(Unsafe.Add(ref a, p * ps));
                c0 = TOps.MultiplyAdd(x, TOps.Load(ref bp), c0);
                c1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, w)), c1);
                bp = ref Unsafe.Add(ref bp, ldb);
            }

            TOps.Store(c0, ref Unsafe.Add(ref c, j));
            TOps.Store(c1, ref Unsafe.Add(ref c, j + w));
        }

        // One vector more where it fits, so the narrower and scalar tails get the same columns as after the tiles.
        if (j + w <= n)
        {
            ref float start = ref accumulate ? ref Unsafe.Add(ref c, j) : ref Unsafe.Add(ref bias, j);
            TVector c0 = !accumulate && !hasBias ? default : TOps.Load(ref start);
            ref float bp = ref Unsafe.Add(ref b, j);
            for (int p = 0; p < k; p++)
            {
                c0 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref a, p * ps)), TOps.Load(ref bp), c0);
                bp = ref Unsafe.Add(ref bp, ldb);
            }

            TOps.Store(c0, ref Unsafe.Add(ref c, j));
            j += w;
        }

        return j;
    }

    /// <summary>One vector of columns starting at <paramref name="j"/>, four rows at a time; returns the columns done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Column<TOps, TVector>(
        int m, int k, int j,
        ref float a, int rs, int ps,
        ref float b, int ldb,
        bool hasBias, ref float bias, bool accumulate,
        ref float c, int ldc)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count;
        {
            TVector bias0 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j)) : default;
            int i = 0;
            for (; i + 4 <= m; i += 4)
            {
                ref float ct = ref Unsafe.Add(ref c, i * ldc + j);
                TVector c0 = accumulate ? TOps.Load(ref ct) : bias0, c1 = accumulate ? TOps.Load(ref Unsafe.Add(ref ct, ldc)) : bias0;
                TVector c2 = accumulate ? TOps.Load(ref Unsafe.Add(ref ct, 2 * ldc)) : bias0, c3 = accumulate ? TOps.Load(ref Unsafe.Add(ref ct, 3 * ldc)) : bias0;
                ref float a0 = ref Unsafe.Add(ref a, i * rs);
                ref float bp = ref Unsafe.Add(ref b, j);
                for (int p = 0; p < k; p++)
                {
                    TVector b0 = TOps.Load(ref bp);
                    ref float ap = ref Unsafe.Add(ref a0, p * ps);
                    c0 = TOps.MultiplyAdd(TOps.Create(ap), b0, c0);
                    c1 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref ap, rs)), b0, c1);
                    c2 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref ap, 2 * rs)), b0, c2);
                    c3 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref ap, 3 * rs)), b0, c3);
                    bp = ref Unsafe.Add(ref bp, ldb);
                }

                ref float cr = ref Unsafe.Add(ref c, i * ldc + j);
                TOps.Store(c0, ref cr);
                TOps.Store(c1, ref Unsafe.Add(ref cr, ldc));
                TOps.Store(c2, ref Unsafe.Add(ref cr, 2 * ldc));
                TOps.Store(c3, ref Unsafe.Add(ref cr, 3 * ldc));
            }

            for (; i < m; i++)
            {
                TVector c0 = accumulate ? TOps.Load(ref Unsafe.Add(ref c, i * ldc + j)) : bias0;
                ref float ar = ref Unsafe.Add(ref a, i * rs);
                ref float bp = ref Unsafe.Add(ref b, j);
                for (int p = 0; p < k; p++)
                {
                    c0 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref ar, p * ps)), TOps.Load(ref bp), c0);
                    bp = ref Unsafe.Add(ref bp, ldb);
                }

                TOps.Store(c0, ref Unsafe.Add(ref c, i * ldc + j));
            }

            j += w;
        }

        return j;
    }

    /// <summary>
    /// Columns <paramref name="j"/>..n (fewer than a 4-float vector) in scalar code, four rows at a time so up to twelve
    /// independent chains hide the latency. Each element sums p in order from its bias (or C), a rounded product then a
    /// rounded add per step, the arithmetic <see cref="DirectConvolution"/>'s scalar columns and the streamed steps repeat.
    /// </summary>
    private static void ScalarColumns(
        int m, int k, int n, int j,
        ref float a, int rs, int ps,
        ref float b, int ldb,
        bool hasBias, ref float bias, bool accumulate,
        ref float c, int ldc)
    {
        int tail = n - j;
        if (tail <= 0)
        {
            return;
        }

        for (int i = 0; i < m; i += 4)
        {
            ScalarTile(
                Math.Min(4, m - i), tail, k, ref Unsafe.Add(ref a, i * rs), rs, ps, ref Unsafe.Add(ref b, j), ldb,
                hasBias, ref Unsafe.Add(ref bias, j), accumulate, ref Unsafe.Add(ref c, i * ldc + j), ldc);
        }
    }

    /// <summary>
    /// Up to 4 rows × 3 columns of C at <paramref name="c"/>, in registers. A missing row or column is computed on a copy
    /// of the first (so every load stays inside the operands) and never stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScalarTile(
        int rows, int columns, int k,
        ref float a, int rs, int ps,
        ref float b, int ldb,
        bool hasBias, ref float bias, bool accumulate,
        ref float c, int ldc)
    {
        int a1 = rows > 1 ? rs : 0, a2 = rows > 2 ? 2 * rs : 0, a3 = rows > 3 ? 3 * rs : 0;
        int c1 = rows > 1 ? ldc : 0, c2 = rows > 2 ? 2 * ldc : 0, c3 = rows > 3 ? 3 * ldc : 0;
        int t1 = columns > 1 ? 1 : 0, t2 = columns > 2 ? 2 : 0;
        float s00 = Start(ref c, ref bias, hasBias, accumulate, 0, 0), s01 = Start(ref c, ref bias, hasBias, accumulate, 0, t1), s02 = Start(ref c, ref bias, hasBias, accumulate, 0, t2);
        float s10 = Start(ref c, ref bias, hasBias, accumulate, c1, 0), s11 = Start(ref c, ref bias, hasBias, accumulate, c1, t1), s12 = Start(ref c, ref bias, hasBias, accumulate, c1, t2);
        float s20 = Start(ref c, ref bias, hasBias, accumulate, c2, 0), s21 = Start(ref c, ref bias, hasBias, accumulate, c2, t1), s22 = Start(ref c, ref bias, hasBias, accumulate, c2, t2);
        float s30 = Start(ref c, ref bias, hasBias, accumulate, c3, 0), s31 = Start(ref c, ref bias, hasBias, accumulate, c3, t1), s32 = Start(ref c, ref bias, hasBias, accumulate, c3, t2);
        ref float bp = ref b;
        for (int p = 0; p < k; p++)
        {
            ref float ap = ref Unsafe.Add(ref a, p * ps);
            float b0 = bp, b1 = Unsafe.Add(ref bp, t1), b2 = Unsafe.Add(ref bp, t2);
            float x = ap;
            s00 += x * b0; s01 += x * b1; s02 += x * b2;
            x = Unsafe.Add(ref ap, a1);
            s10 += x * b0; s11 += x * b1; s12 += x * b2;
            x = Unsafe.Add(ref ap, a2);
            s20 += x * b0; s21 += x * b1; s22 += x * b2;
            x = Unsafe.Add(ref ap, a3);
            s30 += x * b0; s31 += x * b1; s32 += x * b2;
            bp = ref Unsafe.Add(ref bp, ldb);
        }

        Store(ref c, c3 + t2, rows > 3 && columns > 2, s32); Store(ref c, c3 + t1, rows > 3 && columns > 1, s31); Store(ref c, c3, rows > 3, s30);
        Store(ref c, c2 + t2, rows > 2 && columns > 2, s22); Store(ref c, c2 + t1, rows > 2 && columns > 1, s21); Store(ref c, c2, rows > 2, s20);
        Store(ref c, c1 + t2, rows > 1 && columns > 2, s12); Store(ref c, c1 + t1, rows > 1 && columns > 1, s11); Store(ref c, c1, rows > 1, s10);
        Store(ref c, t2, columns > 2, s02); Store(ref c, t1, columns > 1, s01); Store(ref c, 0, true, s00);

        static float Start(ref float c, ref float bias, bool hasBias, bool accumulate, int rowOffset, int column)
            => accumulate ? Unsafe.Add(ref c, rowOffset + column) : hasBias ? Unsafe.Add(ref bias, column) : 0f;

        static void Store(ref float c, int offset, bool present, float value)
        {
            if (present)
            {
                Unsafe.Add(ref c, offset) = value;
            }
        }
    }
}
