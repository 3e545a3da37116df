using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// One sample's LSTM cell update in a few tight loops (the gates' activations, then c and h), for Keras's default activations (sigmoid gates, tanh):
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
    /// <summary>Whether this update applies: the default activations.</summary>
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
        // Each activation in a loop of its own: short independent iterations the core overlaps, and small bodies the
        // JIT keeps in registers (all of it inlined into one method, the JIT ran out of tracked locals and spilled
        // every temporary to the stack).
        ElementwiseLoop.Forward<SigmoidActivation, TOps, TVector>(gates.Slice(0, 2 * u));
        ElementwiseLoop.Forward<TanhActivation, TOps, TVector>(gates.Slice(2 * u, u));
        ElementwiseLoop.Forward<SigmoidActivation, TOps, TVector>(gates.Slice(3 * u, u));

        ref float pi = ref MemoryMarshal.GetReference(gates);
        ref float pcOld = ref MemoryMarshal.GetReference(cOld);
        ref float pcNew = ref MemoryMarshal.GetReference(cNew);
        ref float pa = ref MemoryMarshal.GetReference(activated);
        ref float ph = ref MemoryMarshal.GetReference(h);
        int w = TOps.Count;
        int j = 0;
        for (; j + w <= u; j += w)
        {
            ref float ij = ref Unsafe.Add(ref pi, j);
            TVector c = NewCell<TOps, TVector>(
                TOps.Load(ref ij), TOps.Load(ref Unsafe.Add(ref ij, u)), TOps.Load(ref Unsafe.Add(ref ij, 2 * u)), TOps.Load(ref Unsafe.Add(ref pcOld, j)));
            TVector a = TanhActivation.Forward<TOps, TVector>(c);
            TOps.Store(c, ref Unsafe.Add(ref pcNew, j));
            TOps.Store(a, ref Unsafe.Add(ref pa, j));
            TOps.Store(TOps.Multiply(TOps.Load(ref Unsafe.Add(ref ij, 3 * u)), a), ref Unsafe.Add(ref ph, j));
        }

        if (j < u)
        {
            // The last units as one vector padded with zeros, so they go through the same code.
            int tail = u - j;
            TVector c = NewCell<TOps, TVector>(
                ElementwiseLoop.LoadPartial<TOps, TVector>(gates.Slice(j, tail)), ElementwiseLoop.LoadPartial<TOps, TVector>(gates.Slice(u + j, tail)),
                ElementwiseLoop.LoadPartial<TOps, TVector>(gates.Slice(2 * u + j, tail)), ElementwiseLoop.LoadPartial<TOps, TVector>(cOld.Slice(j, tail)));
            TVector a = TanhActivation.Forward<TOps, TVector>(c);
            ElementwiseLoop.StorePartial<TOps, TVector>(c, cNew.Slice(j, tail));
            ElementwiseLoop.StorePartial<TOps, TVector>(a, activated.Slice(j, tail));
            ElementwiseLoop.StorePartial<TOps, TVector>(TOps.Multiply(ElementwiseLoop.LoadPartial<TOps, TVector>(gates.Slice(3 * u + j, tail)), a), h.Slice(j, tail));
        }
    }

    /// <summary><c>c = i ⊙ g + f ⊙ c_prev</c>, each product and the sum rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector NewCell<TOps, TVector>(TVector i, TVector f, TVector g, TVector cOld)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
        => TOps.Add(TOps.Multiply(i, g), TOps.Multiply(f, cOld));

    /// <summary>
    /// One vector of units in registers, from the pre-activations and c_prev to the activated gates, c, tanh(c) and h:
    /// the arithmetic of <see cref="Update"/> (<see cref="LstmOneSample"/> calls it on the products it holds), so both round alike.
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
        c = NewCell<TOps, TVector>(i, f, g, cOld);
        activated = TanhActivation.Forward<TOps, TVector>(c);
        h = TOps.Multiply(o, activated);
    }

    /// <summary>
    /// <see cref="Lanes"/> on two vectors of units at once, their operations interleaved so the core overlaps the two
    /// chains (the cell of one vector is a long chain of dependent operations: c waits for the gates, tanh(c) for c).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void TwoLanes<TOps, TVector>(
        TVector zi0, TVector zf0, TVector zg0, TVector zo0, TVector cOld0,
        TVector zi1, TVector zf1, TVector zg1, TVector zo1, TVector cOld1,
        out TVector c0, out TVector h0, out TVector c1, out TVector h1)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        TVector i0 = SigmoidActivation.Forward<TOps, TVector>(zi0), i1 = SigmoidActivation.Forward<TOps, TVector>(zi1);
        TVector f0 = SigmoidActivation.Forward<TOps, TVector>(zf0), f1 = SigmoidActivation.Forward<TOps, TVector>(zf1);
        TVector g0 = TanhActivation.Forward<TOps, TVector>(zg0), g1 = TanhActivation.Forward<TOps, TVector>(zg1);
        c0 = NewCell<TOps, TVector>(i0, f0, g0, cOld0);
        c1 = NewCell<TOps, TVector>(i1, f1, g1, cOld1);
        TVector a0 = TanhActivation.Forward<TOps, TVector>(c0), a1 = TanhActivation.Forward<TOps, TVector>(c1);
        TVector o0 = SigmoidActivation.Forward<TOps, TVector>(zo0), o1 = SigmoidActivation.Forward<TOps, TVector>(zo1);
        h0 = TOps.Multiply(o0, a0);
        h1 = TOps.Multiply(o1, a1);
    }
}
