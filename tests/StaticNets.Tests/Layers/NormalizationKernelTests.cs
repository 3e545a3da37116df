using StaticNets.Runtime;
using StaticNets.Tests.Networks;

namespace StaticNets.Tests.Layers;

/// <summary><see cref="Normalization"/>'s kernels on values worked out by hand, and a streaming network that uses it.</summary>
public class NormalizationKernelTests
{
    [Fact]
    public void Forward_backward_and_adapt_written_out()
    {
        // Two positions of two features: feature 0 is (1, 3), feature 1 is (2, 2).
        float[] x = [1, 2, 3, 2];
        float[] mean = new float[2], variance = new float[2], count = new float[1];
        Normalization.Adapt(2, 2, x, mean, variance, count);
        Assert.Equal([2f, 2f], mean);
        Assert.Equal([1f, 0f], variance); // population variance: ((1 − 2)² + (3 − 2)²) / 2
        Assert.Equal(2f, count[0]);

        var y = new float[4];
        Normalization.Forward(2, 2, mean, variance, x, y);
        Assert.Equal([-1f, 0f, 1f, 0f], y); // feature 1: 0 / max(0, 1e-7)

        float[] dz = [4, 1e-7f, 4, 2e-7f];
        Normalization.Backward(2, 2, [4f, 0f], dz);
        Assert.Equal([2f, 1f, 2f, 2f], dz); // ÷ 2 and ÷ 1e-7
    }

    [Fact]
    public void Invalid_arguments_throw_before_any_work()
    {
        float[] y = [7f, 7f];
        Assert.Throws<ArgumentException>(() => Normalization.Forward(1, 2, new float[1], new float[2], new float[2], y));
        Assert.Throws<ArgumentException>(() => Normalization.Forward(1, 2, new float[2], new float[2], new float[3], y));
        Assert.Throws<ArgumentOutOfRangeException>(() => Normalization.Forward(1, 0, [], [], [], []));
        Assert.Throws<ArgumentException>(() => Normalization.Backward(1, 2, new float[2], new float[3]));
        Assert.Throws<ArgumentException>(() => Normalization.Adapt(0, 2, [], new float[2], new float[2], new float[1]));
        Assert.Throws<ArgumentException>(() => Normalization.Adapt(1, 2, new float[2], new float[2], new float[2], new float[2]));
        Assert.Equal([7f, 7f], y);
    }

    [Fact]
    public void A_normalised_stream_gives_what_Predict_gives()
    {
        var network = new StreamingNormalizationNet(4);
        var random = new Random(4);
        float[] x = LayerMath.Uniform(random, 3 * 15, 2, 6);
        network.Adapt(x);
        StreamingNormalizationNet.State state = network.CreateState();
        var output = new float[1];
        for (int t = 0; t < 5; t++) network.Step(state, x.AsSpan(t * 3, 3), output);
        Assert.Equal(network.Predict(x.AsSpan(0, 15))[0], output[0], 1e-5f);
    }
}
