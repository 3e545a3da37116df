using StaticNets.Tests.Networks;

namespace StaticNets.Tests.Layers;

/// <summary>
/// Dropout through generated code. A random mask has no finite differences, so: inference is the identity; training
/// outputs are exactly 0 or x / (1 − rate); the dropped fraction is near the rate; masks follow the seed; and with the
/// mask read back from the generated gradients, loss and gradients match the double reference using that mask.
/// </summary>
public class GeneratedDropoutTests
{
    private const float Rate = 0.25f;

    /// <summary>A <see cref="DropoutOutputNet"/> whose Dense layer is the identity, so its outputs are the dropout of its inputs.</summary>
    private static ITrainableNetwork IdentityDropout(int seed) => WithIdentityKernel(new DropoutOutputNet(seed));

    private static ITrainableNetwork WithIdentityKernel(ITrainableNetwork network)
    {
        Span<float> p = network.Parameters;
        p.Clear();
        for (int i = 0; i < 64; i++) p[i * 64 + i] = 1f;
        return network;
    }

    /// <summary>Training-mode outputs of <paramref name="calls"/> successive ComputeGradients calls on the same batch.</summary>
    private static float[][] TrainingOutputs(ITrainableNetwork network, float[] x, int calls)
    {
        var gradients = new float[network.ParameterCount];
        var result = new float[calls][];
        for (int call = 0; call < calls; call++)
        {
            result[call] = new float[x.Length];
            network.ComputeGradients(x, new float[x.Length], new MeanSquaredError(), gradients, result[call]);
        }

        return result;
    }

    private static float[] PositiveInputs(int samples, int seed) => LayerMath.Uniform(new Random(seed), samples * 64, 0.5, 1.5);

    [Fact]
    public void Inference_IsTheIdentity()
    {
        ITrainableNetwork network = IdentityDropout(3);
        float[] x = LayerMath.Uniform(new Random(4), 64);
        var y = new float[64];
        for (int call = 0; call < 3; call++)
        {
            network.Predict(x, y);
            Assert.Equal(x, y);
        }

        var batch = new float[3 * 64];
        float[] xs = LayerMath.Uniform(new Random(5), 3 * 64);
        network.PredictBatch(xs, batch);
        Assert.Equal(xs, batch);
    }

    [Fact]
    public void Inference_EqualsTheSameNetworkWithoutDropout()
    {
        var with = new DropoutHiddenNet(6);
        var without = new NoDropoutHiddenNet(7);
        Assert.Equal(DropoutHiddenNet.ParameterCount, NoDropoutHiddenNet.ParameterCount);
        with.Parameters.CopyTo(without.Parameters);
        float[] x = LayerMath.Uniform(new Random(8), 4 * 5);
        var expected = new float[4 * 3];
        var actual = new float[4 * 3];
        without.PredictBatch(x, expected);
        with.PredictBatch(x, actual);
        LayerMath.AssertClose("PredictBatch", LayerMath.ToDouble(expected), actual, 1e-6);
        with.Predict(x.AsSpan(0, 5), actual.AsSpan(0, 3));
        LayerMath.AssertClose("Predict", LayerMath.ToDouble(expected.AsSpan(0, 3)), actual.AsSpan(0, 3), 1e-6);
    }

    [Fact]
    public void TrainingOutputs_AreZeroOrScaledInputs_AndTheDroppedFractionIsNearTheRate()
    {
        ITrainableNetwork network = IdentityDropout(9);
        float[] x = PositiveInputs(8, 10);
        float[][] outputs = TrainingOutputs(network, x, 200);
        long dropped = 0, total = 0;
        foreach (float[] y in outputs)
        {
            for (int i = 0; i < x.Length; i++)
            {
                total++;
                if (y[i] == 0f)
                {
                    dropped++;
                    continue;
                }

                double expected = x[i] / (1.0 - Rate);
                Assert.True(Math.Abs(y[i] - expected) <= 2e-7 * expected, $"kept y[{i}] = {y[i]:R}, expected {expected:R}");
            }
        }

        // 102,400 Bernoulli(0.25) draws: the standard deviation of the fraction is 0.00135, so ±0.01 is over 7σ.
        double fraction = (double)dropped / total;
        Assert.InRange(fraction, Rate - 0.01, Rate + 0.01);

        // Each call draws a new mask.
        Assert.NotEqual(outputs[0], outputs[1]);
    }

    [Fact]
    public void Masks_FollowTheSeed()
    {
        float[] x = PositiveInputs(4, 11);
        float[][] first = TrainingOutputs(IdentityDropout(42), x, 3);
        float[][] again = TrainingOutputs(IdentityDropout(42), x, 3);
        float[][] other = TrainingOutputs(IdentityDropout(43), x, 3);
        for (int call = 0; call < 3; call++)
        {
            Assert.Equal(first[call], again[call]);
            Assert.NotEqual(first[call], other[call]);
        }

        // Unseeded networks draw their own seeds.
        Assert.NotEqual(TrainingOutputs(WithIdentityKernel(new DropoutOutputNet()), x, 1)[0], TrainingOutputs(WithIdentityKernel(new DropoutOutputNet()), x, 1)[0]);
    }

    [Fact]
    public void Gradients_UseTheForwardMask_AndMatchTheReferenceWithThatMask()
    {
        // Dense(6, Tanh) → Dropout(0.4) → Dense(3), one sample per call: dense_1's bias gradient is exactly 0 for a
        // dropped unit and (almost surely) not for a kept one, which reads the call's mask back.
        ITrainableNetwork network = new DropoutHiddenNet(12);
        ReferenceNetwork reference = new ReferenceNetwork(5).Dense(6, Activation.Tanh).Dropout(0.4).Dense(3);
        var dropout = (DropoutLayer)reference.Layers[1];
        var random = new Random(13);
        double[] w = LayerNetworkCases.SetRandomParameters(reference, network, random);
        var gradients = new float[reference.ParameterCount];
        var outputs = new float[3];
        int keptSeen = 0, droppedSeen = 0;
        for (int call = 0; call < 12; call++)
        {
            float[] x = LayerMath.Uniform(random, 5);
            float[] y = LayerMath.Uniform(random, 3);
            float loss = network.ComputeGradients(x, y, new MeanSquaredError(), gradients, outputs);
            dropout.Mask = Enumerable.Range(0, 6).Select(j => gradients[30 + j] == 0f ? 0.0 : 1 / 0.6).ToArray();
            keptSeen += dropout.Mask.Count(m => m != 0);
            droppedSeen += dropout.Mask.Count(m => m == 0);

            double[] xd = LayerMath.ToDouble(x);
            double ReferenceLoss(double[] p) => ReferenceLosses.Value(LossKind.MeanSquaredError, reference.Forward(p, xd, 1, training: true), y, 1);
            LayerMath.AssertClose($"call {call} training outputs", reference.Forward(w, xd, 1, training: true), outputs, 2e-5);
            Assert.True(Math.Abs(loss - ReferenceLoss(w)) <= 1e-5 * (1 + ReferenceLoss(w)), $"call {call}: loss {loss}, reference {ReferenceLoss(w)}");
            for (int i = 0; i < w.Length; i++)
            {
                LayerMath.AssertGradient($"call {call} ∂loss/∂w[{i}]", gradients[i], w, i, ReferenceLoss);
            }
        }

        Assert.True(keptSeen > 0 && droppedSeen > 0, $"kept {keptSeen}, dropped {droppedSeen}: the masks never varied");
    }
}
