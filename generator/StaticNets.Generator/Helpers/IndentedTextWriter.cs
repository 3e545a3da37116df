using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace StaticNets.Generator.Helpers;

/// <summary>
/// A minimal writer for generated C#: 4-space indents, <c>\n</c> line endings, blocks that close themselves.
/// Interpolated lines are formatted with the invariant culture, straight into the writer's buffer
/// (<see cref="LineHandler"/>).
/// </summary>
internal sealed class IndentedTextWriter
{
    private readonly StringBuilder _builder = new(64 * 1024);
    private int _depth;

    /// <summary>Writes one line at the current indentation (an empty line has no trailing spaces).</summary>
    public IndentedTextWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _depth * 4).Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes one interpolated line, numbers formatted with the invariant culture.</summary>
    public IndentedTextWriter Line([InterpolatedStringHandlerArgument("")] LineHandler text)
    {
        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the result is disposed.</summary>
    public Scope Block(string header)
    {
        Line(header);
        return Block();
    }

    /// <inheritdoc cref="Block(string)"/>
    public Scope Block([InterpolatedStringHandlerArgument("")] LineHandler header)
    {
        _builder.Append('\n');
        return Block();
    }

    /// <summary>Writes a bare braced block.</summary>
    public Scope Block()
    {
        Line("{");
        _depth++;
        return new Scope(this);
    }

    private void Close()
    {
        _depth--;
        Line("}");
    }

    public override string ToString() => _builder.ToString();

    /// <summary>Closes a block on dispose.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly IndentedTextWriter _writer;

        internal Scope(IndentedTextWriter writer) => _writer = writer;

        public void Dispose() => _writer.Close();
    }

    /// <summary>
    /// An interpolated line written as it is formatted: the indentation, then each part, numbers with the invariant
    /// culture (generated code must not read <c>1,5f</c> or a U+2212 minus on a machine set to another locale).
    /// A method that takes this handler is chosen over its <see cref="string"/> overload for an interpolated argument.
    /// </summary>
    [InterpolatedStringHandler]
    public readonly struct LineHandler
    {
        private readonly StringBuilder _builder;

        public LineHandler(int literalLength, int formattedCount, IndentedTextWriter writer)
        {
            _builder = writer._builder;
            _builder.Append(' ', writer._depth * 4);
        }

        public void AppendLiteral(string value) => _builder.Append(value);

        public void AppendFormatted(string? value) => _builder.Append(value);

        public void AppendFormatted(int value) => _builder.Append(value.ToString(CultureInfo.InvariantCulture));

        public void AppendFormatted(long value) => _builder.Append(value.ToString(CultureInfo.InvariantCulture));

        public void AppendFormatted<T>(T value) => Invariant.Append(_builder, value, null);

        public void AppendFormatted<T>(T value, string? format) => Invariant.Append(_builder, value, format);
    }
}
