using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// Keras BatchNormalization over the last axis. Every tensor is <c>rows × channels</c> row-major, where <c>rows</c> is
/// the product of all leading axes (samples × positions); per-channel vectors hold <c>channels</c> floats.
/// Per-channel coefficients are staged on the stack in blocks, so no call allocates.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormalization
{
    /// <summary>Channels handled per block (the per-channel coefficients of one block live on the stack).</summary>
    private const int Block = 256;

    /// <summary>
    /// <c>y = gamma · (x − movingMean) / sqrt(movingVariance + epsilon) + beta</c>, per channel.
    /// <paramref name="y"/> may be the same span as <paramref name="x"/>.
    /// </summary>
    public static void Inference(int rows, int channels, float epsilon, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, ReadOnlySpan<float> x, Span<float> y)
    {
        CheckSizes(rows, channels);
        CheckChannels(channels, gamma.Length, nameof(gamma), beta.Length, nameof(beta));
        CheckChannels(channels, movingMean.Length, nameof(movingMean), movingVariance.Length, nameof(movingVariance));
        CheckRows(rows, channels, x.Length, nameof(x), y.Length, nameof(y));
        Span<float> scale = stackalloc float[Math.Min(channels, Block)];
        for (int c0 = 0; c0 < channels; c0 += Block)
        {
            int width = Math.Min(Block, channels - c0);
            for (int c = 0; c < width; c++)
            {
                scale[c] = (float)(gamma[c0 + c] / Math.Sqrt((double)movingVariance[c0 + c] + epsilon));
            }

            for (int r = 0; r < rows; r++)
            {
                int offset = r * channels + c0;
                ShiftScaleShift(x.Slice(offset, width), movingMean.Slice(c0, width), scale.Slice(0, width), beta.Slice(c0, width), y.Slice(offset, width));
            }
        }
    }

    /// <summary>
    /// Training-mode forward: per channel, the batch mean and biased variance over the rows (accumulated in double),
    /// <c>normalized = (x − mean) / sqrt(variance + epsilon)</c> and <c>y = gamma · normalized + beta</c>. Writes
    /// <paramref name="mean"/> and <paramref name="variance"/> (<c>channels</c> each) for
    /// <see cref="UpdateMovingStatistics"/> and <see cref="Backward"/>.
    /// </summary>
    public static void TrainingForward(int rows, int channels, float epsilon, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> x, Span<float> normalized, Span<float> y, Span<float> mean, Span<float> variance)
    {
        CheckSizes(rows, channels);
        if (rows == 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "Batch statistics need at least one row.");
        CheckChannels(channels, gamma.Length, nameof(gamma), beta.Length, nameof(beta));
        CheckChannels(channels, mean.Length, nameof(mean), variance.Length, nameof(variance));
        CheckRows(rows, channels, x.Length, nameof(x), y.Length, nameof(y));
        KernelChecks.Length(normalized.Length, (long)rows * channels, nameof(normalized), "rows × channels");
        int blockWidth = Math.Min(channels, Block);
        Span<double> sum = stackalloc double[blockWidth];
        Span<double> squares = stackalloc double[blockWidth];
        Span<float> scale = stackalloc float[blockWidth];
        Span<float> zero = stackalloc float[blockWidth];
        zero.Clear();
        ref float px = ref MemoryMarshal.GetReference(x);
        for (int c0 = 0; c0 < channels; c0 += Block)
        {
            int width = Math.Min(Block, channels - c0);
            Span<double> s = sum.Slice(0, width), q = squares.Slice(0, width);
            s.Clear();
            q.Clear();
            for (int r = 0; r < rows; r++)
            {
                AccumulateRow(ref Unsafe.Add(ref px, (nint)r * channels + c0), s);
            }

            for (int c = 0; c < width; c++)
            {
                s[c] /= rows;
            }

            // Second pass about the mean: no cancellation, unlike E[x²] − E[x]².
            for (int r = 0; r < rows; r++)
            {
                AccumulateSquaredDeviations(ref Unsafe.Add(ref px, (nint)r * channels + c0), s, q);
            }

            for (int c = 0; c < width; c++)
            {
                double v = q[c] / rows;
                mean[c0 + c] = (float)s[c];
                variance[c0 + c] = (float)v;
                scale[c] = (float)(1.0 / Math.Sqrt(v + epsilon));
            }

            for (int r = 0; r < rows; r++)
            {
                int offset = r * channels + c0;
                Span<float> normalizedRow = normalized.Slice(offset, width);
                // normalized = (x − mean) · invStd + 0, then y = normalized · gamma + beta.
                ShiftScaleShift(x.Slice(offset, width), mean.Slice(c0, width), scale.Slice(0, width), zero.Slice(0, width), normalizedRow);
                ScaleShift(normalizedRow, gamma.Slice(c0, width), beta.Slice(c0, width), y.Slice(offset, width));
            }
        }
    }

    /// <summary>
    /// Training-mode gradients. Overwrites <paramref name="dGamma"/> with <c>Σ_rows dy · normalized</c>,
    /// <paramref name="dBeta"/> with <c>Σ_rows dy</c> (both accumulated in double), and <paramref name="dx"/> with
    /// <c>gamma / sqrt(variance + epsilon) / rows · (rows · dy − dBeta − normalized · dGamma)</c>.
    /// <paramref name="dx"/> may be the same span as <paramref name="dy"/>.
    /// </summary>
    public static void Backward(int rows, int channels, float epsilon, ReadOnlySpan<float> gamma, ReadOnlySpan<float> variance,
        ReadOnlySpan<float> normalized, ReadOnlySpan<float> dy, Span<float> dx, Span<float> dGamma, Span<float> dBeta)
    {
        CheckSizes(rows, channels);
        if (rows == 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "Batch statistics need at least one row.");
        CheckChannels(channels, gamma.Length, nameof(gamma), variance.Length, nameof(variance));
        CheckChannels(channels, dGamma.Length, nameof(dGamma), dBeta.Length, nameof(dBeta));
        CheckRows(rows, channels, normalized.Length, nameof(normalized), dy.Length, nameof(dy));
        KernelChecks.Length(dx.Length, (long)rows * channels, nameof(dx), "rows × channels");
        int blockWidth = Math.Min(channels, Block);
        Span<double> sumDy = stackalloc double[blockWidth];
        Span<double> sumDyNormalized = stackalloc double[blockWidth];
        Span<float> dyScale = stackalloc float[blockWidth];
        Span<float> normalizedScale = stackalloc float[blockWidth];
        Span<float> offset = stackalloc float[blockWidth];
        ref float pdy = ref MemoryMarshal.GetReference(dy);
        ref float pn = ref MemoryMarshal.GetReference(normalized);
        for (int c0 = 0; c0 < channels; c0 += Block)
        {
            int width = Math.Min(Block, channels - c0);
            Span<double> sb = sumDy.Slice(0, width), sg = sumDyNormalized.Slice(0, width);
            sb.Clear();
            sg.Clear();
            for (int r = 0; r < rows; r++)
            {
                nint at = (nint)r * channels + c0;
                ref float dyRow = ref Unsafe.Add(ref pdy, at);
                ref float nRow = ref Unsafe.Add(ref pn, at);
                for (int c = 0; c < width; c++)
                {
                    double g = Unsafe.Add(ref dyRow, c);
                    sb[c] += g;
                    sg[c] += g * Unsafe.Add(ref nRow, c);
                }
            }

            // dx = a·dy + b·normalized + o with a = gamma·invStd, b = −a·dGamma/rows, o = −a·dBeta/rows.
            for (int c = 0; c < width; c++)
            {
                dGamma[c0 + c] = (float)sg[c];
                dBeta[c0 + c] = (float)sb[c];
                double a = gamma[c0 + c] / Math.Sqrt((double)variance[c0 + c] + epsilon);
                dyScale[c] = (float)a;
                normalizedScale[c] = (float)(-a * sg[c] / rows);
                offset[c] = (float)(-a * sb[c] / rows);
            }

            for (int r = 0; r < rows; r++)
            {
                int at = r * channels + c0;
                CombineRow(dy.Slice(at, width), dyScale, normalized.Slice(at, width), normalizedScale, offset, dx.Slice(at, width));
            }
        }
    }

    /// <summary>
    /// Keras's moving-statistics step, per channel: <c>movingMean = movingMean · momentum + mean · (1 − momentum)</c>,
    /// and the same for the variance.
    /// </summary>
    public static void UpdateMovingStatistics(int channels, float momentum, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance,
        Span<float> movingMean, Span<float> movingVariance)
    {
        KernelChecks.Positive(channels, nameof(channels));
        CheckChannels(channels, mean.Length, nameof(mean), variance.Length, nameof(variance));
        CheckChannels(channels, movingMean.Length, nameof(movingMean), movingVariance.Length, nameof(movingVariance));
        float rest = 1f - momentum;
        for (int c = 0; c < channels; c++)
        {
            movingMean[c] = movingMean[c] * momentum + mean[c] * rest;
            movingVariance[c] = movingVariance[c] * momentum + variance[c] * rest;
        }
    }

    /// <summary><c>sums[c] += row[c]</c> in double (the batch-mean pass).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateRow(ref float row, Span<double> sums)
    {
        int c = 0, n = sums.Length;
        ref double s = ref MemoryMarshal.GetReference(sums);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 8 <= n; c += 8)
            {
                (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(Vector256.LoadUnsafe(ref row, (nuint)c));
                (Vector256.LoadUnsafe(ref s, (nuint)c) + lower).StoreUnsafe(ref s, (nuint)c);
                (Vector256.LoadUnsafe(ref s, (nuint)(c + 4)) + upper).StoreUnsafe(ref s, (nuint)(c + 4));
            }
        }

        for (; c < n; c++)
        {
            Unsafe.Add(ref s, c) += Unsafe.Add(ref row, c);
        }
    }

    /// <summary><c>squares[c] += (row[c] − mean[c])²</c> in double (the batch-variance pass).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateSquaredDeviations(ref float row, ReadOnlySpan<double> mean, Span<double> squares)
    {
        int c = 0, n = squares.Length;
        ref double m = ref MemoryMarshal.GetReference(mean);
        ref double q = ref MemoryMarshal.GetReference(squares);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 8 <= n; c += 8)
            {
                (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(Vector256.LoadUnsafe(ref row, (nuint)c));
                Vector256<double> d0 = lower - Vector256.LoadUnsafe(ref m, (nuint)c);
                Vector256<double> d1 = upper - Vector256.LoadUnsafe(ref m, (nuint)(c + 4));
                (Vector256.LoadUnsafe(ref q, (nuint)c) + d0 * d0).StoreUnsafe(ref q, (nuint)c);
                (Vector256.LoadUnsafe(ref q, (nuint)(c + 4)) + d1 * d1).StoreUnsafe(ref q, (nuint)(c + 4));
            }
        }

        for (; c < n; c++)
        {
            double d = Unsafe.Add(ref row, c) - Unsafe.Add(ref m, c);
            Unsafe.Add(ref q, c) += d * d;
        }
    }

    /// <summary><c>destination[c] = (source[c] − shift[c]) · scale[c] + offset[c]</c>; destination may alias source.</summary>
    private static void ShiftScaleShift(ReadOnlySpan<float> source, ReadOnlySpan<float> shift, ReadOnlySpan<float> scale, ReadOnlySpan<float> offset, Span<float> destination)
    {
        int n = source.Length, c = 0;
        ref float ps = ref MemoryMarshal.GetReference(source);
        ref float pm = ref MemoryMarshal.GetReference(shift);
        ref float pk = ref MemoryMarshal.GetReference(scale);
        ref float po = ref MemoryMarshal.GetReference(offset);
        ref float pd = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 8 <= n; c += 8)
            {
                Vector256<float> centred = Vector256.LoadUnsafe(ref ps, (nuint)c) - Vector256.LoadUnsafe(ref pm, (nuint)c);
                Simd.MultiplyAdd(centred, Vector256.LoadUnsafe(ref pk, (nuint)c), Vector256.LoadUnsafe(ref po, (nuint)c)).StoreUnsafe(ref pd, (nuint)c);
            }
        }

        for (; c < n; c++)
        {
            Unsafe.Add(ref pd, c) = MathF.FusedMultiplyAdd(Unsafe.Add(ref ps, c) - Unsafe.Add(ref pm, c), Unsafe.Add(ref pk, c), Unsafe.Add(ref po, c));
        }
    }

    /// <summary><c>destination[c] = source[c] · scale[c] + offset[c]</c>.</summary>
    private static void ScaleShift(ReadOnlySpan<float> source, ReadOnlySpan<float> scale, ReadOnlySpan<float> offset, Span<float> destination)
    {
        int n = source.Length, c = 0;
        ref float ps = ref MemoryMarshal.GetReference(source);
        ref float pk = ref MemoryMarshal.GetReference(scale);
        ref float po = ref MemoryMarshal.GetReference(offset);
        ref float pd = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 8 <= n; c += 8)
            {
                Simd.MultiplyAdd(Vector256.LoadUnsafe(ref ps, (nuint)c), Vector256.LoadUnsafe(ref pk, (nuint)c), Vector256.LoadUnsafe(ref po, (nuint)c))
                    .StoreUnsafe(ref pd, (nuint)c);
            }
        }

        for (; c < n; c++)
        {
            Unsafe.Add(ref pd, c) = MathF.FusedMultiplyAdd(Unsafe.Add(ref ps, c), Unsafe.Add(ref pk, c), Unsafe.Add(ref po, c));
        }
    }

    /// <summary><c>destination[c] = a[c]·u[c] + b[c]·v[c] + offset[c]</c>; destination may alias u.</summary>
    private static void CombineRow(ReadOnlySpan<float> u, ReadOnlySpan<float> a, ReadOnlySpan<float> v, ReadOnlySpan<float> b, ReadOnlySpan<float> offset, Span<float> destination)
    {
        int n = u.Length, c = 0;
        ref float pu = ref MemoryMarshal.GetReference(u);
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pv = ref MemoryMarshal.GetReference(v);
        ref float pb = ref MemoryMarshal.GetReference(b);
        ref float po = ref MemoryMarshal.GetReference(offset);
        ref float pd = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 8 <= n; c += 8)
            {
                Vector256<float> partial = Simd.MultiplyAdd(Vector256.LoadUnsafe(ref pv, (nuint)c), Vector256.LoadUnsafe(ref pb, (nuint)c), Vector256.LoadUnsafe(ref po, (nuint)c));
                Simd.MultiplyAdd(Vector256.LoadUnsafe(ref pu, (nuint)c), Vector256.LoadUnsafe(ref pa, (nuint)c), partial).StoreUnsafe(ref pd, (nuint)c);
            }
        }

        for (; c < n; c++)
        {
            float partial = MathF.FusedMultiplyAdd(Unsafe.Add(ref pv, c), Unsafe.Add(ref pb, c), Unsafe.Add(ref po, c));
            Unsafe.Add(ref pd, c) = MathF.FusedMultiplyAdd(Unsafe.Add(ref pu, c), Unsafe.Add(ref pa, c), partial);
        }
    }

    private static void CheckSizes(int rows, int channels)
    {
        KernelChecks.Positive(rows, nameof(rows), allowZero: true);
        KernelChecks.Positive(channels, nameof(channels));
    }

    private static void CheckChannels(int channels, int firstLength, string firstName, int secondLength, string secondName)
    {
        KernelChecks.Length(firstLength, channels, firstName, "channels");
        KernelChecks.Length(secondLength, channels, secondName, "channels");
    }

    private static void CheckRows(int rows, int channels, int firstLength, string firstName, int secondLength, string secondName)
    {
        KernelChecks.Length(firstLength, (long)rows * channels, firstName, "rows × channels");
        KernelChecks.Length(secondLength, (long)rows * channels, secondName, "rows × channels");
    }
}
