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
}
