namespace StaticNets.Plotting;

/// <summary><c>history.SavePlot(path)</c>, the extension form of <see cref="HistoryPlot.Save"/>.</summary>
public static class HistoryPlotExtensions
{
    /// <inheritdoc cref="HistoryPlot.Save"/>
    public static void SavePlot(this History history, string path, int width = 800, int height = 600)
        => HistoryPlot.Save(history, path, width, height);
}
