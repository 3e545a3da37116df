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
/// cell needs for those units. So the cell runs on them in registers right after the block's last row, while the
/// next block's rows stream in. Alternate steps take the blocks in reverse order, so a step starts on the block the
/// previous one left in L1.
/// </summary>
/// <remarks>
/// Each pre-activation is the chain <see cref="Gemm"/>'s one-row kernel computes (from its projection, one fused
/// multiply-add per row of the recurrent kernel in order), and the cell is <see cref="LstmCell"/>'s, so the bits are
/// those of the batch path and of <c>Step</c>.
/// </remarks>
internal static class LstmOneSample
{
    /// <summary>Units per block: two vectors of each gate, eight accumulators (enough independent chains for the loads).</summary>
    private static int BlockUnits => 2 * (Vector512.IsHardwareAccelerated ? Vector512<float>.Count
        : Vector256.IsHardwareAccelerated ? Vector256<float>.Count : Vector128<float>.Count);

    /// <summary>Whether the kernel applies: the default activations and whole blocks of units.</summary>
    public static bool Applies(Activation activation, Activation recurrentActivation, int units)
        => LstmCell.Applies(activation, recurrentActivation) && units % BlockUnits == 0;

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
        if (Vector512.IsHardwareAccelerated) Run<Vector512Ops, Vector512<float>>(r, recurrentKernel, mask, y, z, h, c, spare, packed);
        else if (Vector256.IsHardwareAccelerated) Run<Vector256Ops, Vector256<float>>(r, recurrentKernel, mask, y, z, h, c, spare, packed);
        else Run<Vector128Ops, Vector128<float>>(r, recurrentKernel, mask, y, z, h, c, spare, packed);
    }

    private static void Run<TOps, TVector>(
        in Recurrence r, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> mask, Span<float> y,
        Span<float> z, Span<float> h, Span<float> c, Span<float> spare, float[] packed)
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
                    ref MemoryMarshal.GetReference(c), ref MemoryMarshal.GetReference(next), u, reverse: (k & 1) != 0);
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

    /// <summary>One step: for each block, its pre-activations from z plus <c>h_prev · kernel</c>, then the cell on them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step<TOps, TVector>(ref float z, ref float packed, ref float previous, ref float c, ref float next, int u, bool reverse)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count, blockUnits = 2 * w, rowFloats = 8 * w, blocks = u / blockUnits;
        for (int n = 0; n < blocks; n++)
        {
            int b = reverse ? blocks - 1 - n : n;
            int j = b * blockUnits;
            ref float zi = ref Unsafe.Add(ref z, j);
            TVector i0 = TOps.Load(ref zi), i1 = TOps.Load(ref Unsafe.Add(ref zi, w));
            TVector f0 = TOps.Load(ref Unsafe.Add(ref zi, u)), f1 = TOps.Load(ref Unsafe.Add(ref zi, u + w));
            TVector g0 = TOps.Load(ref Unsafe.Add(ref zi, 2 * u)), g1 = TOps.Load(ref Unsafe.Add(ref zi, 2 * u + w));
            TVector o0 = TOps.Load(ref Unsafe.Add(ref zi, 3 * u)), o1 = TOps.Load(ref Unsafe.Add(ref zi, 3 * u + w));
            ref float bp = ref Unsafe.Add(ref packed, b * u * rowFloats);
            for (int p = 0; p < u; p++)
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

            ref float cj = ref Unsafe.Add(ref c, j);
            ref float hj = ref Unsafe.Add(ref next, j);
            LstmCell.Lanes<TOps, TVector>(i0, f0, g0, o0, TOps.Load(ref cj), out _, out _, out _, out _, out TVector c0, out _, out TVector h0);
            LstmCell.Lanes<TOps, TVector>(i1, f1, g1, o1, TOps.Load(ref Unsafe.Add(ref cj, w)), out _, out _, out _, out _, out TVector c1, out _, out TVector h1);
            TOps.Store(c0, ref cj);
            TOps.Store(c1, ref Unsafe.Add(ref cj, w));
            TOps.Store(h0, ref hj);
            TOps.Store(h1, ref Unsafe.Add(ref hj, w));
        }
    }
}
