using StaticNets.Tests.Layers;
using StaticNets.Tests.Networks;

namespace StaticNets.Tests.Training;

/// <summary>
/// Keras's kernel regularisers (<c>KernelL1</c>, <c>KernelL2</c>) through generated code: the loss that
/// <c>ComputeGradients</c>, <c>TrainOnBatch</c>, <c>Fit</c> and <c>Evaluate</c> report is the data loss of the double
/// reference plus <c>l1·Σ|w| + l2·Σw²</c> over each regularised kernel (written out here from the offsets of Keras's
/// weight shapes), and every gradient matches central finite differences of that sum.
/// </summary>
public sealed class KernelRegularizationTests
{
    private const int Batch = 4;

    /// <summary>A regularised kernel: where it lies in <c>Parameters</c> and its factors.</summary>
    public sealed record Kernel(int Offset, int Length, double L1, double L2);

    private sealed record Case(Func<ITrainableNetwork> Create, Func<ITrainableNetwork> CreatePlain, Func<ReferenceNetwork> Reference, int ParameterCount, Kernel[] Kernels);

    private static readonly Dictionary<string, Case> s_cases = new()
    {
        [nameof(RegularizedCnnNet)] = new(
            () => new RegularizedCnnNet(1),
            () => new PlainCnnNet(1),
            () => new ReferenceNetwork(4, 4, 2).Conv2D(2, 2, 2, Activation.Tanh).Conv2DTranspose(2, 2, 2).Flatten().Dense(2),
            102,
            [new(0, 16, 0.01, 0.02), new(18, 16, 0, 0.03), new(36, 64, 0.05, 0.001)]),
        [nameof(RegularizedSequenceNet)] = new(
            () => new RegularizedSequenceNet(1),
            () => new PlainSequenceNet(1),
            () => new ReferenceNetwork(5).Embedding(7, 3).Conv1D(3, 2, same: true).Bidirectional().Lstm(2, returnSequences: true)
                .SimpleRnn(3, returnSequences: true).Gru(2).Dense(1),
            207,
            [new(0, 21, 0, 0.02), new(21, 18, 0.01, 0), new(42, 24, 0.02, 0.01), new(90, 24, 0.02, 0.01), new(138, 12, 0.03, 0), new(162, 18, 0, 0.05)]),
    };

    public static TheoryData<string> Cases => new(s_cases.Keys);

    /// <summary>Keras's penalty, in double, with the factors as the float32 Keras casts them to.</summary>
    private static double Penalty(Kernel[] kernels, double[] w)
    {
        double sum = 0;
        foreach (Kernel k in kernels)
        {
            double absolute = 0, squares = 0;
            for (int i = k.Offset; i < k.Offset + k.Length; i++)
            {
                absolute += Math.Abs(w[i]);
                squares += w[i] * w[i];
            }

            sum += (float)k.L1 * absolute + (float)k.L2 * squares;
        }

        return sum;
    }

