namespace StaticNets.Tests.Layers;

/// <summary>
/// The CNN layers through generated code against <see cref="ReferenceNetwork"/>, a naive double-precision forward of
/// the same layers: shapes and parameter counts, inference predictions (BatchNormalization with moving statistics,
/// Dropout the identity), training-mode outputs and loss, and every parameter's gradient against central finite
/// differences of the reference's loss (BatchNormalization with batch statistics).
/// </summary>
public class GeneratedLayerGradientTests
{
    private const int Batch = 4;

    public static TheoryData<string> AllNetworks => new(LayerNetworkCases.All.Keys);

    public static TheoryData<string> GradientChecked => new(LayerNetworkCases.GradientChecked);

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void ShapesAndParameterLayout_MatchTheReference(string name)
    {
        LayerNetworkCase c = LayerNetworkCases.All[name];
        ITrainableNetwork network = c.Create();
        ReferenceNetwork reference = c.Reference();

        Assert.Equal(reference.InputShape, network.InputShape.ToArray());
        Assert.Equal(reference.OutputShape, network.OutputShape.ToArray());
        Assert.Equal(reference.InputSize, network.InputSize);
        Assert.Equal(reference.OutputSize, network.OutputSize);
        Assert.Equal(reference.ParameterCount, network.ParameterCount);

        ReadOnlySpan<int> ranges = network.NonTrainableRanges;
        var nonTrainable = new List<int>();
        for (int r = 0; r < ranges.Length; r += 2) nonTrainable.AddRange(Enumerable.Range(ranges[r], ranges[r + 1]));
        Assert.Equal(reference.NonTrainableIndices.Order(), nonTrainable.Order());
    }

    [Fact]
    public void TheNetworks_CoverAsymmetricSamePadding()
    {
        // Guards the test networks themselves: Keras puts the odd padding cell after (bottom/right).
        var strided = (ConvolutionLayer)LayerNetworkCases.All["StridedSameConvNet"].Reference().Layers[0];
        Assert.Equal((0, 1), strided.Padding); // rows: total 1 → 0 before; columns: total 3 → 1 before, 2 after
        var sequence = (ConvolutionLayer)LayerNetworkCases.All["SequenceNet"].Reference().Layers[0];
        Assert.Equal((0, 0), sequence.Padding); // total 1 → 0 before, 1 after
        var evenKernel = (ConvolutionLayer)LayerNetworkCases.All["SamePooling1DNet"].Reference().Layers[0];
        Assert.Equal((0, 1), evenKernel.Padding); // total 3 → 1 before, 2 after
        var causal = LayerNetworkCases.All["CausalDilatedNet"].Reference().Layers;
        Assert.Equal((0, 4), ((ConvolutionLayer)causal[0]).Padding); // d·(k − 1) = 2·2, all before
        Assert.Equal((0, 3), ((ConvolutionLayer)causal[1]).Padding); // 3·1
        var dilatedSame = (ConvolutionLayer)LayerNetworkCases.All["DilatedValidSameNet"].Reference().Layers[1];
        Assert.Equal((0, 1), dilatedSame.Padding); // span 3 on 6 steps: total 2 → 1 before, 1 after
    }

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void PredictAndPredictBatch_MatchTheReferenceInInferenceMode(string name)
    {
        LayerNetworkCase c = LayerNetworkCases.All[name];
        ITrainableNetwork network = c.Create();
        ReferenceNetwork reference = c.Reference();
        var random = new Random(LayerNetworkCases.StableSeed(name));
        double[] w = LayerNetworkCases.SetRandomParameters(reference, network, random);
        const int samples = 5;
        float[] x = LayerMath.Uniform(random, samples * reference.InputSize);
        double[] expected = reference.Forward(w, LayerMath.ToDouble(x), samples, training: false);

        var batch = new float[samples * reference.OutputSize];
        network.PredictBatch(x, batch);
        LayerMath.AssertClose($"{name} PredictBatch", expected, batch, 2e-5);

        var single = new float[reference.OutputSize];
        for (int s = 0; s < samples; s++)
        {
            network.Predict(x.AsSpan(s * reference.InputSize, reference.InputSize), single);
            LayerMath.AssertClose($"{name} Predict sample {s}", expected.AsSpan(s * reference.OutputSize, reference.OutputSize), single, 2e-5);
        }
    }

    public static TheoryData<string> ChunkedNetworks => new() { "StridedSameConvNet", "SequenceNet", "ConvBnNet", "ConvDropoutNet", "CausalDilatedNet", "LayerNormNet" };

    [Theory]
    [MemberData(nameof(ChunkedNetworks))]
    public void PredictBatch_OverSeveralChunks_MatchesTheReference(string name)
    {
        // The generated PredictBatch works in chunks of samples (128 today): 300 gives two full chunks and a partial one.
        LayerNetworkCase c = LayerNetworkCases.All[name];
        ITrainableNetwork network = c.Create();
        ReferenceNetwork reference = c.Reference();
        var random = new Random(LayerNetworkCases.StableSeed(name) + 2);
        double[] w = LayerNetworkCases.SetRandomParameters(reference, network, random);
        const int samples = 300;
        float[] x = LayerMath.Uniform(random, samples * reference.InputSize);
        var y = new float[samples * reference.OutputSize];
        network.PredictBatch(x, y);
        LayerMath.AssertClose($"{name} PredictBatch", reference.Forward(w, LayerMath.ToDouble(x), samples, training: false), y, 2e-5);
    }

    [Theory]
    [MemberData(nameof(GradientChecked))]
    public void ComputeGradients_MatchFiniteDifferencesOfTheReference(string name)
    {
        LayerNetworkCase c = LayerNetworkCases.All[name];
        ITrainableNetwork network = c.Create();
        ReferenceNetwork reference = c.Reference();
        var random = new Random(LayerNetworkCases.StableSeed(name) + 1);
        double[] w = LayerNetworkCases.SetRandomParameters(reference, network, random);
        float[] x = LayerMath.Uniform(random, Batch * reference.InputSize);
        float[] y = ReferenceLosses.Targets(c.Loss, random, Batch, reference.OutputSize);
        double[] xd = LayerMath.ToDouble(x);

        var gradients = new float[reference.ParameterCount];
        gradients.AsSpan().Fill(float.NaN); // every entry must be written, the moving statistics' with 0
        var outputs = new float[Batch * reference.OutputSize];
        float loss = network.ComputeGradients(x, y, ReferenceLosses.Create(c.Loss), gradients, outputs);

        double ReferenceLoss(double[] p) => ReferenceLosses.Value(c.Loss, reference.Forward(p, xd, Batch, training: true), y, Batch);

        LayerMath.AssertClose($"{name} training-mode outputs", reference.Forward(w, xd, Batch, training: true), outputs, 2e-5);
        double expectedLoss = ReferenceLoss(w);
        Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5 * (1 + Math.Abs(expectedLoss)), $"{name} loss {loss}, reference {expectedLoss}");

        var nonTrainable = reference.NonTrainableIndices.ToHashSet();
        for (int i = 0; i < w.Length; i++)
        {
            if (nonTrainable.Contains(i))
            {
                Assert.True(gradients[i] == 0f, $"{name} ∂loss/∂w[{i}] (a moving statistic) = {gradients[i]}, expected exactly 0");
                continue;
            }

            LayerMath.AssertGradient($"{name} ∂loss/∂w[{i}]", gradients[i], w, i, ReferenceLoss);
        }
    }
}
