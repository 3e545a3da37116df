using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// One sample's GRU (<c>reset_after</c>) update in one pass over the units, for Keras's default activations (sigmoid
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
    /// <summary>Whether the one-pass update applies: <c>reset_after</c> and the default activations.</summary>
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
        bool hasBias = !recurrentBias.IsEmpty;
        int w = TOps.Count;
        int j = 0;
        for (; j + w <= u; j += w)
        {
            Lanes<TOps, TVector>(new Row(z, gates, recurrentBias, q, hOld, hNew, j, u), hasBias);
        }

        if (j < u)
        {
            // The last units as whole vectors padded with zeros, so they go through the same code.
            int tail = u - j;
            Span<float> lanes = stackalloc float[11 * 16];
            lanes = lanes.Slice(0, 11 * w);
            lanes.Clear();
            Span<float> lz = lanes.Slice(0, 3 * w), lGates = lanes.Slice(3 * w, 3 * w), lBias = lanes.Slice(6 * w, 2 * w);
            Span<float> lq = lanes.Slice(8 * w, w), lhOld = lanes.Slice(9 * w, w), lhNew = lanes.Slice(10 * w, w);
            for (int gate = 0; gate < 3; gate++)
            {
                z.Slice(gate * u + j, tail).CopyTo(lz.Slice(gate * w));
            }

            if (hasBias)
            {
                recurrentBias.Slice(j, tail).CopyTo(lBias);
                recurrentBias.Slice(u + j, tail).CopyTo(lBias.Slice(w));
            }

            q.Slice(j, tail).CopyTo(lq);
            hOld.Slice(j, tail).CopyTo(lhOld);
            Lanes<TOps, TVector>(new Row(lz, lGates, lBias, lq, lhOld, lhNew, 0, w), hasBias);
            for (int gate = 0; gate < 3; gate++)
            {
                lz.Slice(gate * w, tail).CopyTo(z.Slice(gate * u + j));
            }

            // gates after z: where they are one row, the activations are what stays.
            for (int gate = 0; gate < 3; gate++)
            {
                lGates.Slice(gate * w, tail).CopyTo(gates.Slice(gate * u + j));
            }

            lhNew.Slice(0, tail).CopyTo(hNew.Slice(j));
        }
    }

    /// <summary>References to one vector of units in every operand; gate blocks are <see cref="Units"/> apart.</summary>
    private readonly ref struct Row
    {
        public Row(Span<float> z, Span<float> gates, ReadOnlySpan<float> bias, ReadOnlySpan<float> q, ReadOnlySpan<float> hOld, Span<float> hNew, int j, int units)
        {
            Z = ref Unsafe.Add(ref MemoryMarshal.GetReference(z), j);
            Gates = ref Unsafe.Add(ref MemoryMarshal.GetReference(gates), j);
            Bias = ref Unsafe.Add(ref MemoryMarshal.GetReference(bias), j);
            Q = ref Unsafe.Add(ref MemoryMarshal.GetReference(q), j);
            HOld = ref Unsafe.Add(ref MemoryMarshal.GetReference(hOld), j);
            HNew = ref Unsafe.Add(ref MemoryMarshal.GetReference(hNew), j);
            Units = units;
        }

        public readonly ref float Z;
        public readonly ref float Gates;
        public readonly ref float Bias;
        public readonly ref float Q;
        public readonly ref float HOld;
        public readonly ref float HNew;
        public readonly int Units;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lanes<TOps, TVector>(in Row row, bool hasBias)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int u = row.Units;
        ref float zz = ref row.Z, zr = ref Unsafe.Add(ref row.Z, u), zh = ref Unsafe.Add(ref row.Z, 2 * u);
        TVector update = TOps.Load(ref zz), reset = TOps.Load(ref zr);
        if (hasBias)
        {
            update = TOps.Add(update, TOps.Load(ref row.Bias));
            reset = TOps.Add(reset, TOps.Load(ref Unsafe.Add(ref row.Bias, u)));
        }

        TVector candidate = TOps.Load(ref zh);
        TOps.Store(update, ref zz);
        TOps.Store(reset, ref zr);
        update = SigmoidActivation.Forward<TOps, TVector>(update);
        reset = SigmoidActivation.Forward<TOps, TVector>(reset);
        candidate = TOps.Add(TOps.Multiply(reset, TOps.Load(ref row.Q)), candidate);
        TOps.Store(candidate, ref zh);
        TVector hh = TanhActivation.Forward<TOps, TVector>(candidate);
        TVector kept = TOps.Multiply(TOps.Subtract(TOps.Create(1f), update), hh);
        TVector h = TOps.Add(TOps.Multiply(update, TOps.Load(ref row.HOld)), kept);
        TOps.Store(update, ref row.Gates);
        TOps.Store(reset, ref Unsafe.Add(ref row.Gates, u));
        TOps.Store(hh, ref Unsafe.Add(ref row.Gates, 2 * u));
        TOps.Store(h, ref row.HNew);
    }
}
