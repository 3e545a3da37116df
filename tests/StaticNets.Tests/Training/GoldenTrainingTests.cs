using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary>
/// Loss values, gradients, one SGD step and three Adam steps against the TensorFlow.js golden files. Dense-only
/// cases run through <see cref="ReferenceMlp"/>; cnn_small's loss is checked on its stored predictions (it has no
/// training-only layers, so they are also the training-mode outputs). bn_mlp's training-mode outputs (batch
/// statistics) are not in the file and need the generated model, so only its SGD step is checked here.
/// </summary>
public sealed class GoldenTrainingTests
{
    public static IEnumerable<object[]> AllCases => GoldenCase.Names.Select(n => new object[] { n });

    public static IEnumerable<object[]> DenseCases =>
        GoldenCase.Names.Where(n => GoldenCase.Load(n).IsDenseOnly).Select(n => new object[] { n });

    [Fact]
    public void TheDenseOnlyCasesAreTheOnesTheBriefNames()
    {
        string[] dense = DenseCases.Select(c => (string)c[0]).ToArray();
        Assert.Equal(
            new[] { "activations_a", "mlp_sigmoid_bce", "mlp_softmax_cce", "seed_practice1", "seed_practice2", "seed_practice3" },
            dense);
    }

    [Theory]
    [MemberData(nameof(DenseCases))]
    public void ReferenceMlp_ReproducesTheGoldenPredictions(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        ReferenceMlp mlp = golden.CreateReference();
        var predictions = new float[golden.YPred.Length];
        mlp.PredictBatch(golden.X, predictions);
        golden.AssertClose(predictions, golden.YPred, "yPred");
    }

    [Theory]
    [MemberData(nameof(DenseCases))]
    public void ComputeGradients_MatchesGoldenLossAndGradients(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        ReferenceMlp mlp = golden.CreateReference();
        mlp.Compile(new Sgd(), golden.CreateLoss());
        var gradients = new float[mlp.ParameterCount];

        float loss = mlp.ComputeGradients(golden.X, golden.YTrue, gradients);

        Assert.True(Math.Abs(loss - golden.LossValue) <= golden.Abs + golden.Rel * Math.Abs(golden.LossValue),
            $"{name}: loss {loss}, expected {golden.LossValue}");
        golden.AssertClose(gradients, golden.Gradients, "gradients");
    }

    [Fact]
    public void CnnSmall_SparseLossOnStoredPredictions_MatchesGoldenLossValue()
    {
        GoldenCase golden = GoldenCase.Load("cnn_small");
        Loss loss = golden.CreateLoss();
        var gradient = new float[golden.YPred.Length];

        float value = loss.Compute(golden.YPred, golden.YPred, golden.YTrue, golden.OutputSize, golden.OutputActivation, gradient, out _);

        Assert.Equal(1, loss.TargetSize(golden.OutputSize));
        Assert.True(Math.Abs(value - golden.LossValue) <= golden.Abs + golden.Rel * Math.Abs(golden.LossValue),
            $"cnn_small: loss {value}, expected {golden.LossValue}");
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void OneSgdStep_FromGoldenGradients_MatchesGoldenWeights(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        float[] weights = golden.Weights.ToArray();
        int[] frozen = golden.NonTrainableRanges();
        var sgd = new Sgd(golden.SgdLearningRate);

        sgd.Apply(weights, golden.Gradients, frozen);

        var trainable = Enumerable.Range(0, weights.Length).Where(i => !IsFrozen(frozen, i)).ToArray();
        golden.AssertClose(trainable.Select(i => weights[i]).ToArray(), trainable.Select(i => golden.SgdWeightsAfter[i]).ToArray(), "sgd trainable");
        foreach (int i in Enumerable.Range(0, weights.Length).Where(i => IsFrozen(frozen, i)))
        {
            // The optimizer never writes non-trainable entries (the model's forward pass updates moving statistics).
            Assert.Equal(golden.Weights[i], weights[i]);
        }

        Assert.Equal(1, sgd.Iterations);
    }

    [Theory]
    [MemberData(nameof(DenseCases))]
    public void ThreeAdamSteps_WithRecomputedGradients_MatchGoldenWeights(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        ReferenceMlp mlp = golden.CreateReference();
        var adam = new Adam(golden.AdamLearningRate);
        mlp.Compile(adam, golden.CreateLoss());

        for (int step = 0; step < golden.AdamSteps; step++) mlp.TrainOnBatch(golden.X, golden.YTrue);

        Assert.Equal(golden.AdamSteps, adam.Iterations);
        golden.AssertClose(mlp.Parameters, golden.AdamWeightsAfter, "adam");
    }

    private static bool IsFrozen(int[] ranges, int index)
    {
        for (int r = 0; r < ranges.Length; r += 2)
        {
            if (index >= ranges[r] && index < ranges[r] + ranges[r + 1]) return true;
        }

        return false;
    }
}
