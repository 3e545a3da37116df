using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// Inference convolution without im2col rows, for windows with few taps (<see cref="MaxPatch"/>): each output position
/// keeps its accumulators (filters, as vectors) in registers and reads the taps straight from the input.
/// </summary>
/// <remarks>
/// The bits are those of <see cref="Gemm.Multiply"/> on the im2col matrix: every accumulator starts from the bias (or
/// zero) and takes one fused multiply-add per tap in <c>(i, j, c)</c> order, a padding cell included as a 0; the
/// columns <see cref="Gemm"/> finishes in vectors (all but <c>filters mod 4</c>) are fused here too, and the last
/// <c>filters mod 4</c> columns take a rounded product then a rounded add, as <see cref="Gemm"/>'s scalar tail does.
/// The vector width does not change a lane's result (<see cref="Simd"/>), so the widest one serves every panel.
/// </remarks>
internal static class DirectConvolution
{
    /// <summary>The largest patch (<c>kh · kw · channels</c>) taken here: above it the GEMM's longer inner loop pays for im2col.</summary>
    public const int MaxPatch = 32;

    /// <summary>Whether <see cref="Forward"/> takes this window.</summary>
    public static bool Takes(in Window2D window) => window.PatchSize <= MaxPatch;

    /// <summary><c>y = conv(x) + bias</c>; lengths already checked, <paramref name="samples"/> &gt; 0.</summary>
    public static void Forward(int samples, in Window2D w, int filters, ref float x, ref float kernel, bool hasBias, ref float bias, ref float y)
    {
        int patch = w.PatchSize;
        Span<int> taps = stackalloc int[MaxPatch];
        int rowLength = w.Width * w.Channels;
        for (int i = 0, p = 0; i < w.WindowHeight; i++)
        {
            for (int j = 0; j < w.WindowWidth; j++)
            {
                for (int c = 0; c < w.Channels; c++, p++)
                {
                    taps[p] = i * w.DilationHeight * rowLength + j * w.DilationWidth * w.Channels + c;
                }
            }
        }

        ref int tap = ref taps[0];
        int vectorColumns = Vector128.IsHardwareAccelerated ? filters & ~3 : 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Run<Vector512Ops, Vector512<float>>(samples, w, filters, vectorColumns, ref tap, ref x, ref kernel, hasBias, ref bias, ref y);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Run<Vector256Ops, Vector256<float>>(samples, w, filters, vectorColumns, ref tap, ref x, ref kernel, hasBias, ref bias, ref y);
        }
        else
        {
            Run<Vector128Ops, Vector128<float>>(samples, w, filters, vectorColumns, ref tap, ref x, ref kernel, hasBias, ref bias, ref y);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOps, TVector>(int samples, in Window2D w, int filters, int vectorColumns, ref int tap,
        ref float x, ref float kernel, bool hasBias, ref float bias, ref float y)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int height = w.Height, width = w.Width, channels = w.Channels, kh = w.WindowHeight, kw = w.WindowWidth;
        int strideH = w.StrideHeight, strideW = w.StrideWidth, dilationH = w.DilationHeight, dilationW = w.DilationWidth;
        int padTop = w.PadTop, padLeft = w.PadLeft, outH = w.OutputHeight, outW = w.OutputWidth, patch = w.PatchSize;
        int rowLength = width * channels, step = strideW * channels;

        // Output columns whose whole window lies inside the input across the width: [owFirst, owEnd).
        int owFirst = Math.Min(outW, (padLeft + strideW - 1) / strideW);
        int owEnd = Math.Max(owFirst, Math.Min(outW, (width - 1 - (kw - 1) * dilationW + padLeft) / strideW + 1));
        if (width - 1 - (kw - 1) * dilationW + padLeft < 0) owEnd = owFirst;
        for (int n = 0; n < samples; n++)
        {
            ref float sample = ref Unsafe.Add(ref x, (nint)n * w.InputSize);
            for (int oh = 0; oh < outH; oh++)
            {
                int top = oh * strideH - padTop;
                bool rowInside = top >= 0 && top + (kh - 1) * dilationH < height;
                ref float yRow = ref Unsafe.Add(ref y, ((nint)n * outH + oh) * outW * filters);
                int ow = 0;
                if (rowInside)
                {
                    for (; ow < owFirst; ow++)
                    {
                        Checked<TOps, TVector>(w, filters, vectorColumns, ref sample, top, ow * strideW - padLeft, ref kernel, hasBias, ref bias, ref Unsafe.Add(ref yRow, ow * filters));
                    }

                    for (; ow + 4 <= owEnd; ow += 4)
                    {
                        ref float origin = ref Unsafe.Add(ref sample, top * rowLength + (ow * strideW - padLeft) * channels);
                        FourPositions<TOps, TVector>(patch, filters, vectorColumns, step, ref tap, ref origin, ref kernel, hasBias, ref bias, ref Unsafe.Add(ref yRow, ow * filters));
                    }
                }

                for (; ow < outW; ow++)
                {
                    Checked<TOps, TVector>(w, filters, vectorColumns, ref sample, top, ow * strideW - padLeft, ref kernel, hasBias, ref bias, ref Unsafe.Add(ref yRow, ow * filters));
                }
            }
        }
    }

