using System.Collections.Generic;
using System.Linq;
using ScottPlot;
using StaticNets;

namespace Tutorials.Overfit;

/// <summary>
/// The tutorial's <c>tfdocs.plots.HistoryPlotter(metric='binary_crossentropy', smoothing_std=10)</c>: several models'
/// training (solid) and validation (dashed) cross-entropy per epoch on one chart, one colour per model.
/// </summary>
public static class ComparisonPlot
{
    /// <summary>Writes the chart of <paramref name="histories"/> to <paramref name="path"/> as a PNG.</summary>
    public static void Save(IReadOnlyList<(string Name, History History)> histories, string metric, string path)
    {
        var plot = new Plot();
        for (int m = 0; m < histories.Count; m++)
        {
            (string name, History history) = histories[m];
            Color color = plot.Add.Palette.GetColor(m);
            double[] epochs = history.Epochs.Select(e => (double)(e + 1)).ToArray();
            var train = plot.Add.ScatterLine(epochs, history.Metrics[metric].ToArray(), color);
            train.LegendText = name + " train";
            var validation = plot.Add.ScatterLine(epochs, history.Metrics["val_" + metric].ToArray(), color);
            validation.LegendText = name + " val";
            validation.LinePattern = LinePattern.Dashed;
        }

        plot.XLabel("epoch");
        plot.YLabel(metric);
        plot.Axes.SetLimitsY(0.4, 0.8); // the tutorial's plt.ylim([0.5, 0.7]), a little wider
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 900, 500);
    }
}
