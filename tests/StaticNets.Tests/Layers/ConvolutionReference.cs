using StaticNets.Runtime;

namespace StaticNets.Tests.Layers;

/// <summary>Naive double-precision convolution straight from the Keras definition (no im2col), and its gradients.</summary>
internal static class ConvolutionReference
{
    /// <summary>Kernel index of Keras's (kh, kw, cin, filters) array.</summary>
    public static int KernelIndex(in Window2D w, int i, int j, int c, int f, int filters) => ((i * w.WindowWidth + j) * w.Channels + c) * filters + f;

    public static double[] Forward(int samples, Window2D w, int filters, double[] x, double[] kernel, double[]? bias)
    {
        var y = new double[samples * w.OutputPositions * filters];
        for (int n = 0; n < samples; n++)
        for (int oh = 0; oh < w.OutputHeight; oh++)
        for (int ow = 0; ow < w.OutputWidth; ow++)
        for (int f = 0; f < filters; f++)
        {
            double sum = bias?[f] ?? 0;
            for (int i = 0; i < w.WindowHeight; i++)
            for (int j = 0; j < w.WindowWidth; j++)
            {
                if (LayerMath.Cell(w, oh, ow, i, j) is not var (row, col)) continue;
                for (int c = 0; c < w.Channels; c++)
                {
                    sum += x[LayerMath.InputIndex(w, n, row, col, c)] * kernel[KernelIndex(w, i, j, c, f, filters)];
                }
            }

            y[LayerMath.OutputIndex(w, n, oh, ow, f, filters)] = sum;
        }

        return y;
    }

    /// <summary>∂/∂x, ∂/∂kernel, ∂/∂bias of Σ y·dz.</summary>
    public static (double[] Dx, double[] DKernel, double[] DBias) Backward(int samples, Window2D w, int filters, double[] x, double[] kernel, double[] dz)
    {
        var dx = new double[x.Length];
        var dKernel = new double[kernel.Length];
        var dBias = new double[filters];
        for (int n = 0; n < samples; n++)
        for (int oh = 0; oh < w.OutputHeight; oh++)
        for (int ow = 0; ow < w.OutputWidth; ow++)
        for (int f = 0; f < filters; f++)
        {
            double g = dz[LayerMath.OutputIndex(w, n, oh, ow, f, filters)];
            dBias[f] += g;
            for (int i = 0; i < w.WindowHeight; i++)
            for (int j = 0; j < w.WindowWidth; j++)
            {
                if (LayerMath.Cell(w, oh, ow, i, j) is not var (row, col)) continue;
                for (int c = 0; c < w.Channels; c++)
                {
                    int xi = LayerMath.InputIndex(w, n, row, col, c), ki = KernelIndex(w, i, j, c, f, filters);
                    dx[xi] += g * kernel[ki];
                    dKernel[ki] += g * x[xi];
                }
            }
        }

        return (dx, dKernel, dBias);
    }
}
