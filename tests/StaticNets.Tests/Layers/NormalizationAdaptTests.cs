using StaticNets.Tests.Networks;

namespace StaticNets.Tests.Layers;

/// <summary>
/// Keras's <c>Normalization</c> with <c>Adapt</c> through generated code: the statistics are the mean and population
/// variance (and the count of positions) of the data reaching each layer, computed here in double; afterwards the
/// output is <c>(x − mean) / sqrt(variance)</c>; training leaves them alone.
/// </summary>
public class NormalizationAdaptTests
{
    /// <summary>Per feature (last axis) mean and population variance of <paramref name="data"/>, in double.</summary>
    private static (double[] Mean, double[] Variance, int Count) Statistics(IReadOnlyList<double> data, int features)
    {
        int count = data.Count / features;
        var mean = new double[features];
        var variance = new double[features];
        for (int i = 0; i < data.Count; i++) mean[i % features] += data[i] / count;
        for (int i = 0; i < data.Count; i++) variance[i % features] += (data[i] - mean[i % features]) * (data[i] - mean[i % features]) / count;
        return (mean, variance, count);
    }

    /// <summary>Data far from standard: offsets 3, −1, 10 and scales 2, 0.5, 4 on the three features.</summary>
    private static float[] Data(int samples, int seed)
    {
        var random = new Random(seed);
        double[] offsets = [3, -1, 10], scales = [2, 0.5, 4];
        return Enumerable.Range(0, samples * 6).Select(i => (float)(offsets[i % 3] + scales[i % 3] * (random.NextDouble() - 0.5))).ToArray();
    }

    private static void AssertStatistics(string what, ReadOnlySpan<float> parameters, int offset, int features, (double[] Mean, double[] Variance, int Count) expected)
    {
        LayerMath.AssertClose(what + " mean", expected.Mean, parameters.Slice(offset, features), 1e-6);
        LayerMath.AssertClose(what + " variance", expected.Variance, parameters.Slice(offset + features, features), 1e-6);
        Assert.Equal(expected.Count, parameters[offset + 2 * features]);
    }

    [Fact]
    public void Before_Adapt_the_layer_is_the_identity_with_Keras_3_initial_statistics()
    {
        var network = new NormalizationOnlyNet(1);
        Assert.Equal([0f, 0f, 0f, 1f, 1f, 1f, 0f], network.Parameters.ToArray());
        Assert.Equal(7, NormalizationOnlyNet.NonTrainableParameterCount);
        Assert.Equal(0, NormalizationOnlyNet.TrainableParameterCount);
        float[] x = Data(1, 3);
        Assert.Equal(x, network.Predict(x));
    }

    [Fact]
    public void After_Adapt_the_output_is_x_minus_mean_over_the_deviation_of_the_data()
    {
        var network = new NormalizationOnlyNet(1);
        const int Samples = 9;
        float[] x = Data(Samples, 1);
        network.Adapt(x);

        var statistics = Statistics(LayerMath.ToDouble(x), 3);
        AssertStatistics("adapted", network.Parameters, 0, 3, statistics);
        Assert.Equal(2 * Samples, network.Parameters[6]); // two positions per sample

        var expected = new double[x.Length];
        for (int i = 0; i < x.Length; i++) expected[i] = (x[i] - statistics.Mean[i % 3]) / Math.Sqrt(statistics.Variance[i % 3]);
        var batch = new float[x.Length];
        network.PredictBatch(x, batch);
        LayerMath.AssertClose("PredictBatch", expected, batch, 1e-5);
        LayerMath.AssertClose("Predict", expected.AsSpan(0, 6), network.Predict(x.AsSpan(0, 6)), 1e-5);
    }

