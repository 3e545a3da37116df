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
    /// <c>target[t] = max over the window's cells of origin[i · rowStride + j · count + t]</c> for i &lt; rows, j &lt; cols:
    /// one max-pooling output position, each vector of channels accumulated in a register.
    /// </summary>
    public static void WindowMax(ref float target, ref float origin, int rows, int cols, int rowStride, int count)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated && rows == 2 && cols == 2)
        {
            // The common 2×2 window unrolled (the generic loops cost more than the maxima); the same maxima in the same order.
            for (; t + 8 <= count; t += 8)
            {
                ref float p = ref Unsafe.Add(ref origin, t);
                Vector256<float> first = Vector256.LoadUnsafe(ref p);
                Vector256<float> max = Vector256.Max(first, first);
                max = Vector256.Max(max, Vector256.LoadUnsafe(ref Unsafe.Add(ref p, count)));
                max = Vector256.Max(max, Vector256.LoadUnsafe(ref Unsafe.Add(ref p, rowStride)));
                max = Vector256.Max(max, Vector256.LoadUnsafe(ref Unsafe.Add(ref p, rowStride + count)));
                max.StoreUnsafe(ref Unsafe.Add(ref target, t));
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; t + 8 <= count; t += 8)
            {
                ref float p = ref Unsafe.Add(ref origin, t);
                Vector256<float> max = Vector256.LoadUnsafe(ref p);
                for (int i = 0; i < rows; i++)
                {
                    ref float row = ref Unsafe.Add(ref p, i * rowStride);
                    for (int j = 0; j < cols; j++)
                    {
                        max = Vector256.Max(max, Vector256.LoadUnsafe(ref Unsafe.Add(ref row, j * count)));
                    }
                }

                max.StoreUnsafe(ref Unsafe.Add(ref target, t));
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; t + 4 <= count; t += 4)
            {
                ref float p = ref Unsafe.Add(ref origin, t);
                Vector128<float> max = Vector128.LoadUnsafe(ref p);
                for (int i = 0; i < rows; i++)
                {
                    ref float row = ref Unsafe.Add(ref p, i * rowStride);
                    for (int j = 0; j < cols; j++)
                    {
                        max = Vector128.Max(max, Vector128.LoadUnsafe(ref Unsafe.Add(ref row, j * count)));
                    }
                }

                max.StoreUnsafe(ref Unsafe.Add(ref target, t));
            }
        }

        for (; t < count; t++)
        {
            ref float p = ref Unsafe.Add(ref origin, t);
            float max = p;
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    float v = Unsafe.Add(ref p, i * rowStride + j * count);
                    if (v > max) max = v;
                }
            }

            Unsafe.Add(ref target, t) = max;
        }
    }

    /// <summary>
    /// One max-pooling output position's gradient: for each channel t, <c>gradient[t]</c> is added to the first cell of the
    /// window (row-major) whose value equals <c>max[t]</c>; cells are <c>candidate[i · rowStride + j · count + t]</c> and
    /// their gradients the same offsets from <paramref name="destination"/>. Nothing is routed where no cell equals the max (NaN).
    /// </summary>
    public static void RouteWindowToFirstMax(ref float destination, ref float candidate, int rows, int cols, int rowStride, ref float max, ref float gradient, int count)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; t + 8 <= count; t += 8)
            {
                Vector256<float> m = Vector256.LoadUnsafe(ref Unsafe.Add(ref max, t));
                Vector256<float> g = Vector256.LoadUnsafe(ref Unsafe.Add(ref gradient, t));
                Vector256<float> routed = Vector256<float>.Zero;
                for (int i = 0; i < rows; i++)
                {
                    for (int j = 0; j < cols; j++)
                    {
                        nint cell = i * rowStride + j * count + t;
                        Vector256<float> hit = Vector256.AndNot(Vector256.Equals(Vector256.LoadUnsafe(ref Unsafe.Add(ref candidate, cell)), m), routed);
                        ref float d = ref Unsafe.Add(ref destination, cell);
                        (Vector256.LoadUnsafe(ref d) + (g & hit)).StoreUnsafe(ref d);
                        routed |= hit;
                    }
                }
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; t + 4 <= count; t += 4)
            {
                Vector128<float> m = Vector128.LoadUnsafe(ref Unsafe.Add(ref max, t));
                Vector128<float> g = Vector128.LoadUnsafe(ref Unsafe.Add(ref gradient, t));
                Vector128<float> routed = Vector128<float>.Zero;
                for (int i = 0; i < rows; i++)
                {
                    for (int j = 0; j < cols; j++)
                    {
                        nint cell = i * rowStride + j * count + t;
                        Vector128<float> hit = Vector128.AndNot(Vector128.Equals(Vector128.LoadUnsafe(ref Unsafe.Add(ref candidate, cell)), m), routed);
                        ref float d = ref Unsafe.Add(ref destination, cell);
                        (Vector128.LoadUnsafe(ref d) + (g & hit)).StoreUnsafe(ref d);
                        routed |= hit;
                    }
                }
            }
        }

        for (; t < count; t++)
        {
            float m = Unsafe.Add(ref max, t);
            for (int cell = 0; cell < rows * cols; cell++)
            {
                nint offset = (cell / cols) * rowStride + (cell % cols) * count + t;
                if (Unsafe.Add(ref candidate, offset) == m)
                {
                    Unsafe.Add(ref destination, offset) += Unsafe.Add(ref gradient, t);
                    break;
                }
            }
        }
    }
}
