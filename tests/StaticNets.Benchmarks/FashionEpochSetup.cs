using System;
using System.IO;

namespace StaticNets.Benchmarks;

/// <summary>
/// The Fashion-MNIST measure (docs/performance.md): one epoch of the TensorFlow Keras tutorial's MLP as the tutorial compiles
/// it (Adam, sparse categorical cross-entropy from logits, accuracy), <c>Fit</c> over 60,000 samples in batches of
/// 32, reshuffled each epoch, silent. The real training images when Debian's <c>dataset-fashion-mnist</c> is
/// installed, else random data of the same shape (an epoch's time does not depend on the values).
/// </summary>
public sealed class FashionEpochSetup
{
    /// <summary>Where <c>dataset-fashion-mnist</c> installs the IDX files.</summary>
    public const string DataFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Training samples per epoch (the whole Fashion-MNIST training set).</summary>
    public const int Samples = 60000;

    /// <summary>The tutorial's (Keras's default) batch size.</summary>
    public const int BatchSize = 32;

    private readonly FashionMlp _network;
    private readonly float[] _images;
    private readonly float[] _labels;
    private int _epoch;

    private FashionEpochSetup(float[] images, float[] labels, string source)
    {
        _images = images;
        _labels = labels;
        Source = source;
        _network = new FashionMlp(1);
        _network.Compile(new Adam(), new SparseCategoricalCrossentropy(fromLogits: true), Metric.Accuracy);
    }

    /// <summary>"real" (the dataset's training images) or "random".</summary>
    public string Source { get; }

    /// <summary>Loads the training set, or makes random data of its shape (saying so on <paramref name="log"/>).</summary>
    public static FashionEpochSetup Create(TextWriter log)
    {
        string images = Path.Combine(DataFolder, "train-images-idx3-ubyte.gz");
        string labels = Path.Combine(DataFolder, "train-labels-idx1-ubyte.gz");
        if (File.Exists(images) && File.Exists(labels))
        {
            IdxImages idx = IdxReader.ReadImages(images);
            byte[] classes = IdxReader.ReadLabels(labels);
            if (idx.Count < Samples || classes.Length < Samples || idx.Rows * idx.Columns != FashionMlp.InputSize)
            {
                throw new InvalidDataException($"{images}: expected at least {Samples} images of 28×28 pixels with labels.");
            }

            var x = new float[Samples * FashionMlp.InputSize];
            for (int i = 0; i < x.Length; i++) x[i] = idx.Pixels[i] / 255f;
            var y = new float[Samples];
            for (int n = 0; n < Samples; n++) y[n] = classes[n];
            return new FashionEpochSetup(x, y, "real");
        }

        log.WriteLine($"note: no Fashion-MNIST in {DataFolder} (apt-get install dataset-fashion-mnist); timing an epoch on random data of the same shape.");
        var random = new Random(3);
        var randomX = new float[Samples * FashionMlp.InputSize];
        for (int i = 0; i < randomX.Length; i++) randomX[i] = (float)random.NextDouble();
        var randomY = new float[Samples];
        for (int n = 0; n < Samples; n++) randomY[n] = random.Next(10);
        return new FashionEpochSetup(randomX, randomY, "random");
    }

    /// <summary>One silent <c>Fit</c> epoch, reshuffled with a new seed each time (as PyTorch's loop draws a new permutation).</summary>
    public void Epoch() => _network.Fit(_images, _labels, epochs: 1, batchSize: BatchSize, shuffle: true, verbose: 0, seed: _epoch++);
}
