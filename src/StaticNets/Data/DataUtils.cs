using System;

namespace StaticNets;

/// <summary>
/// Helpers a Keras user reaches for around training: <c>to_categorical</c>, a seeded train/test split, and loaders
/// for numeric CSV files and IDX files (MNIST, Fashion-MNIST).
/// </summary>
public static partial class DataUtils
{
    /// <summary>
    /// Keras <c>to_categorical</c>: one row of <paramref name="numClasses"/> floats per label, 1 at the label's index
    /// and 0 elsewhere.
    /// </summary>
    /// <param name="labels">Class indices stored as floats (whole numbers).</param>
    /// <param name="numClasses">The number of classes; positive.</param>
    /// <returns><c>labels.Length × numClasses</c> floats, row-major.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="numClasses"/> is not positive, or a label is not a whole number in <c>[0, numClasses)</c> (the message names it).
    /// </exception>
    public static float[] ToCategorical(ReadOnlySpan<float> labels, int numClasses)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numClasses);
        var rows = new float[checked(labels.Length * numClasses)];
        for (int i = 0; i < labels.Length; i++)
        {
            float label = labels[i];
            if (!(label >= 0 && label < numClasses) || label != MathF.Floor(label))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(labels), label, $"Label {i} is {label}, not a class index in [0, {numClasses}).");
            }

            rows[(i * numClasses) + (int)label] = 1f;
        }

        return rows;
    }

    /// <summary>
    /// A seeded, shuffled train/test split (scikit-learn's <c>train_test_split</c>, which Keras tutorials use):
    /// the samples are put in a random order (Fisher–Yates driven by <see cref="Random"/> with <paramref name="seed"/>,
    /// the same on every machine), the first <c>ceil(n · testFraction)</c> go to the test set and the rest, in that
    /// order, to the training set.
    /// </summary>
    /// <param name="x">Samples, row-major, <paramref name="inputSize"/> floats each.</param>
    /// <param name="y">Targets, row-major, <paramref name="targetSize"/> floats each (1 for class indices).</param>
    /// <param name="inputSize">Floats per sample.</param>
    /// <param name="targetSize">Floats per target.</param>
    /// <param name="testFraction">Share of the samples for testing, in (0, 1).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <returns>The training and test samples and targets.</returns>
    /// <exception cref="ArgumentException">The lengths do not describe the same number of samples, or a part would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or <paramref name="testFraction"/> is outside (0, 1).</exception>
    public static (float[] TrainX, float[] TrainY, float[] TestX, float[] TestY) TrainTestSplit(
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> y,
        int inputSize,
        int targetSize,
        double testFraction,
        int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSize);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must lie in (0, 1).");
        }

        if (x.Length % inputSize != 0) throw new ArgumentException($"Expected a multiple of {inputSize} values (inputSize) in x, but got {x.Length}.", nameof(x));
        int samples = x.Length / inputSize;
        if ((long)samples * targetSize != y.Length)
        {
            throw new ArgumentException($"Expected {(long)samples * targetSize} values in y ({samples} samples × {targetSize}), but got {y.Length}.", nameof(y));
        }

        int testCount = (int)Math.Ceiling(samples * testFraction);
        if (testCount >= samples)
        {
            throw new ArgumentException($"A test fraction of {testFraction} leaves none of the {samples} samples for training.", nameof(testFraction));
        }

        int[] order = new int[samples];
        for (int i = 0; i < samples; i++) order[i] = i;
        new Random(seed).Shuffle(order);

        (float[] testX, float[] testY) = Gather(x, y, order.AsSpan(0, testCount), inputSize, targetSize);
        (float[] trainX, float[] trainY) = Gather(x, y, order.AsSpan(testCount), inputSize, targetSize);
        return (trainX, trainY, testX, testY);
    }

    private static (float[] X, float[] Y) Gather(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<int> rows, int inputSize, int targetSize)
    {
        var gatheredX = new float[rows.Length * inputSize];
        var gatheredY = new float[rows.Length * targetSize];
        for (int r = 0; r < rows.Length; r++)
        {
            x.Slice(rows[r] * inputSize, inputSize).CopyTo(gatheredX.AsSpan(r * inputSize));
            y.Slice(rows[r] * targetSize, targetSize).CopyTo(gatheredY.AsSpan(r * targetSize));
        }

        return (gatheredX, gatheredY);
    }
}
