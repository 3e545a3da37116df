using StaticNets.Tests.Networks;

namespace StaticNets.Tests.Layers;

/// <summary>Weight files of CNNs: BatchNormalization's statistics round-trip, and twins with equal shapes refuse each other's files.</summary>
public class GeneratedCnnWeightsTests
{
    private static ConvBnNet Trained(int seed)
    {
        var network = new ConvBnNet(seed);
        LayerNetworkCases.SetRandomParameters(LayerNetworkCases.All[nameof(ConvBnNet)].Reference(), network, new Random(seed));
        return network;
    }

    private static int[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    [Fact]
    public void FileRoundTrip_RestoresEveryParameter_IncludingMovingStatistics()
    {
        ConvBnNet source = Trained(31);
        string directory = Directory.CreateTempSubdirectory("staticnets-cnn-").FullName;
        try
        {
            string path = Path.Combine(directory, "convbn.weights");
            source.SaveWeights(path);
            var target = new ConvBnNet(32);
            Assert.NotEqual(Bits(source.Parameters), Bits(target.Parameters));
            target.LoadWeights(path);
            Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));

            // Inference uses the moving statistics, so equal predictions need them restored too.
            float[] x = LayerMath.Uniform(new Random(33), 3 * ConvBnNet.InputSize);
            var expected = new float[3 * ConvBnNet.OutputSize];
            var actual = new float[3 * ConvBnNet.OutputSize];
            source.PredictBatch(x, expected);
            target.PredictBatch(x, actual);
            Assert.Equal(expected, actual);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void StreamRoundTrip_RestoresEveryParameter()
    {
        ConvBnNet source = Trained(34);
        using var stream = new MemoryStream();
        source.SaveWeights(stream);
        stream.Position = 0;
        var target = new ConvBnNet(35);
        target.LoadWeights(stream);
        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
    }

    public static TheoryData<string> Twins => new() { nameof(TanhValidConvNet), nameof(ReluSameConvNet) };

    [Theory]
    [MemberData(nameof(Twins))]
    public void ATwinWithTheSameWeightShapes_RefusesTheFile_AndKeepsItsWeights(string twin)
    {
        // Keras would load these weights (the shapes agree); the architecture text tells relu from tanh and Valid from Same.
        using var file = new MemoryStream();
        new ReluValidConvNet(36).SaveWeights(file);
        ITrainableNetwork target = LayerNetworkCases.All[twin].Create();
        Assert.Equal(ReluValidConvNet.ParameterCount, target.ParameterCount);
        int[] before = Bits(target.Parameters);
        file.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(file));
        Assert.Contains(((INetwork)new ReluValidConvNet(1)).Architecture, error.Message);
        Assert.Equal(before, Bits(target.Parameters));
    }
}
