using System;
using System.ComponentModel;

namespace StaticNets.Runtime;

/// <summary>
/// The documented, portable random stream behind weight initialisation, so that <c>new Net(seed)</c> gives the
/// same weights on every run, machine and .NET version (<see cref="System.Random"/>'s algorithm is unspecified).
/// </summary>
/// <remarks>
/// Algorithm: SplitMix64 (Steele, Lea, Flood 2014). The 64-bit state starts at the seed, sign-extended from
/// <see cref="int"/>; each draw adds 0x9E3779B97F4A7C15 and mixes the state with the published constants.
/// A float in [0, 1) is the top 24 bits of a draw times 2^-24, so every value is exact in float32. Normal draws (for
/// the orthogonal initializer) use Marsaglia's polar method on two 53-bit uniforms, with a logarithm of its own.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct NetworkRandom
{
    private ulong _state;

    /// <summary>Starts the stream at <paramref name="seed"/>.</summary>
    public NetworkRandom(int seed) => _state = unchecked((ulong)(long)seed);

    /// <summary>A fresh seed for the parameterless constructors (not reproducible by design).</summary>
    public static int NewSeed() => System.Random.Shared.Next(int.MinValue, int.MaxValue);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A float uniformly distributed in [0, 1), a multiple of 2^-24.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>
    /// Keras <c>glorot_uniform</c>: fills <paramref name="kernel"/> from U(−L, L), <c>L = sqrt(6 / (fanIn + fanOut))</c>,
    /// in storage order.
    /// </summary>
    public void FillGlorotUniform(Span<float> kernel, int fanIn, int fanOut) => FillUniform(kernel, Math.Sqrt(6.0 / ((double)fanIn + fanOut)));

    /// <summary>
    /// Fills <paramref name="values"/> from U(−<paramref name="limit"/>, <paramref name="limit"/>) in storage order, one
    /// draw each (Keras's <c>uniform</c> initializer, the Embedding default, has limit 0.05).
    /// </summary>
    public void FillUniform(Span<float> values, double limit)
    {
        for (int i = 0; i < values.Length; i++)
        {
            // 2u − 1 lies in [−1, 1), so the value lies in [−limit, limit) until its rounding to float.
            values[i] = (float)((2.0 * NextSingle() - 1.0) * limit);
        }
    }

    /// <summary>
    /// Keras's <c>orthogonal</c> initializer with gain 1 for a <paramref name="rows"/> × <paramref name="cols"/> kernel
    /// (a recurrent kernel: units × gates·units), stored row-major: orthonormal columns when rows ≥ cols, else
    /// orthonormal rows.
    /// </summary>
    /// <remarks>
    /// As Keras: a standard normal matrix A of (max(rows, cols), min(rows, cols)) is drawn row by row
    /// (<see cref="NextStandardNormal"/>), factored A = QR, Q's columns multiplied by the signs of R's diagonal, and Q
    /// transposed when rows &lt; cols. Q comes from modified Gram–Schmidt run twice per column in double (orthogonal
    /// to rounding after the second pass), which makes R's diagonal positive already: the Q with positive diag(R) is
    /// the one Keras's sign correction picks. Only +, −, ×, ÷ and square roots, in a fixed order, so a seed gives the
    /// same kernel on every machine. Costs about 4·m·n² flops for m × n = max × min (0.2-0.3 s for a 256-unit LSTM's
    /// recurrent kernel) and a scratch array of m·n doubles.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="cols"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="kernel"/> does not hold rows × cols floats.</exception>
    public void FillOrthogonal(Span<float> kernel, int rows, int cols)
    {
        KernelChecks.Positive(rows, nameof(rows));
        KernelChecks.Positive(cols, nameof(cols));
        KernelChecks.Length(kernel.Length, (long)rows * cols, nameof(kernel), "rows × cols");
        int m = Math.Max(rows, cols), n = Math.Min(rows, cols);

        // A column by column (column j at j·m), filled in the row-major order Keras draws it in.
        var q = new double[m * n];
        double spare = double.NaN;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                q[j * m + i] = NextStandardNormal(ref spare);
            }
        }

        for (int j = 0; j < n; j++)
        {
            Span<double> column = q.AsSpan(j * m, m);
            for (int pass = 0; pass < 2; pass++)
            {
                for (int i = 0; i < j; i++)
                {
                    // column −= (q_i · column) q_i
                    ReadOnlySpan<double> previous = q.AsSpan(i * m, m);
                    double projection = Dot(previous, column);
                    for (int p = 0; p < m; p++) column[p] -= projection * previous[p];
                }
            }

            double norm = Math.Sqrt(Dot(column, column));
            for (int p = 0; p < m; p++) column[p] /= norm;
        }

        // rows ≥ cols: the kernel is Q (m × n) row-major; rows < cols: Qᵀ (n × m) row-major, which is q as stored.
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                kernel[rows >= cols ? i * n + j : j * m + i] = (float)q[j * m + i];
            }
        }
    }

    /// <summary>
    /// A standard normal draw (mean 0, variance 1) by Marsaglia's polar method: u, v uniform in [−1, 1) from two draws
    /// (53 bits each), redrawn until 0 &lt; s = u² + v² &lt; 1, give the two independent normals
    /// <c>u·√(−2 ln s / s)</c> and <c>v·√(−2 ln s / s)</c>. The first is returned and the second kept in
    /// <paramref name="spare"/> for the next call (NaN: none kept). The logarithm is <see cref="Log"/>, not
    /// <see cref="Math.Log(double)"/>, whose last bit may differ between platforms.
    /// </summary>
    internal double NextStandardNormal(ref double spare)
    {
        if (!double.IsNaN(spare))
        {
            double kept = spare;
            spare = double.NaN;
            return kept;
        }

        while (true)
        {
            double u = 2.0 * NextUnit() - 1.0, v = 2.0 * NextUnit() - 1.0, s = u * u + v * v;
            if (s > 0.0 && s < 1.0)
            {
                double factor = Math.Sqrt(-2.0 * Log(s) / s);
                spare = v * factor;
                return u * factor;
            }
        }
    }

    /// <summary>A double uniformly distributed in [0, 1), a multiple of 2^-53.</summary>
    private double NextUnit() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// ln x for a positive, finite, normal x from +, −, ×, ÷ only (within a few ulps of the true value, and the same
    /// bits everywhere): x = m·2^e with m in [√½, √2), then <c>ln x = e·ln 2 + 2·atanh(f)</c>, <c>f = (m − 1)/(m + 1)</c>,
    /// |f| ≤ 0.1716, whose series <c>f·Σ f^(2j)/(2j + 1)</c> stops at j = 10 (the next term is below 1e-18 of the sum).
    /// </summary>
    internal static double Log(double x)
    {
        const double Ln2 = 0.6931471805599453, Sqrt2 = 1.4142135623730951;
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m >= Sqrt2)
        {
            m *= 0.5;
            exponent++;
        }

        double f = (m - 1.0) / (m + 1.0), f2 = f * f, series = 1.0 / 21.0;
        for (int j = 9; j >= 0; j--)
        {
            series = series * f2 + 1.0 / (2 * j + 1);
        }

        return exponent * Ln2 + 2.0 * f * series;
    }

    /// <summary>Σ x[p]·y[p] in four running sums (p mod 4), then (s0 + s1) + (s2 + s3): a fixed order, the same bits everywhere.</summary>
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int p = 0;
        for (; p + 4 <= x.Length; p += 4)
        {
            s0 += x[p] * y[p];
            s1 += x[p + 1] * y[p + 1];
            s2 += x[p + 2] * y[p + 2];
            s3 += x[p + 3] * y[p + 3];
        }

        for (; p < x.Length; p++)
        {
            s0 += x[p] * y[p];
        }

        return (s0 + s1) + (s2 + s3);
    }
}
