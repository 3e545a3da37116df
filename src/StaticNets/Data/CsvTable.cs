using System;
using System.Collections.Generic;

namespace StaticNets;

/// <summary>
/// A numeric table read by <see cref="DataUtils.LoadCsv"/>: <see cref="RowCount"/> rows of
/// <see cref="ColumnCount"/> floats, row-major, with the column names of the header (or <c>column_0</c>, ... without one).
/// </summary>
public sealed class CsvTable
{
    private readonly string[] _columnNames;
    private readonly Dictionary<string, string[]> _categories;

    internal CsvTable(string[] columnNames, float[] values, Dictionary<string, string[]> categories)
    {
        _columnNames = columnNames;
        Values = values;
        _categories = categories;
        RowCount = columnNames.Length == 0 ? 0 : values.Length / columnNames.Length;
    }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> ColumnNames => _columnNames;

    /// <summary>Columns per row.</summary>
    public int ColumnCount => _columnNames.Length;

    /// <summary>Data rows.</summary>
    public int RowCount { get; }

    /// <summary>All values, row-major (<c>RowCount × ColumnCount</c>); missing values are NaN.</summary>
    public float[] Values { get; }

    /// <summary>The index of the column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public int IndexOf(string name)
    {
        int index = Array.IndexOf(_columnNames, name);
        return index >= 0 ? index : throw new KeyNotFoundException($"No column named '{name}'; the columns are {string.Join(", ", _columnNames)}.");
    }

    /// <summary>One column's values, top to bottom.</summary>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public float[] Column(string name) => Select(name);

    /// <summary>The named columns of every row, row-major in the order given (e.g. the features of a model's input).</summary>
    /// <exception cref="KeyNotFoundException">A column does not exist.</exception>
    public float[] Select(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        int[] indices = Array.ConvertAll(names, IndexOf);
        var result = new float[RowCount * indices.Length];
        for (int r = 0; r < RowCount; r++)
        {
            for (int c = 0; c < indices.Length; c++) result[(r * indices.Length) + c] = Values[(r * ColumnCount) + indices[c]];
        }

        return result;
    }

    /// <summary>Every column except the named ones, row-major in file order (e.g. the features without the label).</summary>
    /// <exception cref="KeyNotFoundException">A column does not exist.</exception>
    public float[] SelectAllExcept(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (string name in names) IndexOf(name);
        var kept = new List<string>();
        foreach (string column in _columnNames)
        {
            if (Array.IndexOf(names, column) < 0) kept.Add(column);
        }

        return Select(kept.ToArray());
    }

    /// <summary>
    /// The texts of a categorical column, by class index (the index stored in <see cref="Values"/>), or null if the
    /// column was read as numbers.
    /// </summary>
    public IReadOnlyList<string>? Categories(string name)
    {
        IndexOf(name);
        return _categories.TryGetValue(name, out string[]? categories) ? categories : null;
    }

    /// <summary>A table without the rows that hold a missing (NaN) value, like pandas' <c>dropna()</c>.</summary>
    public CsvTable DropMissing()
    {
        var kept = new List<float>(Values.Length);
        for (int r = 0; r < RowCount; r++)
        {
            ReadOnlySpan<float> row = Values.AsSpan(r * ColumnCount, ColumnCount);
            bool complete = true;
            foreach (float value in row) complete &= !float.IsNaN(value);
            if (complete) kept.AddRange(row.ToArray());
        }

        return new CsvTable(_columnNames, kept.ToArray(), _categories);
    }
}
