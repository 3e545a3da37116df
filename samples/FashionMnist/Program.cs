using System;
using System.Collections.Generic;
using System.IO;
using FashionMnist;
using static System.FormattableString;

// Fashion-MNIST: 28×28 grey images of ten kinds of clothing. Trains the TensorFlow Keras tutorial's MLP, a small CNN
// and the classic row-by-row LSTM with the same compile/fit/evaluate calls, and prints each one's test accuracy and
// seconds per epoch.
SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SampleOptions.Usage);
    return 2;
}

string[]? paths = FashionMnistData.FindFiles(options.Folder, out string[] missing);
if (paths is null)
{
    Console.Error.WriteLine($"Fashion-MNIST not found in '{options.Folder}' (missing: {string.Join(", ", missing)}).");
    Console.Error.WriteLine("Install it with `sudo apt-get install dataset-fashion-mnist` (files under " + FashionMnistData.DefaultFolder + "),");
    Console.Error.WriteLine("or pass a folder holding the four IDX files (from https://github.com/zalandoresearch/fashion-mnist) as the first argument.");
    return 2;
}

FashionMnistData data;
try
{
    data = FashionMnistData.Load(paths);
}
catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
{
    // A malformed or truncated file, or one that cannot be read: say which, without a stack trace.
    Console.Error.WriteLine($"Cannot read Fashion-MNIST: {e.Message}");
    return 2;
}

FashionMnistData.Split train = options.Limit is int limit ? data.Train.Take(limit) : data.Train;
Console.WriteLine(Invariant($"Fashion-MNIST from {options.Folder}: {train.Count} training images{(train.Count < data.Train.Count ? Invariant($" (first {train.Count} of {data.Train.Count})") : "")}, {data.Test.Count} test images."));
Console.WriteLine();

var results = new List<ModelResult>();
if (options.Runs("mlp"))
{
    results.Add(ModelRun.TrainAndEvaluate("mlp", new FashionMlp(seed: 1), train, data.Test, options.Epochs ?? 10, seed: 2));
}

if (options.Runs("cnn"))
{
    // Five epochs: Keras-style CNNs of this size pass 0.90 test accuracy within a few epochs on Fashion-MNIST.
    results.Add(ModelRun.TrainAndEvaluate("cnn", new FashionCnn(seed: 1), train, data.Test, options.Epochs ?? 5, seed: 2));
}

if (options.Runs("lstm"))
{
    // Each image as a sequence of 28 rows of 28 pixels: the classic Keras sequence example, on real data.
    results.Add(ModelRun.TrainAndEvaluate("lstm", new FashionLstm(seed: 1), train, data.Test, options.Epochs ?? 2, seed: 2));
}

foreach (ModelResult result in results) Console.WriteLine(result);
return 0;
