using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace StaticNets;

/// <summary>
/// Keras 3 <c>CSVLogger</c>: writes one row per epoch, <c>epoch</c> (0-based) then the log entries, to a CSV file.
/// </summary>
/// <remarks>
/// <para>
/// Keras's format exactly: the columns are <c>epoch</c> and the first epoch's keys sorted by ordinal comparison (as
/// Python's <c>sorted</c>); when those include no <c>val_</c> key, <c>val_</c> copies of every key are added (and hold
/// <c>NA</c>, as Keras writes them). Values are Python's <c>repr</c> of the number (<c>0.6931471805599453</c>,
/// <c>1e-05</c>), a missing key is <c>NA</c>, and rows end with <c>\r\n</c> (Python's csv "excel" dialect). A field
/// containing the separator, a quote or a line break is quoted.
/// </para>
/// <para>
/// With <c>append</c>, rows are added to an existing file, and the header is written only if the file is missing or
/// empty. The file is flushed after every row and closed when training ends.
/// </para>
/// </remarks>
public sealed class CsvLogger : Callback
{
    private StreamWriter? _writer;
    private bool _writeHeader;
    private List<string>? _keys;

    /// <summary>Creates the callback.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="separator">The field separator (default comma).</param>
    /// <param name="append">Whether to append to an existing file instead of overwriting it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the separator is a quote or a line break.</exception>
    public CsvLogger(string path, char separator = ',', bool append = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) throw new ArgumentException("The CSV path is empty.", nameof(path));
        if (separator is '"' or '\r' or '\n') throw new ArgumentException("The separator cannot be a quote or a line break.", nameof(separator));
        Path = path;
        Separator = separator;
        Append = append;
    }

    /// <summary>The CSV file.</summary>
    public string Path { get; }

    /// <summary>The field separator.</summary>
    public char Separator { get; }

    /// <summary>Whether rows are appended to an existing file.</summary>
    public bool Append { get; }

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        _keys = null;
        _writeHeader = true;
        FileMode mode = FileMode.Create;
        if (Append)
        {
            if (File.Exists(Path))
            {
                using var reader = new StreamReader(Path);
                _writeHeader = string.IsNullOrEmpty(reader.ReadLine());
            }

            mode = FileMode.Append;
        }

        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        _writer = new StreamWriter(new FileStream(Path, mode, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\r\n" };
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (_writer is null) return;
        if (_keys is null)
        {
            _keys = logs.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
            if (_keys.Count > 0 && !_keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal)))
            {
                _keys.AddRange(_keys.Select(k => "val_" + k).ToList());
            }

            if (_writeHeader) WriteRow(_keys.Prepend("epoch"));
        }

        WriteRow(_keys.Select(k => logs.TryGetValue(k, out double value) ? PythonFormat.Repr(value) : "NA")
            .Prepend(epoch.ToString(CultureInfo.InvariantCulture)));
        _writer.Flush();
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
        _writer?.Dispose();
        _writer = null;
    }

    private void WriteRow(IEnumerable<string> fields)
    {
        _writer!.Write(string.Join(Separator, fields.Select(Quote)));
        _writer.WriteLine();
    }

    private string Quote(string field)
        => field.IndexOfAny([Separator, '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
