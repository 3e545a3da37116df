using StaticNets.Tests.Networks;

namespace StaticNets.Tests.Layers;

/// <summary>A generated layer network, the same layers declared for the double reference, and the loss it trains with.</summary>
internal sealed record LayerNetworkCase(Func<ITrainableNetwork> Create, Func<ReferenceNetwork> Reference, LossKind Loss, bool HasDropout = false);

/// <summary>Every network of Networks/LayerNetworks.cs and Networks/SequenceLayerNetworks.cs with its reference declaration.</summary>
internal static class LayerNetworkCases
{
    public static readonly IReadOnlyDictionary<string, LayerNetworkCase> All = new Dictionary<string, LayerNetworkCase>
    {
        [nameof(StridedSameConvNet)] = new(
            () => new StridedSameConvNet(1),
            () => new ReferenceNetwork(6, 7, 2).Conv2D(3, 3, 4, Activation.Tanh, strides: 2, same: true).Flatten().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(ValidPoolingNet)] = new(
            () => new ValidPoolingNet(1),
            () => new ReferenceNetwork(7, 8, 1).Conv2D(2, 2, 3, Activation.Sigmoid, useBias: false)
                .MaxPooling2D(3, strides: 2).AveragePooling2D(2, strides: 1, same: true).Flatten().Dense(3, Activation.Softmax),
            LossKind.CategoricalCrossentropy),
        [nameof(SamePoolingNet)] = new(
            () => new SamePoolingNet(1),
            () => new ReferenceNetwork(5, 5, 2).Conv2D(4, 2, 2, Activation.Gelu, same: true)
                .MaxPooling2D(2, same: true).AveragePooling2D(2, strides: 1).GlobalMaxPooling2D().Dense(3),
            LossKind.SparseCategoricalCrossentropyFromLogits),
        [nameof(SequenceNet)] = new(
            () => new SequenceNet(1),
            () => new ReferenceNetwork(10, 3).Conv1D(4, 3, Activation.Tanh, strides: 2, same: true)
                .MaxPooling1D(3, strides: 2, same: true).AveragePooling1D(2, strides: 1).Conv1D(3, 2, useBias: false)
                .GlobalAveragePooling1D().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(SamePooling1DNet)] = new(
            () => new SamePooling1DNet(1),
            () => new ReferenceNetwork(11, 2).Conv1D(3, 4, Activation.Sigmoid, same: true)
                .AveragePooling1D(4, strides: 2, same: true).MaxPooling1D(3, strides: 2).Flatten().Dense(2, Activation.Softmax),
            LossKind.CategoricalCrossentropy),
        [nameof(ReshapeNet)] = new(
            () => new ReshapeNet(1),
            () => new ReferenceNetwork(6).Dense(24, Activation.Tanh).Reshape(3, -1, 2).Conv2D(2, 2, 2).GlobalAveragePooling2D().Dense(2),
            LossKind.SparseCategoricalCrossentropyFromLogits),
        [nameof(ConvBnNet)] = new(
            () => new ConvBnNet(1),
            () => new ReferenceNetwork(6, 6, 2).Conv2D(3, 3, 3, useBias: false).BatchNormalization()
                .MaxPooling2D(2).Flatten().Dense(4, Activation.Tanh).BatchNormalization(momentum: 0.9, epsilon: 0.01).Dense(3, Activation.Softmax),
            LossKind.CategoricalCrossentropy),
        [nameof(ConvDropoutNet)] = new(
            () => new ConvDropoutNet(1),
            () => new ReferenceNetwork(6, 6, 1).Conv2D(2, 3, 3, Activation.Relu).Dropout(0.5).Flatten().Dense(2),
            LossKind.MeanSquaredError,
            HasDropout: true),
        [nameof(MnistCnn)] = new(
            () => new MnistCnn(1),
            () => new ReferenceNetwork(28, 28, 1).Conv2D(8, 3, 3, same: true, useBias: false).BatchNormalization().MaxPooling2D(2)
                .Conv2D(16, 3, 3, Activation.Relu, strides: 2).Dropout(0.25).GlobalAveragePooling2D().Dense(10, Activation.Softmax),
            LossKind.CategoricalCrossentropy,
            HasDropout: true),
        [nameof(ReluValidConvNet)] = new(
            () => new ReluValidConvNet(1),
            () => new ReferenceNetwork(6, 6, 2).Conv2D(3, 3, 3, Activation.Relu).GlobalAveragePooling2D().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(TanhValidConvNet)] = new(
            () => new TanhValidConvNet(1),
            () => new ReferenceNetwork(6, 6, 2).Conv2D(3, 3, 3, Activation.Tanh).GlobalAveragePooling2D().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(ReluSameConvNet)] = new(
            () => new ReluSameConvNet(1),
            () => new ReferenceNetwork(6, 6, 2).Conv2D(3, 3, 3, Activation.Relu, same: true).GlobalAveragePooling2D().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(StridedAxesNet)] = new(
            () => new StridedAxesNet(1),
            () => new ReferenceNetwork(9, 8, 2).Conv2D(3, 3, 3, Activation.Tanh, strides: 2, stridesWidth: 1, same: true)
                .MaxPooling2D(2, strides: 1, stridesWidth: 2).AveragePooling2D(2, strides: 1, stridesWidth: 2, same: true).Flatten().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(ActivationLayerNet)] = new(
            () => new ActivationLayerNet(1),
            () => new ReferenceNetwork(6).Rescaling(0.5, 0.25).Dense(8).ActivationLayer(Activation.Gelu).Dense(3).ActivationLayer(Activation.Softmax),
            LossKind.CategoricalCrossentropy),
        [nameof(LeadingActivationNet)] = new(
            () => new LeadingActivationNet(1),
            () => new ReferenceNetwork(4, 3).ActivationLayer(Activation.Tanh).Dense(2).ActivationLayer(Activation.Sigmoid).Flatten().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(UpSampling1DNet)] = new(
            () => new UpSampling1DNet(1),
            () => new ReferenceNetwork(4, 3).UpSampling1D(3).Conv1D(2, 3, Activation.Tanh, same: true).GlobalMaxPooling1D().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(UpSampling2DNet)] = new(
            () => new UpSampling2DNet(1),
            () => new ReferenceNetwork(3, 3, 2).Conv2D(2, 2, 2, Activation.Sigmoid).UpSampling2D(2).Conv2D(2, 3, 3).Flatten().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(TransposeSameNet)] = new(
            () => new TransposeSameNet(1),
            () => new ReferenceNetwork(3, 4, 2).Conv2DTranspose(3, 3, 2, Activation.Tanh, strides: 2, same: true).Flatten().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(TransposeValidNet)] = new(
            () => new TransposeValidNet(1),
            () => new ReferenceNetwork(3, 3, 2).Conv2D(2, 1, 1, Activation.Sigmoid).Conv2DTranspose(2, 2, 4, Activation.Relu, strides: 3, stridesWidth: 1)
                .GlobalAveragePooling2D().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(TransposeStridedSameNet)] = new(
            () => new TransposeStridedSameNet(1),
            () => new ReferenceNetwork(2, 3, 1).Conv2DTranspose(2, 3, 3, Activation.Sigmoid, same: true)
                .Conv2DTranspose(2, 4, 5, strides: 3, same: true, useBias: false).Flatten().Dense(1),
            LossKind.MeanSquaredError),
        [nameof(NormalizationNet)] = new(
            () => new NormalizationNet(1),
            () => new ReferenceNetwork(4, 3).Normalization().Dense(2, Activation.Tanh).Normalization().Flatten().Dense(1),
            LossKind.MeanSquaredError),
        [nameof(AdaptNet)] = new(
            () => new AdaptNet(1),
            () => new ReferenceNetwork(2, 3).Normalization().Conv1D(2, 2, Activation.Relu, same: true).Flatten().Normalization().Dense(1),
            LossKind.MeanSquaredError),
        [nameof(BorderNet)] = new(
            () => new BorderNet(1),
            () => new ReferenceNetwork(5, 4, 1).ZeroPadding2D(top: 2, bottom: 1, left: 1, right: 0).Conv2D(2, 3, 3, Activation.Tanh)
                .Cropping2D(top: 1, bottom: 2, left: 0, right: 1).Flatten().Dense(1, Activation.Sigmoid),
            LossKind.BinaryCrossentropy),
        [nameof(LayerNormNet)] = new(
            () => new LayerNormNet(1),
            () => new ReferenceNetwork(4, 6).Dense(5, Activation.Tanh).LayerNormalization(epsilon: 0.01).Flatten().Dense(3, Activation.Softmax),
            LossKind.CategoricalCrossentropy),
        [nameof(LeadingLayerNormNet)] = new(
            () => new LeadingLayerNormNet(1),
            () => new ReferenceNetwork(7).LayerNormalization().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(CausalDilatedNet)] = new(
            () => new CausalDilatedNet(1),
            () => new ReferenceNetwork(9, 2).Conv1D(3, 3, Activation.HardSigmoidKeras2, dilation: 2, causal: true)
                .Conv1D(2, 2, Activation.Tanh, strides: 2, dilation: 3, causal: true).Flatten().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(DilatedValidSameNet)] = new(
            () => new DilatedValidSameNet(1),
            () => new ReferenceNetwork(12, 3).Conv1D(4, 3, Activation.Gelu, dilation: 3)
                .Conv1D(2, 2, same: true, useBias: false, dilation: 2).GlobalAveragePooling1D().Dense(3, Activation.Softmax),
            LossKind.CategoricalCrossentropy),

        // Sequence layers (Networks/SequenceLayerNetworks.cs).
        [nameof(RnnLastNet)] = new(
            () => new RnnLastNet(1),
            () => new ReferenceNetwork(5, 3).SimpleRnn(3).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(RnnReluSequencesNet)] = new(
            () => new RnnReluSequencesNet(1),
            () => new ReferenceNetwork(4, 2).SimpleRnn(3, Activation.Relu, returnSequences: true).Flatten().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(RnnBackwardsNet)] = new(
            () => new RnnBackwardsNet(1),
            () => new ReferenceNetwork(5, 2).SimpleRnn(4, goBackwards: true, returnSequences: true)
                .SimpleRnn(2, goBackwards: true, useBias: false).Dense(3, Activation.Softmax),
            LossKind.CategoricalCrossentropy),
        [nameof(StackedLstmNet)] = new(
            () => new StackedLstmNet(1),
            () => new ReferenceNetwork(5, 3).Lstm(3, returnSequences: true).Lstm(2).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(BackwardsLstmNet)] = new(
            () => new BackwardsLstmNet(1),
            () => new ReferenceNetwork(4, 2).Lstm(3, goBackwards: true, returnSequences: true).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(LstmHardSigmoidNoBiasNet)] = new(
            () => new LstmHardSigmoidNoBiasNet(1),
            () => new ReferenceNetwork(5, 3).Rescaling(8).Lstm(3, Activation.Softsign, Activation.HardSigmoid, useBias: false).Dense(1, Activation.Sigmoid),
            LossKind.BinaryCrossentropy),
        [nameof(GruResetAfterNet)] = new(
            () => new GruResetAfterNet(1),
            () => new ReferenceNetwork(5, 3).Gru(3, returnSequences: true).Gru(2).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(GruResetBeforeNet)] = new(
            () => new GruResetBeforeNet(1),
            () => new ReferenceNetwork(5, 2).Gru(3, resetAfter: false).Dense(2, Activation.Softmax),
            LossKind.CategoricalCrossentropy),
        [nameof(GruBackwardsNet)] = new(
            () => new GruBackwardsNet(1),
            () => new ReferenceNetwork(5, 2).Gru(3, resetAfter: false, goBackwards: true, returnSequences: true)
                .Gru(2, Activation.Relu, goBackwards: true).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(EmbeddingAverageNet)] = new(
            () => new EmbeddingAverageNet(1),
            () => new ReferenceNetwork(6).Embedding(8, 3).GlobalAveragePooling1D().Dense(3),
            LossKind.SparseCategoricalCrossentropyFromLogits),
        [nameof(MaskedLstmSequencesNet)] = new(
            () => new MaskedLstmSequencesNet(1),
            () => new ReferenceNetwork(6).Embedding(8, 3, maskZero: true).Lstm(3, returnSequences: true).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(MaskedAverageNet)] = new(
            () => new MaskedAverageNet(1),
            () => new ReferenceNetwork(6).Embedding(8, 4, maskZero: true).GlobalAveragePooling1D().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(MaskedBidirectionalConcatNet)] = new(
            () => new MaskedBidirectionalConcatNet(1),
            () => new ReferenceNetwork(6).Embedding(8, 3, maskZero: true).Bidirectional(MergeMode.Concat).Lstm(2, returnSequences: true).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(BidirectionalSumNet)] = new(
            () => new BidirectionalSumNet(1),
            () => new ReferenceNetwork(5, 2).Bidirectional(MergeMode.Sum).Gru(3).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(BidirectionalSumSequencesNet)] = new(
            () => new BidirectionalSumSequencesNet(1),
            () => new ReferenceNetwork(4, 3).Bidirectional(MergeMode.Sum).SimpleRnn(3, returnSequences: true).Dense(1),
            LossKind.MeanSquaredError),
        [nameof(BidirectionalMulNet)] = new(
            () => new BidirectionalMulNet(1),
            () => new ReferenceNetwork(5, 2).Bidirectional(MergeMode.Mul).SimpleRnn(3).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(BidirectionalMulSequencesNet)] = new(
            () => new BidirectionalMulSequencesNet(1),
            () => new ReferenceNetwork(4, 2).Bidirectional(MergeMode.Mul).Lstm(2, returnSequences: true).Flatten().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(BidirectionalAveNet)] = new(
            () => new BidirectionalAveNet(1),
            () => new ReferenceNetwork(5, 2).Bidirectional(MergeMode.Ave).Lstm(3).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(BidirectionalAveSequencesNet)] = new(
            () => new BidirectionalAveSequencesNet(1),
            () => new ReferenceNetwork(5, 2).Bidirectional(MergeMode.Ave).Gru(2, resetAfter: false, returnSequences: true).SimpleRnn(2).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(MaskedBidirectionalMulNet)] = new(
            () => new MaskedBidirectionalMulNet(1),
            () => new ReferenceNetwork(6).Embedding(8, 3, maskZero: true).Bidirectional(MergeMode.Mul).Gru(3, resetAfter: false).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(MaskedBidirectionalAveNet)] = new(
            () => new MaskedBidirectionalAveNet(1),
            () => new ReferenceNetwork(5).Embedding(7, 3, maskZero: true).Bidirectional(MergeMode.Ave).SimpleRnn(2, returnSequences: true)
                .GlobalAveragePooling1D().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(MaskedBidirectionalSumNet)] = new(
            () => new MaskedBidirectionalSumNet(1),
            () => new ReferenceNetwork(5).Embedding(7, 2, maskZero: true).Bidirectional(MergeMode.Sum).Lstm(2, returnSequences: true)
                .Lstm(2).Dense(1, Activation.Sigmoid),
            LossKind.BinaryCrossentropy),
        [nameof(MaskedBidirectionalSumSequencesNet)] = new(
            () => new MaskedBidirectionalSumSequencesNet(1),
            () => new ReferenceNetwork(5).Embedding(7, 2, maskZero: true).Bidirectional(MergeMode.Sum).Gru(2, returnSequences: true).Flatten().Dense(2),
            LossKind.MeanSquaredError),
        [nameof(MaskedBidirectionalMulSequencesNet)] = new(
            () => new MaskedBidirectionalMulSequencesNet(1),
            () => new ReferenceNetwork(5).Embedding(7, 3, maskZero: true).Bidirectional(MergeMode.Mul).SimpleRnn(2, returnSequences: true).Dense(1),
            LossKind.MeanSquaredError),
        [nameof(MaskedDenseGruNet)] = new(
            () => new MaskedDenseGruNet(1),
            () => new ReferenceNetwork(6).Embedding(8, 3, maskZero: true).Dense(4, Activation.Tanh).Dropout(0)
                .ActivationLayer(Activation.Softsign).Rescaling(2, 0.1).Gru(3).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(MaskedBackwardsNet)] = new(
            () => new MaskedBackwardsNet(1),
            () => new ReferenceNetwork(6).Embedding(8, 3, maskZero: true).SimpleRnn(3, goBackwards: true, returnSequences: true).Lstm(2).Dense(2),
            LossKind.MeanSquaredError),
        [nameof(MaskDroppedNet)] = new(
            () => new MaskDroppedNet(1),
            () => new ReferenceNetwork(6).Embedding(8, 3, maskZero: true).Lstm(3, returnSequences: true).Conv1D(2, 2, same: true).Gru(2).Dense(2),
            LossKind.MeanSquaredError),
    };

