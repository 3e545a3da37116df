using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// Element-wise loops over a contiguous run of floats (a channel axis, or a window row of columns × channels), for the
/// layer kernels: the widest accelerated vector first, then 128-bit vectors, then scalar code.
/// </summary>
internal static class ChannelRuns
{
    /// <summary><c>destination[t] = source[t]</c> for t &lt; count; inline, so short runs (one window row of few channels) cost no call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ref float destination, ref float source, int count)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; t + 8 <= count; t += 8)
            {
                Vector256.LoadUnsafe(ref source, (nuint)t).StoreUnsafe(ref destination, (nuint)t);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; t + 4 <= count; t += 4)
            {
                Vector128.LoadUnsafe(ref source, (nuint)t).StoreUnsafe(ref destination, (nuint)t);
            }
        }

        for (; t < count; t++)
        {
            Unsafe.Add(ref destination, t) = Unsafe.Add(ref source, t);
        }
    }

    /// <summary><c>destination[t] = 0</c> for t &lt; count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(ref float destination, int count)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; t + 8 <= count; t += 8)
            {
                Vector256<float>.Zero.StoreUnsafe(ref destination, (nuint)t);
            }
        }

        for (; t < count; t++)
        {
            Unsafe.Add(ref destination, t) = 0f;
        }
    }

    /// <summary><c>destination[t] += source[t]</c> for t &lt; count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref float destination, ref float source, int count)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; t + 8 <= count; t += 8)
            {
                ref float d = ref Unsafe.Add(ref destination, t);
                (Vector256.LoadUnsafe(ref d) + Vector256.LoadUnsafe(ref Unsafe.Add(ref source, t))).StoreUnsafe(ref d);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; t + 4 <= count; t += 4)
            {
                ref float d = ref Unsafe.Add(ref destination, t);
                (Vector128.LoadUnsafe(ref d) + Vector128.LoadUnsafe(ref Unsafe.Add(ref source, t))).StoreUnsafe(ref d);
            }
        }

        for (; t < count; t++)
        {
            Unsafe.Add(ref destination, t) += Unsafe.Add(ref source, t);
        }
    }

    /// <summary><c>destination[t] += source[t] · scale</c> for t &lt; count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(ref float destination, ref float source, float scale, int count)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> s = Vector256.Create(scale);
            for (; t + 8 <= count; t += 8)
            {
                ref float d = ref Unsafe.Add(ref destination, t);
                Simd.MultiplyAdd(Vector256.LoadUnsafe(ref Unsafe.Add(ref source, t)), s, Vector256.LoadUnsafe(ref d)).StoreUnsafe(ref d);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> s = Vector128.Create(scale);
            for (; t + 4 <= count; t += 4)
            {
                ref float d = ref Unsafe.Add(ref destination, t);
                Simd.MultiplyAdd(Vector128.LoadUnsafe(ref Unsafe.Add(ref source, t)), s, Vector128.LoadUnsafe(ref d)).StoreUnsafe(ref d);
            }
        }

        for (; t < count; t++)
        {
            Unsafe.Add(ref destination, t) = MathF.FusedMultiplyAdd(Unsafe.Add(ref source, t), scale, Unsafe.Add(ref destination, t));
        }
    }

    /// <summary><c>destination[t] = source[t] · scale</c> for t &lt; count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scale(ref float destination, ref float source, float scale, int count)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> s = Vector256.Create(scale);
            for (; t + 8 <= count; t += 8)
            {
                (Vector256.LoadUnsafe(ref Unsafe.Add(ref source, t)) * s).StoreUnsafe(ref Unsafe.Add(ref destination, t));
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> s = Vector128.Create(scale);
            for (; t + 4 <= count; t += 4)
            {
                (Vector128.LoadUnsafe(ref Unsafe.Add(ref source, t)) * s).StoreUnsafe(ref Unsafe.Add(ref destination, t));
            }
        }

        for (; t < count; t++)
        {
            Unsafe.Add(ref destination, t) = Unsafe.Add(ref source, t) * scale;
        }
    }

    /// <summary>
    /// <c>destination[t] = max(destination[t], source[t])</c> for t &lt; count. A NaN in either operand may or may not
    /// propagate (the vector and scalar paths differ); callers only need the result to stay finite-safe, not NaN-exact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Max(ref float destination, ref float source, int count)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; t + 8 <= count; t += 8)
            {
                ref float d = ref Unsafe.Add(ref destination, t);
                Vector256.Max(Vector256.LoadUnsafe(ref d), Vector256.LoadUnsafe(ref Unsafe.Add(ref source, t))).StoreUnsafe(ref d);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; t + 4 <= count; t += 4)
            {
                ref float d = ref Unsafe.Add(ref destination, t);
                Vector128.Max(Vector128.LoadUnsafe(ref d), Vector128.LoadUnsafe(ref Unsafe.Add(ref source, t))).StoreUnsafe(ref d);
            }
        }

        for (; t < count; t++)
        {
            float s = Unsafe.Add(ref source, t);
            ref float d = ref Unsafe.Add(ref destination, t);
            if (s > d) d = s;
        }
    }

    /// <summary>
    /// Routes one gradient run to the first of several candidate runs that holds the maximum: for each t, if
    /// <c>routed[t]</c> is still clear and <c>candidate[t] == max[t]</c>, adds <c>gradient[t]</c> to <c>destination[t]</c>
    /// and marks <c>routed[t]</c>. <paramref name="routed"/> holds all-ones bit patterns for routed lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RouteToFirstMax(ref float destination, ref float candidate, ref float max, ref float gradient, ref float routed, int count)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; t + 8 <= count; t += 8)
            {
                ref float r = ref Unsafe.Add(ref routed, t);
                ref float d = ref Unsafe.Add(ref destination, t);
                Vector256<float> hit = Vector256.AndNot(
                    Vector256.Equals(Vector256.LoadUnsafe(ref Unsafe.Add(ref candidate, t)), Vector256.LoadUnsafe(ref Unsafe.Add(ref max, t))),
                    Vector256.LoadUnsafe(ref r));
                (Vector256.LoadUnsafe(ref d) + (Vector256.LoadUnsafe(ref Unsafe.Add(ref gradient, t)) & hit)).StoreUnsafe(ref d);
                (Vector256.LoadUnsafe(ref r) | hit).StoreUnsafe(ref r);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; t + 4 <= count; t += 4)
            {
                ref float r = ref Unsafe.Add(ref routed, t);
                ref float d = ref Unsafe.Add(ref destination, t);
                Vector128<float> hit = Vector128.AndNot(
                    Vector128.Equals(Vector128.LoadUnsafe(ref Unsafe.Add(ref candidate, t)), Vector128.LoadUnsafe(ref Unsafe.Add(ref max, t))),
                    Vector128.LoadUnsafe(ref r));
                (Vector128.LoadUnsafe(ref d) + (Vector128.LoadUnsafe(ref Unsafe.Add(ref gradient, t)) & hit)).StoreUnsafe(ref d);
                (Vector128.LoadUnsafe(ref r) | hit).StoreUnsafe(ref r);
            }
        }

        for (; t < count; t++)
        {
            ref float r = ref Unsafe.Add(ref routed, t);
            if (BitConverter.SingleToInt32Bits(r) == 0 && Unsafe.Add(ref candidate, t) == Unsafe.Add(ref max, t))
            {
                Unsafe.Add(ref destination, t) += Unsafe.Add(ref gradient, t);
                r = BitConverter.Int32BitsToSingle(-1);
            }
        }
    }
}
