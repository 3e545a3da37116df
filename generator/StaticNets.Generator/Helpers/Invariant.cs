using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace StaticNets.Generator.Helpers;

/// <summary>
/// An interpolated string formatted with the invariant culture, whatever the compiler process's culture: generated code
/// must not read <c>1,5f</c> or <c>−1</c> (U+2212) on a machine set to another locale. A method that takes this handler
/// is chosen over a <see cref="string"/> overload for an interpolated argument, so <c>writer.Line($"...{n}...")</c>
/// is invariant without anyone having to remember it.
/// </summary>
[InterpolatedStringHandler]
internal readonly struct Invariant
{
    private readonly StringBuilder _builder;

    public Invariant(int literalLength, int formattedCount) => _builder = new StringBuilder(literalLength + 8 * formattedCount);

    public void AppendLiteral(string value) => _builder.Append(value);

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
        => _builder.Append(value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString());

    public override string ToString() => _builder.ToString();

    /// <summary>The text of an interpolated string, formatted invariantly: <c>Invariant.Text($"{offset} + {length}")</c>.</summary>
    public static string Text(Invariant text) => text.ToString();
}
