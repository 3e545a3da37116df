using System;
using System.Globalization;
using System.IO;
using AotInference;
using StaticNets;

// A NativeAOT-published classifier: loads IrisNet's weights from an embedded resource and predicts.
//   (no arguments)            predict a few flowers and check each against the decision tree directly; exit 1 on a mismatch
//   --make-weights <path>     write the weights file that ships embedded (see IrisWeights)
//   --bench [seconds]         time single-sample Predict of BenchNet (784-128-64-10)
//
// Publish:            dotnet publish samples/AotInference -c Release -r linux-x64
// Remake the weights: dotnet run --project samples/AotInference -- --make-weights samples/AotInference/iris.weights
if (args.Length == 2 && args[0] == "--make-weights")
{
    var model = new IrisNet(seed: 0);
    IrisWeights.Create().CopyTo(model.Parameters);
    model.SaveWeights(args[1]);
    Console.WriteLine($"wrote {args[1]}");
    return 0;
}

if (args.Length >= 1 && args[0] == "--bench")
{
    double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3;
    return PredictBenchmark.Run(seconds);
}

if (args.Length != 0)
{
    Console.Error.WriteLine("usage: AotInference [--make-weights <path> | --bench [seconds]]");
    return 2;
}

return Classify();

static int Classify()
{
    var model = new IrisNet(seed: 0);
    using (Stream stream = typeof(IrisNet).Assembly.GetManifestResourceStream("AotInference.iris.weights")
        ?? throw new InvalidOperationException("The embedded resource AotInference.iris.weights is missing."))
    {
        model.LoadWeights(stream);
    }

    int failures = 0;
    if (!model.Parameters.SequenceEqual(IrisWeights.Create()))
    {
        Console.WriteLine("FAILED: the embedded iris.weights differ from IrisWeights.Create(); rerun --make-weights");
        failures++;
    }

    string[] species = ["setosa", "versicolor", "virginica"];
    float[][] flowers =
    [
        [5.1f, 3.5f, 1.4f, 0.2f],
        [4.9f, 3.0f, 1.4f, 0.2f],
        [7.0f, 3.2f, 4.7f, 1.4f],
        [6.4f, 3.2f, 4.5f, 1.5f],
        [6.3f, 3.3f, 6.0f, 2.5f],
        [5.8f, 2.7f, 5.1f, 1.9f],
    ];

    Span<float> scores = stackalloc float[IrisNet.OutputSize];
    foreach (float[] flower in flowers)
    {
        model.Predict(flower, scores);
        int predicted = ArgMax(scores);

        // The tree itself, and its scores (2S, N − S, 1 − N − S) for S, N in {0, 1}.
        bool shortPetals = flower[2] < IrisWeights.PetalLengthThreshold;
        bool narrowPetals = flower[3] < IrisWeights.PetalWidthThreshold;
        int expected = shortPetals ? 0 : narrowPetals ? 1 : 2;
        float s = shortPetals ? 1 : 0, n = narrowPetals ? 1 : 0;
        ReadOnlySpan<float> expectedScores = [2 * s, n - s, 1 - n - s];

        bool ok = predicted == expected;
        for (int i = 0; i < scores.Length; i++)
        {
            ok &= Math.Abs(scores[i] - expectedScores[i]) <= 1e-4f;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{flower[0]:0.0}, {flower[1]:0.0}, {flower[2]:0.0}, {flower[3]:0.0}] -> {species[predicted],-10} scores [{scores[0]:0.00}, {scores[1]:0.00}, {scores[2]:0.00}]{(ok ? "" : $"  FAILED: the tree says {species[expected]}")}"));
        failures += ok ? 0 : 1;
    }

    Console.WriteLine(failures == 0 ? "all predictions match the decision tree" : $"{failures} check(s) FAILED");
    return failures == 0 ? 0 : 1;
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
