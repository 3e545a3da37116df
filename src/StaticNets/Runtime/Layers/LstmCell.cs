using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// One sample's LSTM cell update in one pass over the units, for Keras's default activations (sigmoid gates, tanh):
/// <code>
/// i, f, o = sigmoid(z_i, z_f, z_o);  g = tanh(z_c);  c = i ⊙ g + f ⊙ c_prev;  h = o ⊙ tanh(c)
/// </code>
/// A call per gate and per operation would cost more than this arithmetic for the few units of a streamed step.
/// Every path calls it (batch inference, training, <c>Step</c>), so they round alike: the activations are the very
/// functions <see cref="Activations"/> applies (each element's result is the same in any lane and at any width), the
/// products and the sum each rounded once, in the order written above.
/// </summary>
internal static class LstmCell
{
    /// <summary>Whether the one-pass update applies: the default activations.</summary>
    public static bool Applies(Activation activation, Activation recurrentActivation)
        => activation == Activation.Tanh && recurrentActivation == Activation.Sigmoid;

    /// <summary>
    /// The gates (i, f, g, o: 4 · <paramref name="units"/>) activated in place, c into <paramref name="cNew"/> (which may be
    /// <paramref name="cOld"/>), tanh(c) into <paramref name="activated"/>, h into <paramref name="h"/>.
    /// </summary>
    public static void Update(Span<float> gates, ReadOnlySpan<float> cOld, Span<float> cNew, Span<float> activated, Span<float> h, int units)
    {
        if (Vector512.IsHardwareAccelerated) Update<Vector512Ops, Vector512<float>>(gates, cOld, cNew, activated, h, units);
        else if (Vector256.IsHardwareAccelerated) Update<Vector256Ops, Vector256<float>>(gates, cOld, cNew, activated, h, units);
        else Update<Vector128Ops, Vector128<float>>(gates, cOld, cNew, activated, h, units);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update<TOps, TVector>(Span<float> gates, ReadOnlySpan<float> cOld, Span<float> cNew, Span<float> activated, Span<float> h, int u)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        ref float pz = ref MemoryMarshal.GetReference(gates);
        ref float pcOld = ref MemoryMarshal.GetReference(cOld);
        ref float pcNew = ref MemoryMarshal.GetReference(cNew);
        ref float pa = ref MemoryMarshal.GetReference(activated);
        ref float ph = ref MemoryMarshal.GetReference(h);
        int w = TOps.Count;
        int j = 0;
        for (; j + 2 * w <= u; j += 2 * w)
        {
            // Two vectors at a time: eight independent activations in a row keep more of the machine busy than four.
            ref float zj = ref Unsafe.Add(ref pz, j);
            TwoLanes<TOps, TVector>(
                ref zj, ref Unsafe.Add(ref zj, u), ref Unsafe.Add(ref zj, 2 * u), ref Unsafe.Add(ref zj, 3 * u),
                ref Unsafe.Add(ref pcOld, j), ref Unsafe.Add(ref pcNew, j), ref Unsafe.Add(ref pa, j), ref Unsafe.Add(ref ph, j), w);
        }

        for (; j + w <= u; j += w)
        {
            ref float zj = ref Unsafe.Add(ref pz, j);
            Lanes<TOps, TVector>(
                ref zj, ref Unsafe.Add(ref zj, u), ref Unsafe.Add(ref zj, 2 * u), ref Unsafe.Add(ref zj, 3 * u),
                ref Unsafe.Add(ref pcOld, j), ref Unsafe.Add(ref pcNew, j), ref Unsafe.Add(ref pa, j), ref Unsafe.Add(ref ph, j));
        }

        if (j < u)
        {
            // The last units as whole vectors padded with zeros, so they go through the same code.
            int tail = u - j;
            Span<float> lanes = stackalloc float[8 * 16];
            lanes = lanes.Slice(0, 8 * w);
            lanes.Clear();
            for (int gate = 0; gate < 4; gate++)
            {
                gates.Slice(gate * u + j, tail).CopyTo(lanes.Slice(gate * w));
            }

            cOld.Slice(j, tail).CopyTo(lanes.Slice(4 * w));
            ref float l = ref MemoryMarshal.GetReference(lanes);
            Lanes<TOps, TVector>(
                ref l, ref Unsafe.Add(ref l, w), ref Unsafe.Add(ref l, 2 * w), ref Unsafe.Add(ref l, 3 * w),
                ref Unsafe.Add(ref l, 4 * w), ref Unsafe.Add(ref l, 5 * w), ref Unsafe.Add(ref l, 6 * w), ref Unsafe.Add(ref l, 7 * w));
            for (int gate = 0; gate < 4; gate++)
            {
                lanes.Slice(gate * w, tail).CopyTo(gates.Slice(gate * u + j));
            }

            lanes.Slice(5 * w, tail).CopyTo(cNew.Slice(j));
            lanes.Slice(6 * w, tail).CopyTo(activated.Slice(j));
            lanes.Slice(7 * w, tail).CopyTo(h.Slice(j));
        }
    }