    private static (ITrainableNetwork Network, ReferenceNetwork Reference, double[] W, float[] X, float[] Y, Case Case) Setup(string name)
    {
        Case c = s_cases[name];
        ITrainableNetwork network = c.Create();
        ReferenceNetwork reference = c.Reference();
        Assert.Equal(c.ParameterCount, network.ParameterCount);
        Assert.Equal(c.ParameterCount, reference.ParameterCount);
        var random = new Random(LayerNetworkCases.StableSeed(name));
        double[] w = LayerNetworkCases.SetRandomParameters(reference, network, random);
        float[] x = LayerNetworkCases.Inputs(reference, random, Batch);
        float[] y = ReferenceLosses.Targets(LossKind.MeanSquaredError, random, Batch, reference.OutputSize);
        return (network, reference, w, x, y, c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ComputeGradients_AddsThePenaltyToTheLoss_AndItsGradientToTheKernels(string name)
    {
        var (network, reference, w, x, y, c) = Setup(name);
        double[] xd = LayerMath.ToDouble(x);
        double DataLoss(double[] p) => ReferenceLosses.Value(LossKind.MeanSquaredError, reference.Forward(p, xd, Batch, training: true), y, Batch);
        double TotalLoss(double[] p) => DataLoss(p) + Penalty(c.Kernels, p);

        var gradients = new float[c.ParameterCount];
        float loss = network.ComputeGradients(x, y, ReferenceLosses.Create(LossKind.MeanSquaredError), gradients, default);

        double penalty = Penalty(c.Kernels, w);
        Assert.True(penalty > 0.01, $"the penalty {penalty} is too small to tell apart");
        double expected = DataLoss(w) + penalty;
        Assert.True(Math.Abs(loss - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"{name} loss {loss}, reference {expected} (penalty {penalty})");
        Assert.True(Math.Abs(network.RegularizationLoss() - penalty) <= 1e-6 * (1 + penalty), $"RegularizationLoss {network.RegularizationLoss()}, expected {penalty}");
        for (int i = 0; i < w.Length; i++)
        {
            LayerMath.AssertGradient($"{name} ∂loss/∂w[{i}]", gradients[i], w, i, TotalLoss);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Against_the_same_network_without_regularisers_the_difference_is_the_hand_formula(string name)
    {
        var (network, _, w, x, y, c) = Setup(name);
        var regularized = new float[c.ParameterCount];
        float loss = network.ComputeGradients(x, y, ReferenceLosses.Create(LossKind.MeanSquaredError), regularized, default);

        ITrainableNetwork plain = c.CreatePlain();
        network.Parameters.CopyTo(plain.Parameters);
        var data = new float[c.ParameterCount];
        float dataLoss = plain.ComputeGradients(x, y, ReferenceLosses.Create(LossKind.MeanSquaredError), data, default);
        Assert.Equal(0f, plain.RegularizationLoss());

        double penalty = Penalty(c.Kernels, w);
        Assert.True(Math.Abs(loss - dataLoss - penalty) <= 1e-6 * (1 + loss), $"loss {loss} − data loss {dataLoss} ≠ penalty {penalty}");
        var expected = new double[c.ParameterCount];
        foreach (Kernel k in c.Kernels)
        {
            for (int i = k.Offset; i < k.Offset + k.Length; i++) expected[i] = (float)k.L1 * Math.Sign(w[i]) + 2 * (float)k.L2 * w[i];
        }

        for (int i = 0; i < expected.Length; i++)
        {
            double difference = regularized[i] - (double)data[i];
            if (expected[i] == 0)
            {
                Assert.True(regularized[i] == data[i], $"w[{i}] is not regularised, but its gradient changed from {data[i]} to {regularized[i]}");
                continue;
            }

            Assert.True(Math.Abs(difference - expected[i]) <= 1e-6 + 1e-6 * Math.Abs(data[i]), $"w[{i}]: gradient difference {difference}, l1·sign(w) + 2·l2·w = {expected[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainOnBatch_Fit_and_Evaluate_report_the_regularised_loss(string name)
    {
        var (network, reference, w, x, y, c) = Setup(name);
        double[] xd = LayerMath.ToDouble(x);
        double expected = ReferenceLosses.Value(LossKind.MeanSquaredError, reference.Forward(w, xd, Batch, training: false), y, Batch) + Penalty(c.Kernels, w);

        // A learning rate of 0 keeps the weights, so each call sees the same loss.
        network.Compile(new Sgd(0f), Loss.MeanSquaredError);
        double evaluated = network.Evaluate(x, y)["loss"];
        Assert.True(Math.Abs(evaluated - expected) <= 1e-5 * (1 + expected), $"Evaluate {evaluated}, expected {expected}");
        float trained = network.TrainOnBatch(x, y);
        Assert.True(Math.Abs(trained - expected) <= 1e-5 * (1 + expected), $"TrainOnBatch {trained}, expected {expected}");
        History history = network.Fit(x, y, epochs: 1, batchSize: Batch, shuffle: false, verbose: 0);
        Assert.True(Math.Abs(history.Metrics["loss"][0] - expected) <= 1e-5 * (1 + expected), $"Fit {history.Metrics["loss"][0]}, expected {expected}");
    }

    [Fact]
    public void A_network_without_regularisers_has_no_penalty()
    {
        ITrainableNetwork network = new TransposeSameNet(1);
        Assert.Equal(0f, network.RegularizationLoss());
    }
}
