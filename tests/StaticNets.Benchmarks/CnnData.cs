using System;

namespace StaticNets.Benchmarks;

/// <summary>
/// The Fashion-MNIST CNN's weights and samples that every implementation is given (inference and training), made
/// deterministically from a seed like <see cref="BenchData"/>: Keras glorot-uniform kernels, small non-zero biases,
/// <see cref="BenchData.BatchSize"/> samples in [0, 1) like scaled pixels, and class labels for training.
/// </summary>
public sealed class CnnData
{
    private CnnData(CnnShape shape, float[] parameters, float[] batch, float[] labels)
    {
        Shape = shape;
        Parameters = parameters;
        Batch = batch;
        Labels = labels;
    }

    /// <summary>The network's geometry and parameter layout.</summary>
    public CnnShape Shape { get; }

    /// <summary>Weights in Keras <c>get_weights()</c> order.</summary>
    public float[] Parameters { get; }

    /// <summary><see cref="BenchData.BatchSize"/> samples (28×28×1 each), row-major; the first is the single-sample input.</summary>
    public float[] Batch { get; }

    /// <summary>One class index per sample of <see cref="Batch"/> (stored as floats, as sparse categorical cross-entropy takes them).</summary>
    public float[] Labels { get; }

    /// <summary>Makes the data for <paramref name="shape"/> from <paramref name="seed"/>.</summary>
    public static CnnData Create(CnnShape shape, int seed)
    {
        var random = new Random(seed);
        var parameters = new float[shape.ParameterCount];
        int k = shape.KernelSize;
        for (int l = 0; l < shape.ConvCount; l++)
        {
            // Keras's glorot_uniform for a conv kernel: fan in = kh·kw·cin, fan out = kh·kw·filters.
            int c = shape.ConvInput(l).Channels, f = shape.FiltersOf(l);
            FillUniform(random, parameters.AsSpan(shape.ConvKernelOffset(l), shape.ConvKernelSize(l)), MathF.Sqrt(6f / (k * k * (c + f))));
            FillBias(random, parameters.AsSpan(shape.ConvBiasOffset(l), f));
        }

        for (int l = 0; l < shape.DenseCount; l++)
        {
            int inputs = shape.DenseInputsOf(l), units = shape.UnitsOf(l);
            FillUniform(random, parameters.AsSpan(shape.DenseKernelOffset(l), inputs * units), MathF.Sqrt(6f / (inputs + units)));
            FillBias(random, parameters.AsSpan(shape.DenseBiasOffset(l), units));
        }

        var batch = new float[BenchData.BatchSize * shape.InputSize];
        for (int i = 0; i < batch.Length; i++) batch[i] = (float)random.NextDouble();
        var labels = new float[BenchData.BatchSize];
        for (int n = 0; n < labels.Length; n++) labels[n] = random.Next(shape.OutputSize);
        return new CnnData(shape, parameters, batch, labels);
    }

    private static void FillUniform(Random random, Span<float> values, float limit)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * limit;
    }

    private static void FillBias(Random random, Span<float> values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 0.2 - 0.1);
    }
}
