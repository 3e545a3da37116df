using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// Runs an <see cref="IElementwiseActivation"/> over spans: whole vectors, then the remainder as one vector padded with
/// zeros in a local, so the tail goes through the very same formulas (every element gets the same result wherever
/// it sits in the span) without a scalar copy of each kernel.
/// </summary>
internal static class ElementwiseLoop
{
    /// <summary>Applies the activation in place with the widest hardware-accelerated vector width.</summary>
    public static void Forward<TActivation>(Span<float> values) where TActivation : IElementwiseActivation
    {
        if (Vector512.IsHardwareAccelerated) Forward<TActivation, Vector512Ops, Vector512<float>>(values);
        else if (Vector256.IsHardwareAccelerated) Forward<TActivation, Vector256Ops, Vector256<float>>(values);
        else Forward<TActivation, Vector128Ops, Vector128<float>>(values);
    }

    /// <summary>Replaces dL/da in <paramref name="gradient"/> by dL/dz, with the widest accelerated vector width.</summary>
    public static void Backward<TActivation>(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
        where TActivation : IElementwiseActivation
    {
        if (Vector512.IsHardwareAccelerated) Backward<TActivation, Vector512Ops, Vector512<float>>(z, a, gradient);
        else if (Vector256.IsHardwareAccelerated) Backward<TActivation, Vector256Ops, Vector256<float>>(z, a, gradient);
        else Backward<TActivation, Vector128Ops, Vector128<float>>(z, a, gradient);
    }

    /// <summary>Applies the activation in place with one given vector width.</summary>
    public static void Forward<TActivation, TOps, TVector>(Span<float> values)
        where TActivation : IElementwiseActivation where TOps : IVectorOps<TVector> where TVector : struct
        => Forward<TActivation, TOps, TVector>(values, values);

    /// <summary>
    /// The activation of <paramref name="source"/> into <paramref name="destination"/> (as long, or the very same
    /// floats) with one given vector width.
    /// </summary>
    public static void Forward<TActivation, TOps, TVector>(ReadOnlySpan<float> source, Span<float> destination)
        where TActivation : IElementwiseActivation where TOps : IVectorOps<TVector> where TVector : struct
    {
        ref float from = ref MemoryMarshal.GetReference(source);
        ref float to = ref MemoryMarshal.GetReference(destination);
        int count = TOps.Count;
        int i = 0;
        for (; i <= source.Length - count; i += count)
        {
            TOps.Store(TActivation.Forward<TOps, TVector>(TOps.Load(ref Unsafe.Add(ref from, i))), ref Unsafe.Add(ref to, i));
        }

        if (i < source.Length)
        {
            StorePartial<TOps, TVector>(TActivation.Forward<TOps, TVector>(LoadPartial<TOps, TVector>(source.Slice(i))), destination.Slice(i, source.Length - i));
        }
    }

    /// <summary>Replaces dL/da in <paramref name="gradient"/> by dL/dz with one given vector width (lengths checked by the caller).</summary>
    public static void Backward<TActivation, TOps, TVector>(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
        where TActivation : IElementwiseActivation where TOps : IVectorOps<TVector> where TVector : struct
    {
        ref float zStart = ref MemoryMarshal.GetReference(z);
        ref float aStart = ref MemoryMarshal.GetReference(a);
        ref float gStart = ref MemoryMarshal.GetReference(gradient);
        int count = TOps.Count;
        int i = 0;
        for (; i <= gradient.Length - count; i += count)
        {
            ref float g = ref Unsafe.Add(ref gStart, i);
            TVector result = TActivation.Backward<TOps, TVector>(
                TOps.Load(ref Unsafe.Add(ref zStart, i)), TOps.Load(ref Unsafe.Add(ref aStart, i)), TOps.Load(ref g));
            TOps.Store(result, ref g);
        }

        if (i < gradient.Length)
        {
            Span<float> tail = gradient.Slice(i);
            TVector zLanes = default, aLanes = default, gLanes = default;
            z.Slice(i).CopyTo(Lanes<TOps, TVector>(ref zLanes));
            a.Slice(i).CopyTo(Lanes<TOps, TVector>(ref aLanes));
            tail.CopyTo(Lanes<TOps, TVector>(ref gLanes));
            gLanes = TActivation.Backward<TOps, TVector>(zLanes, aLanes, gLanes);
            Lanes<TOps, TVector>(ref gLanes).Slice(0, tail.Length).CopyTo(tail);
        }
    }

    /// <summary>A vector of the floats of <paramref name="source"/> (fewer than a vector's), padded with zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector LoadPartial<TOps, TVector>(ReadOnlySpan<float> source)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector lanes = default;
        source.CopyTo(Lanes<TOps, TVector>(ref lanes));
        return lanes;
    }

    /// <summary>The first lanes of <paramref name="value"/> into <paramref name="destination"/> (fewer floats than a vector's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StorePartial<TOps, TVector>(TVector value, Span<float> destination)
        where TOps : IVectorOps<TVector> where TVector : struct
        => Lanes<TOps, TVector>(ref value).Slice(0, destination.Length).CopyTo(destination);

    /// <summary>The lanes of a local vector as a span (for padding a partial vector).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Span<float> Lanes<TOps, TVector>(ref TVector vector)
        where TOps : IVectorOps<TVector> where TVector : struct
        => MemoryMarshal.CreateSpan(ref Unsafe.As<TVector, float>(ref vector), TOps.Count);
}
