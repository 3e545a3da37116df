using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// One sample's GRU (<c>reset_after</c>) update in a few tight loops (the gates, then the candidate and h), for Keras's default activations (sigmoid
/// gates, tanh), once the products are done (<c>x · kernel + b_in</c> plus <c>h · R</c> in z's z and r blocks,
/// <c>x_h</c> in its h block, <c>q_h = h · R_h + b_rec_h</c> apart):
/// <code>
/// z = sigmoid(z_z + b_rec_z);  r = sigmoid(z_r + b_rec_r);  hh = tanh(x_h + r ⊙ q_h);  h = z ⊙ h_prev + (1 − z) ⊙ hh
/// </code>
/// Every path calls it (batch inference, training, <c>Step</c>), so they round alike: the activations are the very
/// functions <see cref="Activations"/> applies (each element's result is the same in any lane and at any width), every
/// product and sum rounded once, in the order written above.
/// </summary>
internal static class GruCell
{
    /// <summary>Whether this update applies: <c>reset_after</c> and the default activations.</summary>
    public static bool Applies(bool resetAfter, Activation activation, Activation recurrentActivation)
        => resetAfter && activation == Activation.Tanh && recurrentActivation == Activation.Sigmoid;

    /// <summary>
    /// <paramref name="z"/> (3 · <paramref name="units"/>) gets the pre-activations (z and r with the recurrent bias
    /// <paramref name="recurrentBias"/> added, when there is one; <c>x_h + r ⊙ q_h</c>), <paramref name="gates"/> (which may
    /// be <paramref name="z"/>) the activations z, r, hh, and <paramref name="hNew"/> (which may be <paramref name="hOld"/>) h.
    /// </summary>
    public static void Update(
        Span<float> z, Span<float> gates, ReadOnlySpan<float> recurrentBias, ReadOnlySpan<float> q, ReadOnlySpan<float> hOld, Span<float> hNew, int units)
    {
        if (Vector512.IsHardwareAccelerated) Update<Vector512Ops, Vector512<float>>(z, gates, recurrentBias, q, hOld, hNew, units);
        else if (Vector256.IsHardwareAccelerated) Update<Vector256Ops, Vector256<float>>(z, gates, recurrentBias, q, hOld, hNew, units);
        else Update<Vector128Ops, Vector128<float>>(z, gates, recurrentBias, q, hOld, hNew, units);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update<TOps, TVector>(
        Span<float> z, Span<float> gates, ReadOnlySpan<float> recurrentBias, ReadOnlySpan<float> q, ReadOnlySpan<float> hOld, Span<float> hNew, int u)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        // The gates in a loop of their own, then the candidate and h: short independent iterations the core overlaps,
        // and small bodies the JIT keeps in registers.
        if (!recurrentBias.IsEmpty)
        {
            TensorPrimitives.Add(z.Slice(0, 2 * u), recurrentBias.Slice(0, 2 * u), z.Slice(0, 2 * u));
        }

        ElementwiseLoop.Forward<SigmoidActivation, TOps, TVector>(z.Slice(0, 2 * u), gates.Slice(0, 2 * u));

        ref float pz = ref MemoryMarshal.GetReference(z);
        ref float pg = ref MemoryMarshal.GetReference(gates);
        ref float pq = ref MemoryMarshal.GetReference(q);
        ref float phOld = ref MemoryMarshal.GetReference(hOld);
        ref float phNew = ref MemoryMarshal.GetReference(hNew);
        int w = TOps.Count;
        int j = 0;
        for (; j + w <= u; j += w)
        {
            ref float gj = ref Unsafe.Add(ref pg, j);
            ref float candidateAt = ref Unsafe.Add(ref pz, 2 * u + j);
            TVector update = TOps.Load(ref gj);
            TVector candidate = Candidate<TOps, TVector>(TOps.Load(ref Unsafe.Add(ref gj, u)), TOps.Load(ref Unsafe.Add(ref pq, j)), TOps.Load(ref candidateAt));
            TVector hh = TanhActivation.Forward<TOps, TVector>(candidate);
            TVector h = NewState<TOps, TVector>(update, hh, TOps.Load(ref Unsafe.Add(ref phOld, j)));
            TOps.Store(candidate, ref candidateAt);
            TOps.Store(hh, ref Unsafe.Add(ref gj, 2 * u));
            TOps.Store(h, ref Unsafe.Add(ref phNew, j));
        }

        if (j < u)
        {
            // The last units as one vector padded with zeros, so they go through the same code.
            int tail = u - j;
            TVector update = ElementwiseLoop.LoadPartial<TOps, TVector>(gates.Slice(j, tail));
            TVector candidate = Candidate<TOps, TVector>(
                ElementwiseLoop.LoadPartial<TOps, TVector>(gates.Slice(u + j, tail)), ElementwiseLoop.LoadPartial<TOps, TVector>(q.Slice(j, tail)),
                ElementwiseLoop.LoadPartial<TOps, TVector>(z.Slice(2 * u + j, tail)));
            TVector hh = TanhActivation.Forward<TOps, TVector>(candidate);
            TVector h = NewState<TOps, TVector>(update, hh, ElementwiseLoop.LoadPartial<TOps, TVector>(hOld.Slice(j, tail)));
            ElementwiseLoop.StorePartial<TOps, TVector>(candidate, z.Slice(2 * u + j, tail));
            ElementwiseLoop.StorePartial<TOps, TVector>(hh, gates.Slice(2 * u + j, tail));
            ElementwiseLoop.StorePartial<TOps, TVector>(h, hNew.Slice(j, tail));
        }
    }

    /// <summary>
    /// One vector of units in registers, from the activated gates z and r, q_h, x_h and h_prev to the new h: the
    /// arithmetic of <see cref="Update"/>'s second loop (<see cref="GruStepKernel"/> calls it on the products it holds),
    /// so both round alike.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Lanes<TOps, TVector>(TVector update, TVector reset, TVector q, TVector xh, TVector hOld)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
        => NewState<TOps, TVector>(update, TanhActivation.Forward<TOps, TVector>(Candidate<TOps, TVector>(reset, q, xh)), hOld);

    /// <summary>The candidate's pre-activation <c>x_h + r ⊙ q_h</c>, the product rounded, then the sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Candidate<TOps, TVector>(TVector reset, TVector q, TVector xh)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
        => TOps.Add(TOps.Multiply(reset, q), xh);

    /// <summary><c>h = z ⊙ h_prev + (1 − z) ⊙ hh</c>, every operation rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector NewState<TOps, TVector>(TVector update, TVector hh, TVector hOld)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
        => TOps.Add(TOps.Multiply(update, hOld), TOps.Multiply(TOps.Subtract(TOps.Create(1f), update), hh));
}
