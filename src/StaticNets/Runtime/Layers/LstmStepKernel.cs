using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// One streamed LSTM step (Keras's default activations) in one pass over the weights: for a block of two vectors of
/// units, the four gates' pre-activations (<c>bias + x · kernel + h · recurrentKernel</c>) are held in eight registers and
/// <see cref="LstmCell"/>'s arithmetic runs on them right after the block's last row, with no row of gates in memory
/// and no loop per activation.
/// </summary>
/// <remarks>
/// Each pre-activation is the chain the batch path computes (<see cref="StepProduct"/>'s remarks: from the bias, one
/// fused multiply-add per row in order, the inputs' rows first), and the cell is <see cref="LstmCell"/>'s (<c>Lanes</c>, <c>TwoLanes</c>),
/// so the bits are those of <c>Predict</c>. <see cref="LstmOneSample"/> does the same for a whole sequence on a packed kernel.
/// </remarks>
internal static class LstmStepKernel
{
    /// <summary>Whether the kernel applies: the default activations and units in whole 4-float vectors.</summary>
    public static bool Applies(Activation activation, Activation recurrentActivation, int units)
        => LstmCell.Applies(activation, recurrentActivation) && units % 4 == 0;

    /// <summary>
    /// The step from h and c (<paramref name="h"/>, <paramref name="c"/>, updated) to the new h, also written to
    /// <paramref name="y"/>; <paramref name="bias"/> is empty or 4 · units; <paramref name="spare"/> holds units floats.
    /// Lengths are the caller's to check.
    /// </summary>
    public static void Run(
        int inputs, int units, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> x, Span<float> h, Span<float> c, Span<float> y, Span<float> spare)
    {
        // Blocks read all of the old h, so the new one goes elsewhere until the last block is done; a single block
        // (a small layer) writes h at once too, and saves the copy.
        bool apart = !y.Overlaps(h) && !y.Overlaps(c);
        Span<float> next = apart ? y : spare;
        bool direct = apart && units == OneBlock;
        var o = new Operands(
            inputs, units, ref MemoryMarshal.GetReference(kernel), ref MemoryMarshal.GetReference(recurrentKernel),
            ref MemoryMarshal.GetReference(bias), !bias.IsEmpty,
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(h), ref MemoryMarshal.GetReference(c), ref MemoryMarshal.GetReference(next),
            ref MemoryMarshal.GetReference(direct ? h : next));
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

    /// <summary>Units of the widest vectors' first block (two vectors).</summary>
    private static int OneBlock => 2 * (Vector512.IsHardwareAccelerated ? Vector512<float>.Count
        : Vector256.IsHardwareAccelerated ? Vector256<float>.Count : Vector128<float>.Count);

    /// <summary>The operands as references, so the width-specific loops take them in one argument.</summary>
    private readonly ref struct Operands
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Operands(
            int inputs, int units, ref float kernel, ref float recurrentKernel, ref float bias, bool hasBias,
            ref float x, ref float h, ref float c, ref float next, ref float alsoNext)
        {
            Inputs = inputs;
            Units = units;
            Kernel = ref kernel;
            RecurrentKernel = ref recurrentKernel;
            Bias = ref bias;
            HasBias = hasBias;
            X = ref x;
            H = ref h;
            C = ref c;
            Next = ref next;
            AlsoNext = ref alsoNext;
        }

        public readonly int Inputs;
        public readonly int Units;
        public readonly ref float Kernel;
        public readonly ref float RecurrentKernel;
        public readonly ref float Bias;
        public readonly bool HasBias;
        public readonly ref float X;
        public readonly ref float H;
        public readonly ref float C;
        public readonly ref float Next;
        /// <summary>Where the new h goes too: h itself when one block covers every unit, else <see cref="Next"/> again.</summary>
        public readonly ref float AlsoNext;
    }

