namespace StaticNets.Tests.Layers;

/// <summary>
/// The CNN and sequence layers through generated code against <see cref="ReferenceNetwork"/>, a naive double-precision
/// forward of the same layers: shapes and parameter counts, inference predictions (BatchNormalization with moving
/// statistics, Dropout the identity), training-mode outputs and loss, and every parameter's gradient against central
/// finite differences of the reference's loss (BatchNormalization with batch statistics). Networks that start with an
/// Embedding get integer ids (the gradients are with respect to the parameters only); with <c>MaskZero</c> the ids
/// hold zeros, and each test asserts that masked steps, a leading and a trailing run among them, reach the layers that
/// use the mask.
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
        float[] x = LayerNetworkCases.Inputs(reference, random, samples);
        AssertMaskedStepsWhereMasked(name, reference, w, x, samples);
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

    public static TheoryData<string> ChunkedNetworks => new()
    {
        "StridedSameConvNet", "SequenceNet", "ConvBnNet", "ConvDropoutNet", "CausalDilatedNet", "LayerNormNet", "StackedLstmNet", "MaskedBidirectionalConcatNet", "MaskedDenseGruNet",
    };

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
        float[] x = LayerNetworkCases.Inputs(reference, random, samples);
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
        float[] x = LayerNetworkCases.Inputs(reference, random, Batch);
        AssertMaskedStepsWhereMasked(name, reference, w, x, Batch);
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

    /// <summary>
    /// For a network with <c>Embedding(MaskZero = true)</c>: the layers that use a mask get one, and it has masked
    /// steps, a sample starting with two, a sample ending with two, and an unmasked step in every sample. Elsewhere no
    /// layer gets a mask. Ids of an Embedding without a mask hold zeros too (an ordinary row of the table).
    /// </summary>
    private static void AssertMaskedStepsWhereMasked(string name, ReferenceNetwork reference, double[] w, float[] x, int samples)
    {
        float[]?[] masks = reference.MasksReaching(w, LayerMath.ToDouble(x), samples);
        if (reference.Layers[0] is not EmbeddingReferenceLayer { MaskZero: true })
        {
            Assert.All(masks, Assert.Null);
            if (reference.Layers[0] is EmbeddingReferenceLayer) Assert.Contains(0f, x);
            return;
        }

        int steps = reference.InputSize;
        int[] users = Enumerable.Range(0, reference.Layers.Count).Where(l => reference.Layers[l].UsesMask && masks[l] is not null).ToArray();
        Assert.True(users.Length > 0, $"{name}: no layer that uses a mask gets one");
        foreach (int l in users)
        {
            float[] mask = masks[l]!;
            bool Masked(int s, int t) => mask[s * steps + t] == 0f;
            Assert.True(Enumerable.Range(0, samples).Any(s => Masked(s, 0) && Masked(s, 1)), $"{name} layer {l}: no leading run of masked steps");
            Assert.True(Enumerable.Range(0, samples).Any(s => Masked(s, steps - 1) && Masked(s, steps - 2)), $"{name} layer {l}: no trailing run of masked steps");
            Assert.True(Enumerable.Range(0, samples).All(s => Enumerable.Range(0, steps).Any(t => !Masked(s, t))), $"{name} layer {l}: a sample is masked throughout");
        }
    }

    [Fact]
    public void TheReference_PropagatesMasksAsKeras3()
    {
        // Guards the reference itself: which layers a mask reaches (null: none), per Keras 3's supports_masking and
        // compute_mask. The mask is the Embedding's, unchanged, also after a layer going backwards.
        static float[]?[] Masks(string name, out float[] expected)
        {
            ReferenceNetwork reference = LayerNetworkCases.All[name].Reference();
            var random = new Random(3);
            double[] w = reference.RandomParameters(random);
            float[] x = LayerNetworkCases.Inputs(reference, random, 4);
            expected = x.Select(id => id == 0 ? 0f : 1f).ToArray();
            return reference.MasksReaching(w, LayerMath.ToDouble(x), 4);
        }

        void Expect(string name, params bool[] reaches)
        {
            float[]?[] masks = Masks(name, out float[] expected);
            Assert.Equal(reaches.Length, masks.Length);
            for (int l = 0; l < masks.Length; l++)
            {
                if (reaches[l]) Assert.Equal(expected, masks[l]);
                else Assert.Null(masks[l]);
            }
        }

        // Embedding, Dense, Dropout, Activation, Rescaling | GRU (last output) | Dense
        Expect("MaskedDenseGruNet", false, true, true, true, true, true, false);
        // Embedding | SimpleRNN backwards with sequences | LSTM | Dense
        Expect("MaskedBackwardsNet", false, true, true, false);
        // Embedding | LSTM with sequences | Conv1D drops it | GRU | Dense
        Expect("MaskDroppedNet", false, true, true, false, false);
        // Embedding | Bidirectional with sequences | GlobalAveragePooling1D | Dense
        Expect("MaskedBidirectionalAveNet", false, true, true, false);
        // Embedding | Bidirectional, last outputs | Dense
        Expect("MaskedBidirectionalMulNet", false, true, false);
        // Embedding without MaskZero
        Expect("EmbeddingAverageNet", false, false, false);
    }
}
