using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary>
/// <c>Fit</c>'s <c>validationData</c>, <c>sampleWeight</c> and <c>classWeight</c>: History values as Keras computes
/// them on small cases worked out by hand, and weighted gradients against per-sample gradients.
/// </summary>
public sealed class FitWeightsAndValidationTests
{
    // The scripted network is the identity, so with MSE against zero targets sample i's loss is x_i².
    private static readonly float[] X = [1, 2, 3, 4];
    private static readonly float[] Zeros = [0, 0, 0, 0];

    private static ScriptedNetwork Identity(params Metric[] metrics)
    {
        var model = new ScriptedNetwork();
        model.Compile(new Sgd(), Loss.MeanSquaredError, metrics);
        return model;
    }

    [Fact]
    public void ValidationData_WinsOverValidationSplit_AndAllSamplesTrain()
    {
        ScriptedNetwork model = Identity(Metric.MeanAbsoluteError);

        History history = model.Fit(X, Zeros, epochs: 1, batchSize: 4, validationSplit: 0.5, shuffle: false, verbose: 0, validationData: ([1f, 5f], [3f, 5f]));

        Assert.Equal([1f, 2f, 3f, 4f], model.TrainingBatches.Single());
        Assert.Equal((1 + 4 + 9 + 16) / 4.0, history.Metrics["loss"][0], 6);
        Assert.Equal((4 + 0) / 2.0, history.Metrics["val_loss"][0], 6);
        Assert.Equal((2 + 0) / 2.0, history.Metrics["val_mean_absolute_error"][0], 6);
        Assert.Equal(["loss", "mean_absolute_error", "val_loss", "val_mean_absolute_error"], history.Metrics.Keys);
    }

    [Fact]
    public void ValidationData_ThatDoesNotFitTheModel_IsRejectedBeforeTraining()
    {
        ScriptedNetwork model = Identity();
        var error = Assert.Throws<ArgumentException>(() => model.Fit(X, Zeros, verbose: 0, validationData: ([1f, 2f], [1f])));
        Assert.Equal("validationData", error.ParamName);
        Assert.Empty(model.TrainingBatches);
    }

    [Fact]
    public void SampleWeight_ScalesEachSampleLoss_DividedByTheBatchSize_MetricsStayUnweighted()
    {
        ScriptedNetwork model = Identity(Metric.MeanSquaredError);

        History history = model.Fit(X, Zeros, epochs: 1, batchSize: 2, shuffle: false, verbose: 0, sampleWeight: [1f, 0f, 2f, 1f]);

        // Batches: (1·1 + 0·4)/2 = 0.5 and (2·9 + 1·16)/2 = 17; the epoch loss is their mean weighted by batch size.
        Assert.Equal((0.5 * 2 + 17 * 2) / 4, history.Metrics["loss"][0], 5);
        Assert.Equal(30 / 4.0, history.Metrics["mean_squared_error"][0], 5);
    }

    [Fact]
    public void SampleWeight_FollowsItsSamplesThroughTheShuffle()
    {
        ScriptedNetwork model = Identity();
        float[] weights = [1f, 0f, 2f, 1f];

        History history = model.Fit(X, Zeros, epochs: 1, batchSize: 1, shuffle: true, seed: 3, verbose: 0, sampleWeight: weights);

        // Batch size 1: each batch's loss is w·x², whatever the order; their mean is (1 + 0 + 18 + 16)/4.
        Assert.Equal(35 / 4.0, history.Metrics["loss"][0], 5);
        Assert.NotEqual([1f, 2f, 3f, 4f], model.TrainingBatches.SelectMany(b => b).ToArray());
    }

    [Fact]
    public void SampleWeight_WithValidationSplit_WeightsTheValidationPartToo()
    {
        ScriptedNetwork model = Identity();

        History history = model.Fit(X, Zeros, epochs: 1, batchSize: 4, validationSplit: 0.5, shuffle: false, verbose: 0, sampleWeight: [1f, 0f, 2f, 1f]);

        Assert.Equal((1 + 0) / 2.0, history.Metrics["loss"][0], 5);
        Assert.Equal((2 * 9 + 1 * 16) / 2.0, history.Metrics["val_loss"][0], 5);
    }

    [Fact]
    public void ClassWeight_WeightsByTheTargetClass_UnlistedClassesWeighOne_NotInValidation()
    {
        // Identity "probabilities" with binary cross-entropy: classes are the (rounded) targets.
        var model = new ScriptedNetwork();
        model.Compile(new Sgd(), Loss.BinaryCrossentropy, Metric.Accuracy);
        float[] p = [0.8f, 0.3f, 0.6f, 0.4f, 0.9f, 0.2f];
        float[] y = [1, 0, 0, 1, 1, 0];
        var classWeight = new Dictionary<int, float> { [1] = 3f };

        History history = model.Fit(p, y, epochs: 1, batchSize: 4, validationSplit: 1.0 / 3, shuffle: false, verbose: 0, classWeight: classWeight);

        static double Bce(double q, double t) => -(t * Math.Log(q) + (1 - t) * Math.Log(1 - q));
        double expectedLoss = (3 * Bce(0.8, 1) + Bce(0.3, 0) + Bce(0.6, 0) + 3 * Bce(0.4, 1)) / 4;
        double expectedValidation = (Bce(0.9, 1) + Bce(0.2, 0)) / 2;
        Assert.Equal(expectedLoss, history.Metrics["loss"][0], 5);
        Assert.Equal(expectedValidation, history.Metrics["val_loss"][0], 5);
        Assert.Equal(0.5, history.Metrics["accuracy"][0]);
    }

