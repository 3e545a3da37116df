using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// One sample's cell update at inference in one pass over the units, for Keras's default activations (sigmoid gates,
/// tanh): the streaming and one-sample case, where a call per gate and per operation would cost more than the
/// arithmetic. Each lane computes what the general path computes (the same vector functions, the same operations in
/// the same order; fused multiply-adds where the general path's <c>TensorPrimitives.MultiplyAdd</c> fuses them), so the
/// results are the same bits.
/// </summary>
internal static class FusedCells
{
    /// <summary>Whether the fused updates apply: the default activations, and units a whole number of vectors.</summary>
    public static bool Apply(Activation activation, Activation recurrentActivation, int units)
        => activation == Activation.Tanh && recurrentActivation == Activation.Sigmoid && units % Width == 0;

    private static int Width => Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 4;

    /// <summary>
    /// LSTM: c and h (<paramref name="units"/> each, in place) from the pre-activation gates <paramref name="z"/> (4 · units).
    /// <code>
    /// i, f, o = sigmoid(z_i, z_f, z_o);  g = tanh(z_c);  c = i ⊙ g + f ⊙ c;  h = o ⊙ tanh(c)
    /// </code>
    /// </summary>
    public static void Lstm(ReadOnlySpan<float> z, Span<float> c, Span<float> h, int units)
    {
        if (Vector512.IsHardwareAccelerated) Lstm<Vector512Ops, Vector512<float>>(z, c, h, units);
        else if (Vector256.IsHardwareAccelerated) Lstm<Vector256Ops, Vector256<float>>(z, c, h, units);
        else Lstm<Vector128Ops, Vector128<float>>(z, c, h, units);
    }

    /// <summary>
    /// GRU with <c>reset_after</c>: h (<paramref name="units"/>, in place) from the input projection plus
    /// <c>h · R_z</c>, <c>h · R_r</c> in <paramref name="z"/> (3 · units), the recurrent bias <paramref name="bias"/>
    /// (3 · units, or empty) and <paramref name="q"/> = <c>h · R_h + b'_h</c>.
    /// <code>
    /// z = sigmoid(z_z + b'_z);  r = sigmoid(z_r + b'_r);  hh = tanh(r ⊙ q + z_h);  h = z ⊙ h + (1 − z) ⊙ hh
    /// </code>
    /// </summary>
    public static void Gru(ReadOnlySpan<float> z, ReadOnlySpan<float> bias, ReadOnlySpan<float> q, Span<float> h, int units)
    {
        if (Vector512.IsHardwareAccelerated) Gru<Vector512Ops, Vector512<float>>(z, bias, q, h, units);
        else if (Vector256.IsHardwareAccelerated) Gru<Vector256Ops, Vector256<float>>(z, bias, q, h, units);
        else Gru<Vector128Ops, Vector128<float>>(z, bias, q, h, units);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gru<TOps, TVector>(ReadOnlySpan<float> z, ReadOnlySpan<float> bias, ReadOnlySpan<float> q, Span<float> h, int units)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        ref float pz = ref MemoryMarshal.GetReference(z);
        ref float pb = ref MemoryMarshal.GetReference(bias);
        ref float pq = ref MemoryMarshal.GetReference(q);
        ref float ph = ref MemoryMarshal.GetReference(h);
        bool hasBias = !bias.IsEmpty;
        for (int j = 0; j < units; j += TOps.Count)
        {
            TVector update = TOps.Load(ref Unsafe.Add(ref pz, j)), reset = TOps.Load(ref Unsafe.Add(ref pz, units + j));
            if (hasBias)
            {
                update = TOps.Add(update, TOps.Load(ref Unsafe.Add(ref pb, j)));
                reset = TOps.Add(reset, TOps.Load(ref Unsafe.Add(ref pb, units + j)));
            }

            update = SigmoidActivation.Forward<TOps, TVector>(update);
            reset = SigmoidActivation.Forward<TOps, TVector>(reset);
            TVector candidate = TanhActivation.Forward<TOps, TVector>(TOps.MultiplyAdd(reset, TOps.Load(ref Unsafe.Add(ref pq, j)), TOps.Load(ref Unsafe.Add(ref pz, 2 * units + j))));
            ref float hj = ref Unsafe.Add(ref ph, j);
            TVector kept = TOps.Multiply(TOps.Subtract(TOps.Create(1f), update), candidate);
            TOps.Store(TOps.MultiplyAdd(update, TOps.Load(ref hj), kept), ref hj);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Lstm<TOps, TVector>(ReadOnlySpan<float> z, Span<float> c, Span<float> h, int units)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        ref float pz = ref MemoryMarshal.GetReference(z);
        ref float pc = ref MemoryMarshal.GetReference(c);
        ref float ph = ref MemoryMarshal.GetReference(h);
        for (int j = 0; j < units; j += TOps.Count)
        {
            TVector i = SigmoidActivation.Forward<TOps, TVector>(TOps.Load(ref Unsafe.Add(ref pz, j)));
            TVector f = SigmoidActivation.Forward<TOps, TVector>(TOps.Load(ref Unsafe.Add(ref pz, units + j)));
            TVector g = TanhActivation.Forward<TOps, TVector>(TOps.Load(ref Unsafe.Add(ref pz, 2 * units + j)));
            TVector o = SigmoidActivation.Forward<TOps, TVector>(TOps.Load(ref Unsafe.Add(ref pz, 3 * units + j)));
            ref float cj = ref Unsafe.Add(ref pc, j);
            TVector cell = TOps.MultiplyAdd(i, g, TOps.Multiply(f, TOps.Load(ref cj)));
            TOps.Store(cell, ref cj);
            TOps.Store(TOps.Multiply(o, TanhActivation.Forward<TOps, TVector>(cell)), ref Unsafe.Add(ref ph, j));
        }
    }
}
