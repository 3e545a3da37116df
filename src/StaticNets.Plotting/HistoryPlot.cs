using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;

namespace StaticNets.Plotting;

/// <summary>
/// Draws a <see cref="History"/> as a PNG: one panel per quantity (the loss, then each metric, in History order),
/// each with the training curve and, when <c>Fit</c> validated, the <c>val_</c> curve, against the epoch (1-based,
/// as Keras prints it). What Keras tutorials plot with matplotlib from <c>history.history</c>.
/// </summary>
public static class HistoryPlot
{
    /// <summary>Writes the plot of <paramref name="history"/> to <paramref name="path"/> as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <param name="history">What <c>Fit</c> returned.</param>
    /// <param name="path">The PNG file to write (its folder is created if needed).</param>
    /// <param name="width">Image width in pixels; at least 100.</param>
    /// <param name="height">Image height in pixels; at least 100.</param>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the history holds no epoch.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 100 pixels.</exception>
    public static void Save(History history, string path, int width = 800, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) throw new ArgumentException("The image path is empty.", nameof(path));
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        if (history.Epochs.Count == 0) throw new ArgumentException("The history holds no epoch to plot.", nameof(history));

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        Multiplot figure = Build(history);
        figure.SavePng(path, width, height);
    }

    /// <summary>The quantities to plot: every key without <c>val_</c>, plus a <c>val_</c> key whose training key is absent.</summary>
    internal static IReadOnlyList<string> Quantities(History history)
    {
        var names = new List<string>();
        foreach (string key in history.Metrics.Keys)
        {
            string name = key.StartsWith("val_", StringComparison.Ordinal) && history.Metrics.ContainsKey(key[4..]) ? key[4..] : key;
            if (!names.Contains(name)) names.Add(name);
        }

        return names;
    }

    private static Multiplot Build(History history)
    {
        IReadOnlyList<string> quantities = Quantities(history);
        var figure = new Multiplot();
        int columns = quantities.Count == 1 ? 1 : 2;
        int rows = (quantities.Count + columns - 1) / columns;
        figure.AddPlots(quantities.Count);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        double[] epochs = history.Epochs.Select(e => (double)(e + 1)).ToArray();
        for (int q = 0; q < quantities.Count; q++)
        {
            string name = quantities[q];
            Plot plot = figure.GetPlot(q);
            AddCurve(plot, history, name, epochs, "training", Colors.C0);
            AddCurve(plot, history, "val_" + name, epochs, "validation", Colors.C1);
            plot.Title(name);
            plot.XLabel("epoch");
            plot.ShowLegend(Edge.Bottom); // below the axes, so it never hides a curve
        }

        return figure;
    }

    private static void AddCurve(Plot plot, History history, string key, double[] epochs, string label, Color color)
    {
        if (!history.Metrics.TryGetValue(key, out IReadOnlyList<double>? values)) return;

        // A callback may add a key after the first epoch (or stop logging it): plot the epochs that have values.
        double[] x = epochs[^values.Count..];
        var scatter = plot.Add.Scatter(x, values.ToArray(), color);
        scatter.LegendText = label;
        scatter.MarkerSize = values.Count > 50 ? 0 : 4;
    }
}
