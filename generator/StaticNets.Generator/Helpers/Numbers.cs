using System.Globalization;

namespace StaticNets.Generator.Helpers;

/// <summary>Numbers as users and generated code read them, culture-independent.</summary>
internal static class Numbers
{
    /// <summary><c>101770</c> → <c>101,770</c> (Keras's <c>{:,}</c>).</summary>
    public static string WithSeparators(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A double as written in messages and architecture keys: the shortest text that round-trips.</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A C# float literal that round-trips the double's float value: <c>0.001f</c>, <c>1.0f</c>.</summary>
    public static string FloatLiteral(double value)
    {
        string text = ((float)value).ToString("R", CultureInfo.InvariantCulture);
        return text + (text.Contains(".") || text.Contains("E") ? "" : ".0") + "f";
    }

    /// <summary>The product of positive factors, or <see cref="long.MaxValue"/> when it would not fit a <see cref="long"/>.</summary>
    public static long SaturatingProduct(params long[] factors)
    {
        long product = 1;
        foreach (long factor in factors)
        {
            if (factor != 0 && product > long.MaxValue / factor)
            {
                return long.MaxValue;
            }

            product *= factor;
        }

        return product;
    }
}
