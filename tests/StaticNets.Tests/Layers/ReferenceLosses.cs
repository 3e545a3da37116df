namespace StaticNets.Tests.Layers;

/// <summary>The losses the layer networks train with.</summary>
internal enum LossKind
{
    MeanSquaredError,

    /// <summary>On softmax probabilities.</summary>
    CategoricalCrossentropy,

    SparseCategoricalCrossentropyFromLogits,

    /// <summary>On sigmoid probabilities, targets 0 or 1.</summary>
    BinaryCrossentropy,
}

/// <summary>Keras's losses in double (docs/keras-semantics.md, "Losses"), the mean over the batch, and targets to feed them.</summary>
internal static class ReferenceLosses
{
    private const double Epsilon = 1e-7;

    public static Loss Create(LossKind kind) => kind switch
    {
        LossKind.MeanSquaredError => new MeanSquaredError(),
        LossKind.CategoricalCrossentropy => new CategoricalCrossentropy(),
        LossKind.SparseCategoricalCrossentropyFromLogits => new SparseCategoricalCrossentropy(fromLogits: true),
        LossKind.BinaryCrossentropy => new BinaryCrossentropy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Random regression targets, one-hot rows, or class indices for <paramref name="n"/> samples.</summary>
    public static float[] Targets(LossKind kind, Random random, int n, int outputs) => kind switch
    {
        LossKind.MeanSquaredError => LayerMath.Uniform(random, n * outputs),
        LossKind.CategoricalCrossentropy => OneHot(random, n, outputs),
        LossKind.SparseCategoricalCrossentropyFromLogits => Enumerable.Range(0, n).Select(_ => (float)random.Next(outputs)).ToArray(),
        LossKind.BinaryCrossentropy => Enumerable.Range(0, n * outputs).Select(_ => (float)random.Next(2)).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static double Value(LossKind kind, double[] outputs, float[] targets, int n)
    {
        int size = outputs.Length / n;
        double total = 0;
        for (int s = 0; s < n; s++)
        {
            ReadOnlySpan<double> row = outputs.AsSpan(s * size, size);
            switch (kind)
            {
                case LossKind.MeanSquaredError:
                    for (int k = 0; k < size; k++) total += (row[k] - targets[s * size + k]) * (row[k] - targets[s * size + k]) / size;
                    break;
                case LossKind.CategoricalCrossentropy:
                    double sum = 0;
                    foreach (double p in row) sum += p;
                    for (int k = 0; k < size; k++) total -= targets[s * size + k] * Math.Log(Math.Clamp(row[k] / sum, Epsilon, 1 - Epsilon));
                    break;
                case LossKind.SparseCategoricalCrossentropyFromLogits:
                    double max = double.NegativeInfinity, exponentials = 0;
                    foreach (double z in row) max = Math.Max(max, z);
                    foreach (double z in row) exponentials += Math.Exp(z - max);
                    total -= row[(int)targets[s]] - max - Math.Log(exponentials);
                    break;
                case LossKind.BinaryCrossentropy:
                    for (int k = 0; k < size; k++)
                    {
                        double p = Math.Clamp(row[k], Epsilon, 1 - Epsilon), y = targets[s * size + k];
                        total -= (y * Math.Log(p) + (1 - y) * Math.Log(1 - p)) / size;
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind));
            }
        }

        return total / n;
    }

    private static float[] OneHot(Random random, int n, int classes)
    {
        var y = new float[n * classes];
        for (int s = 0; s < n; s++) y[s * classes + random.Next(classes)] = 1f;
        return y;
    }
}
