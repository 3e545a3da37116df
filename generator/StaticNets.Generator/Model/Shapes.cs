using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNets.Generator.Model;

/// <summary>Small shape utilities shared by the checker, the layers, the emitter and the summary.</summary>
internal static class Shapes
{
    /// <summary>The number of elements; callers have already checked that it fits an <see cref="int"/>.</summary>
    public static int Product(IEnumerable<int> shape)
    {
        int product = 1;
        foreach (int dimension in shape)
        {
            product *= dimension;
        }

        return product;
    }

    /// <summary>The number of elements in 64 bits, or <see cref="long.MaxValue"/> when even that overflows.</summary>
    public static long SaturatingProduct(IEnumerable<int> shape)
    {
        long product = 1;
        foreach (int dimension in shape)
        {
            product = Helpers.Numbers.SaturatingProduct(product, dimension);
        }

        return product;
    }

    /// <summary>Keras's printed shape with the batch axis: <c>(None, 6, 6, 3)</c>.</summary>
    public static string ToKerasString(IEnumerable<int> shape)
    {
        var text = new StringBuilder("(None");
        foreach (int dimension in shape)
        {
            text.Append(", ").Append(dimension.ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(')').ToString();
    }

    /// <summary>The dimensions separated by <paramref name="separator"/>: <c>6, 6, 3</c>.</summary>
    public static string Join(IEnumerable<int> shape, string separator = ", ")
    {
        var text = new StringBuilder();
        foreach (int dimension in shape)
        {
            text.Append(text.Length == 0 ? "" : separator).Append(dimension.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
