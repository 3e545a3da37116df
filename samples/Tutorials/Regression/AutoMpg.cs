using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Tutorials.Regression;

/// <summary>
/// The Auto MPG data as the tutorial prepares it: rows with a missing value dropped (the tutorial's <c>dropna()</c>),
/// <c>Origin</c> one-hot as <c>Europe</c>, <c>Japan</c>, <c>USA</c> (pandas <c>get_dummies</c> order, after the other
/// columns), and <c>MPG</c> taken out as the label.
/// </summary>
public sealed class AutoMpg
{
    /// <summary>Features per car after the one-hot columns.</summary>
    public const int Features = 9;

    /// <summary>The feature columns, in order.</summary>
    public static readonly string[] FeatureNames =
        ["Cylinders", "Displacement", "Horsepower", "Weight", "Acceleration", "Model Year", "Europe", "Japan", "USA"];

    /// <summary>The column of <c>Horsepower</c> among the features.</summary>
    public const int HorsepowerColumn = 2;

    private AutoMpg(float[] features, float[] mpg, int dropped)
    {
        Features_ = features;
        Mpg = mpg;
        Dropped = dropped;
    }

    /// <summary>Row-major features, <see cref="Features"/> per car.</summary>
    public float[] Features_ { get; }

    /// <summary>Miles per gallon, one per car.</summary>
    public float[] Mpg { get; }

    /// <summary>Rows dropped for a missing value.</summary>
    public int Dropped { get; }

    public int Count => Mpg.Length;

    /// <summary>Reads the CSV in this sample's <c>Data</c> folder (header, then MPG, 6 numbers, Origin 1-3; <c>?</c> for missing).</summary>
    public static AutoMpg Load(string path)
    {
        var features = new List<float>();
        var mpg = new List<float>();
        int dropped = 0;
        string[] lines = File.ReadAllLines(path);
        for (int row = 1; row < lines.Length; row++)
        {
            string[] cells = lines[row].Split(',');
            if (cells.Length != 8)
            {
                throw new InvalidDataException($"{path}:{row + 1}: expected 8 values, found {cells.Length}.");
            }

            if (Array.IndexOf(cells, "?") >= 0)
            {
                dropped++;
                continue;
            }

            var values = Array.ConvertAll(cells, c => float.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture));
            mpg.Add(values[0]);
            for (int i = 1; i <= 6; i++) features.Add(values[i]);
            int origin = (int)values[7]; // 1 USA, 2 Europe, 3 Japan
            features.Add(origin == 2 ? 1 : 0);
            features.Add(origin == 3 ? 1 : 0);
            features.Add(origin == 1 ? 1 : 0);
        }

        return new AutoMpg(features.ToArray(), mpg.ToArray(), dropped);
    }
}
