using System.Text;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Tests;

/// <summary>
/// One small snapshot per layer kind of what its own type writes (description, weights, inference, one-sample code,
/// training forward and backward), so that a change to one layer's code changes that layer's snapshot and, of the
/// whole-model snapshots in <see cref="EmitTests"/>, only those that use the layer.
/// </summary>
public class LayerEmitTests
{
    /// <summary>Kind → networks, each with the layer under test named <c>probe</c>, in the middle so it is neither first nor last.</summary>
    public static readonly TheoryData<string, string[]> Kinds = new()
    {
        { "Dense", new[] { "[Input(3)] [Dense(4)] [Dense(20, Activation.Relu, Name = \"probe\")] [Dense(2)]", "[Input(5, 3)] [Dense(4)] [Dense(2, Activation.Tanh, UseBias = false, Name = \"probe\")] [Dense(2)]" } },
        { "Convolution", new[] { "[Input(9, 8, 2)] [Dense(2)] [Conv2D(4, 3, Activation.Relu, KernelWidth = 2, StridesHeight = 2, Padding = Padding.Same, Name = \"probe\")] [Flatten]", "[Input(10, 3)] [Dense(3)] [Conv1D(5, 1, UseBias = false, Name = \"probe\")] [Flatten]" } },
        { "Conv1DCausalDilated", new[] { "[Input(10, 3)] [Dense(2)] [Conv1D(4, 3, Activation.Relu, DilationRate = 2, Padding = Padding.Causal, Name = \"probe\")] [Flatten]", "[Input(12, 3)] [Dense(2)] [Conv1D(3, 2, Strides = 2, DilationRate = 3, Padding = Padding.Same, UseBias = false, Name = \"probe\")] [Flatten]" } },
        { "Pooling", new[] { "[Input(9, 8, 2)] [Dense(2)] [MaxPooling2D(3, StridesWidth = 1, Padding = Padding.Same, Name = \"probe\")] [Flatten]", "[Input(10, 3)] [Dense(3)] [AveragePooling1D(2, Name = \"probe\")] [Flatten]" } },
        { "GlobalPooling", new[] { "[Input(4, 4, 3)] [Dense(2)] [GlobalMaxPooling2D(Name = \"probe\")] [Dense(1)]", "[Input(10, 3)] [Dense(3)] [GlobalAveragePooling1D(Name = \"probe\")] [Dense(1)]" } },
        { "Flatten", new[] { "[Input(4, 5)] [Dense(2)] [Flatten(Name = \"probe\")] [Dense(1)]" } },
        { "Reshape", new[] { "[Input(12)] [Dense(12)] [Reshape(3, -1, Name = \"probe\")] [Dense(1)]" } },
        { "Dropout", new[] { "[Input(6)] [Dense(6)] [Dropout(0.25, Name = \"probe\")] [Dense(1)]" } },
        { "BatchNormalization", new[] { "[Input(4, 6)] [Dense(6, UseBias = false)] [BatchNormalization(Momentum = 0.9, Name = \"probe\")] [Dense(1)]" } },
        { "LayerNormalization", new[] { "[Input(4, 6)] [Dense(6)] [LayerNormalization(Epsilon = 1e-5, Name = \"probe\")] [Dense(1)]", "[Input(5)] [Dense(5)] [LayerNormalization(Name = \"probe\")] [Dense(1)]" } },
        { "Normalization", new[] { "[Input(4, 6)] [Dense(6)] [Normalization(Name = \"probe\")] [Dense(1)]", "[Input(5)] [Dense(5)] [Normalization(Name = \"probe\")] [Normalization] [Dense(1)]" } },
        { "Activation", new[] { "[Input(6)] [Dense(6)] [Activation(Activation.Gelu, Name = \"probe\")] [Dense(1)]", "[Input(6)] [Dense(6)] [Activation(Activation.Softmax, Name = \"probe\")] [Dense(1)]" } },
        { "Rescaling", new[] { "[Input(6)] [Dense(6)] [Rescaling(0.5, -0.25, Name = \"probe\")] [Dense(1)]" } },
        { "UpSampling", new[] { "[Input(3, 4, 2)] [Dense(2)] [UpSampling2D(3, Name = \"probe\")] [Flatten]", "[Input(5, 2)] [Dense(2)] [UpSampling1D(Name = \"probe\")] [Flatten]" } },
        { "ConvolutionTranspose", new[] { "[Input(3, 4, 2)] [Dense(2)] [Conv2DTranspose(3, 3, Activation.Relu, KernelWidth = 2, Strides = 2, Padding = Padding.Same, Name = \"probe\")] [Flatten]", "[Input(2, 3, 2)] [Dense(2)] [Conv2DTranspose(2, 2, StridesHeight = 3, UseBias = false, Name = \"probe\")] [Flatten]" } },
        { "ZeroPadding2D", new[] { "[Input(4, 5, 2)] [Dense(2)] [ZeroPadding2D(1, Top = 0, Right = 2, Name = \"probe\")] [Flatten]" } },
        { "Cropping2D", new[] { "[Input(6, 7, 2)] [Dense(2)] [Cropping2D(1, Bottom = 2, Left = 0, Name = \"probe\")] [Flatten]" } },
        { "Embedding", new[] { "[Input(7)] [Embedding(20, 3, Name = \"probe\")] [Flatten] [Dense(1)]", "[Input(7)] [Embedding(20, 3, MaskZero = true, Name = \"probe\")] [GlobalAveragePooling1D] [Dense(1)]" } },
        { "Recurrent", new[] { "[Input(6, 3)] [Dense(2)] [LSTM(4, ReturnSequences = true, Name = \"probe\")] [Dense(1)]", "[Input(6, 3)] [Dense(2)] [GRU(4, ResetAfter = false, GoBackwards = true, Name = \"probe\")] [Dense(1)]", "[Input(6, 3)] [Dense(2)] [SimpleRNN(4, Activation.Relu, UseBias = false, Name = \"probe\")] [Dense(1)]" } },
        { "Bidirectional", new[] { "[Input(6, 3)] [Dense(2)] [Bidirectional(MergeMode.Ave, Name = \"probe\")] [LSTM(4, ReturnSequences = true)] [Dense(1)]" } },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EachLayerKind_WritesItsOwnCode(string kind, string[] networks)
    {
        var text = new StringBuilder();
        foreach (string network in networks)
        {
            text.Append(Describe(network)).Append('\n');
        }

        Snapshot.Match(text.ToString(), nameof(LayerEmitTests), kind);
    }

    [Fact]
    public void EveryLayerKind_HasASnapshot()
    {
        var covered = new HashSet<string>();
        foreach (object[] row in Kinds)
        {
            foreach (string network in (string[])row[1])
            {
                covered.Add(Probe(network).GetType().Name);
            }
        }

        Type[] layerTypes = typeof(LayerSpec).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LayerSpec)) && !t.IsAbstract).ToArray();
        Assert.All(layerTypes, t => Assert.Contains(t.Name, covered));
    }

    /// <summary>Saved weight files are checked against the key: a Conv1D at the default dilation and padding keeps the key it always had.</summary>
    [Theory]
    [InlineData("[Conv1D(4, 3, Name = \"probe\")]", "Conv1D[4,1x3,s1,Valid,Linear,bias]")]
    [InlineData("[Conv1D(4, 3, DilationRate = 1, Padding = Padding.Valid, Name = \"probe\")]", "Conv1D[4,1x3,s1,Valid,Linear,bias]")]
    [InlineData("[Conv1D(4, 3, Padding = Padding.Same, Name = \"probe\")]", "Conv1D[4,1x3,s1,Same,Linear,bias]")]
    [InlineData("[Conv1D(4, 3, Padding = Padding.Causal, Name = \"probe\")]", "Conv1D[4,1x3,s1,Causal,Linear,bias]")]
    [InlineData("[Conv1D(4, 3, DilationRate = 2, Name = \"probe\")]", "Conv1D[4,1x3,s1,d2,Valid,Linear,bias]")]
    [InlineData("[Conv1D(4, 3, Activation.Relu, DilationRate = 2, Padding = Padding.Causal, Name = \"probe\")]", "Conv1D[4,1x3,s1,d2,Causal,Relu,bias]")]
    public void Conv1DArchitectureKey_ChangesOnlyForANonDefaultDilationOrCausalPadding(string layer, string key)
        => Assert.Equal(key, Probe("[Input(10, 3)] " + layer).ArchitectureKey());

    private static LayerSpec Probe(string network) => Parse(network).Layers.AsSpan().ToArray().Single(l => l.Name == "probe");

    private static NetworkSpec Parse(string network)
    {
        var compilation = GeneratorHarness.Compile("using StaticNets;\n" + network.Replace("] [", "]\n[") + "\npublic partial class Net { }");
        ParseResult result = NetworkParser.ParseType(compilation.GetTypeByMetadataName("Net")!, default);
        Assert.True(result.Spec is not null, network + ": " + string.Join("; ", result.Diagnostics.AsSpan().ToArray().Select(d => d.Id)));
        return result.Spec!;
    }

    /// <summary>Everything the layer's type writes, with the arguments the frames would pass for a middle layer.</summary>
    private static string Describe(string network)
    {
        NetworkSpec spec = Parse(network);
        int index = spec.Layers.AsSpan().ToArray().ToList().FindIndex(l => l.Name == "probe");
        LayerSpec layer = spec.Layers[index];
        int number = index + 1;
        var writer = new IndentedTextWriter();
        writer.Line("// " + network);
        writer.Line($"// {layer.Name}: {layer.Describe()}, {layer.ShapeArrow}; key {layer.ArchitectureKey()}");
        foreach (PlacedWeight weight in layer.PlacedWeights())
        {
            writer.Line($"// weight {weight.Weight.Name} ({Shapes.Join(weight.Weight.Shape)}) at {weight.Offset}: {weight.Weight.Initializer}{(weight.Weight.Initializer == Initializer.GlorotUniform ? Invariant.Text($" fan_in {weight.Weight.FanIn} fan_out {weight.Weight.FanOut}") : "")}{(weight.Weight.Trainable ? "" : ", not trainable")}");
        }

        writer.Line($"// activation {layer.Activation}; identity at inference: {layer.IsIdentityAtInference}; writes its training output: {layer.WritesTrainingOutput}; im2col per sample {layer.ColumnsPerSample}; statistics {layer.BatchStatisticsSize}");
        writer.Line("// PredictBatch:");
        layer.WriteInference(writer, new InferenceCall("n", "x", "y", "columns.Slice(0, n * " + layer.ColumnsPerSample + ")", new WeightsSource("w")));
        foreach (VectorWidth width in layer.IsIdentityAtInference ? Array.Empty<VectorWidth>() : new[] { VectorWidth.V512, VectorWidth.Scalar })
        {
            writer.Line($"// Predict, {width.Suffix}:");
            layer.WriteForwardOne(writer, new ForwardOneCall(width, ForwardBuffer.Scratch0, ForwardBuffer.Scratch1));
        }

        writer.Line("// Training forward:");
        foreach ((string prefix, int perSample) in layer.TrainingScratch())
        {
            writer.Line($"// scratch {prefix}{number}: {perSample} per sample");
        }

        layer.WriteTrainingForward(writer, new TrainingCall(number, $"a{index}", $"z{number}", spec.Plan.StatisticsOffsets[index]));
        writer.Line("// Backward:");
        GradientRoute route = layer.WriteBackward(writer, new BackwardCall(number, $"a{index}", $"z{number}", "dz.Slice(0, n * " + layer.OutputSize + ")", "dx.Slice(0, n * " + layer.InputSize + ")", false, spec.Plan.StatisticsOffsets[index]));
        writer.Line($"// ∂input: {route}");
        if (layer.BatchStatisticsSize > 0)
        {
            writer.Line("// UpdateMovingStatistics:");
            layer.WriteMovingStatisticsUpdate(writer, spec.Plan.StatisticsOffsets[index]);
        }

        return writer.ToString();
    }
}
