// The native half of samples/Browser. Reads Fashion-MNIST (Debian's dataset-fashion-mnist), trains the Keras
// tutorial's classifier (samples/FashionMnist's FashionMlp), and writes into the page's data folder:
//   classifier.weights               the trained weights (StaticNets' weights file, loaded by the page with LoadWeights)
//   test-images.bin, test-labels.bin the first 1,000 test images (28 × 28 bytes each) and their labels
//   train-images.bin, train-labels.bin the first 4,096 training images, for the model the page trains live
//   expected.json                    what this process computes with the same code on the same data: the classifier's
//                                    logits and probabilities for the gallery images (the first 4 test images of each
//                                    class), its accuracy on the 1,000, and the live model's first losses
// The browser test (test/browser-test.mjs) compares the page's numbers with expected.json.
//
//   dotnet run -c Release --project samples/Browser/Trainer -- [--data folder] [--out folder] [--epochs N]
// (defaults: /usr/share/datasets/fashion-mnist/, samples/Browser/wwwroot/data, 5 epochs)
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using BrowserSample;
using FashionMnist;
using StaticNets;

string dataFolder = FashionMnistData.DefaultFolder;
string outFolder = typeof(FashionModels).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .First(a => a.Key == "DataFolder").Value!;
int epochs = 5;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data" when i + 1 < args.Length: dataFolder = args[++i]; break;
        case "--out" when i + 1 < args.Length: outFolder = args[++i]; break;
        case "--epochs" when i + 1 < args.Length && int.TryParse(args[i + 1], out int e) && e > 0: epochs = e; i++; break;
        default:
            Console.Error.WriteLine("usage: Trainer [--data folder] [--out folder] [--epochs N]");
            return 2;
    }
}

string[]? paths = FashionMnistData.FindFiles(dataFolder, out string[] missing);
if (paths is null)
{
    Console.Error.WriteLine($"Fashion-MNIST not found in '{dataFolder}' (missing: {string.Join(", ", missing)}).");
    Console.Error.WriteLine("Install it with `sudo apt-get install dataset-fashion-mnist`, or pass --data <folder>.");
    return 2;
}

const int TestCount = 1000, TrainCount = 4096, GalleryPerClass = 4, LiveSeed = 7, LiveSteps = 60;
Directory.CreateDirectory(outFolder);

// The classifier, trained as samples/FashionMnist trains it (Adam, cross-entropy on the logits, batches of 32).
FashionMnistData data = FashionMnistData.Load(paths);
var trained = new FashionMlp(seed: 1);
trained.Compile(new Adam(), new SparseCategoricalCrossentropy(fromLogits: true), Metric.Accuracy);
var clock = Stopwatch.StartNew();
trained.Fit(data.Train.Images, data.Train.Labels, epochs: epochs, batchSize: 32, shuffle: true, verbose: 0, seed: 2);
double fullAccuracy = trained.Evaluate(data.Test.Images, data.Test.Labels)["accuracy"];
Console.WriteLine($"classifier: {epochs} epochs on {data.Train.Count} images in {clock.Elapsed.TotalSeconds:0.0} s, " +
    $"test accuracy {fullAccuracy:0.0000} on all {data.Test.Count}");
string weightsPath = Path.Combine(outFolder, "classifier.weights");
trained.SaveWeights(weightsPath);

// From here on, the classifier as the page gets it: read back from the file.
var classifier = new FashionMlp(seed: 0);
classifier.LoadWeights(weightsPath);

// The raw bytes, as the page gets them (the floats above are these divided by 255).
IdxImages testImages = IdxReader.ReadImages(paths[2]);
byte[] testLabels = IdxReader.ReadLabels(paths[3]);
IdxImages trainImages = IdxReader.ReadImages(paths[0]);
byte[] trainLabels = IdxReader.ReadLabels(paths[1]);
File.WriteAllBytes(Path.Combine(outFolder, "test-images.bin"), testImages.Pixels.AsSpan(0, TestCount * FashionModels.Pixels).ToArray());
File.WriteAllBytes(Path.Combine(outFolder, "test-labels.bin"), testLabels.AsSpan(0, TestCount).ToArray());
File.WriteAllBytes(Path.Combine(outFolder, "train-images.bin"), trainImages.Pixels.AsSpan(0, TrainCount * FashionModels.Pixels).ToArray());
File.WriteAllBytes(Path.Combine(outFolder, "train-labels.bin"), trainLabels.AsSpan(0, TrainCount).ToArray());

float[] testScaled = FashionModels.Scale(testImages.Pixels.AsSpan(0, TestCount * FashionModels.Pixels));
float[] testClasses = testLabels.Take(TestCount).Select(l => (float)l).ToArray();
double subsetAccuracy = FashionModels.Accuracy(classifier, testScaled, testClasses);

var gallery = new List<object>();
for (int label = 0; label < 10; label++)
{
    foreach (int index in Enumerable.Range(0, TestCount).Where(n => testLabels[n] == label).Take(GalleryPerClass))
    {
        (float[] logits, float[] probabilities) = FashionModels.Classify(classifier, testScaled.AsSpan(index * FashionModels.Pixels, FashionModels.Pixels));
        gallery.Add(new { index, label, logits, probabilities });
    }
}

// The live model: the first steps of the page's training loop, from the same seed on the same images.
var live = new LiveTraining(FashionModels.Scale(trainImages.Pixels.AsSpan(0, TrainCount * FashionModels.Pixels)),
    trainLabels.Take(TrainCount).Select(l => (float)l).ToArray(), LiveSeed);
var losses = new float[LiveSteps];
for (int s = 0; s < LiveSteps; s++) losses[s] = live.Step();
double liveAccuracy = FashionModels.Accuracy(live.Model, testScaled, testClasses);

string runtime = $".NET {Environment.Version} on {RuntimeInformation.ProcessArchitecture}, widest accelerated vector: " +
    (Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : Vector128.IsHardwareAccelerated ? "Vector128" : "none");
var expected = new
{
    runtime,
    classifier = new { epochs, testAccuracyAll = fullAccuracy, accuracyOnShippedTestImages = subsetAccuracy },
    testImages = TestCount,
    trainImages = TrainCount,
    gallery,
    live = new { seed = LiveSeed, batchSize = LiveTraining.BatchSize, losses, accuracyAfterSteps = liveAccuracy },
};
File.WriteAllText(Path.Combine(outFolder, "expected.json"), JsonSerializer.Serialize(expected, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"classifier accuracy on the {TestCount} shipped test images: {subsetAccuracy:0.0000}; " +
    $"live model: loss {losses[0]:0.0000} -> {losses[^1]:0.0000} in {LiveSteps} steps, accuracy {liveAccuracy:0.0000}");
Console.WriteLine($"wrote {outFolder} ({runtime})");
return 0;
