using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace StaticNets.Benchmarks;

/// <summary>
/// pytorch_bench.py's results: a tab-separated table <c>key, value, unit, configuration</c> (unit <c>ns</c> for
/// times per sample or step, <c>GFLOP/s</c> for the sgemm probe). Lines starting with '#' are comments.
/// </summary>
public sealed class PeerResults
{
    private readonly Dictionary<string, (double Value, string Unit, string Configuration)> _values = new();

    /// <summary>No peer results (the PyTorch run was skipped).</summary>
    public static PeerResults Empty { get; } = new();

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidDataException"/> on a malformed line.</summary>
    public static PeerResults Read(string path)
    {
        var results = new PeerResults();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] fields = line.Split('\t');
            if (fields.Length != 4 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected 'key<TAB>value<TAB>unit<TAB>configuration', got '{line}'.");
            }

            results._values[fields[0]] = (value, fields[2], fields[3]);
        }

        return results;
    }

    /// <summary>Nanoseconds for <paramref name="key"/>, or null.</summary>
    public double? Nanoseconds(string key) => _values.TryGetValue(key, out var v) && v.Unit == "ns" ? v.Value : null;

    /// <summary>A value in any unit, or null.</summary>
    public double? Value(string key) => _values.TryGetValue(key, out var v) ? v.Value : null;

    /// <summary>The configuration that gave <paramref name="key"/>'s best value ("" if unknown).</summary>
    public string Configuration(string key) => _values.TryGetValue(key, out var v) ? v.Configuration : "";
}