    [Fact]
    public void A_constant_feature_divides_by_Keras_floor_not_by_zero()
    {
        var network = new NormalizationOnlyNet(1);
        float[] x = [1, 5, 2, 3, 5, 4, 2, 5, 6, 4, 5, 8]; // feature 1 is always 5
        network.Adapt(x);
        Assert.Equal(0f, network.Parameters[4]);
        float[] y = network.Predict(x.AsSpan(0, 6));
        Assert.Equal(0f, y[1]); // (5 − 5) / 1e-7
        network.Parameters[1] = 4.5f;
        Assert.Equal(0.5f / 1e-7f, network.Predict(x.AsSpan(0, 6))[1]);
    }

    [Fact]
    public void Each_layer_is_adapted_from_the_data_after_the_earlier_ones_are_set()
    {
        var network = new AdaptNet(2);
        ReferenceNetwork reference = LayerNetworkCases.All[nameof(AdaptNet)].Reference();
        const int Samples = 300; // more than one chunk of the batch path
        float[] x = Data(Samples, 2);
        network.Adapt(x);

        AssertStatistics("first", network.Parameters, 0, 3, Statistics(LayerMath.ToDouble(x), 3));
        // The second layer (offset 7 + conv 2·3·2 + 2 = 21) sees Flatten's output, computed by the reference with the
        // first layer's adapted statistics and the convolution's weights.
        double[] w = LayerMath.ToDouble(network.Parameters);
        double[] reaching = reference.ForwardAll(w, LayerMath.ToDouble(x), Samples, training: false)[2];
        var second = Statistics(reaching, 4);
        LayerMath.AssertClose("second mean", second.Mean, network.Parameters.Slice(21, 4), 1e-5);
        LayerMath.AssertClose("second variance", second.Variance, network.Parameters.Slice(25, 4), 1e-5);
        Assert.Equal(Samples, network.Parameters[29]);
    }

    [Fact]
    public void Training_leaves_the_statistics_unchanged()
    {
        var network = new AdaptNet(3);
        float[] x = Data(16, 4);
        network.Adapt(x);
        float[] before = network.Parameters.ToArray();
        float[] y = Enumerable.Range(0, 16).Select(i => (float)Math.Sin(i)).ToArray();
        network.Compile(new Adam(0.1f), Loss.MeanSquaredError);
        network.Fit(x, y, epochs: 3, batchSize: 4, verbose: 0);
        float[] after = network.Parameters.ToArray();
        int[] statistics = [.. Enumerable.Range(0, 7), .. Enumerable.Range(21, 9)];
        Assert.All(statistics, i => Assert.Equal(before[i], after[i]));
        Assert.Contains(Enumerable.Range(7, 14), i => before[i] != after[i]); // the convolution trained
    }

    [Fact]
    public void Adapted_statistics_are_saved_and_loaded_with_the_weights()
    {
        var network = new AdaptNet(5);
        float[] x = Data(10, 5);
        network.Adapt(x);
        using var file = new MemoryStream();
        network.SaveWeights(file);
        file.Position = 0;
        var loaded = new AdaptNet(6);
        loaded.LoadWeights(file);
        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(network.Predict(x.AsSpan(0, 6)), loaded.Predict(x.AsSpan(0, 6)));
    }

    [Fact]
    public void Adapt_rejects_data_that_is_not_whole_samples()
    {
        var network = new AdaptNet(1);
        float[] before = network.Parameters.ToArray();
        Assert.Throws<ArgumentException>(() => network.Adapt([]));
        Assert.Throws<ArgumentException>(() => network.Adapt(new float[7]));
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Summary_shows_the_statistics_as_non_trainable_parameters()
    {
        string summary = new NormalizationOnlyNet(1).Summary();
        // Keras 2's row: the name cut at column 29 with its last character a space; mean, variance and count: 3 + 3 + 1.
        Assert.Contains("normalization_1 (Normalizati (None, 2, 3)              7         \n", summary);
        Assert.Contains("Total params: 7\nTrainable params: 0\nNon-trainable params: 7\n", summary);
    }
}
