using System;

namespace StaticNets.Benchmarks;

/// <summary>
/// The independent reference every implementation is checked against before timing: the same MLP evaluated in
/// double precision, straight from the definition. Never timed.
/// </summary>
public static class ReferenceMlp
{
    /// <summary>
    /// One sample in double precision; ReLU on hidden layers; the output linear, or softmax when
    /// <paramref name="softmax"/> is set.
    /// </summary>
    public static double[] Forward(MlpShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, bool softmax = false)
    {
        double[] x = new double[input.Length];
        for (int i = 0; i < x.Length; i++) x[i] = input[i];
        for (int l = 0; l < shape.LayerCount; l++)
        {
            int inputs = shape.InputsOf(l), units = shape.UnitsOf(l);
            int kernel = shape.KernelOffset(l), bias = shape.BiasOffset(l);
            bool last = l == shape.LayerCount - 1;
            var y = new double[units];
            for (int j = 0; j < units; j++)
            {
                double sum = parameters[bias + j];
                for (int i = 0; i < inputs; i++) sum += x[i] * (double)parameters[kernel + i * units + j];
                y[j] = last ? sum : Math.Max(sum, 0.0);
            }

            x = y;
        }

        if (softmax)
        {
            double max = double.NegativeInfinity;
            foreach (double v in x) max = Math.Max(max, v);
            double total = 0;
            for (int j = 0; j < x.Length; j++) total += x[j] = Math.Exp(x[j] - max);
            for (int j = 0; j < x.Length; j++) x[j] /= total;
        }

        return x;
    }

    /// <summary>Keras categorical cross-entropy (mean over samples, probabilities clipped to [1e-7, 1 − 1e-7]) in double precision.</summary>
    public static double CategoricalCrossentropy(MlpShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int samples = inputs.Length / shape.InputSize;
        double total = 0;
        for (int n = 0; n < samples; n++)
        {
            double[] p = Forward(shape, parameters, inputs.Slice(n * shape.InputSize, shape.InputSize), softmax: true);
            for (int j = 0; j < p.Length; j++)
            {
                double clipped = Math.Clamp(p[j], 1e-7, 1 - 1e-7);
                total -= targets[n * shape.OutputSize + j] * Math.Log(clipped);
            }
        }

        return total / samples;
    }

    /// <summary>Keras mean squared error (mean over samples and outputs) in double precision.</summary>
    public static double MeanSquaredError(MlpShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int samples = inputs.Length / shape.InputSize;
        double total = 0;
        for (int n = 0; n < samples; n++)
        {
            double[] y = Forward(shape, parameters, inputs.Slice(n * shape.InputSize, shape.InputSize));
            for (int j = 0; j < y.Length; j++)
            {
                double d = y[j] - targets[n * shape.OutputSize + j];
                total += d * d;
            }
        }

        return total / (samples * (double)shape.OutputSize);
    }
}
