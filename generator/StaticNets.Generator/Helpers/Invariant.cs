using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace StaticNets.Generator.Helpers;

/// <summary>
/// An interpolated string formatted with the invariant culture, whatever the compiler process's culture, for text that
/// is built before it is written (<see cref="IndentedTextWriter"/>'s lines format themselves the same way).
/// </summary>
[InterpolatedStringHandler]
internal readonly struct Invariant
{
    private readonly StringBuilder _builder;

    public Invariant(int literalLength, int formattedCount) => _builder = new StringBuilder(literalLength + 8 * formattedCount);

    public void AppendLiteral(string value) => _builder.Append(value);

    public void AppendFormatted<T>(T value) => Append(_builder, value, null);

    public void AppendFormatted<T>(T value, string? format) => Append(_builder, value, format);

    public override string ToString() => _builder.ToString();

    /// <summary>The text of an interpolated string, formatted invariantly: <c>Invariant.Text($"{offset} + {length}")</c>.</summary>
    public static string Text(Invariant text) => text.ToString();

    /// <summary>Appends <paramref name="value"/> as the invariant culture writes it.</summary>
    internal static void Append<T>(StringBuilder builder, T value, string? format)
        => builder.Append(value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString());
}
