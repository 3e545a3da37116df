using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace StaticNets;

/// <summary>The CSV loader of <see cref="DataUtils"/>.</summary>
public static partial class DataUtils
{
    /// <summary>
    /// Reads a numeric CSV file (what a Keras tutorial reads with <c>pandas.read_csv</c>): one float per field,
    /// parsed with the invariant culture.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="hasHeader">Whether the first line names the columns; otherwise they are <c>column_0</c>, <c>column_1</c>, ...</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="categoricalColumns">
    /// Columns holding text (e.g. Iris's species): each distinct text becomes a class index, in order of first
    /// appearance, listed by <see cref="CsvTable.Categories"/>.
    /// </param>
    /// <returns>The table. Empty fields and <c>?</c>, <c>NA</c>, <c>nan</c> are missing values, stored as NaN
    /// (<see cref="CsvTable.DropMissing"/> removes their rows); blank lines are skipped; fields may be quoted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A row has another number of fields than the first, or a field of a numeric column is not a number (the message gives the line and column).</exception>
    public static CsvTable LoadCsv(string path, bool hasHeader = true, char separator = ',', params string[] categoricalColumns)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(categoricalColumns);
        string[]? names = null;
        var values = new List<float>();
        var categories = new Dictionary<int, List<string>>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            string[] fields = SplitCsvLine(line, separator);
            if (names is null)
            {
                if (hasHeader)
                {
                    names = Array.ConvertAll(fields, f => f.Trim());
                    foreach (string column in categoricalColumns)
                    {
                        int index = Array.IndexOf(names, column);
                        if (index < 0) throw new InvalidDataException($"'{path}' has no column named '{column}'.");
                        categories[index] = new List<string>();
                    }

                    continue;
                }

                names = new string[fields.Length];
                for (int c = 0; c < names.Length; c++) names[c] = string.Create(CultureInfo.InvariantCulture, $"column_{c}");
                foreach (string column in categoricalColumns)
                {
                    int index = Array.IndexOf(names, column);
                    if (index < 0) throw new ArgumentException($"Without a header the columns are column_0 … column_{names.Length - 1}, not '{column}'.", nameof(categoricalColumns));
                    categories[index] = new List<string>();
                }
            }

            if (fields.Length != names.Length)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: {fields.Length} fields where the first row has {names.Length}.");
            }

            for (int c = 0; c < fields.Length; c++)
            {
                string field = fields[c].Trim();
                if (categories.TryGetValue(c, out List<string>? known))
                {
                    int index = known.IndexOf(field);
                    if (index < 0)
                    {
                        index = known.Count;
                        known.Add(field);
                    }

                    values.Add(index);
                }
                else if (IsMissing(field))
                {
                    values.Add(float.NaN);
                }
                else if (float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
                {
                    values.Add(value);
                }
                else
                {
                    throw new InvalidDataException(
                        $"{path}, line {lineNumber}, column '{names[c]}': '{field}' is not a number (list text columns in categoricalColumns).");
                }
            }
        }

        var categoryTexts = new Dictionary<string, string[]>();
        foreach ((int column, List<string> texts) in categories) categoryTexts[names![column]] = texts.ToArray();
        return new CsvTable(names ?? [], values.ToArray(), categoryTexts);
    }

    private static bool IsMissing(string field) => field is "" or "?" or "NA" or "nan" or "NaN";

    /// <summary>Splits one line at <paramref name="separator"/>, honouring double-quoted fields (<c>""</c> is a quote).</summary>
    private static string[] SplitCsvLine(string line, char separator)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
