using System;

namespace StaticNets.Benchmarks;

/// <summary>
/// The independent reference the CNN implementations are checked against before timing: the network of a
/// <see cref="CnnShape"/> evaluated in double precision straight from the Keras definitions (channels last). Never timed.
/// </summary>
public static class ReferenceCnn
{
    /// <summary>One sample's outputs.</summary>
    public static double[] Forward(CnnShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input)
    {
        if (input.Length != shape.InputSize) throw new ArgumentException($"Expected {shape.InputSize} inputs, got {input.Length}.", nameof(input));
        double[] x = new double[input.Length];
        for (int i = 0; i < x.Length; i++) x[i] = input[i];
        int k = shape.KernelSize;
        for (int l = 0; l < shape.ConvCount; l++)
        {
            (int h, int w, int c) = shape.ConvInput(l);
            (int oh, int ow, int f) = shape.ConvOutput(l);
            ReadOnlySpan<float> kernel = parameters.Slice(shape.ConvKernelOffset(l), shape.ConvKernelSize(l));
            ReadOnlySpan<float> bias = parameters.Slice(shape.ConvBiasOffset(l), f);
            var conv = new double[oh * ow * f];
            for (int r = 0; r < oh; r++)
            for (int q = 0; q < ow; q++)
            for (int o = 0; o < f; o++)
            {
                double sum = bias[o];
                for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                for (int ch = 0; ch < c; ch++)
                {
                    sum += x[((r + i) * w + q + j) * c + ch] * kernel[((i * k + j) * c + ch) * f + o];
                }

                conv[(r * ow + q) * f + o] = Math.Max(0, sum);
            }

            int ph = oh / 2, pw = ow / 2;
            x = new double[ph * pw * f];
            for (int r = 0; r < ph; r++)
            for (int q = 0; q < pw; q++)
            for (int o = 0; o < f; o++)
            {
                double m = double.NegativeInfinity;
                for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++)
                {
                    m = Math.Max(m, conv[((2 * r + i) * ow + 2 * q + j) * f + o]);
                }

                x[(r * pw + q) * f + o] = m;
            }
        }

        // x is now the flattened (h, w, c) vector Keras's Flatten gives.
        for (int l = 0; l < shape.DenseCount; l++)
        {
            int inputs = shape.DenseInputsOf(l), units = shape.UnitsOf(l);
            ReadOnlySpan<float> kernel = parameters.Slice(shape.DenseKernelOffset(l), inputs * units);
            ReadOnlySpan<float> bias = parameters.Slice(shape.DenseBiasOffset(l), units);
            var y = new double[units];
            for (int u = 0; u < units; u++)
            {
                double sum = bias[u];
                for (int i = 0; i < inputs; i++) sum += x[i] * kernel[i * units + u];
                y[u] = l < shape.DenseCount - 1 ? Math.Max(0, sum) : sum;
            }

            x = y;
        }

        return x;
    }

    /// <summary>
    /// Sparse categorical cross-entropy from logits (Keras <c>from_logits=True</c>, PyTorch's <c>CrossEntropyLoss</c>),
    /// the mean over the samples of <paramref name="inputs"/> with class indices <paramref name="labels"/>, in double precision.
    /// </summary>
    public static double SparseCrossentropyFromLogits(CnnShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> labels)
    {
        int samples = inputs.Length / shape.InputSize;
        double total = 0;
        for (int n = 0; n < samples; n++)
        {
            double[] logits = Forward(shape, parameters, inputs.Slice(n * shape.InputSize, shape.InputSize));
            double max = double.NegativeInfinity;
            foreach (double z in logits) max = Math.Max(max, z);
            double sum = 0;
            foreach (double z in logits) sum += Math.Exp(z - max);
            total += max + Math.Log(sum) - logits[(int)labels[n]];
        }

        return total / samples;
    }
}
