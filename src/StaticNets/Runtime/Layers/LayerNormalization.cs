using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// Keras LayerNormalization over the last axis: each row of <c>features</c> floats is normalised by its own mean and
/// biased variance, <c>y = gamma · (x − mean) / sqrt(variance + epsilon) + beta</c>. Every tensor is
/// <c>rows × features</c> row-major, where <c>rows</c> is the product of all leading axes (samples × positions);
/// gamma and beta hold <c>features</c> floats. The same in training and inference (no moving statistics).
/// </summary>
/// <remarks>
/// A row's sums are taken in double, entry i into partial sum i mod 4 (one pair of 128-bit double vectors), the
/// partials added in a fixed order and the tail after them, so a row's statistics do not depend on the machine's
/// vector width. The element-wise steps are vectorised with the widest accelerated width.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LayerNormalization
{
    /// <summary>
    /// <c>y = gamma · (x − mean) / sqrt(variance + epsilon) + beta</c>, row by row. <paramref name="y"/> may be the
    /// same span as <paramref name="x"/>. Gives the same bits as <see cref="TrainingForward"/>.
    /// </summary>
    public static void Forward(int rows, int features, float epsilon, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> x, Span<float> y)
    {
        CheckSizes(rows, features, epsilon);
        CheckFeatures(features, gamma.Length, nameof(gamma), beta.Length, nameof(beta));
        CheckRows(rows, features, x.Length, nameof(x), y.Length, nameof(y));
        CheckSameOrSeparate(x, y, nameof(y));
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        ref float pg = ref MemoryMarshal.GetReference(gamma);
        ref float pb = ref MemoryMarshal.GetReference(beta);
        for (int r = 0; r < rows; r++)
        {
            nint at = (nint)r * features;
            ref float yRow = ref Unsafe.Add(ref py, at);
            Normalize(ref Unsafe.Add(ref px, at), features, epsilon, ref yRow);
            ScaleShift(ref yRow, ref pg, ref pb, features, ref yRow);
        }
    }

    /// <summary>
    /// As <see cref="Forward"/>, keeping what <see cref="Backward"/> needs: <paramref name="normalized"/>
    /// (<c>rows × features</c>, <c>(x − mean) / sqrt(variance + epsilon)</c>) and <paramref name="inverseDeviation"/>
    /// (<c>rows</c> floats, <c>1 / sqrt(variance + epsilon)</c> of each row).
    /// </summary>
    public static void TrainingForward(int rows, int features, float epsilon, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> x, Span<float> normalized, Span<float> inverseDeviation, Span<float> y)
    {
        CheckSizes(rows, features, epsilon);
        CheckFeatures(features, gamma.Length, nameof(gamma), beta.Length, nameof(beta));
        CheckRows(rows, features, x.Length, nameof(x), y.Length, nameof(y));
        KernelChecks.Length(normalized.Length, (long)rows * features, nameof(normalized), "rows × features");
        KernelChecks.Length(inverseDeviation.Length, rows, nameof(inverseDeviation), "rows");
        CheckSameOrSeparate(x, y, nameof(y));
        CheckSeparate(normalized, x, nameof(x));
        CheckSeparate(normalized, y, nameof(y));
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        ref float pn = ref MemoryMarshal.GetReference(normalized);
        ref float pg = ref MemoryMarshal.GetReference(gamma);
        ref float pb = ref MemoryMarshal.GetReference(beta);
        for (int r = 0; r < rows; r++)
        {
            nint at = (nint)r * features;
            ref float nRow = ref Unsafe.Add(ref pn, at);
            inverseDeviation[r] = Normalize(ref Unsafe.Add(ref px, at), features, epsilon, ref nRow);
            ScaleShift(ref nRow, ref pg, ref pb, features, ref Unsafe.Add(ref py, at));
        }
    }

    /// <summary>
    /// Training gradients from <paramref name="dy"/> and what <see cref="TrainingForward"/> kept. Overwrites
    /// <paramref name="dGamma"/> with <c>Σ_rows dy · normalized</c> and <paramref name="dBeta"/> with <c>Σ_rows dy</c>
    /// (summed in row order), and, unless <paramref name="dx"/> is empty, <paramref name="dx"/> with the exact gradient
    /// through each row's mean and variance: with <c>g = dy · gamma</c>,
    /// <c>dx = inverseDeviation · (g − mean(g) − normalized · mean(g · normalized))</c>, the means over the row.
    /// <paramref name="dx"/> may be the same span as <paramref name="dy"/>.
    /// </summary>
    public static void Backward(int rows, int features, ReadOnlySpan<float> gamma, ReadOnlySpan<float> normalized,
        ReadOnlySpan<float> inverseDeviation, ReadOnlySpan<float> dy, Span<float> dx, Span<float> dGamma, Span<float> dBeta)
    {
        KernelChecks.Positive(rows, nameof(rows), allowZero: true);
        KernelChecks.Positive(features, nameof(features));
        KernelChecks.Length(gamma.Length, features, nameof(gamma), "features");
        CheckFeatures(features, dGamma.Length, nameof(dGamma), dBeta.Length, nameof(dBeta));
        CheckRows(rows, features, normalized.Length, nameof(normalized), dy.Length, nameof(dy));
        KernelChecks.Length(inverseDeviation.Length, rows, nameof(inverseDeviation), "rows");
        bool wantsDx = !dx.IsEmpty;
        if (wantsDx)
        {
            KernelChecks.Length(dx.Length, (long)rows * features, nameof(dx), "rows × features");
            CheckSameOrSeparate(dy, dx, nameof(dx));
            CheckSeparate(dx, normalized, nameof(normalized));
        }

        ref float pdy = ref MemoryMarshal.GetReference(dy);
        ref float pn = ref MemoryMarshal.GetReference(normalized);
        ref float pg = ref MemoryMarshal.GetReference(gamma);
        ref float pdx = ref MemoryMarshal.GetReference(dx);
        ref float pdGamma = ref MemoryMarshal.GetReference(dGamma);
        ref float pdBeta = ref MemoryMarshal.GetReference(dBeta);
        dGamma.Clear();
        dBeta.Clear();
        for (int r = 0; r < rows; r++)
        {
            nint at = (nint)r * features;
            ref float dyRow = ref Unsafe.Add(ref pdy, at);
            ref float nRow = ref Unsafe.Add(ref pn, at);
            AccumulateParameterGradients(ref dyRow, ref nRow, features, ref pdGamma, ref pdBeta);
            if (!wantsDx) continue;

            (double sumG, double sumGN) = GradientSums(ref dyRow, ref pg, ref nRow, features);
            float scale = inverseDeviation[r];
            float meanG = (float)(sumG / features), meanGN = (float)(sumGN / features);
            CombineRow(ref dyRow, ref pg, ref nRow, features, scale, meanG, meanGN, ref Unsafe.Add(ref pdx, at));
        }
    }

    /// <summary>
    /// One row's <c>(x − mean) · r</c> into <paramref name="normalized"/> (which may be <paramref name="x"/>) with
    /// mean and biased variance in double; returns <c>r = 1 / sqrt(variance + epsilon)</c>.
    /// </summary>
    private static float Normalize(ref float x, int n, float epsilon, ref float normalized)
    {
        double mean = Sum(ref x, n) / n;
        double variance = SumOfSquaredDeviations(ref x, n, mean) / n;
        float inverse = (float)(1.0 / Math.Sqrt(variance + epsilon));
        float shift = (float)mean;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> m = Vector256.Create(shift), s = Vector256.Create(inverse);
            for (; i + 8 <= n; i += 8)
            {
                ((Vector256.LoadUnsafe(ref x, (nuint)i) - m) * s).StoreUnsafe(ref normalized, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> m = Vector128.Create(shift), s = Vector128.Create(inverse);
            for (; i + 4 <= n; i += 4)
            {
                ((Vector128.LoadUnsafe(ref x, (nuint)i) - m) * s).StoreUnsafe(ref normalized, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref normalized, i) = (Unsafe.Add(ref x, i) - shift) * inverse;
        }

        return inverse;
    }

    /// <summary>Σ row[i] in double: four partial sums (i mod 4), added as (P0 + P2) + (P1 + P3), then the tail.</summary>
    private static double Sum(ref float row, int n)
    {
        Vector128<double> low = Vector128<double>.Zero, high = Vector128<double>.Zero;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(Vector128.LoadUnsafe(ref row, (nuint)i));
            low += lower;
            high += upper;
        }

        double total = Total(low, high);
        for (; i < n; i++)
        {
            total += Unsafe.Add(ref row, i);
        }

        return total;
    }

    /// <summary>Σ (row[i] − mean)² in double, partials as in <see cref="Sum"/> (a second pass: no cancellation).</summary>
    private static double SumOfSquaredDeviations(ref float row, int n, double mean)
    {
        Vector128<double> low = Vector128<double>.Zero, high = Vector128<double>.Zero, m = Vector128.Create(mean);
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(Vector128.LoadUnsafe(ref row, (nuint)i));
            Vector128<double> d0 = lower - m, d1 = upper - m;
            low += d0 * d0;
            high += d1 * d1;
        }

        double total = Total(low, high);
        for (; i < n; i++)
        {
            double d = Unsafe.Add(ref row, i) - mean;
            total += d * d;
        }

        return total;
    }

    /// <summary>Σ g and Σ g · normalized over one row, g = dy · gamma, in double with the partials of <see cref="Sum"/>.</summary>
    private static (double SumG, double SumGN) GradientSums(ref float dy, ref float gamma, ref float normalized, int n)
    {
        Vector128<double> gLow = Vector128<double>.Zero, gHigh = Vector128<double>.Zero, gnLow = Vector128<double>.Zero, gnHigh = Vector128<double>.Zero;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            // A product of two floats is exact in double.
            (Vector128<double> dy0, Vector128<double> dy1) = Vector128.Widen(Vector128.LoadUnsafe(ref dy, (nuint)i));
            (Vector128<double> g0, Vector128<double> g1) = Vector128.Widen(Vector128.LoadUnsafe(ref gamma, (nuint)i));
            (Vector128<double> n0, Vector128<double> n1) = Vector128.Widen(Vector128.LoadUnsafe(ref normalized, (nuint)i));
            Vector128<double> p0 = dy0 * g0, p1 = dy1 * g1;
            gLow += p0;
            gHigh += p1;
            gnLow += p0 * n0;
            gnHigh += p1 * n1;
        }

        double sumG = Total(gLow, gHigh), sumGN = Total(gnLow, gnHigh);
        for (; i < n; i++)
        {
            double g = (double)Unsafe.Add(ref dy, i) * Unsafe.Add(ref gamma, i);
            sumG += g;
            sumGN += g * Unsafe.Add(ref normalized, i);
        }

        return (sumG, sumGN);
    }

    /// <summary>The four partials P0..P3 held as (P0, P1) and (P2, P3), added in a fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Total(Vector128<double> low, Vector128<double> high)
    {
        Vector128<double> pairs = low + high;
        return pairs.GetElement(0) + pairs.GetElement(1);
    }

    /// <summary><c>destination[i] = source[i] · gamma[i] + beta[i]</c>; destination may alias source.</summary>
    private static void ScaleShift(ref float source, ref float gamma, ref float beta, int n, ref float destination)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                Simd.MultiplyAdd(Vector256.LoadUnsafe(ref source, (nuint)i), Vector256.LoadUnsafe(ref gamma, (nuint)i), Vector256.LoadUnsafe(ref beta, (nuint)i))
                    .StoreUnsafe(ref destination, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= n; i += 4)
            {
                Simd.MultiplyAdd(Vector128.LoadUnsafe(ref source, (nuint)i), Vector128.LoadUnsafe(ref gamma, (nuint)i), Vector128.LoadUnsafe(ref beta, (nuint)i))
                    .StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref destination, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref source, i), Unsafe.Add(ref gamma, i), Unsafe.Add(ref beta, i));
        }
    }

    /// <summary><c>dGamma[i] += dy[i] · normalized[i]</c>, <c>dBeta[i] += dy[i]</c> for one row.</summary>
    private static void AccumulateParameterGradients(ref float dy, ref float normalized, int n, ref float dGamma, ref float dBeta)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                Vector256<float> g = Vector256.LoadUnsafe(ref dy, (nuint)i);
                Simd.MultiplyAdd(g, Vector256.LoadUnsafe(ref normalized, (nuint)i), Vector256.LoadUnsafe(ref dGamma, (nuint)i)).StoreUnsafe(ref dGamma, (nuint)i);
                (Vector256.LoadUnsafe(ref dBeta, (nuint)i) + g).StoreUnsafe(ref dBeta, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= n; i += 4)
            {
                Vector128<float> g = Vector128.LoadUnsafe(ref dy, (nuint)i);
                Simd.MultiplyAdd(g, Vector128.LoadUnsafe(ref normalized, (nuint)i), Vector128.LoadUnsafe(ref dGamma, (nuint)i)).StoreUnsafe(ref dGamma, (nuint)i);
                (Vector128.LoadUnsafe(ref dBeta, (nuint)i) + g).StoreUnsafe(ref dBeta, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            float g = Unsafe.Add(ref dy, i);
            Unsafe.Add(ref dGamma, i) = MathF.FusedMultiplyAdd(g, Unsafe.Add(ref normalized, i), Unsafe.Add(ref dGamma, i));
            Unsafe.Add(ref dBeta, i) += g;
        }
    }

    /// <summary>
    /// <c>dx[i] = scale · (dy[i] · gamma[i] − meanG − normalized[i] · meanGN)</c> for one row; dx may alias dy (each
    /// element is read before it is written).
    /// </summary>
    private static void CombineRow(ref float dy, ref float gamma, ref float normalized, int n, float scale, float meanG, float meanGN, ref float dx)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> s = Vector256.Create(scale), a = Vector256.Create(meanG), b = Vector256.Create(meanGN);
            for (; i + 8 <= n; i += 8)
            {
                Vector256<float> g = Vector256.LoadUnsafe(ref dy, (nuint)i) * Vector256.LoadUnsafe(ref gamma, (nuint)i);
                Vector256<float> centred = g - Simd.MultiplyAdd(Vector256.LoadUnsafe(ref normalized, (nuint)i), b, a);
                (centred * s).StoreUnsafe(ref dx, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> s = Vector128.Create(scale), a = Vector128.Create(meanG), b = Vector128.Create(meanGN);
            for (; i + 4 <= n; i += 4)
            {
                Vector128<float> g = Vector128.LoadUnsafe(ref dy, (nuint)i) * Vector128.LoadUnsafe(ref gamma, (nuint)i);
                Vector128<float> centred = g - Simd.MultiplyAdd(Vector128.LoadUnsafe(ref normalized, (nuint)i), b, a);
                (centred * s).StoreUnsafe(ref dx, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            float g = Unsafe.Add(ref dy, i) * Unsafe.Add(ref gamma, i);
            Unsafe.Add(ref dx, i) = (g - MathF.FusedMultiplyAdd(Unsafe.Add(ref normalized, i), meanGN, meanG)) * scale;
        }
    }

    private static void CheckSizes(int rows, int features, float epsilon)
    {
        KernelChecks.Positive(rows, nameof(rows), allowZero: true);
        KernelChecks.Positive(features, nameof(features));
        if (!(epsilon > 0 && epsilon <= float.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive and finite.");
        }
    }

    private static void CheckFeatures(int features, int firstLength, string firstName, int secondLength, string secondName)
    {
        KernelChecks.Length(firstLength, features, firstName, "features");
        KernelChecks.Length(secondLength, features, secondName, "features");
    }

    private static void CheckRows(int rows, int features, int firstLength, string firstName, int secondLength, string secondName)
    {
        KernelChecks.Length(firstLength, (long)rows * features, firstName, "rows × features");
        KernelChecks.Length(secondLength, (long)rows * features, secondName, "rows × features");
    }

    /// <summary>Throws when <paramref name="output"/> overlaps <paramref name="input"/> other than exactly (in place is fine, shifted is not).</summary>
    private static void CheckSameOrSeparate(ReadOnlySpan<float> input, ReadOnlySpan<float> output, string outputName)
    {
        if (input.Overlaps(output, out int offset) && offset != 0)
        {
            throw new ArgumentException($"{outputName} must be the same span as its input or not overlap it.", outputName);
        }
    }

    /// <summary>Throws when the two spans overlap at all.</summary>
    private static void CheckSeparate(ReadOnlySpan<float> output, ReadOnlySpan<float> other, string otherName)
    {
        if (output.Overlaps(other))
        {
            throw new ArgumentException($"The output must not overlap {otherName}.", otherName);
        }
    }
}
