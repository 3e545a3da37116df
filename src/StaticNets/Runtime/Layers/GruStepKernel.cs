using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// One streamed GRU step (<c>reset_after</c>, Keras's default activations) in one pass over the weights: for a block
/// of four vectors of units, the z and r pre-activations (<c>b_in + x · K + h · R</c>), the candidate's input part
/// (<c>x_h = b_in_h + x · K_h</c>) and its recurrent part (<c>q_h = b_rec_h + h · R_h</c>) are twelve accumulators, one
/// row of each gate per broadcast, and <see cref="GruCell"/>'s arithmetic runs on them right after the block's last
/// row. The batch path takes three products, a bias add and two loops over spans for the same.
/// </summary>
/// <remarks>
/// Each pre-activation is the chain the batch path computes (<see cref="StepProduct"/>'s remarks: from its bias, one
/// fused multiply-add per row in order, the inputs' rows first), the recurrent bias of z and r is then added once,
/// and the activations and <see cref="GruCell.Lanes{TOps, TVector}"/> are those of <see cref="GruCell.Update"/>, so
/// the bits are those of <c>Predict</c>.
/// </remarks>
internal static class GruStepKernel
{
    /// <summary>Whether the kernel applies: <c>reset_after</c>, the default activations, and units in whole 4-float vectors.</summary>
    public static bool Applies(bool resetAfter, Activation activation, Activation recurrentActivation, int units)
        => GruCell.Applies(resetAfter, activation, recurrentActivation) && units % 4 == 0;

    /// <summary>
    /// The step from h (<paramref name="h"/>, updated) to the new h, also written to <paramref name="y"/>;
    /// <paramref name="bias"/> is empty or b_in then b_rec (2 · 3 · units); <paramref name="workspace"/> holds 4 · units floats.
    /// Lengths are the caller's to check.
    /// </summary>
    public static void Run(
        int inputs, int units, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> x, Span<float> h, Span<float> y, Span<float> workspace)
    {
        // Blocks read all of the old h, so the new one goes elsewhere until the last block is done; a single block
        // (a small layer) writes h at once too, and saves the copy.
        bool apart = !y.Overlaps(h);
        Span<float> next = apart ? y : workspace.Slice(3 * units, units);
        bool direct = apart && units == OneBlock;
        var o = new Operands(
            inputs, units, ref MemoryMarshal.GetReference(kernel), ref MemoryMarshal.GetReference(recurrentKernel),
            ref MemoryMarshal.GetReference(bias), !bias.IsEmpty,
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(h), ref MemoryMarshal.GetReference(next),
            ref MemoryMarshal.GetReference(direct ? h : next), ref MemoryMarshal.GetReference(workspace));
        int done = Vector512.IsHardwareAccelerated ? Blocks<Vector512Ops, Vector512<float>>(o, 0)
            : Vector256.IsHardwareAccelerated ? Blocks<Vector256Ops, Vector256<float>>(o, 0)
            : Blocks<Vector128Ops, Vector128<float>>(o, 0);
        if (units - done >= 8 && Vector256.IsHardwareAccelerated)
        {
            done = Blocks<Vector256Ops, Vector256<float>>(o, done);
        }

        if (units - done >= 4)
        {
            Blocks<Vector128Ops, Vector128<float>>(o, done);
        }

        if (!direct)
        {
            next.CopyTo(h);
        }

        if (next != y)
        {
            next.CopyTo(y);
        }
    }

    /// <summary>Units of the widest vectors' first block (four vectors).</summary>
    private static int OneBlock => 4 * (Vector512.IsHardwareAccelerated ? Vector512<float>.Count
        : Vector256.IsHardwareAccelerated ? Vector256<float>.Count : Vector128<float>.Count);

    /// <summary>The operands as references, so the width-specific loops take them in one argument.</summary>
    private readonly ref struct Operands
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Operands(int inputs, int units, ref float kernel, ref float recurrentKernel, ref float bias, bool hasBias, ref float x, ref float h, ref float next, ref float alsoNext, ref float gates)
        {
            Inputs = inputs;
            Units = units;
            Kernel = ref kernel;
            RecurrentKernel = ref recurrentKernel;
            Bias = ref bias;
            HasBias = hasBias;
            X = ref x;
            H = ref h;
            Next = ref next;
            AlsoNext = ref alsoNext;
            Gates = ref gates;
        }

