using StaticNets.Runtime;

namespace StaticNets.Tests.Layers;

/// <summary>Naive double-precision pooling from the Keras definitions: padding never wins a max and is not counted in a mean.</summary>
internal static class PoolingReference
{
    /// <summary>Max pooling; also returns, per output, the input index of the first (row-major window order) maximum.</summary>
    public static (double[] Y, int[] ArgMax) Max(int samples, Window2D w, double[] x)
    {
        int outputs = samples * w.OutputPositions * w.Channels;
        var y = new double[outputs];
        var argMax = new int[outputs];
        ForEachOutput(samples, w, (n, oh, ow, c, o) =>
        {
            double best = double.NegativeInfinity;
            int at = -1;
            foreach (int xi in Cells(w, n, oh, ow, c))
            {
                if (x[xi] > best) (best, at) = (x[xi], xi);
            }

            (y[o], argMax[o]) = (best, at);
        });
        return (y, argMax);
    }

    public static double[] MaxBackward(int samples, Window2D w, double[] x, double[] dy)
    {
        int[] argMax = Max(samples, w, x).ArgMax;
        var dx = new double[x.Length];
        for (int o = 0; o < dy.Length; o++) dx[argMax[o]] += dy[o];
        return dx;
    }

    public static double[] Average(int samples, Window2D w, double[] x)
    {
        var y = new double[samples * w.OutputPositions * w.Channels];
        ForEachOutput(samples, w, (n, oh, ow, c, o) =>
        {
            int[] cells = Cells(w, n, oh, ow, c).ToArray();
            y[o] = cells.Sum(xi => x[xi]) / cells.Length;
        });
        return y;
    }

    public static double[] AverageBackward(int samples, Window2D w, double[] dy)
    {
        var dx = new double[samples * w.InputSize];
        ForEachOutput(samples, w, (n, oh, ow, c, o) =>
        {
            int[] cells = Cells(w, n, oh, ow, c).ToArray();
            foreach (int xi in cells) dx[xi] += dy[o] / cells.Length;
        });
        return dx;
    }

    /// <summary>Input indices of the real cells of one window, for one channel, in row-major window order.</summary>
    public static IEnumerable<int> Cells(Window2D w, int n, int oh, int ow, int c)
    {
        for (int i = 0; i < w.WindowHeight; i++)
        for (int j = 0; j < w.WindowWidth; j++)
        {
            if (LayerMath.Cell(w, oh, ow, i, j) is var (row, col)) yield return LayerMath.InputIndex(w, n, row, col, c);
        }
    }

    private static void ForEachOutput(int samples, Window2D w, Action<int, int, int, int, int> body)
    {
        for (int n = 0; n < samples; n++)
        for (int oh = 0; oh < w.OutputHeight; oh++)
        for (int ow = 0; ow < w.OutputWidth; ow++)
        for (int c = 0; c < w.Channels; c++)
        {
            body(n, oh, ow, c, LayerMath.OutputIndex(w, n, oh, ow, c, w.Channels));
        }
    }
}
