using System.Buffers.Binary;
using SkiaSharp;
using StaticNets;
using StaticNets.Plotting;
using Xunit;

namespace StaticNets.Plotting.Tests;

[Input(2)]
[Dense(4, Activation.Relu)]
[Dense(1, Activation.Sigmoid)]
public partial class PlotNet { }

/// <summary>The PNG of a History: written, of the asked size, and not blank.</summary>
public sealed class HistoryPlotTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "staticnets-plot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("STATICNETS_KEEP_PLOTS") is null && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static History Train(bool validate)
    {
        var model = new PlotNet(seed: 1);
        model.Compile(new Adam(0.05f), Loss.BinaryCrossentropy, Metric.Accuracy, new Auc());
        float[] x = [0, 0, 0, 1, 1, 0, 1, 1, 0.1f, 0.9f, 0.9f, 0.1f, 0.2f, 0.2f, 0.8f, 0.8f];
        float[] y = [0, 1, 1, 0, 1, 1, 0, 0];
        return model.Fit(x, y, epochs: 12, batchSize: 4, verbose: 0, seed: 2, validationSplit: validate ? 0.25 : 0);
    }

    [Fact]
    public void SavePlot_WritesAPngOfTheAskedSize_WithADrawing()
    {
        History history = Train(validate: true);
        string path = Path.Combine(_folder, "curves", "history.png");

        history.SavePlot(path, 640, 480);

        byte[] bytes = File.ReadAllBytes(path);

        // The PNG signature and the IHDR chunk's big-endian width and height, read from the bytes themselves.
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(480, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));

        // Not blank: many distinct colours (background, text, the two curves' colours).
        using SKBitmap bitmap = SKBitmap.Decode(path);
        var colours = new HashSet<SKColor>();
        for (int y = 0; y < bitmap.Height; y += 2)
        {
            for (int x = 0; x < bitmap.Width; x += 2) colours.Add(bitmap.GetPixel(x, y));
        }

        Assert.True(colours.Count > 20, $"only {colours.Count} colours");
        Assert.Contains(colours, c => c.Blue > 150 && c.Red < 100);   // the training curve (ScottPlot's C0 blue)
        Assert.Contains(colours, c => c.Red > 200 && c.Blue < 100);   // the validation curve (C1 orange)
    }

    [Fact]
    public void Quantities_AreTheLossAndEachMetric_ValidationSharesItsPanel()
    {
        Assert.Equal(["loss", "accuracy", "auc"], HistoryPlot.Quantities(Train(validate: true)));
        Assert.Equal(["loss", "accuracy", "auc"], HistoryPlot.Quantities(Train(validate: false)));
    }

    [Fact]
    public void Save_RejectsBadArguments()
    {
        History history = Train(validate: false);
        Assert.Throws<ArgumentNullException>(() => HistoryPlot.Save(null!, "x.png"));
        Assert.Throws<ArgumentException>(() => HistoryPlot.Save(history, ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistoryPlot.Save(history, Path.Combine(_folder, "x.png"), 10, 480));
        var empty = new PlotNet(seed: 1);
        empty.Compile(new Sgd(), Loss.MeanSquaredError);
        History none = empty.Fit(new float[2], new float[1], epochs: 0, verbose: 0);
        Assert.Throws<ArgumentException>(() => HistoryPlot.Save(none, Path.Combine(_folder, "x.png")));
    }
}
