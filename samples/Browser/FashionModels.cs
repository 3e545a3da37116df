using System;
using FashionMnist;
using StaticNets;

namespace BrowserSample;

/// <summary>
/// What the page and the native trainer (Trainer/) both run, compiled into each, so that the browser's numbers can be
/// compared with native ones: the classifier's probabilities for an image, and the live training loop.
/// </summary>
public static class FashionModels
{
    /// <summary>Image side and floats per image (28 × 28 grey pixels).</summary>
    public const int Side = 28, Pixels = Side * Side;

    /// <summary>Fashion-MNIST's ten classes, by label.</summary>
    public static readonly string[] ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Pixels as the models were trained on them: bytes 0-255 scaled to [0, 1], as samples/FashionMnist does.</summary>
    public static float[] Scale(ReadOnlySpan<byte> pixels)
    {
        var scaled = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++) scaled[i] = pixels[i] / 255f;
        return scaled;
    }

    /// <summary>The classifier's ten logits and their softmax, the class probabilities, for one image.</summary>
    public static (float[] Logits, float[] Probabilities) Classify(INetwork model, ReadOnlySpan<float> image)
    {
        var logits = new float[10];
        model.Predict(image, logits);
        return (logits, Softmax(logits));
    }

    /// <summary>Softmax in double, rounded once to float.</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits)
    {
        double max = double.NegativeInfinity;
        foreach (float z in logits) max = Math.Max(max, z);
        var exp = new double[logits.Length];
        double sum = 0;
        for (int i = 0; i < logits.Length; i++) sum += exp[i] = Math.Exp(logits[i] - max);
        var probabilities = new float[logits.Length];
        for (int i = 0; i < logits.Length; i++) probabilities[i] = (float)(exp[i] / sum);
        return probabilities;
    }

    /// <summary>The fraction of <paramref name="images"/> whose most probable class is their label.</summary>
    public static double Accuracy(INetwork model, ReadOnlySpan<float> images, ReadOnlySpan<float> labels)
    {
        int count = labels.Length, correct = 0;
        var logits = new float[count * 10];
        model.PredictBatch(images[..(count * Pixels)], logits);
        for (int n = 0; n < count; n++)
        {
            ReadOnlySpan<float> row = logits.AsSpan(n * 10, 10);
            int best = 0;
            for (int k = 1; k < 10; k++) if (row[k] > row[best]) best = k;
            if (best == (int)labels[n]) correct++;
        }

        return count == 0 ? 0 : (double)correct / count;
    }
}

/// <summary>
/// Trains <see cref="LiveMlp"/> one batch at a time, so the page can draw the loss after every step: Adam, the
/// sparse categorical cross-entropy on the logits, batches of 32 taken in order (no shuffling) from the images the
/// page ships, one thread. Deterministic: the same seed and data give the same losses, natively or in the browser,
/// up to rounding (the browser has no fused multiply-add).
/// </summary>
public sealed class LiveTraining
{
    /// <summary>Images per step (Keras's default batch size).</summary>
    public const int BatchSize = 32;

    private readonly float[] images;
    private readonly float[] labels;
    private readonly int batches;

    /// <summary>Starts from a freshly initialised <see cref="LiveMlp"/> (seeded) on these images and labels.</summary>
    public LiveTraining(float[] images, float[] labels, int seed, float learningRate = 0.001f)
    {
        if (images.Length != labels.Length * FashionModels.Pixels) throw new ArgumentException("one label per 28 × 28 image", nameof(labels));
        this.images = images;
        this.labels = labels;
        batches = labels.Length / BatchSize;
        if (batches == 0) throw new ArgumentException($"at least {BatchSize} images are needed", nameof(images));
        Model = new LiveMlp(seed);
        Model.Compile(new Adam(learningRate), new SparseCategoricalCrossentropy(fromLogits: true));
        Model.SetTrainingThreads(1);
    }

    /// <summary>The model being trained.</summary>
    public LiveMlp Model { get; }

    /// <summary>Steps taken so far.</summary>
    public int Steps { get; private set; }

    /// <summary>One step on the next batch; returns its loss (before the update, as Keras reports it).</summary>
    public float Step()
    {
        int batch = Steps % batches;
        Steps++;
        return Model.TrainOnBatch(
            images.AsSpan(batch * BatchSize * FashionModels.Pixels, BatchSize * FashionModels.Pixels),
            labels.AsSpan(batch * BatchSize, BatchSize));
    }
}
