using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// The LSTM recurrence of one sample at inference (a single-sample <c>Predict</c>), once the input projections are in z:
/// per step, <c>z_t += h · recurrentKernel</c> in the kernel's own layout, then <see cref="LstmCell.Update"/> on the row.
/// </summary>
/// <remarks>
/// <para>
/// Each step needs the whole recurrent kernel (units × 4·units: 256 KB at 128 units), more than L1 holds, so a step
/// costs a trip of the kernel from L2. The product walks the kernel row after row, <see cref="RowsPerPass"/> rows per
/// pass over the step's 4·units pre-activations (which stay in L1): one sequential stream, read where it lies, with no
/// packed copy to make on every call (<c>Parameters</c> is a live view, so a copy could not be kept) and none to
/// crowd L2.
/// </para>
/// <para>
/// The cell runs once per step over all units, as the batch path's does. Interleaving it with the product, one vector
/// of units at a time, left its chain of dependent operations exposed (about a fifth of the call); run over the whole
/// row, the core overlaps independent vectors.
/// </para>
/// <para>
/// Each pre-activation is the chain <see cref="Gemm"/>'s one-row kernel computes (from its projection, one fused
/// multiply-add per row of the recurrent kernel in order), and the cell is <see cref="LstmCell"/>'s, so the bits are
/// those of the batch path and of <c>Step</c>.
/// </para>
/// </remarks>
internal static class LstmOneSample
{
    /// <summary>
    /// Rows of the recurrent kernel per pass over the pre-activations: each pass loads and stores them once. Four measured
    /// as fast as eight, and <see cref="Applies"/>'s whole vectors of units make it divide the rows.
    /// </summary>
    private const int RowsPerPass = 4;

    /// <summary>Whether the kernel applies: the default activations, and units a multiple of 4 (so 4·units fills whole vectors at every width).</summary>
    public static bool Applies(Activation activation, Activation recurrentActivation, int units)
        => LstmCell.Applies(activation, recurrentActivation) && units % 4 == 0;

    /// <summary>
    /// Runs every step of <paramref name="r"/> (one sample) from z (the input projections, steps × 4·units, used up), h
    /// and c (the starting state, left holding the last), writing the outputs to y; <paramref name="activated"/> is a row
    /// of units for tanh(c).
    /// </summary>
    public static void Run(
        in Recurrence r, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> mask, Span<float> y,
        Span<float> z, Span<float> h, Span<float> c, Span<float> activated)
    {
        int u = r.Units, w = r.Width;
        for (int k = 0; k < r.Steps; k++)
        {
            int t = r.Time(k);
            if (!r.IsMasked(mask, 0, t))
            {
                // A masked step carries h and c as they are. Otherwise h is read whole before the cell overwrites it.
                Span<float> gates = z.Slice(t * w, w);
                AddProducts(h, recurrentKernel, gates, u);
                LstmCell.Update(gates, c, c, activated, h, u);
            }

            r.Output(y, mask, 0, k, h);
        }
    }

    /// <summary><c>gates += h · kernel</c> (kernel: units × 4·units, row-major), one fused multiply-add per row in order.</summary>
    private static void AddProducts(ReadOnlySpan<float> h, ReadOnlySpan<float> kernel, Span<float> gates, int u)
    {
        ref float hp = ref MemoryMarshal.GetReference(h);
        ref float kp = ref MemoryMarshal.GetReference(kernel);
        ref float gp = ref MemoryMarshal.GetReference(gates);
        if (Vector512.IsHardwareAccelerated) AddProducts<Vector512Ops, Vector512<float>>(ref hp, ref kp, ref gp, u);
        else if (Vector256.IsHardwareAccelerated) AddProducts<Vector256Ops, Vector256<float>>(ref hp, ref kp, ref gp, u);
        else AddProducts<Vector128Ops, Vector128<float>>(ref hp, ref kp, ref gp, u);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddProducts<TOps, TVector>(ref float h, ref float kernel, ref float gates, int u)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = 4 * u;
        for (int p = 0; p < u; p += RowsPerPass)
        {
            Pass<TOps, TVector>(ref Unsafe.Add(ref h, p), ref Unsafe.Add(ref kernel, p * w), ref gates, w);
        }
    }

    /// <summary>
    /// One pass: <see cref="RowsPerPass"/> rows of the kernel from <paramref name="rows"/> (<paramref name="w"/> floats
    /// each) times their h values, added to every pre-activation, row by row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Pass<TOps, TVector>(ref float h, ref float rows, ref float gates, int w)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        TVector h0 = TOps.Create(h), h1 = TOps.Create(Unsafe.Add(ref h, 1));
        TVector h2 = TOps.Create(Unsafe.Add(ref h, 2)), h3 = TOps.Create(Unsafe.Add(ref h, 3));
        ref float r1 = ref Unsafe.Add(ref rows, w), r2 = ref Unsafe.Add(ref rows, 2 * w), r3 = ref Unsafe.Add(ref rows, 3 * w);
        for (int j = 0; j < w; j += TOps.Count)
        {
            ref float g = ref Unsafe.Add(ref gates, j);
            TVector sum = TOps.MultiplyAdd(h0, TOps.Load(ref Unsafe.Add(ref rows, j)), TOps.Load(ref g));
            sum = TOps.MultiplyAdd(h1, TOps.Load(ref Unsafe.Add(ref r1, j)), sum);
            sum = TOps.MultiplyAdd(h2, TOps.Load(ref Unsafe.Add(ref r2, j)), sum);
            sum = TOps.MultiplyAdd(h3, TOps.Load(ref Unsafe.Add(ref r3, j)), sum);
            TOps.Store(sum, ref g);
        }
    }
}
