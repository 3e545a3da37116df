using System;

namespace StaticNets.Tests.Reference;

/// <summary>
/// Double-precision erf, erfc and normal distribution, written independently of the runtime's float approximation:
/// a series with positive terms below 1 and a continued fraction above (relative error ≈ 1e-15, checked against
/// mpmath values in ActivationMathTests).
/// </summary>
internal static class ErrorFunctionReference
{
    private const double SeriesLimit = 1.0;

    /// <summary>erf(x).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double magnitude = Math.Abs(x);
        double result = magnitude < SeriesLimit ? ErfSeries(magnitude) : 1.0 - ErfcContinuedFraction(magnitude);
        return x < 0 ? -result : result;
    }

    /// <summary>erfc(x) = 1 − erf(x), relative accuracy kept in the upper tail.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        return x < SeriesLimit ? 1.0 - Erf(x) : ErfcContinuedFraction(x);
    }

    /// <summary>Φ(x) = erfc(−x/√2) / 2; in the lower tail e^(−x²/2) is taken from x itself (x² of a float is exact in double).</summary>
    public static double NormalCdf(double x)
    {
        double t = -x / Math.Sqrt(2.0);
        return t < SeriesLimit ? 0.5 * Erfc(t) : 0.5 * Math.Exp(-0.5 * x * x) / Math.Sqrt(Math.PI) / ContinuedFraction(t);
    }

    /// <summary>φ(x) = e^(−x²/2) / √(2π).</summary>
    public static double NormalDensity(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2.0 * Math.PI);

    // erf(x) = (2x/√π) e^(−x²) Σ (2x²)^n / (1·3·…·(2n+1)): every term is positive, so nothing cancels.
    private static double ErfSeries(double x)
    {
        double twoXSquared = 2.0 * x * x;
        double term = 1.0, sum = 1.0;
        for (int n = 1; n < 500 && term > 1e-18 * sum; n++)
        {
            term *= twoXSquared / (2 * n + 1);
            sum += term;
        }

        return 2.0 * x / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
    }

    private static double ErfcContinuedFraction(double x) => Math.Exp(-x * x) / Math.Sqrt(Math.PI) / ContinuedFraction(x);

    // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the back; 400 levels reach
    // double precision for x ≥ 1.
    private static double ContinuedFraction(double x)
    {
        double fraction = x;
        for (int k = 400; k >= 1; k--)
        {
            fraction = x + 0.5 * k / fraction;
        }

        return fraction;
    }
}