    /// <summary>Four neighbouring positions of one output row whose windows lie inside the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourPositions<TOps, TVector>(int patch, int filters, int vectorColumns, int step, ref int tap, ref float origin,
        ref float kernel, bool hasBias, ref float bias, ref float y)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int width = TOps.Count;
        ref float x0 = ref origin;
        ref float x1 = ref Unsafe.Add(ref origin, step);
        ref float x2 = ref Unsafe.Add(ref origin, 2 * step);
        ref float x3 = ref Unsafe.Add(ref origin, 3 * step);
        int j = 0;
        for (; j + 2 * width <= vectorColumns; j += 2 * width)
        {
            TVector b0 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j)) : default;
            TVector b1 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j + width)) : default;
            TVector c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
            ref float kp = ref Unsafe.Add(ref kernel, j);
            for (int p = 0; p < patch; p++)
            {
                TVector k0 = TOps.Load(ref kp);
                TVector k1 = TOps.Load(ref Unsafe.Add(ref kp, width));
                int o = Unsafe.Add(ref tap, p);
                TVector v = TOps.Create(Unsafe.Add(ref x0, o));
                c00 = TOps.MultiplyAdd(v, k0, c00);
                c01 = TOps.MultiplyAdd(v, k1, c01);
                v = TOps.Create(Unsafe.Add(ref x1, o));
                c10 = TOps.MultiplyAdd(v, k0, c10);
                c11 = TOps.MultiplyAdd(v, k1, c11);
                v = TOps.Create(Unsafe.Add(ref x2, o));
                c20 = TOps.MultiplyAdd(v, k0, c20);
                c21 = TOps.MultiplyAdd(v, k1, c21);
                v = TOps.Create(Unsafe.Add(ref x3, o));
                c30 = TOps.MultiplyAdd(v, k0, c30);
                c31 = TOps.MultiplyAdd(v, k1, c31);
                kp = ref Unsafe.Add(ref kp, filters);
            }

            ref float yp = ref Unsafe.Add(ref y, j);
            TOps.Store(c00, ref yp);
            TOps.Store(c01, ref Unsafe.Add(ref yp, width));
            yp = ref Unsafe.Add(ref yp, filters);
            TOps.Store(c10, ref yp);
            TOps.Store(c11, ref Unsafe.Add(ref yp, width));
            yp = ref Unsafe.Add(ref yp, filters);
            TOps.Store(c20, ref yp);
            TOps.Store(c21, ref Unsafe.Add(ref yp, width));
            yp = ref Unsafe.Add(ref yp, filters);
            TOps.Store(c30, ref yp);
            TOps.Store(c31, ref Unsafe.Add(ref yp, width));
        }

        for (; j + width <= vectorColumns; j += width)
        {
            TVector b0 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j)) : default;
            TVector c0 = b0, c1 = b0, c2 = b0, c3 = b0;
            ref float kp = ref Unsafe.Add(ref kernel, j);
            for (int p = 0; p < patch; p++)
            {
                TVector k0 = TOps.Load(ref kp);
                int o = Unsafe.Add(ref tap, p);
                c0 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref x0, o)), k0, c0);
                c1 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref x1, o)), k0, c1);
                c2 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref x2, o)), k0, c2);
                c3 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref x3, o)), k0, c3);
                kp = ref Unsafe.Add(ref kp, filters);
            }

            ref float yp = ref Unsafe.Add(ref y, j);
            TOps.Store(c0, ref yp);
            TOps.Store(c1, ref Unsafe.Add(ref yp, filters));
            TOps.Store(c2, ref Unsafe.Add(ref yp, 2 * filters));
            TOps.Store(c3, ref Unsafe.Add(ref yp, 3 * filters));
        }

        if (j < filters)
        {
            for (int t = 0; t < 4; t++)
            {
                Narrow(patch, filters, vectorColumns, j, ref tap, ref Unsafe.Add(ref origin, t * step), ref kernel, hasBias, ref bias, ref Unsafe.Add(ref y, t * filters));
            }
        }
    }

    /// <summary>
    /// Columns from <paramref name="j"/> of one position whose window lies inside the input: 8- and 4-lane vectors up to
    /// <paramref name="vectorColumns"/>, then scalar product-then-add.
    /// </summary>
    private static void Narrow(int patch, int filters, int vectorColumns, int j, ref int tap, ref float origin,
        ref float kernel, bool hasBias, ref float bias, ref float y)
    {
        for (; j + 8 <= vectorColumns && Vector256.IsHardwareAccelerated; j += 8)
        {
            Vector256<float> c0 = hasBias ? Vector256.LoadUnsafe(ref Unsafe.Add(ref bias, j)) : default;
            for (int p = 0; p < patch; p++)
            {
                c0 = Simd.MultiplyAdd(Vector256.Create(Unsafe.Add(ref origin, Unsafe.Add(ref tap, p))), Vector256.LoadUnsafe(ref Unsafe.Add(ref kernel, p * filters + j)), c0);
            }

            c0.StoreUnsafe(ref Unsafe.Add(ref y, j));
        }

        for (; j + 4 <= vectorColumns; j += 4)
        {
            Vector128<float> c0 = hasBias ? Vector128.LoadUnsafe(ref Unsafe.Add(ref bias, j)) : default;
            for (int p = 0; p < patch; p++)
            {
                c0 = Simd.MultiplyAdd(Vector128.Create(Unsafe.Add(ref origin, Unsafe.Add(ref tap, p))), Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, p * filters + j)), c0);
            }

            c0.StoreUnsafe(ref Unsafe.Add(ref y, j));
        }

        for (; j < filters; j++)
        {
            float c0 = hasBias ? Unsafe.Add(ref bias, j) : 0f;
            for (int p = 0; p < patch; p++)
            {
                // Product then add, each rounded, as the GEMM's scalar tail.
                float product = Unsafe.Add(ref origin, Unsafe.Add(ref tap, p)) * Unsafe.Add(ref kernel, p * filters + j);
                c0 += product;
            }

            Unsafe.Add(ref y, j) = c0;
        }
    }

    /// <summary>
    /// One position whose window may reach into the padding: the window is gathered into a small buffer (padding cells
    /// 0, as in the im2col row), then multiplied as a position whose taps are that buffer.
    /// </summary>
    private static void Checked<TOps, TVector>(in Window2D w, int filters, int vectorColumns, ref float sample, int top, int left,
        ref float kernel, bool hasBias, ref float bias, ref float y)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int patch = w.PatchSize, channels = w.Channels, rowLength = w.Width * channels;
        Span<float> row = stackalloc float[MaxPatch];
        Span<int> identity = stackalloc int[MaxPatch];
        for (int i = 0, p = 0; i < w.WindowHeight; i++)
        {
            int r = top + i * w.DilationHeight;
            for (int j = 0; j < w.WindowWidth; j++)
            {
                int col = left + j * w.DilationWidth;
                bool inside = (uint)r < (uint)w.Height && (uint)col < (uint)w.Width;
                for (int c = 0; c < channels; c++, p++)
                {
                    row[p] = inside ? Unsafe.Add(ref sample, r * rowLength + col * channels + c) : 0f;
                    identity[p] = p;
                }
            }
        }

        int width = TOps.Count, jj = 0;
        ref float origin = ref row[0];
        ref int taps = ref identity[0];
        for (; jj + width <= vectorColumns; jj += width)
        {
            TVector c0 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, jj)) : default;
            for (int p = 0; p < patch; p++)
            {
                c0 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref origin, p)), TOps.Load(ref Unsafe.Add(ref kernel, p * filters + jj)), c0);
            }

            TOps.Store(c0, ref Unsafe.Add(ref y, jj));
        }

        Narrow(patch, filters, vectorColumns, jj, ref taps, ref origin, ref kernel, hasBias, ref bias, ref y);
    }
}