    /// <summary>Units from <paramref name="j"/> in blocks of two vectors, then one; returns the units done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Blocks<TOps, TVector>(in Operands o, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count, u = o.Units;
        for (; j + 2 * w <= u; j += 2 * w)
        {
            Two<TOps, TVector>(o, j);
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

    /// <summary>Two vectors of units from <paramref name="j"/>: eight accumulators, over the inputs' rows, then h's.</summary>
    private static void Two<TOps, TVector>(in Operands o, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = TOps.Count, u = o.Units, width = 4 * u;
        TVector i0 = Bias<TOps, TVector>(o, j), i1 = Bias<TOps, TVector>(o, j + w);
        TVector f0 = Bias<TOps, TVector>(o, u + j), f1 = Bias<TOps, TVector>(o, u + j + w);
        TVector g0 = Bias<TOps, TVector>(o, 2 * u + j), g1 = Bias<TOps, TVector>(o, 2 * u + j + w);
        TVector o0 = Bias<TOps, TVector>(o, 3 * u + j), o1 = Bias<TOps, TVector>(o, 3 * u + j + w);
        ref float a = ref o.X;
        ref float bi = ref Unsafe.Add(ref o.Kernel, j);
        int k = o.Inputs;
        for (int pass = 0; pass < 2; pass++)
        {
            // A reference per gate, so each row's loads sit at constant offsets from them.
            ref float bf = ref Unsafe.Add(ref bi, u), bg = ref Unsafe.Add(ref bi, 2 * u), bo = ref Unsafe.Add(ref bi, 3 * u);
            for (int p = 0; p < k; p++)
            {
                TVector x = TOps.Create(Unsafe.Add(ref a, p));
                i0 = TOps.MultiplyAdd(x, TOps.Load(ref bi), i0);
                i1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bi, w)), i1);
                f0 = TOps.MultiplyAdd(x, TOps.Load(ref bf), f0);
                f1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bf, w)), f1);
                g0 = TOps.MultiplyAdd(x, TOps.Load(ref bg), g0);
                g1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bg, w)), g1);
                o0 = TOps.MultiplyAdd(x, TOps.Load(ref bo), o0);
                o1 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bo, w)), o1);
                bi = ref Unsafe.Add(ref bi, width);
                bf = ref Unsafe.Add(ref bf, width);
                bg = ref Unsafe.Add(ref bg, width);
                bo = ref Unsafe.Add(ref bo, width);
            }

            a = ref o.H;
            bi = ref Unsafe.Add(ref o.RecurrentKernel, j);
            k = u;
        }

        ref float cj = ref Unsafe.Add(ref o.C, j);
        ref float hj = ref Unsafe.Add(ref o.Next, j);
        LstmCell.TwoLanes<TOps, TVector>(
            i0, f0, g0, o0, TOps.Load(ref cj), i1, f1, g1, o1, TOps.Load(ref Unsafe.Add(ref cj, w)),
            out TVector c0, out TVector h0, out TVector c1, out TVector h1);
        TOps.Store(c0, ref cj);
        TOps.Store(c1, ref Unsafe.Add(ref cj, w));
        ref float alsoHj = ref Unsafe.Add(ref o.AlsoNext, j);
        TOps.Store(h0, ref hj);
        TOps.Store(h1, ref Unsafe.Add(ref hj, w));
        TOps.Store(h0, ref alsoHj);
        TOps.Store(h1, ref Unsafe.Add(ref alsoHj, w));
    }

    /// <summary>One vector of units from <paramref name="j"/>, as <see cref="Two{TOps, TVector}"/>.</summary>
    private static void One<TOps, TVector>(in Operands o, int j)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int u = o.Units, width = 4 * u;
        TVector i0 = Bias<TOps, TVector>(o, j), f0 = Bias<TOps, TVector>(o, u + j), g0 = Bias<TOps, TVector>(o, 2 * u + j), o0 = Bias<TOps, TVector>(o, 3 * u + j);
        ref float a = ref o.X;
        ref float bp = ref Unsafe.Add(ref o.Kernel, j);
        int k = o.Inputs;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int p = 0; p < k; p++)
            {
                TVector x = TOps.Create(Unsafe.Add(ref a, p));
                i0 = TOps.MultiplyAdd(x, TOps.Load(ref bp), i0);
                f0 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, u)), f0);
                g0 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 2 * u)), g0);
                o0 = TOps.MultiplyAdd(x, TOps.Load(ref Unsafe.Add(ref bp, 3 * u)), o0);
                bp = ref Unsafe.Add(ref bp, width);
            }

            a = ref o.H;
            bp = ref Unsafe.Add(ref o.RecurrentKernel, j);
            k = u;
        }

        Cell<TOps, TVector>(o, j, i0, f0, g0, o0);
    }

    /// <summary>The cell on one vector of units: c updated in place (no other block reads it), h into the new h's place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Cell<TOps, TVector>(in Operands o, int j, TVector zi, TVector zf, TVector zg, TVector zo)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        ref float cj = ref Unsafe.Add(ref o.C, j);
        LstmCell.Lanes<TOps, TVector>(zi, zf, zg, zo, TOps.Load(ref cj), out _, out _, out _, out _, out TVector c, out _, out TVector h);
        TOps.Store(c, ref cj);
        TOps.Store(h, ref Unsafe.Add(ref o.Next, j));
        TOps.Store(h, ref Unsafe.Add(ref o.AlsoNext, j));
    }
}