        public readonly int Inputs;
        public readonly int Units;
        public readonly ref float Kernel;
        public readonly ref float RecurrentKernel;
        public readonly ref float Bias;
        public readonly bool HasBias;
        public readonly ref float X;
        public readonly ref float H;
        public readonly ref float Next;
        /// <summary>Where the new h goes too: h itself when one block covers every unit, else <see cref="Next"/> again.</summary>
        public readonly ref float AlsoNext;
        public readonly ref float Gates;
    }

    /// <summary>Units from <paramref name="j"/> in blocks of four vectors, then one; returns the units done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Blocks<TOps, TVector>(in Operands o, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count, u = o.Units;
        for (; j + 4 * w <= u; j += 4 * w)
        {
            Four<TOps, TVector>(o, j);
        }

        for (; j + w <= u; j += w)
        {
            One<TOps, TVector>(o, j);
        }

        return j;
    }

    /// <summary>A bias vector at <paramref name="offset"/> (zero without a bias).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Bias<TOps, TVector>(in Operands o, int offset)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
        => o.HasBias ? TOps.Load(ref Unsafe.Add(ref o.Bias, offset)) : default;

    /// <summary>A chain plus the recurrent bias at <paramref name="offset"/> (as is without a bias: no rounding of −0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector PlusBias<TOps, TVector>(in Operands o, TVector chain, int offset)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
        => o.HasBias ? TOps.Add(chain, TOps.Load(ref Unsafe.Add(ref o.Bias, offset))) : chain;

    /// <summary>Four vectors of units from <paramref name="j"/>: twelve accumulators, the candidate's input part kept in the new h's place meanwhile.</summary>
    private static void Four<TOps, TVector>(in Operands o, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count, u = o.Units, width = 3 * u;
        ref float next = ref Unsafe.Add(ref o.Next, j);

        // z, r and x_h from b_in over the inputs' rows.
        TVector z0 = Bias<TOps, TVector>(o, j), z1 = Bias<TOps, TVector>(o, j + w), z2 = Bias<TOps, TVector>(o, j + 2 * w), z3 = Bias<TOps, TVector>(o, j + 3 * w);
        TVector r0 = Bias<TOps, TVector>(o, u + j), r1 = Bias<TOps, TVector>(o, u + j + w), r2 = Bias<TOps, TVector>(o, u + j + 2 * w), r3 = Bias<TOps, TVector>(o, u + j + 3 * w);
        TVector c0 = Bias<TOps, TVector>(o, 2 * u + j), c1 = Bias<TOps, TVector>(o, 2 * u + j + w), c2 = Bias<TOps, TVector>(o, 2 * u + j + 2 * w), c3 = Bias<TOps, TVector>(o, 2 * u + j + 3 * w);
        // A reference per gate, so each row's loads sit at constant offsets from them.
        ref float bz = ref Unsafe.Add(ref o.Kernel, j), br = ref Unsafe.Add(ref bz, u), bc = ref Unsafe.Add(ref bz, 2 * u);
        for (int p = 0; p < o.Inputs; p++)
        {
            TVector a = TOps.Create(Unsafe.Add(ref o.X, p));
            z0 = TOps.MultiplyAdd(a, TOps.Load(ref bz), z0);
            z1 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bz, w)), z1);
            z2 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bz, 2 * w)), z2);
            z3 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bz, 3 * w)), z3);
            r0 = TOps.MultiplyAdd(a, TOps.Load(ref br), r0);
            r1 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref br, w)), r1);
            r2 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref br, 2 * w)), r2);
            r3 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref br, 3 * w)), r3);
            c0 = TOps.MultiplyAdd(a, TOps.Load(ref bc), c0);
            c1 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bc, w)), c1);
            c2 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bc, 2 * w)), c2);
            c3 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bc, 3 * w)), c3);
            bz = ref Unsafe.Add(ref bz, width);
            br = ref Unsafe.Add(ref br, width);
            bc = ref Unsafe.Add(ref bc, width);
        }

        TOps.Store(c0, ref next);
        TOps.Store(c1, ref Unsafe.Add(ref next, w));
        TOps.Store(c2, ref Unsafe.Add(ref next, 2 * w));
        TOps.Store(c3, ref Unsafe.Add(ref next, 3 * w));

        // z and r go on over h's rows; q_h from b_rec_h.
        int rec = width + 2 * u + j;
        TVector q0 = Bias<TOps, TVector>(o, rec), q1 = Bias<TOps, TVector>(o, rec + w), q2 = Bias<TOps, TVector>(o, rec + 2 * w), q3 = Bias<TOps, TVector>(o, rec + 3 * w);
        bz = ref Unsafe.Add(ref o.RecurrentKernel, j);
        br = ref Unsafe.Add(ref bz, u);
        bc = ref Unsafe.Add(ref bz, 2 * u);
        for (int p = 0; p < u; p++)
        {
            TVector a = TOps.Create(Unsafe.Add(ref o.H, p));
            z0 = TOps.MultiplyAdd(a, TOps.Load(ref bz), z0);
            z1 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bz, w)), z1);
            z2 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bz, 2 * w)), z2);
            z3 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bz, 3 * w)), z3);
            r0 = TOps.MultiplyAdd(a, TOps.Load(ref br), r0);
            r1 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref br, w)), r1);
            r2 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref br, 2 * w)), r2);
            r3 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref br, 3 * w)), r3);
            q0 = TOps.MultiplyAdd(a, TOps.Load(ref bc), q0);
            q1 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bc, w)), q1);
            q2 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bc, 2 * w)), q2);
            q3 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bc, 3 * w)), q3);
            bz = ref Unsafe.Add(ref bz, width);
            br = ref Unsafe.Add(ref br, width);
            bc = ref Unsafe.Add(ref bc, width);
        }

        Keep<TOps, TVector>(o, j, z0, r0, q0);
        Keep<TOps, TVector>(o, j + w, z1, r1, q1);
        Keep<TOps, TVector>(o, j + 2 * w, z2, r2, q2);
        Keep<TOps, TVector>(o, j + 3 * w, z3, r3, q3);
        Cells<TOps, TVector>(o, j, 4);
    }

    /// <summary>One vector of units from <paramref name="j"/>, as <see cref="Four{TOps, TVector}"/>.</summary>
    private static void One<TOps, TVector>(in Operands o, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int u = o.Units, width = 3 * u;
        TVector z0 = Bias<TOps, TVector>(o, j), r0 = Bias<TOps, TVector>(o, u + j), c0 = Bias<TOps, TVector>(o, 2 * u + j);
        ref float bp = ref Unsafe.Add(ref o.Kernel, j);
        for (int p = 0; p < o.Inputs; p++)
        {
            TVector a = TOps.Create(Unsafe.Add(ref o.X, p));
            z0 = TOps.MultiplyAdd(a, TOps.Load(ref bp), z0);
            r0 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bp, u)), r0);
            c0 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bp, 2 * u)), c0);
            bp = ref Unsafe.Add(ref bp, width);
        }

        TOps.Store(c0, ref Unsafe.Add(ref o.Next, j));
        TVector q0 = Bias<TOps, TVector>(o, width + 2 * u + j);
        bp = ref Unsafe.Add(ref o.RecurrentKernel, j);
        for (int p = 0; p < u; p++)
        {
            TVector a = TOps.Create(Unsafe.Add(ref o.H, p));
            z0 = TOps.MultiplyAdd(a, TOps.Load(ref bp), z0);
            r0 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bp, u)), r0);
            q0 = TOps.MultiplyAdd(a, TOps.Load(ref Unsafe.Add(ref bp, 2 * u)), q0);
            bp = ref Unsafe.Add(ref bp, width);
        }

        Keep<TOps, TVector>(o, j, z0, r0, q0);
        Cells<TOps, TVector>(o, j, 1);
    }

    /// <summary>
    /// One vector of units' products into the gates' row: z and r with their recurrent bias added, q_h. (The cell on
    /// four vectors inlined at once, the JIT ran out of registers and spilled to a 4 KB frame: slower than this trip
    /// through L1.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep<TOps, TVector>(in Operands o, int j, TVector z, TVector r, TVector q)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int u = o.Units, rec = 3 * u;
        ref float gates = ref Unsafe.Add(ref o.Gates, j);
        TOps.Store(PlusBias<TOps, TVector>(o, z, rec + j), ref gates);
        TOps.Store(PlusBias<TOps, TVector>(o, r, rec + u + j), ref Unsafe.Add(ref gates, u));
        TOps.Store(q, ref Unsafe.Add(ref gates, 2 * u));
    }

    /// <summary>
    /// The cell on <paramref name="vectors"/> vectors of units from <paramref name="j"/>: the gates in a loop, then the
    /// candidate and h (x_h read back from the new h's place, which then gets h) in another. Short independent
    /// iterations the core overlaps: the whole cell in one iteration is one long chain of dependent operations.
    /// </summary>
    private static void Cells<TOps, TVector>(in Operands o, int j, int vectors)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int u = o.Units, w = TOps.Count, end = j + vectors * w;
        for (int g = j; g < end; g += w)
        {
            ref float gates = ref Unsafe.Add(ref o.Gates, g);
            TOps.Store(SigmoidActivation.Forward<TOps, TVector>(TOps.Load(ref gates)), ref gates);
            TOps.Store(SigmoidActivation.Forward<TOps, TVector>(TOps.Load(ref Unsafe.Add(ref gates, u))), ref Unsafe.Add(ref gates, u));
        }

        for (int v = j; v < end; v += w)
        {
            ref float gates = ref Unsafe.Add(ref o.Gates, v);
            ref float next = ref Unsafe.Add(ref o.Next, v);
            TVector h = GruCell.Lanes<TOps, TVector>(
                TOps.Load(ref gates), TOps.Load(ref Unsafe.Add(ref gates, u)), TOps.Load(ref Unsafe.Add(ref gates, 2 * u)), TOps.Load(ref next), TOps.Load(ref Unsafe.Add(ref o.H, v)));
            TOps.Store(h, ref next);
            TOps.Store(h, ref Unsafe.Add(ref o.AlsoNext, v));
        }
    }
}
