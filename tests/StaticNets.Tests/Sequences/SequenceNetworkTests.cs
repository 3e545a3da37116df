using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;

namespace StaticNets.Tests.Sequences;

/// <summary>Sequence networks as a user calls them: batches, int ids, masks, initialisation, bad ids, allocations.</summary>
public class SequenceNetworkTests
{
    public static TheoryData<string> Networks => new()
    {
        "stacked", "masked_lstm", "masked_average", "bidirectional_sum", "bidirectional_mul", "bidirectional_ave", "masked_bidirectional", "backwards", "options",
    };

    private static ITrainableNetwork Create(string name) => name switch
    {
        "stacked" => new StackedLstm(1),
        "masked_lstm" => new MaskedEmbeddingLstm(2),
        "masked_average" => new MaskedEmbeddingAverage(3),
        "bidirectional_sum" => new BidirectionalSumSequences(4),
        "bidirectional_mul" => new BidirectionalMul(5),
        "bidirectional_ave" => new BidirectionalAveFlatten(6),
        "masked_bidirectional" => new MaskedBidirectional(7),
        "backwards" => new BackwardsLstmSequences(8),
        "options" => new LstmOptions(9),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Random inputs, or ids with zeros among them when the first layer is an Embedding (a rank-1 input).</summary>
    private static float[] Inputs(INetwork network, int samples, Random random)
    {
        bool ids = network.InputShape.Length == 1;
        var x = new float[samples * network.InputSize];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = ids ? (random.Next(4) == 0 ? 0 : random.Next(1, 6)) : (float)(random.NextDouble() * 2 - 1);
        }

        return x;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void PredictBatch_EqualsPredict_SampleBySample(string name)
    {
        ITrainableNetwork network = Create(name);
        var random = new Random(1);
        foreach (int samples in new[] { 1, 3, 9, 130 })
        {
            float[] x = Inputs(network, samples, random);
            var batch = new float[samples * network.OutputSize];
            network.PredictBatch(x, batch);
            for (int n = 0; n < samples; n++)
            {
                var one = new float[network.OutputSize];
                network.Predict(x.AsSpan(n * network.InputSize, network.InputSize), one);
                for (int i = 0; i < one.Length; i++)
                {
                    Assert.True(Math.Abs(one[i] - batch[n * network.OutputSize + i]) <= 1e-5f + 1e-5f * Math.Abs(one[i]), $"{name}, {samples} samples, sample {n}[{i}]: {one[i]} vs {batch[n * network.OutputSize + i]}");
                }
            }
        }
    }

    [Fact]
    public void MaskedSteps_AreSkipped_WhereverThePaddingIs()
    {
        // A masked step keeps the LSTM's state: the tokens 3, 1, 4 with padding anywhere give the same last output.
        var network = new MaskedLastOutput(11);
        float[] expected = network.Predict([3, 1, 4, 0, 0]);
        Assert.Equal(expected, network.Predict([0, 3, 0, 1, 4]));
        Assert.Equal(expected, network.Predict([0, 0, 3, 1, 4]));
        Assert.NotEqual(expected, network.Predict([3, 1, 4, 1, 0]));
    }

    [Fact]
    public void MaskedGlobalAverage_AveragesTheUnmaskedStepsOnly()
    {
        var network = new MaskedEmbeddingAverage(12);
        float[] table = network.Parameters[..(9 * 4)].ToArray();
        float[] dense = network.Parameters[(9 * 4)..].ToArray(); // kernel (4, 2), bias (2)
        float[] ids = [0, 5, 0, 2, 2, 0];
        var average = new double[4];
        foreach (float id in ids.Where(i => i != 0))
        {
            for (int c = 0; c < 4; c++) average[c] += table[(int)id * 4 + c] / 3.0;
        }

        float[] output = network.Predict(ids);
        for (int u = 0; u < 2; u++)
        {
            double expected = dense[8 + u] + Enumerable.Range(0, 4).Sum(c => average[c] * dense[c * 2 + u]);
            Assert.Equal(expected, output[u], 5);
        }

        // Every step masked: 0 / 0, as in Keras.
        Assert.All(network.Predict(new float[6]), v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void PredictOverIntIds_EqualsPredictOverFloats()
    {
        var network = new EmbeddingGapDense(13);
        int[] ids = [1, 11, 0, 5, 5, 7, 2, 9];
        var fromInts = new float[EmbeddingGapDense.OutputSize];
        network.Predict(ids, fromInts);
        Assert.Equal(network.Predict(ids.Select(i => (float)i).ToArray()), fromInts);
        Assert.Throws<ArgumentException>(() => network.Predict(new int[7], fromInts));
    }

    [Theory]
    [InlineData(12f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(1e10f)]
    public void AnIdOutsideTheVocabulary_Throws(float id)
    {
        var network = new EmbeddingGapDense(14);
        float[] x = [1, 2, 3, id, 4, 5, 6, 7];
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Predict(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.PredictBatch(x.Concat(x).Concat(x).Concat(x).ToArray(), new float[4 * 3]));
    }

    [Fact]
    public void NewNetworks_StartAsKeras_OrthogonalRecurrentKernels_ForgetBiasOne_SmallEmbeddings()
    {
        var lstm = new LstmSeqDense(15);
        // LSTM(5) on 3 features: kernel (3, 20), recurrent kernel (5, 20), bias (20).
        float[] recurrent = lstm.Parameters.Slice(60, 100).ToArray();
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                double dot = Enumerable.Range(0, 20).Sum(c => (double)recurrent[i * 20 + c] * recurrent[j * 20 + c]);
                Assert.Equal(i == j ? 1.0 : 0.0, dot, 5); // orthonormal rows (u < 4u)
            }
        }

        float[] bias = lstm.Parameters.Slice(160, 20).ToArray();
        Assert.Equal(Enumerable.Repeat(0f, 5).Concat(Enumerable.Repeat(1f, 5)).Concat(Enumerable.Repeat(0f, 10)), bias);

        var embedding = new EmbeddingGapDense(16);
        float[] table = embedding.Parameters[..48].ToArray();
        Assert.All(table, v => Assert.InRange(v, -0.05f, 0.05f));
        Assert.True(table.Distinct().Count() > 40);
    }

    [Theory]
    [InlineData("stacked")]
    [InlineData("masked_bidirectional")]
    public void PredictPredictBatchAndTraining_AllocateNothing(string name)
    {
        ITrainableNetwork network = Create(name);
        var random = new Random(17);
        float[] x = Inputs(network, 32, random);
        var y = new float[32 * network.OutputSize];
        Assert.Equal(0, Allocations.LeastPerRound(() => network.Predict(x.AsSpan(0, network.InputSize), y.AsSpan(0, network.OutputSize)), callsPerRound: 20));
        Assert.Equal(0, Allocations.LeastPerRound(() => network.PredictBatch(x, y), callsPerRound: 5));
        network.Compile(new Adam(), Loss.MeanSquaredError);
        Assert.Equal(0, Allocations.LeastPerRound(() => network.TrainOnBatch(x, y), callsPerRound: 5));
    }
}