    /// <summary>The update of <c>Lanes</c> for two consecutive vectors of units, their independent work side by side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwoLanes<TOps, TVector>(
        ref float zi, ref float zf, ref float zg, ref float zo, ref float cOld, ref float cNew, ref float activated, ref float h, int w)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        TVector i0 = SigmoidActivation.Forward<TOps, TVector>(TOps.Load(ref zi));
        TVector i1 = SigmoidActivation.Forward<TOps, TVector>(TOps.Load(ref Unsafe.Add(ref zi, w)));
        TVector f0 = SigmoidActivation.Forward<TOps, TVector>(TOps.Load(ref zf));
        TVector f1 = SigmoidActivation.Forward<TOps, TVector>(TOps.Load(ref Unsafe.Add(ref zf, w)));
        TVector g0 = TanhActivation.Forward<TOps, TVector>(TOps.Load(ref zg));
        TVector g1 = TanhActivation.Forward<TOps, TVector>(TOps.Load(ref Unsafe.Add(ref zg, w)));
        TVector o0 = SigmoidActivation.Forward<TOps, TVector>(TOps.Load(ref zo));
        TVector o1 = SigmoidActivation.Forward<TOps, TVector>(TOps.Load(ref Unsafe.Add(ref zo, w)));
        TVector c0 = TOps.Add(TOps.Multiply(i0, g0), TOps.Multiply(f0, TOps.Load(ref cOld)));
        TVector c1 = TOps.Add(TOps.Multiply(i1, g1), TOps.Multiply(f1, TOps.Load(ref Unsafe.Add(ref cOld, w))));
        TVector a0 = TanhActivation.Forward<TOps, TVector>(c0);
        TVector a1 = TanhActivation.Forward<TOps, TVector>(c1);
        TOps.Store(i0, ref zi);
        TOps.Store(i1, ref Unsafe.Add(ref zi, w));
        TOps.Store(f0, ref zf);
        TOps.Store(f1, ref Unsafe.Add(ref zf, w));
        TOps.Store(g0, ref zg);
        TOps.Store(g1, ref Unsafe.Add(ref zg, w));
        TOps.Store(o0, ref zo);
        TOps.Store(o1, ref Unsafe.Add(ref zo, w));
        TOps.Store(c0, ref cNew);
        TOps.Store(c1, ref Unsafe.Add(ref cNew, w));
        TOps.Store(a0, ref activated);
        TOps.Store(a1, ref Unsafe.Add(ref activated, w));
        TOps.Store(TOps.Multiply(o0, a0), ref h);
        TOps.Store(TOps.Multiply(o1, a1), ref Unsafe.Add(ref h, w));
    }

    /// <summary>One vector of units: reads the four gates' pre-activations and c_prev, writes the gates, c, tanh(c) and h.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lanes<TOps, TVector>(
        ref float zi, ref float zf, ref float zg, ref float zo, ref float cOld, ref float cNew, ref float activated, ref float h)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        Lanes<TOps, TVector>(
            TOps.Load(ref zi), TOps.Load(ref zf), TOps.Load(ref zg), TOps.Load(ref zo), TOps.Load(ref cOld),
            out TVector i, out TVector f, out TVector g, out TVector o, out TVector c, out TVector a, out TVector hNew);
        TOps.Store(i, ref zi);
        TOps.Store(f, ref zf);
        TOps.Store(g, ref zg);
        TOps.Store(o, ref zo);
        TOps.Store(c, ref cNew);
        TOps.Store(a, ref activated);
        TOps.Store(hNew, ref h);
    }

    /// <summary>
    /// The update of one vector of units in registers, from the pre-activations and c_prev to the activated gates, c,
    /// tanh(c) and h: the arithmetic every path shares (<see cref="LstmOneSample"/> calls it on the products it holds).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Lanes<TOps, TVector>(
        TVector zi, TVector zf, TVector zg, TVector zo, TVector cOld,
        out TVector i, out TVector f, out TVector g, out TVector o, out TVector c, out TVector activated, out TVector h)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        i = SigmoidActivation.Forward<TOps, TVector>(zi);
        f = SigmoidActivation.Forward<TOps, TVector>(zf);
        g = TanhActivation.Forward<TOps, TVector>(zg);
        o = SigmoidActivation.Forward<TOps, TVector>(zo);
        c = TOps.Add(TOps.Multiply(i, g), TOps.Multiply(f, cOld));
        activated = TanhActivation.Forward<TOps, TVector>(c);
        h = TOps.Multiply(o, activated);
    }
}
