using StaticNets.Tests.Networks;

namespace StaticNets.Tests;

/// <summary>Generated networks against the golden Keras (TensorFlow.js) cases: constants, summary, predictions.</summary>
public class GoldenPredictionTests
{
    public static TheoryData<string> Cases => new()
    {
        "seed_practice1", "seed_practice2", "seed_practice3", "mlp_softmax_cce", "mlp_sigmoid_bce", "activations_a",
        "cnn_small", "bn_mlp", "zero_padding_cropping", "upsampling1d_conv1d", "conv2d_transpose_same_upsampling",
        "layer_norm_activation_rescaling",
        "conv1d_causal_dilated", "lstm_seq_dense", "gru_reset_after", "simple_rnn_backwards", "embedding_gap_dense",
        "bidirectional_concat",
    };

    public static INetwork Create(string name) => name switch
    {
        "seed_practice1" => new SeedPractice1(0),
        "seed_practice2" => new SeedPractice2(0),
        "seed_practice3" => new SeedPractice3(0),
        "mlp_softmax_cce" => new MlpSoftmaxCce(0),
        "mlp_sigmoid_bce" => new MlpSigmoidBce(0),
        "activations_a" => new ActivationsA(0),
        "cnn_small" => new CnnSmall(0),
        "bn_mlp" => new BnMlp(0),
        "zero_padding_cropping" => new ZeroPaddingCropping(0),
        "upsampling1d_conv1d" => new UpSampling1DConv1D(0),
        "conv2d_transpose_same_upsampling" => new Conv2DTransposeSameUpSampling(0),
        "lstm_seq_dense" => new LstmSeqDense(0),
        "gru_reset_after" => new GruResetAfter(0),
        "simple_rnn_backwards" => new SimpleRnnBackwards(0),
        "embedding_gap_dense" => new EmbeddingGapDense(0),
        "bidirectional_concat" => new BidirectionalConcat(0),
        "layer_norm_activation_rescaling" => new LayerNormActivationRescaling(0),
        "conv1d_causal_dilated" => new Conv1DCausalDilated(0),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Constants_MatchKeras(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        INetwork network = Create(name);
        Assert.Equal(golden.ParameterCount, network.ParameterCount);
        Assert.Equal(golden.InputShape, network.InputShape.ToArray());
        Assert.Equal(golden.OutputShape, network.OutputShape.ToArray());
        Assert.Equal(golden.InputShape.Aggregate(1, (a, b) => a * b), network.InputSize);
        Assert.Equal(golden.OutputShape.Aggregate(1, (a, b) => a * b), network.OutputSize);
        Assert.Equal(golden.ParameterCount, network.Parameters.Length);
    }

    [Fact]
    public void ConstantsAreCompileTimeConstants()
    {
        // `const` use: these only compile if the generator emitted constants.
        const int total = SeedPractice1.ParameterCount + SeedPractice1.TrainableParameterCount + SeedPractice1.NonTrainableParameterCount;
        Assert.Equal(82, total);
        Assert.Equal(2, SeedPractice1.InputSize);
        Assert.Equal(1, SeedPractice1.OutputSize);
        Assert.Equal(new[] { 2 }, SeedPractice1.InputShape.ToArray());
        Assert.Equal(new[] { 4 }, MlpSoftmaxCce.OutputShape.ToArray());
        Assert.Equal(212, MlpSoftmaxCce.TrainableParameterCount);
        Assert.Equal(0, MlpSoftmaxCce.NonTrainableParameterCount);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Summary_MatchesKerasCharacterForCharacter(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        INetwork network = Create(name);
        Assert.Equal(golden.Summary.Replace("{MODEL}", network.GetType().Name), network.Summary());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PredictBatch_MatchesKeras(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        INetwork network = Create(name);
        golden.Weights.CopyTo(network.Parameters);
        var predictions = new float[golden.YPred.Length];
        network.PredictBatch(golden.X, predictions);
        golden.AssertClose(golden.YPred, predictions, "yPred");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predict_OneSampleAtATime_MatchesKeras(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        INetwork network = Create(name);
        golden.Weights.CopyTo(network.Parameters);
        for (int n = 0; n < golden.Batch; n++)
        {
            var output = new float[network.OutputSize];
            network.Predict(golden.X.AsSpan(n * network.InputSize, network.InputSize), output);
            golden.AssertClose(golden.YPred.AsSpan(n * network.OutputSize, network.OutputSize), output, $"sample {n}");
        }
    }
}
