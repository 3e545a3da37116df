using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// The LSTM recurrence of one sample at inference (a single-sample <c>Predict</c>), once the input projections are in z.
/// Each step needs the whole recurrent kernel (units × 4·units: 256 KB at 128 units), more than L1 holds, for one
/// row of products, so a step costs a trip of the kernel from L2, and the cell's arithmetic is idle time for the loads.
/// Here the kernel is first packed into blocks of <see cref="BlockUnits"/> units, each holding, row by row, those units'
/// columns of the four gates: one block is a single sequential stream, and its products are every pre-activation the
/// cell needs for those units. The cell of a block then runs while the next block's rows stream in (its two vectors
/// between the next block's first chunks of <see cref="ChunkRows"/> rows), so its arithmetic hides behind the loads.
/// Alternate steps take the blocks in reverse order, so a step starts on the block the previous one left in L1.
/// </summary>
/// <remarks>
/// Each pre-activation is the chain <see cref="Gemm"/>'s one-row kernel computes (from its projection, one fused
/// multiply-add per row of the recurrent kernel in order), and the cell is <see cref="LstmCell"/>'s, so the bits are
/// those of the batch path and of <c>Step</c>. The row chunks and the cells are separate, non-inlined methods on purpose:
/// inlined into one loop, the JIT kept the eight accumulators in memory (a store after every multiply-add) or ran out
/// of tracked locals in the cell, and the step took about 1.7 times as long.
/// </remarks>
internal static class LstmOneSample
{
    /// <summary>Units per block: two vectors of each gate, eight accumulators (enough independent chains for the loads).</summary>
    private static int BlockUnits => 2 * (Vector512.IsHardwareAccelerated ? Vector512<float>.Count
        : Vector256.IsHardwareAccelerated ? Vector256<float>.Count : Vector128<float>.Count);

    /// <summary>
    /// The largest layer packed: its kernel is 4 MB (8 times L2), and the per-thread copy stays that size. Beyond it the
    /// step is bound by memory anyway and the batch path serves.
    /// </summary>
    private const int MaxUnits = 512;

    /// <summary>Rows of the recurrent kernel per call of <see cref="Rows"/>: the grain at which the previous block's cell interleaves.</summary>
    private const int ChunkRows = 32;

    /// <summary>Whether the kernel applies: the default activations, whole blocks of units, at most <see cref="MaxUnits"/>.</summary>
    public static bool Applies(Activation activation, Activation recurrentActivation, int units)
        => LstmCell.Applies(activation, recurrentActivation) && units % BlockUnits == 0 && units <= MaxUnits;

    [ThreadStatic]
    private static float[]? t_packed;

    /// <summary>
    /// Runs every step of <paramref name="r"/> (one sample) from z (the input projections, steps × 4·units, used up), h
    /// and c (the starting state, left holding the last), writing the outputs to y; <paramref name="spare"/> is a row of
    /// units, the other half of h's ping-pong.
    /// </summary>
    public static void Run(
        in Recurrence r, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> mask, Span<float> y,
        Span<float> z, Span<float> h, Span<float> c, Span<float> spare)
    {
        int u = r.Units;
        float[] packed = t_packed is { } existing && existing.Length >= u * r.Width ? existing : (t_packed = new float[u * r.Width]);
        // Two blocks' accumulators (8 vectors each): the block being multiplied and the one whose cell is pending.
        Span<float> accumulators = stackalloc float[2 * 8 * Vector512<float>.Count];
        if (Vector512.IsHardwareAccelerated) Run<Vector512Ops, Vector512<float>>(r, recurrentKernel, mask, y, z, h, c, spare, packed, accumulators);
        else if (Vector256.IsHardwareAccelerated) Run<Vector256Ops, Vector256<float>>(r, recurrentKernel, mask, y, z, h, c, spare, packed, accumulators);
        else Run<Vector128Ops, Vector128<float>>(r, recurrentKernel, mask, y, z, h, c, spare, packed, accumulators);
    }

