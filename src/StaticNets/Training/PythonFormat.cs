using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace StaticNets;

/// <summary>
/// Python's <c>f"{v:.Nf}"</c> and <c>f"{v:.Ne}"</c>, digit for digit: the exact binary value rounded half to even
/// (.NET rounds ties away from zero, e.g. 0.03125 → "0.0313" where Python prints "0.0312"), <c>nan</c>, <c>inf</c>,
/// <c>-inf</c>, a sign on negative zero, and at least two exponent digits.
/// </summary>
internal static class PythonFormat
{
    /// <summary>Keras's metric format: <c>%.4f</c> if <c>|v| &gt; 1e-3</c>, else <c>%.4e</c>.</summary>
    public static string Metric(double value) => Math.Abs(value) > 1e-3 ? Fixed(value, 4) : Scientific(value, 4);

    /// <summary>Python's <c>repr</c> of a float: the shortest digits that round-trip, as Keras's CSV logger writes a value.</summary>
    public static string Repr(double value) => Shortest(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Python's <c>repr</c> of a float32 value's shortest digits (what a float returned by Python code prints).</summary>
    public static string Repr(float value) => Shortest(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>
    /// Rewrites .NET's round-trip text in Python's layout: positional when the decimal exponent lies in [−4, 16)
    /// (with <c>.0</c> on whole numbers), else <c>d.ddde±XX</c>.
    /// </summary>
    private static string Shortest(string text)
    {
        if (text is "NaN") return "nan";
        if (text.Contains('∞', StringComparison.Ordinal) || text.Contains("Infinity", StringComparison.Ordinal))
        {
            return text.StartsWith('-') ? "-inf" : "inf";
        }

        bool negative = text.StartsWith('-');
        if (negative) text = text[1..];
        int exponentAt = text.IndexOfAny(['E', 'e']);
        int exponent = exponentAt >= 0 ? int.Parse(text[(exponentAt + 1)..], CultureInfo.InvariantCulture) : 0;
        string mantissa = exponentAt >= 0 ? text[..exponentAt] : text;
        int point = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = point >= 0 ? mantissa.Remove(point, 1) : mantissa;
        int pointPosition = (point >= 0 ? point : mantissa.Length) + exponent;

        // Normalise: no leading zeros (keep one digit for zero), no trailing zeros.
        int leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
            pointPosition--;
        }

        digits = digits[leading..].TrimEnd('0');
        if (digits.Length == 0)
        {
            return negative ? "-0.0" : "0.0";
        }

        int decimalExponent = pointPosition - 1;
        var result = new StringBuilder();
        if (negative) result.Append('-');
        if (decimalExponent is >= -4 and < 16)
        {
            if (pointPosition <= 0)
            {
                result.Append("0.").Append('0', -pointPosition).Append(digits);
            }
            else if (pointPosition >= digits.Length)
            {
                result.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
            }
            else
            {
                result.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
            }
        }
        else
        {
            result.Append(digits[0]);
            if (digits.Length > 1) result.Append('.').Append(digits, 1, digits.Length - 1);
            result.Append('e').Append(decimalExponent < 0 ? '-' : '+')
                .Append(Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }

    /// <summary>Python <c>f"{value:.{decimals}f}"</c>.</summary>
    public static string Fixed(double value, int decimals)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        BigInteger scaled = RoundHalfEven(Math.Abs(value), decimals);
        string digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = new StringBuilder();
        if (double.IsNegative(value)) text.Append('-');
        text.Append(digits, 0, digits.Length - decimals);
        if (decimals > 0) text.Append('.').Append(digits, digits.Length - decimals, decimals);
        return text.ToString();
    }

    /// <summary>Python <c>f"{value:.{decimals}e}"</c>.</summary>
    public static string Scientific(double value, int decimals)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        double magnitude = Math.Abs(value);
        int exponent = 0;
        BigInteger mantissa = BigInteger.Zero;
        if (magnitude != 0)
        {
            // Find the exponent E with 10^decimals ≤ round(|v|·10^(decimals−E)) < 10^(decimals+1), starting from log10.
            BigInteger low = BigInteger.Pow(10, decimals);
            BigInteger high = low * 10;
            exponent = (int)Math.Floor(Math.Log10(magnitude));
            while (true)
            {
                BigInteger truncated = Truncate(magnitude, decimals - exponent);
                if (truncated < low) exponent--;
                else if (truncated >= high) exponent++;
                else break;
            }

            mantissa = RoundHalfEven(magnitude, decimals - exponent);
            if (mantissa == high)
            {
                mantissa = low;
                exponent++;
            }
        }

        string digits = mantissa.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = new StringBuilder();
        if (double.IsNegative(value)) text.Append('-');
        text.Append(digits[0]);
        if (decimals > 0) text.Append('.').Append(digits, 1, decimals);
        text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static string NonFinite(double value)
        => double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    /// <summary><c>|v|·10^power</c> as the exact fraction numerator / denominator.</summary>
    private static (BigInteger Numerator, BigInteger Denominator) Scale(double magnitude, int power)
    {
        long bits = BitConverter.DoubleToInt64Bits(magnitude);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger significand = biased == 0 ? fraction : fraction | (1L << 52);
        int binaryExponent = (biased == 0 ? 1 : biased) - 1075;

        BigInteger numerator = significand;
        BigInteger denominator = BigInteger.One;
        if (binaryExponent >= 0) numerator <<= binaryExponent;
        else denominator <<= -binaryExponent;
        if (power >= 0) numerator *= BigInteger.Pow(10, power);
        else denominator *= BigInteger.Pow(10, -power);
        return (numerator, denominator);
    }

    private static BigInteger Truncate(double magnitude, int power)
    {
        (BigInteger numerator, BigInteger denominator) = Scale(magnitude, power);
        return BigInteger.Divide(numerator, denominator);
    }

    private static BigInteger RoundHalfEven(double magnitude, int power)
    {
        (BigInteger numerator, BigInteger denominator) = Scale(magnitude, power);
        BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        int half = (remainder * 2).CompareTo(denominator);
        if (half > 0 || (half == 0 && !quotient.IsEven)) quotient += 1;
        return quotient;
    }
}
