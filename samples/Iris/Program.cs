using System;
using System.Collections.Generic;
using System.IO;
using Iris;
using static System.FormattableString;
using StaticNets;
using StaticNets.Plotting;

// Fisher's Iris data: 150 flowers, 4 measurements, 3 species. 40 of each species train, 10 of each test.
IrisDataset all = IrisDataset.Load(Path.Combine(AppContext.BaseDirectory, "iris.csv"));
(IrisDataset train, IrisDataset test) = all.StratifiedSplit(testPerClass: 10, seed: 42);
Console.WriteLine($"{all.Count} samples: {train.Count} for training (the last 20% of them for validation), {test.Count} held out for testing.");

// Standardise with the training split's statistics only, then apply the same transform to the test set.
var standardizer = Standardizer.Fit(train.Features, IrisDataset.FeatureCount);
float[] xTrain = standardizer.Transform(train.Features);
float[] xTest = standardizer.Transform(test.Features);

var model = new IrisClassifier(seed: 7);
Console.WriteLine(model.Summary());

// Labels are class indices (0, 1, 2), so the loss is the sparse categorical crossentropy; no one-hot needed.
model.Compile(new Adam(learningRate: 0.01f), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
History history = model.Fit(xTrain, train.Labels, epochs: 30, batchSize: 8, validationSplit: 0.2, seed: 1, verbose: 1);

// The training curves (loss and accuracy per epoch, training and validation), as the Keras tutorials plot them.
string curves = Path.GetFullPath("iris-history.png");
history.SavePlot(curves, 800, 400);
Console.WriteLine($"Training curves: {curves}");

IReadOnlyDictionary<string, double> scores = model.Evaluate(xTest, test.Labels);
Console.WriteLine();
Console.WriteLine(Invariant($"Test loss: {scores["loss"]:0.0000}"));
Console.WriteLine(Invariant($"Test accuracy: {scores["accuracy"]:0.0000} ({Math.Round(scores["accuracy"] * test.Count)}/{test.Count})"));
Console.WriteLine();

// A few held-out flowers: the predicted probabilities and species against the true species.
Console.WriteLine("setosa  versicolor  virginica  -> predicted   (true)");
var probabilities = new float[IrisClassifier.OutputSize];
for (int n = 0; n < 6; n++)
{
    model.Predict(xTest.AsSpan(n * IrisDataset.FeatureCount, IrisDataset.FeatureCount), probabilities);
    int predicted = ArgMax(probabilities);
    Console.WriteLine(Invariant($"{probabilities[0],6:0.000}  {probabilities[1],10:0.000}  {probabilities[2],9:0.000}  -> {IrisDataset.Species[predicted],-11} ({IrisDataset.Species[(int)test.Labels[n]]})"));
}

static int ArgMax(ReadOnlySpan<float> values)
{
    int best = 0;
    for (int i = 1; i < values.Length; i++)
    {
        if (values[i] > values[best]) best = i;
    }

    return best;
}
