using System;
using System.IO;
using StaticNets;

namespace Tutorials.Regression;

/// <summary>
/// The Auto MPG data as the tutorial prepares it: rows with a missing value dropped (the tutorial's <c>dropna()</c>),
/// <c>Origin</c> one-hot as <c>Europe</c>, <c>Japan</c>, <c>USA</c> (the order pandas' <c>get_dummies</c> gives, after the
/// other columns), and <c>MPG</c> taken out as the label.
/// </summary>
public sealed class AutoMpg
{
    /// <summary>Features per car after the one-hot columns.</summary>
    public const int FeatureCount = 9;

    /// <summary>The column of <c>Horsepower</c> among the features.</summary>
    public const int HorsepowerColumn = 2;

    /// <summary>The feature columns, in order.</summary>
    public static readonly string[] FeatureNames =
        ["Cylinders", "Displacement", "Horsepower", "Weight", "Acceleration", "Model Year", "Europe", "Japan", "USA"];

    private static readonly string[] NumericColumns = ["Cylinders", "Displacement", "Horsepower", "Weight", "Acceleration", "Model Year"];

    private AutoMpg(float[] features, float[] mpg, int rowsRead)
    {
        Features = features;
        Mpg = mpg;
        RowsRead = rowsRead;
    }

    /// <summary>Row-major features, <see cref="FeatureCount"/> per car.</summary>
    public float[] Features { get; }

    /// <summary>Miles per gallon, one per car.</summary>
    public float[] Mpg { get; }

    /// <summary>Rows in the file, before those with a missing value were dropped.</summary>
    public int RowsRead { get; }

    /// <summary>Cars kept.</summary>
    public int Count => Mpg.Length;

    /// <summary>Reads the CSV in this sample's <c>Data</c> folder: a header, then MPG, six numbers and Origin (1 USA, 2 Europe, 3 Japan); <c>?</c> marks a missing value.</summary>
    /// <exception cref="InvalidDataException">The file is malformed, or an Origin is not 1, 2 or 3.</exception>
    public static AutoMpg Load(string path)
    {
        CsvTable raw = DataUtils.LoadCsv(path);
        CsvTable table = raw.DropMissing();
        float[] numeric = table.Select(NumericColumns);
        float[] origin = table.Column("Origin");
        var features = new float[table.RowCount * FeatureCount];
        for (int row = 0; row < table.RowCount; row++)
        {
            Span<float> car = features.AsSpan(row * FeatureCount, FeatureCount);
            numeric.AsSpan(row * NumericColumns.Length, NumericColumns.Length).CopyTo(car);
            int country = origin[row] switch
            {
                2 => 0, // Europe
                3 => 1, // Japan
                1 => 2, // USA
                _ => throw new InvalidDataException($"{path}: Origin {origin[row]} is not 1 (USA), 2 (Europe) or 3 (Japan)."),
            };
            car[NumericColumns.Length + country] = 1;
        }

        return new AutoMpg(features, table.Column("MPG"), raw.RowCount);
    }

    /// <summary>One column of row-major <paramref name="features"/>.</summary>
    public static float[] Column(float[] features, int column)
    {
        var values = new float[features.Length / FeatureCount];
        for (int i = 0; i < values.Length; i++) values[i] = features[i * FeatureCount + column];
        return values;
    }
}
