using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace StaticNets.Runtime;

/// <summary>
/// Inference convolution without im2col rows, for windows with few channels and taps (<see cref="Takes"/>): each output position
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
    /// <summary>The largest patch (<c>kh · kw · channels</c>) taken here.</summary>
    public const int MaxPatch = 100;

    /// <summary>The most input channels taken here.</summary>
    public const int MaxChannels = 4;

    /// <summary>
    /// Whether <see cref="Forward"/> takes this window. Measured against im2col + GEMM with 32 filters on a 28×28 input
    /// (AVX-512): direct wins 1.3–2.5× up to 4 channels (3×3×3, 5×5×2, 5×5×3, 7×7×1, 4×4×4), breaks even at 2×2×8 and
    /// 7×7×3, and loses at 4×4×16, where the contiguous channel runs make im2col cheap and the GEMM's larger tiles pay.
    /// </summary>
    public static bool Takes(in Window2D window) => window.Channels <= MaxChannels && window.PatchSize <= MaxPatch;

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

                    if (HasThirtyTwoVectorRegisters)
                    {
                        for (; ow + 8 <= owEnd; ow += 8)
                        {
                            ref float origin = ref Unsafe.Add(ref sample, top * rowLength + (ow * strideW - padLeft) * channels);
                            EightPositions<TOps, TVector>(patch, filters, vectorColumns, step, ref tap, ref origin, ref kernel, hasBias, ref bias, ref Unsafe.Add(ref yRow, ow * filters));
                        }
                    }

                    for (; ow + 4 <= owEnd; ow += 4)
                    {
                        ref float origin = ref Unsafe.Add(ref sample, top * rowLength + (ow * strideW - padLeft) * channels);
                        FourPositions<TOps, TVector>(0, patch, filters, vectorColumns, step, ref tap, ref origin, ref kernel, hasBias, ref bias, ref Unsafe.Add(ref yRow, ow * filters));
                    }
                }

                for (; rowInside && ow < owEnd; ow++)
                {
                    ref float origin = ref Unsafe.Add(ref sample, top * rowLength + (ow * strideW - padLeft) * channels);
                    Single<TOps, TVector>(patch, filters, vectorColumns, ref tap, ref origin, ref kernel, hasBias, ref bias, ref Unsafe.Add(ref yRow, ow * filters));
                }

                for (; ow < outW; ow++)
                {
                    Checked<TOps, TVector>(w, filters, vectorColumns, ref sample, top, ow * strideW - padLeft, ref kernel, hasBias, ref bias, ref Unsafe.Add(ref yRow, ow * filters));
                }
            }
        }
    }

    /// <summary>Whether the JIT has 32 vector registers (x64 with AVX-512, ARM64): room for 8 positions × 2 vectors.</summary>
    private static bool HasThirtyTwoVectorRegisters => Avx512F.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>Eight neighbouring positions of one output row whose windows lie inside the input: two-vector panels, then the rest four at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EightPositions<TOps, TVector>(int patch, int filters, int vectorColumns, int step, ref int tap, ref float origin,
        ref float kernel, bool hasBias, ref float bias, ref float y)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int width = TOps.Count;
        int j = 0;
        for (; j + 2 * width <= vectorColumns; j += 2 * width)
        {
            TVector b0 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j)) : default;
            TVector b1 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j + width)) : default;
            TVector c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
            TVector c40 = b0, c41 = b1, c50 = b0, c51 = b1, c60 = b0, c61 = b1, c70 = b0, c71 = b1;
            ref float kp = ref Unsafe.Add(ref kernel, j);
            for (int p = 0; p < patch; p++)
            {
                TVector k0 = TOps.Load(ref kp);
                TVector k1 = TOps.Load(ref Unsafe.Add(ref kp, width));
                ref float xp = ref Unsafe.Add(ref origin, Unsafe.Add(ref tap, p));
                TVector v = TOps.Create(xp);
                c00 = TOps.MultiplyAdd(v, k0, c00);
                c01 = TOps.MultiplyAdd(v, k1, c01);
                v = TOps.Create(Unsafe.Add(ref xp, step));
                c10 = TOps.MultiplyAdd(v, k0, c10);
                c11 = TOps.MultiplyAdd(v, k1, c11);
                v = TOps.Create(Unsafe.Add(ref xp, 2 * step));
                c20 = TOps.MultiplyAdd(v, k0, c20);
                c21 = TOps.MultiplyAdd(v, k1, c21);
                v = TOps.Create(Unsafe.Add(ref xp, 3 * step));
                c30 = TOps.MultiplyAdd(v, k0, c30);
                c31 = TOps.MultiplyAdd(v, k1, c31);
                v = TOps.Create(Unsafe.Add(ref xp, 4 * step));
                c40 = TOps.MultiplyAdd(v, k0, c40);
                c41 = TOps.MultiplyAdd(v, k1, c41);
                v = TOps.Create(Unsafe.Add(ref xp, 5 * step));
                c50 = TOps.MultiplyAdd(v, k0, c50);
                c51 = TOps.MultiplyAdd(v, k1, c51);
                v = TOps.Create(Unsafe.Add(ref xp, 6 * step));
                c60 = TOps.MultiplyAdd(v, k0, c60);
                c61 = TOps.MultiplyAdd(v, k1, c61);
                v = TOps.Create(Unsafe.Add(ref xp, 7 * step));
                c70 = TOps.MultiplyAdd(v, k0, c70);
                c71 = TOps.MultiplyAdd(v, k1, c71);
                kp = ref Unsafe.Add(ref kp, filters);
            }

            ref float yp = ref Unsafe.Add(ref y, j);
            StorePair<TOps, TVector>(ref yp, width, c00, c01);
            StorePair<TOps, TVector>(ref Unsafe.Add(ref yp, filters), width, c10, c11);
            StorePair<TOps, TVector>(ref Unsafe.Add(ref yp, 2 * filters), width, c20, c21);
            StorePair<TOps, TVector>(ref Unsafe.Add(ref yp, 3 * filters), width, c30, c31);
            StorePair<TOps, TVector>(ref Unsafe.Add(ref yp, 4 * filters), width, c40, c41);
            StorePair<TOps, TVector>(ref Unsafe.Add(ref yp, 5 * filters), width, c50, c51);
            StorePair<TOps, TVector>(ref Unsafe.Add(ref yp, 6 * filters), width, c60, c61);
            StorePair<TOps, TVector>(ref Unsafe.Add(ref yp, 7 * filters), width, c70, c71);
        }

        if (j < filters)
        {
            FourPositions<TOps, TVector>(j, patch, filters, vectorColumns, step, ref tap, ref origin, ref kernel, hasBias, ref bias, ref y);
            FourPositions<TOps, TVector>(j, patch, filters, vectorColumns, step, ref tap, ref Unsafe.Add(ref origin, 4 * step), ref kernel, hasBias, ref bias, ref Unsafe.Add(ref y, 4 * filters));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePair<TOps, TVector>(ref float row, int width, TVector v0, TVector v1)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        TOps.Store(v0, ref row);
        TOps.Store(v1, ref Unsafe.Add(ref row, width));
    }

    /// <summary>Four neighbouring positions of one output row whose windows lie inside the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourPositions<TOps, TVector>(int start, int patch, int filters, int vectorColumns, int step, ref int tap, ref float origin,
        ref float kernel, bool hasBias, ref float bias, ref float y)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int width = TOps.Count;
        ref float x0 = ref origin;
        ref float x1 = ref Unsafe.Add(ref origin, step);
        ref float x2 = ref Unsafe.Add(ref origin, 2 * step);
        ref float x3 = ref Unsafe.Add(ref origin, 3 * step);
        int j = start;
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

        Single<TOps, TVector>(patch, filters, vectorColumns, ref identity[0], ref row[0], ref kernel, hasBias, ref bias, ref y);
    }

    /// <summary>One position whose tap <c>p</c> is <c>origin[tap[p]]</c>: whole vectors, then <see cref="Narrow"/>.</summary>
    private static void Single<TOps, TVector>(int patch, int filters, int vectorColumns, ref int tap, ref float origin,
        ref float kernel, bool hasBias, ref float bias, ref float y)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int width = TOps.Count, j = 0;
        for (; j + width <= vectorColumns; j += width)
        {
            TVector c0 = hasBias ? TOps.Load(ref Unsafe.Add(ref bias, j)) : default;
            for (int p = 0; p < patch; p++)
            {
                c0 = TOps.MultiplyAdd(TOps.Create(Unsafe.Add(ref origin, Unsafe.Add(ref tap, p))), TOps.Load(ref Unsafe.Add(ref kernel, p * filters + j)), c0);
            }

            TOps.Store(c0, ref Unsafe.Add(ref y, j));
        }

        Narrow(patch, filters, vectorColumns, j, ref tap, ref origin, ref kernel, hasBias, ref bias, ref y);
    }
}
