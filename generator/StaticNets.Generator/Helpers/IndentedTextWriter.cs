using System;
using System.Text;

namespace StaticNets.Generator.Helpers;

/// <summary>
/// A minimal writer for generated C#: 4-space indents, <c>\n</c> line endings, blocks that close themselves.
/// Interpolated lines are formatted with the invariant culture (<see cref="Invariant"/>).
/// </summary>
internal sealed class IndentedTextWriter
{
    private readonly StringBuilder _builder = new();
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
    public IndentedTextWriter Line(Invariant text) => Line(text.ToString());

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the result is disposed.</summary>
    public Scope Block(string header)
    {
        Line(header);
        return Block();
    }

    /// <inheritdoc cref="Block(string)"/>
    public Scope Block(Invariant header) => Block(header.ToString());

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
}
