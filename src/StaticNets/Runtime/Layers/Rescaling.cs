using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// Keras Rescaling: <c>y = x · scale + offset</c> element-wise over the layer's whole batch, so <c>x</c> and <c>y</c>
/// (and <c>dy</c> and <c>dx</c>) hold the same number of floats. Each pair may be the same span (in place); otherwise
/// the two must not overlap.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Rescaling
{
    /// <summary>
    /// <c>y = x · scale + offset</c> in float32 as Keras computes it: the product rounded to float, then the offset
    /// added and rounded again (never one fused multiply-add, whose single rounding can differ in the last bit).
    /// </summary>
    public static void Forward(float scale, float offset, ReadOnlySpan<float> x, Span<float> y)
    {
        KernelChecks.Length(y.Length, x.Length, nameof(y), "the length of x");
        if (Vector512.IsHardwareAccelerated) Forward<Vector512Ops, Vector512<float>>(scale, offset, x, y);
        else if (Vector256.IsHardwareAccelerated) Forward<Vector256Ops, Vector256<float>>(scale, offset, x, y);
        else Forward<Vector128Ops, Vector128<float>>(scale, offset, x, y);
    }

    /// <summary><c>dx = dy · scale</c>: the offset has no gradient.</summary>
    public static void Backward(float scale, ReadOnlySpan<float> dy, Span<float> dx)
    {
        KernelChecks.Length(dx.Length, dy.Length, nameof(dx), "the length of dy");
        if (Vector512.IsHardwareAccelerated) Backward<Vector512Ops, Vector512<float>>(scale, dy, dx);
        else if (Vector256.IsHardwareAccelerated) Backward<Vector256Ops, Vector256<float>>(scale, dy, dx);
        else Backward<Vector128Ops, Vector128<float>>(scale, dy, dx);
    }

    // Each element is loaded before its result is stored, at the same index, so in-place calls read no result.
    // The product and the sum are separate operations: the JIT never contracts them into a fused multiply-add
    // (only explicit FusedMultiplyAdd calls emit one), so each rounds on its own, in the vector and the scalar loop.

    /// <summary><see cref="Forward(float, float, ReadOnlySpan{float}, Span{float})"/> with one vector width; lengths checked by the caller.</summary>
    internal static void Forward<TOps, TVector>(float scale, float offset, ReadOnlySpan<float> values, Span<float> results)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        ref float x = ref MemoryMarshal.GetReference(values);
        ref float y = ref MemoryMarshal.GetReference(results);
        int length = values.Length;
        TVector scales = TOps.Create(scale), offsets = TOps.Create(offset);
        int i = 0;
        for (; i <= length - TOps.Count; i += TOps.Count)
        {
            TVector product = TOps.Multiply(TOps.Load(ref Unsafe.Add(ref x, i)), scales);
            TOps.Store(TOps.Add(product, offsets), ref Unsafe.Add(ref y, i));
        }

        for (; i < length; i++)
        {
            float product = Unsafe.Add(ref x, i) * scale;
            Unsafe.Add(ref y, i) = product + offset;
        }
    }

    /// <summary><see cref="Backward(float, ReadOnlySpan{float}, Span{float})"/> with one vector width; lengths checked by the caller.</summary>
    internal static void Backward<TOps, TVector>(float scale, ReadOnlySpan<float> gradient, Span<float> results)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        ref float dy = ref MemoryMarshal.GetReference(gradient);
        ref float dx = ref MemoryMarshal.GetReference(results);
        int length = gradient.Length;
        TVector scales = TOps.Create(scale);
        int i = 0;
        for (; i <= length - TOps.Count; i += TOps.Count)
        {
            TOps.Store(TOps.Multiply(TOps.Load(ref Unsafe.Add(ref dy, i)), scales), ref Unsafe.Add(ref dx, i));
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref dx, i) = Unsafe.Add(ref dy, i) * scale;
        }
    }
}