    /// <summary>The sequence networks; all are gradient-checked (declared before GradientChecked, which includes them).</summary>
    public static readonly string[] Sequence =
    [
        nameof(RnnLastNet), nameof(RnnReluSequencesNet), nameof(RnnBackwardsNet), nameof(StackedLstmNet), nameof(BackwardsLstmNet),
        nameof(LstmHardSigmoidNoBiasNet), nameof(GruResetAfterNet), nameof(GruResetBeforeNet), nameof(GruBackwardsNet),
        nameof(EmbeddingAverageNet), nameof(MaskedLstmSequencesNet), nameof(MaskedAverageNet), nameof(MaskedBidirectionalConcatNet),
        nameof(BidirectionalSumNet), nameof(BidirectionalSumSequencesNet), nameof(BidirectionalMulNet), nameof(BidirectionalMulSequencesNet),
        nameof(BidirectionalAveNet), nameof(BidirectionalAveSequencesNet), nameof(MaskedBidirectionalMulNet), nameof(MaskedBidirectionalAveNet),
        nameof(MaskedBidirectionalSumNet), nameof(MaskedBidirectionalSumSequencesNet), nameof(MaskedBidirectionalMulSequencesNet), nameof(MaskedDenseGruNet), nameof(MaskedBackwardsNet), nameof(MaskDroppedNet),
    ];