    [Fact]
    public void ClassWeight_OnOneHotTargets_UsesTheArgmax_AndOnClassIndices_TheIndex()
    {
        float[] weights = SampleWeights.Resolve(new Dictionary<int, float> { [2] = 5f, [0] = 0.5f }, null, [0, 0, 1, 1, 0, 0, 0, 1, 0], 3, 3)!;
        Assert.Equal([5f, 0.5f, 1f], weights);
        float[] sparse = SampleWeights.Resolve(new Dictionary<int, float> { [2] = 5f }, null, [2, 0, 1.9999999f], 3, 1)!;
        Assert.Equal([5f, 1f, 5f], sparse);
    }

    [Fact]
    public void ClassWeightAndSampleWeight_Together_OrAWrongLength_AreRejected()
    {
        ScriptedNetwork model = Identity();
        Assert.Throws<ArgumentException>(() => model.Fit(X, Zeros, verbose: 0, classWeight: new Dictionary<int, float>(), sampleWeight: [1f, 1f, 1f, 1f]));
        Assert.Throws<ArgumentException>(() => model.Fit(X, Zeros, verbose: 0, sampleWeight: [1f, 1f]));
        Assert.Empty(model.TrainingBatches);
    }

    [Fact]
    public void WeightedGradient_IsTheWeightedSumOfPerSampleGradients_OverTheBatchSize()
    {
        var model = new ReferenceMlp(2, (3, Activation.Tanh), (2, Activation.Softmax)).InitializeGlorot(4);
        model.Compile(new Sgd(), Loss.CategoricalCrossentropy);
        float[] x = [0.5f, -1f, 2f, 0.3f, -0.7f, 0.1f];
        float[] y = [1, 0, 0, 1, 1, 0];
        float[] w = [0.5f, 2f, 0f];
        int n = 3;

        var expected = new double[model.ParameterCount];
        double expectedLoss = 0;
        var single = new float[model.ParameterCount];
        for (int i = 0; i < n; i++)
        {
            expectedLoss += w[i] * model.ComputeGradients(x.AsSpan(i * 2, 2), y.AsSpan(i * 2, 2), single) / n;
            for (int p = 0; p < single.Length; p++) expected[p] += w[i] * (double)single[p] / n;
        }

        var weighted = new float[n * 3];
        SampleWeights.Interleave(w, y, 2, weighted);
        var gradients = new float[model.ParameterCount];
        float loss = ((ITrainableNetwork)model).ComputeGradients(x, weighted, new SampleWeightedLoss(Loss.CategoricalCrossentropy), gradients, Span<float>.Empty);

        Assert.Equal(expectedLoss, loss, 5);
        for (int p = 0; p < gradients.Length; p++) Assert.Equal(expected[p], gradients[p], 5);
        Assert.Contains(gradients, g => Math.Abs(g) > 1e-3);
    }

    [Fact]
    public void GeneratedNetwork_WeightedGradient_MatchesPerSampleGradients_SparseTargets()
    {
        var model = new IrisClassifier(seed: 2);
        model.Compile(new Sgd(), Loss.SparseCategoricalCrossentropy);
        model.SetTrainingThreads(1);
        var random = new Random(1);
        int n = 80; // large enough for the two-thread split when enabled below
        float[] x = Enumerable.Range(0, n * 4).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = Enumerable.Range(0, n).Select(i => (float)(i % 3)).ToArray();
        float[] w = Enumerable.Range(0, n).Select(i => (float)(i % 4) * 0.5f).ToArray();

        var expected = new double[IrisClassifier.ParameterCount];
        var single = new float[IrisClassifier.ParameterCount];
        for (int i = 0; i < n; i++)
        {
            model.ComputeGradients(x.AsSpan(i * 4, 4), y.AsSpan(i, 1), single);
            for (int p = 0; p < single.Length; p++) expected[p] += w[i] * (double)single[p] / n;
        }

        var weighted = new float[n * 2];
        SampleWeights.Interleave(w, y, 1, weighted);
        foreach (int threads in new[] { 1, 2 })
        {
            model.SetTrainingThreads(threads);
            var gradients = new float[IrisClassifier.ParameterCount];
            ((ITrainableNetwork)model).ComputeGradients(x, weighted, new SampleWeightedLoss(Loss.SparseCategoricalCrossentropy), gradients, Span<float>.Empty);
            for (int p = 0; p < gradients.Length; p++) Assert.Equal(expected[p], gradients[p], 4);
        }
    }
}
