using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using StaticNets;
using StaticNets.Plotting;

namespace FashionMnist;

/// <summary>One model's outcome: its test accuracy and mean seconds per training epoch.</summary>
public sealed record ModelResult(string Name, double TestAccuracy, double TestLoss, double SecondsPerEpoch)
{
    /// <summary>The closing line, e.g. <c>mlp: test accuracy 0.8812, 1.9 s/epoch</c>.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Name}: test accuracy {TestAccuracy:0.0000}, {SecondsPerEpoch:0.00} s/epoch");
}

/// <summary>The one train-and-evaluate routine every model goes through, whatever its layers.</summary>
public static class ModelRun
{
    /// <summary>Keras's default batch size, which the tutorial keeps.</summary>
    public const int BatchSize = 32;

    /// <summary>
    /// Prints the summary, compiles the model as the tutorial does (Adam, sparse categorical cross-entropy on the
    /// logits, accuracy), trains it for <paramref name="epochs"/> epochs with Keras's progress output and a timing
    /// per epoch, writes its training curves to <c>fashion-&lt;name&gt;-history.png</c>, and evaluates it on the test
    /// images.
    /// </summary>
    public static ModelResult TrainAndEvaluate(string name, ITrainableNetwork model, FashionMnistData.Split train, FashionMnistData.Split test, int epochs, int seed)
    {
        Console.WriteLine(model.Summary());
        model.Compile(new Adam(), new SparseCategoricalCrossentropy(fromLogits: true), Metric.Accuracy);
        var timer = new EpochTimer();
        History history = model.Fit(train.Images, train.Labels, epochs: epochs, batchSize: BatchSize, shuffle: true, verbose: 1, callbacks: [timer], seed: seed);
        string curves = Path.GetFullPath($"fashion-{name}-history.png");
        history.SavePlot(curves, 800, 400);
        Console.WriteLine($"Training curves: {curves}");
        IReadOnlyDictionary<string, double> scores = model.Evaluate(test.Images, test.Labels);
        var result = new ModelResult(name, scores["accuracy"], scores["loss"], timer.MeanSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: test loss {result.TestLoss:0.0000}, test accuracy {result.TestAccuracy:0.0000} ({Math.Round(result.TestAccuracy * test.Count)}/{test.Count})"));
        Console.WriteLine();
        return result;
    }
}