    /// <summary>Networks small enough, and free of random masks, for finite differences over every parameter.</summary>
    public static readonly string[] GradientChecked =
    [
        nameof(StridedSameConvNet), nameof(ValidPoolingNet), nameof(SamePoolingNet), nameof(SequenceNet),
        nameof(SamePooling1DNet), nameof(ReshapeNet), nameof(ConvBnNet), nameof(ReluValidConvNet), nameof(ReluSameConvNet),
        nameof(StridedAxesNet), nameof(ActivationLayerNet), nameof(LeadingActivationNet), nameof(UpSampling1DNet),
        nameof(UpSampling2DNet), nameof(BorderNet), nameof(LayerNormNet), nameof(LeadingLayerNormNet),
        nameof(CausalDilatedNet), nameof(TransposeSameNet), nameof(TransposeValidNet), nameof(TransposeStridedSameNet),
        nameof(NormalizationNet), nameof(AdaptNet), nameof(DilatedValidSameNet),
        .. Sequence,
    ];

    /// <summary>
    /// Inputs for <paramref name="samples"/> samples: uniform on (−1, 1), or, where the first layer is an Embedding,
    /// integer ids with zeros placed by sample so that every batch of four or more has a leading run of zeros (sample
    /// 0: the first two steps), a trailing run (sample 1: the last two), zeros between ids (sample 2: steps 1 and 3)
    /// and random ones (one id in three, never the middle step). No sample is all zeros: a masked average of nothing
    /// is NaN, as in Keras.
    /// </summary>
    public static float[] Inputs(ReferenceNetwork reference, Random random, int samples)
    {
        if (reference.Layers[0] is not EmbeddingReferenceLayer embedding)
        {
            return LayerMath.Uniform(random, samples * reference.InputSize);
        }

        int steps = reference.InputSize;
        Assert.True(steps >= 4, "the zero patterns need four steps");
        var x = new float[samples * steps];
        for (int s = 0; s < samples; s++)
        for (int t = 0; t < steps; t++)
        {
            bool zero = (s % 4) switch
            {
                0 => t < 2,
                1 => t >= steps - 2,
                2 => t is 1 or 3,
                _ => t != steps / 2 && random.Next(3) == 0,
            };
            x[s * steps + t] = zero ? 0 : random.Next(1, embedding.InputDim);
        }

        return x;
    }

    /// <summary>A seed that is the same in every process (string.GetHashCode is randomised per process).</summary>
    public static int StableSeed(string name) => name.Aggregate(17, (h, c) => unchecked(h * 31 + c));

    /// <summary>Random reference weights (including BatchNormalization statistics), rounded to float and copied into the network.</summary>
    public static double[] SetRandomParameters(ReferenceNetwork reference, ITrainableNetwork network, Random random)
    {
        double[] w = reference.RandomParameters(random);
        Span<float> p = network.Parameters;
        Assert.Equal(w.Length, p.Length);
        for (int i = 0; i < w.Length; i++)
        {
            p[i] = (float)w[i];
            w[i] = p[i];
        }

        return w;
    }
}
