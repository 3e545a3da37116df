using StaticNets.Tests.Networks;

namespace StaticNets.Tests.Layers;

/// <summary>
/// BatchNormalization's moving statistics through generated code (<see cref="ConvBnNet"/>: one layer after a Conv2D
/// with default momentum, one after a Dense layer with momentum 0.9): a training step folds the batch mean and biased
/// variance of the layer's input, computed here with the double reference, into them; gradients alone never touch
/// them; optimizers (AdamW's weight decay included) never change them.
/// </summary>
public class GeneratedBatchNormalizationTests
{
    private const int Batch = 6;

    private sealed record Setup(ITrainableNetwork Network, ReferenceNetwork Reference, float[] X, float[] Y);

    private static Setup Create(int seed)
    {
        LayerNetworkCase c = LayerNetworkCases.All[nameof(ConvBnNet)];
        ITrainableNetwork network = c.Create();
        ReferenceNetwork reference = c.Reference();
        var random = new Random(seed);
        LayerNetworkCases.SetRandomParameters(reference, network, random);
        float[] x = LayerMath.Uniform(random, Batch * reference.InputSize);
        float[] y = ReferenceLosses.Targets(LossKind.CategoricalCrossentropy, random, Batch, reference.OutputSize);
        return new Setup(network, reference, x, y);
    }

    /// <summary>moving · momentum + batch · (1 − momentum) for every BatchNormalization layer, from the weights before the step.</summary>
    private static double[] ExpectedAfterStep(ReferenceNetwork reference, float[] weightsBefore, float[] x)
    {
        double[] w = LayerMath.ToDouble(weightsBefore);
        double[][] values = reference.ForwardAll(w, LayerMath.ToDouble(x), Batch, training: true);
        double[] expected = (double[])w.Clone();
        for (int l = 0; l < reference.Layers.Count; l++)
        {
            if (reference.Layers[l] is not BatchNormalizationLayer bn) continue;
            (double[] mean, double[] variance) = bn.BatchStatistics(values[l]);
            for (int k = 0; k < bn.Channels; k++)
            {
                expected[bn.MovingMeanOffset + k] = w[bn.MovingMeanOffset + k] * bn.Momentum + mean[k] * (1 - bn.Momentum);
                expected[bn.MovingVarianceOffset + k] = w[bn.MovingVarianceOffset + k] * bn.Momentum + variance[k] * (1 - bn.Momentum);
            }
        }

        return expected;
    }

    private static void AssertMovingStatistics(ReferenceNetwork reference, double[] expected, ReadOnlySpan<float> actual, string what)
    {
        foreach (int i in reference.NonTrainableIndices)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 2e-6 * (1 + Math.Abs(expected[i])), $"{what}: w[{i}] = {actual[i]:R}, expected {expected[i]:R}");
        }
    }

    [Fact]
    public void TrainOnBatch_FoldsTheBatchStatisticsIntoTheMovingStatistics()
    {
        Setup s = Create(21);
        float[] before = s.Network.Parameters.ToArray();
        double[] expected = ExpectedAfterStep(s.Reference, before, s.X);

        s.Network.Compile(new Sgd(0f), Loss.CategoricalCrossentropy);
        s.Network.TrainOnBatch(s.X, s.Y);

        float[] after = s.Network.Parameters.ToArray();
        AssertMovingStatistics(s.Reference, expected, after, "after TrainOnBatch");
        var nonTrainable = s.Reference.NonTrainableIndices.ToHashSet();
        for (int i = 0; i < after.Length; i++)
        {
            if (nonTrainable.Contains(i))
            {
                // The step must be visible, or the comparison above proves nothing.
                Assert.True(Math.Abs(after[i] - before[i]) > 1e-4, $"moving statistic w[{i}] did not move: {before[i]} → {after[i]}");
            }
            else
            {
                Assert.True(before[i] == after[i], $"trainable w[{i}] changed at learning rate 0: {before[i]} → {after[i]}");
            }
        }
    }

    [Fact]
    public void ComputeGradients_LeavesTheMovingStatisticsAlone_AndTheirGradientsAreExactlyZero()
    {
        Setup s = Create(22);
        float[] before = s.Network.Parameters.ToArray();
        var gradients = new float[s.Reference.ParameterCount];
        for (int call = 0; call < 3; call++)
        {
            gradients.AsSpan().Fill(float.NaN);
            s.Network.ComputeGradients(s.X, s.Y, Loss.CategoricalCrossentropy, gradients, default);
            Assert.Equal(before, s.Network.Parameters.ToArray());
            foreach (int i in s.Reference.NonTrainableIndices)
            {
                Assert.True(gradients[i] == 0f, $"∂loss/∂w[{i}] (a moving statistic) = {gradients[i]}");
            }
        }
    }

    [Fact]
    public void UpdateMovingStatistics_FoldsTheLastComputeGradientsBatch()
    {
        Setup s = Create(23);
        float[] before = s.Network.Parameters.ToArray();
        s.Network.UpdateMovingStatistics(); // before any batch: nothing to fold
        Assert.Equal(before, s.Network.Parameters.ToArray());

        float[] otherX = LayerMath.Uniform(new Random(24), s.X.Length);
        var gradients = new float[s.Reference.ParameterCount];
        s.Network.ComputeGradients(otherX, s.Y, Loss.CategoricalCrossentropy, gradients, default);
        s.Network.ComputeGradients(s.X, s.Y, Loss.CategoricalCrossentropy, gradients, default);
        s.Network.UpdateMovingStatistics();
        AssertMovingStatistics(s.Reference, ExpectedAfterStep(s.Reference, before, s.X), s.Network.Parameters, "after UpdateMovingStatistics");
    }

    [Fact]
    public void AdamW_WithWeightDecay_NeverChangesTheMovingStatistics()
    {
        Setup s = Create(25);
        s.Network.Compile(new AdamW(learningRate: 0.05f, weightDecay: 0.5f), Loss.CategoricalCrossentropy);
        var nonTrainable = s.Reference.NonTrainableIndices.ToHashSet();
        for (int step = 0; step < 3; step++)
        {
            float[] before = s.Network.Parameters.ToArray();
            double[] expected = ExpectedAfterStep(s.Reference, before, s.X);
            s.Network.TrainOnBatch(s.X, s.Y);

            // Decay would scale them by 1 − 0.025 and an Adam step would move them by ~0.05: both far outside the tolerance.
            AssertMovingStatistics(s.Reference, expected, s.Network.Parameters, $"step {step}");
            float[] after = s.Network.Parameters.ToArray();
            Assert.Contains(Enumerable.Range(0, after.Length), i => !nonTrainable.Contains(i) && after[i] != before[i]);
        }
    }

    [Fact]
    public void ABiasBeforeTanhThenBatchNormalization_IsNotWasted()
    {
        // SN1004 warns about dense_1 of ConvBnNet, but its Tanh sits between bias and normalisation: the bias matters.
        Setup s = Create(26);
        var gradients = new float[s.Reference.ParameterCount];
        s.Network.ComputeGradients(s.X, s.Y, Loss.CategoricalCrossentropy, gradients, default);
        const int denseBias = 54 + 12 + 12 * 4; // conv kernel, batch_normalization_1, dense_1 kernel
        Assert.Contains(gradients.AsSpan(denseBias, 4).ToArray(), g => Math.Abs(g) > 1e-4);
    }
}
