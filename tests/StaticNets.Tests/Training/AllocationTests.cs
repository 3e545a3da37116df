using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets;
using StaticNets.Tests.Support;

namespace StaticNets.Tests.Training;

/// <summary>A training step allocates nothing once its buffers exist (measured on this thread).</summary>
public sealed class AllocationTests
{
    private static readonly Dictionary<string, Func<Optimizer>> Optimizers = new()
    {
        ["sgd"] = () => new Sgd(0.01f),
        ["sgd-nesterov"] = () => new Sgd(0.01f, momentum: 0.9f, nesterov: true),
        ["adam"] = () => new Adam(),
        ["adamw"] = () => new AdamW(),
        ["rmsprop-momentum"] = () => new RmsProp(momentum: 0.5f),
        ["adagrad"] = () => new Adagrad(),
    };

    private static readonly Dictionary<string, (Func<Loss> Loss, Activation Output, bool Sparse)> Losses = new()
    {
        ["mse"] = (() => Loss.MeanSquaredError, Activation.Linear, false),
        ["mae"] = (() => Loss.MeanAbsoluteError, Activation.Linear, false),
        ["huber"] = (() => Loss.Huber, Activation.Linear, false),
        ["bce-sigmoid"] = (() => Loss.BinaryCrossentropy, Activation.Sigmoid, false),
        ["bce-logits"] = (() => new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.1f), Activation.Linear, false),
        ["cce-softmax"] = (() => Loss.CategoricalCrossentropy, Activation.Softmax, false),
        ["cce-sigmoid"] = (() => Loss.CategoricalCrossentropy, Activation.Sigmoid, false),
        ["cce-logits"] = (() => new CategoricalCrossentropy(fromLogits: true), Activation.Linear, false),
        ["sparse-softmax"] = (() => Loss.SparseCategoricalCrossentropy, Activation.Softmax, true),
        ["sparse-logits"] = (() => new SparseCategoricalCrossentropy(fromLogits: true), Activation.Linear, true),
    };

    public static IEnumerable<object[]> Combinations =>
        Optimizers.Keys.Select(o => new object[] { o, "cce-softmax" })
            .Concat(Losses.Keys.Where(l => l != "cce-softmax").Select(l => new object[] { "adam", l })); // adam × cce-softmax is above

    [Theory]
    [MemberData(nameof(Combinations))]
    public void TrainOnBatch_AllocatesNothingAfterWarmUp(string optimizer, string loss)
    {
        (Func<Loss> createLoss, Activation output, bool sparse) = Losses[loss];
        ReferenceMlp model = new ReferenceMlp(4, (8, Activation.Relu), (3, output)).InitializeGlorot(5);
        model.NonTrainable = [4, 4];
        model.Compile(Optimizers[optimizer](), createLoss(), Metric.Accuracy);
        var random = new Random(9);
        float[] x = Enumerable.Range(0, 16 * 4).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = sparse
            ? Enumerable.Range(0, 16).Select(i => (float)(i % 3)).ToArray()
            : Enumerable.Range(0, 16 * 3).Select(i => i % 3 == (i / 3) % 3 ? 1f : 0f).ToArray();
        var gradients = new float[model.ParameterCount];

        for (int i = 0; i < 5; i++)
        {
            model.TrainOnBatch(x, y);
            model.ComputeGradients(x, y, gradients);
        }

        int steps = 0;
        Assert.Equal(0, Allocations.LeastPerRound(() =>
        {
            model.TrainOnBatch(x, y);
            model.ComputeGradients(x, y, gradients);
            steps++;
        }, callsPerRound: 50));
        Assert.Equal(5 + steps, model.Training!.Optimizer.Iterations);
        Assert.All(model.Parameters.ToArray(), w => Assert.True(float.IsFinite(w)));
    }

    [Fact]
    public void FitBatches_WithEveryMetricKind_SampleWeights_AndASchedule_AllocateNothingAfterTheFirstEpoch()
    {
        ReferenceMlp model = new ReferenceMlp(4, (8, Activation.Relu), (3, Activation.Softmax)).InitializeGlorot(5);
        model.Compile(
            new Adam(new ExponentialDecay(0.01f, 10, 0.9f)),
            Loss.CategoricalCrossentropy,
            Metric.Accuracy,
            new Auc(),
            new Precision(),
            new Recall(),
            new RootMeanSquaredError(),
            new TopKCategoricalAccuracy(2),
            new CategoricalCrossentropyMetric(),
            Metric.MeanAbsoluteError);
        var random = new Random(9);
        float[] x = Enumerable.Range(0, 32 * 4).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = Enumerable.Range(0, 32 * 3).Select(i => i % 3 == (i / 3) % 3 ? 1f : 0f).ToArray();
        float[] weights = Enumerable.Range(0, 32).Select(i => 0.5f + (i % 3)).ToArray();
        var probe = new AllocationProbe();

        model.Fit(x, y, epochs: 3, batchSize: 4, verbose: 0, seed: 1, sampleWeight: weights, callbacks: [probe]);

        // Between two batch ends of one epoch lies one whole step: gather, forward, weighted loss, backward, update, metrics.
        Assert.Equal(3 * 7, probe.StepAllocations.Count);
        Assert.All(probe.StepAllocations.Skip(7), bytes => Assert.Equal(0, bytes));
    }

    /// <summary>Records the bytes this thread allocated between consecutive batch ends of an epoch.</summary>
    private sealed class AllocationProbe : Callback
    {
        private long _last = -1;

        public List<long> StepAllocations { get; } = new(64);

        public override void OnEpochBegin(int epoch) => _last = -1;

        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
        {
            long now = GC.GetAllocatedBytesForCurrentThread();
            if (_last >= 0) StepAllocations.Add(now - _last);
            _last = GC.GetAllocatedBytesForCurrentThread();
        }
    }
}
