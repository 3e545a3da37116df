using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary><c>Fit</c>, <c>Evaluate</c>, <c>TrainOnBatch</c> and <c>ComputeGradients</c> with Keras's semantics.</summary>
public sealed class FitTests
{
    private static readonly float[] XorX = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] XorY = [0, 1, 1, 0];

    private static ReferenceMlp XorNet() => new ReferenceMlp(2, (8, Activation.Tanh), (1, Activation.Sigmoid)).InitializeGlorot(3);

    [Fact]
    public void Xor_ReachesFullAccuracy()
    {
        ReferenceMlp model = XorNet();
        model.Compile(new Adam(0.05f), Loss.BinaryCrossentropy, Metric.Accuracy);

        History history = model.Fit(XorX, XorY, epochs: 300, batchSize: 4, verbose: 0, seed: 7);

        IReadOnlyDictionary<string, double> scores = model.Evaluate(XorX, XorY);
        Assert.Equal(1.0, scores["accuracy"]);
        Assert.True(scores["loss"] < 0.1, $"loss {scores["loss"]}");
        Assert.Equal(1.0, history.Metrics["accuracy"][^1]);
        var predictions = new float[4];
        model.PredictBatch(XorX, predictions);
        Assert.Equal(XorY, predictions.Select(p => p > 0.5f ? 1f : 0f).ToArray());
    }

    [Fact]
    public void Fit_WithTheSameSeed_IsReproducible_AndAnotherSeedShufflesDifferently()
    {
        (History History, float[] Weights) Run(int seed)
        {
            ReferenceMlp model = XorNet();
            model.Compile(new Adam(0.02f), Loss.BinaryCrossentropy, Metric.Accuracy, Metric.MeanSquaredError);
            History history = model.Fit(XorX, XorY, epochs: 20, batchSize: 2, validationSplit: 0, verbose: 0, seed: seed);
            return (history, model.Parameters.ToArray());
        }

        var first = Run(11);
        var second = Run(11);
        var other = Run(12);

        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.History.Metrics.Keys, second.History.Metrics.Keys);
        foreach (string key in first.History.Metrics.Keys) Assert.Equal(first.History.Metrics[key], second.History.Metrics[key]);
        Assert.NotEqual(first.Weights, other.Weights);
    }

    [Fact]
    public void ValidationSplit_HoldsOutTheLastSamples_AndShufflesOnlyTheRest()
    {
        var model = new ScriptedNetwork();
        model.Compile(new Sgd(), Loss.MeanSquaredError);
        float[] ids = Enumerable.Range(0, 10).Select(i => (float)i).ToArray();

        model.Fit(ids, new float[10], epochs: 3, batchSize: 3, validationSplit: 0.2, shuffle: true, verbose: 0, seed: 5);

        // floor(10 · 0.8) = 8 training samples (0..7); 8 and 9 are validation, evaluated once per epoch.
        float[][] epochs = Enumerable.Range(0, 3).Select(e => model.TrainingBatches.Skip(3 * e).Take(3).SelectMany(b => b).ToArray()).ToArray();
        Assert.Equal(9, model.TrainingBatches.Count);
        foreach (float[] epoch in epochs) Assert.Equal(ids.Take(8), epoch.OrderBy(v => v));
        Assert.Contains(epochs, e => !e.SequenceEqual(ids.Take(8)));
        Assert.NotEqual(epochs[0], epochs[1]);
        Assert.Equal(new float[] { 8, 9, 8, 9, 8, 9 }, model.PredictedRows);
    }

    [Fact]
    public void ValidationSplit_UsesTheFloorOfTheTrainingShare()
    {
        var model = new ScriptedNetwork();
        model.Compile(new Sgd(), Loss.MeanSquaredError);
        float[] ids = Enumerable.Range(0, 10).Select(i => (float)i).ToArray();

        History history = model.Fit(ids, new float[10], epochs: 1, batchSize: 32, validationSplit: 0.25, verbose: 0, seed: 1);

        Assert.Equal(new float[] { 7, 8, 9 }, model.PredictedRows);
        Assert.Equal(7, model.TrainingBatches.Single().Length);
        Assert.Equal(1, history.Params["steps"]);
    }

    [Fact]
    public void LastPartialBatch_IsKept_AndShuffleFalseKeepsTheOrder()
    {
        var model = new ScriptedNetwork();
        model.Compile(new Sgd(), Loss.MeanSquaredError);
        float[] ids = Enumerable.Range(0, 10).Select(i => (float)i).ToArray();

        History history = model.Fit(ids, new float[10], epochs: 2, batchSize: 4, shuffle: false, verbose: 0);

        Assert.Equal(new[] { 4, 4, 2, 4, 4, 2 }, model.TrainingBatches.Select(b => b.Length));
        Assert.Equal(ids.Concat(ids), model.TrainingBatches.SelectMany(b => b));
        Assert.Equal(3, history.Params["steps"]);
        Assert.Equal(2, history.Params["epochs"]);
        Assert.Equal(0, history.Params["verbose"]);
    }

    [Fact]
    public void History_LossIsTheBatchSizeWeightedMean_AndMetricsUseTheTrainingOutputs()
    {
        float[] batchLosses = [1f, 2f, 4f, 3f, 3f, 3f];
        var model = new ScriptedNetwork { LossScript = b => batchLosses[b] };
        model.Compile(new Sgd(), Loss.MeanSquaredError, Metric.MeanAbsoluteError);
        float[] x = [0.5f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        float[] y = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

        History history = model.Fit(x, y, epochs: 2, batchSize: 4, validationSplit: 1.0 / 6, shuffle: false, verbose: 0);

        // 12 samples: 10 train in batches 4, 4, 2; validation samples 10 and 11.
        Assert.Equal(new[] { "loss", "mean_absolute_error", "val_loss", "val_mean_absolute_error" }, history.Metrics.Keys);
        Assert.Equal(new[] { 0, 1 }, history.Epochs);
        Assert.Equal(new[] { (4 * 1 + 4 * 2 + 2 * 4) / 10.0, 3.0 }, history.Metrics["loss"]);
        double trainMae = x.Take(10).Select(v => Math.Abs(v - 1.0)).Average();
        Assert.All(history.Metrics["mean_absolute_error"], v => Assert.Equal(trainMae, v, 6));
        Assert.All(history.Metrics["val_loss"], v => Assert.Equal((100.0 + 81.0) / 2, v, 4));
        Assert.All(history.Metrics["val_mean_absolute_error"], v => Assert.Equal((10.0 + 9.0) / 2, v, 5));
    }

    [Fact]
    public void Evaluate_MatchesAManualComputation()
    {
        ReferenceMlp model = new ReferenceMlp(2, (4, Activation.Relu), (2, Activation.Linear)).InitializeGlorot(21);
        model.Compile(new Sgd(), Loss.MeanSquaredError, Metric.MeanAbsoluteError, Metric.MeanSquaredError);
        var random = new Random(4);
        float[] x = Enumerable.Range(0, 14).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        float[] y = Enumerable.Range(0, 14).Select(_ => (float)random.NextDouble()).ToArray();
        float[] before = model.Parameters.ToArray();

        IReadOnlyDictionary<string, double> scores = model.Evaluate(x, y, batchSize: 3);

        var predictions = new float[14];
        model.PredictBatch(x, predictions);
        double mse = predictions.Zip(y, (p, t) => (p - (double)t) * (p - (double)t)).Average();
        double mae = predictions.Zip(y, (p, t) => Math.Abs(p - (double)t)).Average();
        Assert.Equal(new[] { "loss", "mean_absolute_error", "mean_squared_error" }, scores.Keys);
        Assert.Equal(mse, scores["loss"], 6);
        Assert.Equal(mae, scores["mean_absolute_error"], 6);
        Assert.Equal(mse, scores["mean_squared_error"], 6);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void Accuracy_ResolvesToBinaryCategoricalOrSparseLikeKeras()
    {
        // Binary (one output): (ŷ > 0.5) == y.
        var binary = new ScriptedNetwork();
        binary.Compile(new Sgd(), Loss.BinaryCrossentropy, Metric.Accuracy);
        Assert.Equal(0.75, binary.Evaluate(new[] { 0.9f, 0.2f, 0.6f, 0.5f }, new[] { 1f, 0f, 0f, 0f })["accuracy"]);

        // Categorical: argmax equality; an identity 3 → 3 layer makes the outputs equal the inputs.
        ReferenceMlp identity = IdentityMlp(3);
        identity.Compile(new Sgd(), Loss.CategoricalCrossentropy, Metric.Accuracy);
        float[] scores = [0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f, 0.2f, 0.5f, 0.3f];
        float[] oneHot = [1, 0, 0, 0, 1, 0, 0, 1, 0];
        Assert.Equal(2.0 / 3, identity.Evaluate(scores, oneHot)["accuracy"], 12);

        // Sparse: argmax equals the class index.
        identity.Compile(new Sgd(), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
        Assert.Equal(1.0 / 3, identity.Evaluate(scores, new[] { 2f, 2f, 0f })["accuracy"], 12);
    }

    [Fact]
    public void TrainOnBatch_IsOneOptimizerStepOnComputeGradients()
    {
        ReferenceMlp model = new ReferenceMlp(3, (5, Activation.Tanh), (2, Activation.Softmax)).InitializeGlorot(8);
        model.Compile(new Sgd(0.25f), Loss.CategoricalCrossentropy);
        float[] x = [0.1f, -0.4f, 0.9f, 0.5f, 0.5f, -0.2f];
        float[] y = [1, 0, 0, 1];
        float[] before = model.Parameters.ToArray();
        var gradients = new float[model.ParameterCount];

        float computed = model.ComputeGradients(x, y, gradients);
        Assert.Equal(before, model.Parameters.ToArray());
        float trained = model.TrainOnBatch(x, y);

        Assert.Equal(computed, trained);
        Assert.Equal(before.Zip(gradients, (w, g) => w - g * 0.25f), model.Parameters.ToArray());
    }

    [Fact]
    public void Compile_ResetsTheOptimizer_AndReplacesTheConfiguration()
    {
        ReferenceMlp model = XorNet();
        var adam = new Adam();
        model.Compile(adam, Loss.BinaryCrossentropy);
        model.TrainOnBatch(XorX, XorY);
        model.TrainOnBatch(XorX, XorY);
        Assert.Equal(2, adam.Iterations);

        model.Compile(adam, Loss.MeanSquaredError, Metric.MeanAbsoluteError);

        Assert.Equal(0, adam.Iterations);
        Assert.Same(Loss.MeanSquaredError, model.Training!.Loss);
        Assert.Same(adam, model.Training.Optimizer);
        Assert.Equal(new[] { Metric.MeanAbsoluteError }, model.Training.Metrics);
        Assert.Equal(new[] { "mean_absolute_error" }, model.Training.MetricNames);
    }

    [Fact]
    public void ZeroEpochs_TrainsNothing()
    {
        var model = new ScriptedNetwork();
        model.Compile(new Sgd(), Loss.MeanSquaredError);

        History history = model.Fit(new float[4], new float[4], epochs: 0, verbose: 0);

        Assert.Empty(history.Metrics);
        Assert.Empty(history.Epochs);
        Assert.Empty(model.TrainingBatches);
        Assert.Equal(new float[2], model.Parameters.ToArray());
    }

    [Fact]
    public void Fit_AcceptsMemorySlices()
    {
        var model = new ScriptedNetwork();
        model.Compile(new Sgd(), Loss.MeanSquaredError);
        float[] data = [99, 1, 2, 3, 99];

        model.Fit(data.AsMemory(1, 3), new float[3].AsMemory(), epochs: 1, shuffle: false, verbose: 0);
        IReadOnlyDictionary<string, double> scores = model.Evaluate(data.AsMemory(1, 3), new float[3].AsMemory());

        Assert.Equal(new float[] { 1, 2, 3 }, model.TrainingBatches.Single());
        Assert.Equal((1 + 4 + 9) / 3.0, scores["loss"], 5);
    }

    /// <summary>A single Linear layer with an identity kernel: outputs equal inputs.</summary>
    internal static ReferenceMlp IdentityMlp(int size)
    {
        var mlp = new ReferenceMlp(size, (size, Activation.Linear));
        for (int i = 0; i < size; i++) mlp.Parameters[i * size + i] = 1;
        return mlp;
    }
}
