using StaticNets.Tests.Networks;

namespace StaticNets.Tests.Training;

/// <summary>
/// <c>Compile</c>/<c>Fit</c>/<c>Evaluate</c> end to end on generated networks (declared in GeneratedFitNetworks.cs):
/// they learn XOR and Iris, a seed reproduces a run bit for bit, and <c>Evaluate</c> agrees with Keras's formulas
/// applied to <c>PredictBatch</c>.
/// </summary>
public sealed class GeneratedFitTests
{
    private static readonly float[] XorX = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] XorY = [0, 1, 1, 0];

    [Fact]
    public void Xor_ReachesFullAccuracy_WithinTheEpochBudget()
    {
        const int EpochBudget = 150;
        var model = new XorClassifier(seed: 3);
        model.Compile(new Adam(learningRate: 0.05f), Loss.BinaryCrossentropy, Metric.Accuracy);
        var stop = new StopWhenLossBelow(0.05);

        History history = model.Fit(XorX, XorY, epochs: EpochBudget, batchSize: 4, verbose: 0, callbacks: [stop], seed: 7);

        Assert.True(stop.StoppedEarly, $"loss still {history.Metrics["loss"][^1]} after {EpochBudget} epochs");
        Assert.Equal(1.0, model.Evaluate(XorX, XorY)["accuracy"]);
        float[] predictions = PredictAll(model, XorX);
        Assert.Equal(XorY, predictions.Select(p => p > 0.5f ? 1f : 0f).ToArray());
    }

    [Fact]
    public void Iris_ReachesAtLeast93PercentHeldOutAccuracy()
    {
        IrisData data = IrisData.Load(testPerClass: 10, seed: 42);
        var model = new IrisClassifier(seed: 7);
        model.Compile(new Adam(learningRate: 0.01f), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);

        History history = model.Fit(data.TrainX, data.TrainLabels, epochs: 30, batchSize: 8, validationSplit: 0.2, verbose: 0, seed: 1);

        double accuracy = model.Evaluate(data.TestX, data.TestLabels)["accuracy"];
        Assert.True(accuracy >= 0.93, $"test accuracy {accuracy}");
        Assert.Equal(ReferenceAccuracy(PredictAll(model, data.TestX), data.TestLabels, IrisData.ClassCount), accuracy);
        Assert.True(history.Metrics["loss"][^1] < history.Metrics["loss"][0] / 4, "the training loss did not fall");
    }

    [Fact]
    public void SameSeeds_ReproduceHistoryAndWeightsExactly_AnotherFitSeedDoesNot()
    {
        IrisData data = IrisData.Load(testPerClass: 10, seed: 5);
        float[] oneHot = IrisData.OneHot(data.TrainLabels);
        (History History, float[] Weights) Run(int fitSeed)
        {
            var model = new IrisClassifier(seed: 11);
            model.Compile(new Adam(learningRate: 0.01f), Loss.CategoricalCrossentropy, Metric.Accuracy, Metric.MeanSquaredError);
            History history = model.Fit(data.TrainX, oneHot, epochs: 5, batchSize: 16, validationSplit: 0.2, verbose: 0, seed: fitSeed);
            return (history, model.Parameters.ToArray());
        }

        var first = Run(fitSeed: 9);
        var second = Run(fitSeed: 9);
        var other = Run(fitSeed: 10);

        Assert.Equal(["loss", "accuracy", "mean_squared_error", "val_loss", "val_accuracy", "val_mean_squared_error"], first.History.Metrics.Keys);
        Assert.Equal(first.History.Metrics.Keys, second.History.Metrics.Keys);
        foreach (string key in first.History.Metrics.Keys)
        {
            Assert.Equal(first.History.Metrics[key], second.History.Metrics[key]);
        }

        Assert.Equal(first.History.Epochs, second.History.Epochs);
        Assert.Equal(first.Weights, second.Weights);
        Assert.NotEqual(first.Weights, other.Weights);
    }

    public static TheoryData<string> EvaluateCases => ["iris sparse", "iris one-hot", "xor", "regression"];

    [Theory]
    [MemberData(nameof(EvaluateCases))]
    public void Evaluate_AfterFit_EqualsKerasFormulasOnPredictBatch(string name)
    {
        (ITrainableNetwork model, float[] x, float[] y, Loss loss, Metric[] metrics) = EvaluateCase(name);
        model.Compile(new Adam(learningRate: 0.01f), loss, metrics);
        model.Fit(x, y, epochs: 3, batchSize: 8, verbose: 0, seed: 2);

        double[] p = Array.ConvertAll(PredictAll(model, x), v => (double)v);
        double[] t = Array.ConvertAll(y, v => (double)v);
        int classes = model.OutputSize;
        double expectedLoss = loss switch
        {
            SparseCategoricalCrossentropy => LossReference.SparseCategoricalCrossentropy(p, t, classes, fromLogits: false),
            CategoricalCrossentropy => LossReference.CategoricalCrossentropy(p, t, classes, 0, fromLogits: false),
            BinaryCrossentropy => LossReference.BinaryCrossentropy(p, t, 0, fromLogits: false),
            MeanSquaredError => LossReference.MeanSquaredError(p, t),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        double[] oneHotOrTargets = loss is SparseCategoricalCrossentropy ? LossReference.OneHot(t, classes) : t;

        // Batch sizes that divide the data and leave a partial last batch give the same scores.
        foreach (int batchSize in new[] { 32, 7 })
        {
            IReadOnlyDictionary<string, double> scores = model.Evaluate(x, y, batchSize);

            Assert.Equal(expectedLoss, scores["loss"], Tolerance(expectedLoss));
            foreach (Metric metric in metrics)
            {
                if (metric == Metric.Accuracy)
                {
                    double accuracy = classes == 1
                        ? p.Zip(t, (q, target) => (q > 0.5 ? 1.0 : 0.0) == target ? 1.0 : 0.0).Average()
                        : ReferenceAccuracy(p, oneHotOrTargets, classes);
                    Assert.Equal(accuracy, scores["accuracy"]);
                }
                else if (metric == Metric.MeanSquaredError)
                {
                    double mse = LossReference.MeanSquaredError(p, oneHotOrTargets);
                    Assert.Equal(mse, scores["mean_squared_error"], Tolerance(mse));
                }
                else if (metric == Metric.MeanAbsoluteError)
                {
                    double mae = LossReference.MeanAbsoluteError(p, oneHotOrTargets);
                    Assert.Equal(mae, scores["mean_absolute_error"], Tolerance(mae));
                }
            }
        }
    }

    private static (ITrainableNetwork Model, float[] X, float[] Y, Loss Loss, Metric[] Metrics) EvaluateCase(string name)
    {
        IrisData iris = IrisData.Load(testPerClass: 10, seed: 3);
        return name switch
        {
            "iris sparse" => (new IrisClassifier(seed: 1), iris.TrainX, iris.TrainLabels, new SparseCategoricalCrossentropy(), [Metric.Accuracy]),
            "iris one-hot" => (new IrisClassifier(seed: 2), iris.TrainX, IrisData.OneHot(iris.TrainLabels), new CategoricalCrossentropy(),
                [Metric.Accuracy, Metric.MeanSquaredError, Metric.MeanAbsoluteError]),
            "xor" => (new XorClassifier(seed: 4), XorX, XorY, new BinaryCrossentropy(), [Metric.Accuracy, Metric.MeanSquaredError]),
            "regression" => Regression(),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    /// <summary>Practice 1 on 100 samples of y = 2·x0 − 3·x1 + 0.5, inputs from a seeded generator.</summary>
    private static (ITrainableNetwork, float[], float[], Loss, Metric[]) Regression()
    {
        var random = new Random(8);
        float[] x = Enumerable.Range(0, 200).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        float[] y = Enumerable.Range(0, 100).Select(n => 2 * x[2 * n] - 3 * x[2 * n + 1] + 0.5f).ToArray();
        return (new SeedPractice1(seed: 5), x, y, new MeanSquaredError(), [Metric.MeanAbsoluteError, Metric.MeanSquaredError]);
    }

    /// <summary>Float sums in another order: agreement to about 1e-6 relative.</summary>
    private static double Tolerance(double expected) => 1e-6 + 2e-6 * Math.Abs(expected);

    private static float[] PredictAll(INetwork model, float[] x)
    {
        var outputs = new float[x.Length / model.InputSize * model.OutputSize];
        model.PredictBatch(x, outputs);
        return outputs;
    }

    /// <summary>Share of samples whose highest output is the labelled class (first maximum on ties, like argmax).</summary>
    private static double ReferenceAccuracy(float[] outputs, float[] labels, int classes)
        => ReferenceAccuracy(Array.ConvertAll(outputs, v => (double)v), LossReference.OneHot(Array.ConvertAll(labels, v => (double)v), classes), classes);

    private static double ReferenceAccuracy(double[] outputs, double[] oneHot, int classes)
    {
        int samples = outputs.Length / classes;
        int correct = 0;
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<double> row = outputs.AsSpan(s * classes, classes);
            int predicted = 0;
            for (int c = 1; c < classes; c++)
            {
                if (row[c] > row[predicted]) predicted = c;
            }

            if (oneHot[s * classes + predicted] == 1) correct++;
        }

        return (double)correct / samples;
    }

    /// <summary>Stops <c>Fit</c> once an epoch's training loss falls below a threshold, like a Keras custom callback.</summary>
    private sealed class StopWhenLossBelow(double threshold) : Callback
    {
        public bool StoppedEarly { get; private set; }

        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
        {
            if (logs["loss"] < threshold)
            {
                StoppedEarly = true;
                StopTraining = true;
            }
        }
    }
}
