using System;

namespace StaticNets.Benchmarks;

/// <summary>
/// The one set of weights and inputs that every implementation is given, so their outputs can be compared and
/// their timings are for the same work. Deterministic: the same seed gives the same numbers in every process
/// (BenchmarkDotNet runs each benchmark in its own process).
/// </summary>
public sealed class BenchData
{
    /// <summary>Samples in a batched call: the batch size of the batch and training targets in docs/performance.md.</summary>
    public const int BatchSize = 128;

    private BenchData(MlpShape shape, float[] parameters, float[] batch)
    {
        Shape = shape;
        Parameters = parameters;
        Batch = batch;
    }

    /// <summary>The network's layer sizes.</summary>
    public MlpShape Shape { get; }

    /// <summary>Weights in Keras <c>get_weights()</c> order (kernels glorot-uniform, biases small and non-zero so the bias path is checked).</summary>
    public float[] Parameters { get; }

    /// <summary><see cref="BatchSize"/> input samples, row-major; the first is the single-sample input.</summary>
    public float[] Batch { get; }

    /// <summary>The first sample of <see cref="Batch"/>.</summary>
    public ReadOnlySpan<float> Single => Batch.AsSpan(0, Shape.InputSize);

    /// <summary>Makes the data for <paramref name="shape"/> from <paramref name="seed"/>.</summary>
    public static BenchData Create(MlpShape shape, int seed)
    {
        var random = new Random(seed);
        var parameters = new float[shape.ParameterCount];
        for (int l = 0; l < shape.LayerCount; l++)
        {
            int fanIn = shape.InputsOf(l), fanOut = shape.UnitsOf(l);
            float limit = MathF.Sqrt(6f / (fanIn + fanOut));
            Span<float> kernel = parameters.AsSpan(shape.KernelOffset(l), fanIn * fanOut);
            for (int i = 0; i < kernel.Length; i++) kernel[i] = (float)(random.NextDouble() * 2 - 1) * limit;
            Span<float> bias = parameters.AsSpan(shape.BiasOffset(l), fanOut);
            for (int i = 0; i < bias.Length; i++) bias[i] = (float)(random.NextDouble() * 0.2 - 0.1);
        }

        // Inputs in [0, 1) like scaled pixels for B, [-1, 1) for A's two features.
        bool pixels = shape.InputSize > 16;
        var batch = new float[BatchSize * shape.InputSize];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = pixels ? (float)random.NextDouble() : (float)(random.NextDouble() * 2 - 1);
        }

        return new BenchData(shape, parameters, batch);
    }

    /// <summary>One-hot targets for <see cref="BatchSize"/> samples over <paramref name="classes"/> classes.</summary>
    public static float[] OneHotTargets(int samples, int classes, int seed)
    {
        var random = new Random(seed);
        var targets = new float[samples * classes];
        for (int n = 0; n < samples; n++) targets[n * classes + random.Next(classes)] = 1f;
        return targets;
    }

    /// <summary>Uniform regression targets in [-1, 1).</summary>
    public static float[] RegressionTargets(int count, int seed)
    {
        var random = new Random(seed);
        var targets = new float[count];
        for (int i = 0; i < count; i++) targets[i] = (float)(random.NextDouble() * 2 - 1);
        return targets;
    }
}
