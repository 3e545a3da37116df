using System;
using System.Text;

namespace StaticNets.Generator.Helpers;

/// <summary>
/// A minimal writer for generated C#: 4-space indents, <c>\n</c> line endings, blocks that close themselves.
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

    /// <summary>Writes several lines (split on <c>\n</c>) at the current indentation.</summary>
    public IndentedTextWriter Lines(string text)
    {
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the result is disposed.</summary>
    public Scope Block(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return new Scope(this);
    }

    /// <summary>Writes a bare braced block.</summary>
    public Scope Block()
    {
        Line("{");
        _depth++;
        return new Scope(this);
    }

    private void Close(string closing)
    {
        _depth--;
        Line(closing);
    }

    public override string ToString() => _builder.ToString();

    /// <summary>Closes a block on dispose.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly IndentedTextWriter _writer;

        internal Scope(IndentedTextWriter writer) => _writer = writer;

        public void Dispose() => _writer.Close("}");
    }
}
