using System.Globalization;

namespace StaticNets.Generator.Helpers;

/// <summary>Numbers as users read them in summaries and messages: Keras's <c>{:,}</c>, culture-independent.</summary>
internal static class Numbers
{
    /// <summary><c>101770</c> → <c>101,770</c>.</summary>
    public static string WithSeparators(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