    private static void Run<TOps, TVector>(
        in Recurrence r, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> mask, Span<float> y,
        Span<float> z, Span<float> h, Span<float> c, Span<float> spare, float[] packed, Span<float> accumulators)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int u = r.Units, w = r.Width;
        ref float pk = ref MemoryMarshal.GetArrayDataReference(packed);
        Pack<TOps, TVector>(ref MemoryMarshal.GetReference(recurrentKernel), u, ref pk);
        Span<float> previous = h, next = spare;
        for (int k = 0; k < r.Steps; k++)
        {
            int t = r.Time(k);
            if (r.IsMasked(mask, 0, t))
            {
                previous.CopyTo(next);
            }
            else
            {
                Step<TOps, TVector>(
                    ref MemoryMarshal.GetReference(z.Slice(t * w, w)), ref pk, ref MemoryMarshal.GetReference(previous),
                    ref MemoryMarshal.GetReference(c), ref MemoryMarshal.GetReference(next), ref MemoryMarshal.GetReference(accumulators),
                    u, reverse: (k & 1) != 0);
            }

            r.Output(y, mask, 0, k, next);
            Span<float> swap = previous;
            previous = next;
            next = swap;
        }

        if (previous != h)
        {
            previous.CopyTo(h);
        }
    }

    /// <summary>
    /// The recurrent kernel (u × 4u, gates i, f, g, o side by side) as blocks of <c>2w</c> units: block b, row p holds
    /// columns <c>b·2w ..</c> of gate i, then of f, g and o (<c>8w</c> floats), rows in order, blocks in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pack<TOps, TVector>(ref float kernel, int u, ref float packed)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count, blockUnits = 2 * w, rowFloats = 8 * w, blockFloats = u * rowFloats;
        for (int p = 0; p < u; p++)
        {
            ref float row = ref Unsafe.Add(ref kernel, p * 4 * u);
            ref float destination = ref Unsafe.Add(ref packed, p * rowFloats);
            for (int j = 0; j < u; j += blockUnits)
            {
                for (int gate = 0; gate < 4; gate++)
                {
                    ref float source = ref Unsafe.Add(ref row, gate * u + j);
                    ref float target = ref Unsafe.Add(ref destination, gate * blockUnits);
                    TOps.Store(TOps.Load(ref source), ref target);
                    TOps.Store(TOps.Load(ref Unsafe.Add(ref source, w)), ref Unsafe.Add(ref target, w));
                }

                destination = ref Unsafe.Add(ref destination, blockFloats);
            }
        }
    }

    /// <summary>
    /// One step: for each block, its pre-activations from z plus <c>h_prev · kernel</c> in chunks of rows, with the
    /// previous block's cell (one vector of units at a time) after each of the first two chunks, and the last block's
    /// cell at the end. <paramref name="accumulators"/> holds two blocks' eight vectors, alternately.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step<TOps, TVector>(
        ref float z, ref float packed, ref float previous, ref float c, ref float next, ref float accumulators, int u, bool reverse)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count, blockUnits = 2 * w, rowFloats = 8 * w, blocks = u / blockUnits;
        int pendingUnits = 0;
        for (int n = 0; n < blocks; n++)
        {
            int b = reverse ? blocks - 1 - n : n;
            int j = b * blockUnits;
            ref float sums = ref Unsafe.Add(ref accumulators, (n & 1) * rowFloats);
            ref float pending = ref Unsafe.Add(ref accumulators, ((n + 1) & 1) * rowFloats);
            ref float zj = ref Unsafe.Add(ref z, j);
            for (int gate = 0; gate < 4; gate++)
            {
                TOps.Store(TOps.Load(ref Unsafe.Add(ref zj, gate * u)), ref Unsafe.Add(ref sums, 2 * gate * w));
                TOps.Store(TOps.Load(ref Unsafe.Add(ref zj, gate * u + w)), ref Unsafe.Add(ref sums, (2 * gate + 1) * w));
            }

            ref float block = ref Unsafe.Add(ref packed, b * u * rowFloats);
            int half = n > 0 ? 0 : 2;
            for (int p = 0; p < u; p += ChunkRows)
            {
                Rows<TOps, TVector>(ref sums, ref Unsafe.Add(ref block, p * rowFloats), ref Unsafe.Add(ref previous, p), Math.Min(ChunkRows, u - p));
                if (half < 2)
                {
                    Cell<TOps, TVector>(ref Unsafe.Add(ref pending, half * w), ref c, ref next, pendingUnits + half * w);
                    half++;
                }
            }

            for (; half < 2; half++)
            {
                Cell<TOps, TVector>(ref Unsafe.Add(ref pending, half * w), ref c, ref next, pendingUnits + half * w);
            }

            pendingUnits = j;
        }

        ref float last = ref Unsafe.Add(ref accumulators, ((blocks - 1) & 1) * rowFloats);
        Cell<TOps, TVector>(ref last, ref c, ref next, pendingUnits);
        Cell<TOps, TVector>(ref Unsafe.Add(ref last, w), ref c, ref next, pendingUnits + w);
    }

    /// <summary>
    /// Adds <paramref name="rows"/> rows of a packed block to its eight accumulators (<paramref name="sums"/>: i, i, f, f,
    /// g, g, o, o), in registers for the whole chunk.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TOps, TVector>(ref float sums, ref float rowsOfBlock, ref float previous, int rows)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count, rowFloats = 8 * w;
        TVector i0 = TOps.Load(ref sums), i1 = TOps.Load(ref Unsafe.Add(ref sums, w));
        TVector f0 = TOps.Load(ref Unsafe.Add(ref sums, 2 * w)), f1 = TOps.Load(ref Unsafe.Add(ref sums, 3 * w));
        TVector g0 = TOps.Load(ref Unsafe.Add(ref sums, 4 * w)), g1 = TOps.Load(ref Unsafe.Add(ref sums, 5 * w));
        TVector o0 = TOps.Load(ref Unsafe.Add(ref sums, 6 * w)), o1 = TOps.Load(ref Unsafe.Add(ref sums, 7 * w));
        ref float bp = ref rowsOfBlock;
        for (int p = 0; p < rows; p++)
        {
            TVector x = TOps.Create(Unsafe.Add(ref previous, p));
            i0 = TOps.MultiplyAdd(x, TOps.Load(ref bp), i0);
            i1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, w)), i1);
            f0 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 2 * w)), f0);
            f1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 3 * w)), f1);
            g0 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 4 * w)), g0);
            g1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 5 * w)), g1);
            o0 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 6 * w)), o0);
            o1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 7 * w)), o1);
            bp = ref Unsafe.Add(ref bp, rowFloats);
        }

        TOps.Store(i0, ref sums);
        TOps.Store(i1, ref Unsafe.Add(ref sums, w));
        TOps.Store(f0, ref Unsafe.Add(ref sums, 2 * w));
        TOps.Store(f1, ref Unsafe.Add(ref sums, 3 * w));
        TOps.Store(g0, ref Unsafe.Add(ref sums, 4 * w));
        TOps.Store(g1, ref Unsafe.Add(ref sums, 5 * w));
        TOps.Store(o0, ref Unsafe.Add(ref sums, 6 * w));
        TOps.Store(o1, ref Unsafe.Add(ref sums, 7 * w));
    }

    /// <summary>
    /// The cell for one vector of units starting at <paramref name="j"/>, from its pre-activations in a block's
    /// accumulators (<paramref name="sums"/> at that vector's i; f, g and o follow at 2, 4 and 6 vectors).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Cell<TOps, TVector>(ref float sums, ref float c, ref float next, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count;
        ref float cj = ref Unsafe.Add(ref c, j);
        LstmCell.Lanes<TOps, TVector>(
            TOps.Load(ref sums), TOps.Load(ref Unsafe.Add(ref sums, 2 * w)), TOps.Load(ref Unsafe.Add(ref sums, 4 * w)), TOps.Load(ref Unsafe.Add(ref sums, 6 * w)),
            TOps.Load(ref cj), out _, out _, out _, out _, out TVector cNew, out _, out TVector h);
        TOps.Store(cNew, ref cj);
        TOps.Store(h, ref Unsafe.Add(ref next, j));
    }
}
