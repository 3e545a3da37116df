namespace StaticNets.Generator.Tests;

/// <summary>The generated source grows with the number of layers, not with their sizes (README: "What the generated code looks like").</summary>
public class GeneratedSizeTests
{
    /// <summary>The documented bound: lines of generated C# per Dense layer, all vector widths and training included.</summary>
    internal const int MaxLinesPerLayer = 1_500;

    /// <summary>Lines for the class frame, summary, dispatch and training entry, whatever the layers.</summary>
    internal const int MaxFixedLines = 400;

    [Theory]
    [InlineData(16, 92)]      // unrolled inputs, the most column vectors before blocks start looping at 128-bit width
    [InlineData(16, 4096)]    // unrolled inputs, many column blocks
    [InlineData(4096, 4096)]  // looped inputs and blocks: 16.8M weights per layer
    [InlineData(3, 1)]
    public void SourceSize_IsBoundedPerLayer(int inputs, int units)
    {
        const int layers = 6;
        string source = "using StaticNets;\n[Input(" + inputs + ")]\n"
            + string.Join("\n", Enumerable.Range(0, layers).Select(i => $"[Dense({(i == 0 ? units : units)}, Activation.{(i % 2 == 0 ? "Relu" : "Tanh")})]"))
            + "\npublic partial class Big { }";
        var (output, diagnostics, run) = GeneratorHarness.Run(source);
        Assert.Empty(diagnostics);
        int lines = run.Results.Single().GeneratedSources.Single().SourceText.Lines.Count;
        Assert.True(lines <= MaxFixedLines + layers * MaxLinesPerLayer, $"{lines} lines for {layers} layers of {inputs}→{units}");
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    /// <summary>Deep CNNs: every layer kind, repeated, at small and large sizes; all widths and training are in the count.</summary>
    [Theory]
    [InlineData(16, 8, 2)]
    [InlineData(128, 64, 3)]
    [InlineData(224, 256, 1)]
    public void DeepCnnSourceSize_IsBoundedPerLayer(int side, int filters, int channels)
    {
        var layers = new List<string>();
        for (int block = 0; block < 3; block++)
        {
            layers.Add($"[Conv2D({filters}, 3, Activation.Relu, Padding = Padding.Same, UseBias = false)]");
            layers.Add("[BatchNormalization]");
            layers.Add($"[Conv2D({filters}, 3, Activation.{(block % 2 == 0 ? "Elu" : "Gelu")}, KernelWidth = 2, Strides = 2, Padding = Padding.Same)]");
            layers.Add(block % 2 == 0 ? "[MaxPooling2D(2, Strides = 1, Padding = Padding.Same)]" : "[AveragePooling2D(2, Padding = Padding.Same)]");
            layers.Add("[Dropout(0.25)]");
        }

        layers.Add("[Conv2D(" + filters + ", 1)]");           // pointwise: no im2col
        layers.Add("[Reshape(-1, " + filters + ")]");         // to a sequence for the 1-D layers
        layers.Add("[Conv1D(" + filters + ", 3, Activation.Tanh, Padding = Padding.Same)]");
        layers.Add("[MaxPooling1D(2, Padding = Padding.Same)]");
        layers.Add("[AveragePooling1D(1)]");
        layers.Add("[GlobalAveragePooling1D]");
        layers.Add("[Flatten]");
        layers.Add("[Dense(64, Activation.Relu)]");
        layers.Add("[BatchNormalization]");
        layers.Add("[Dense(10, Activation.Softmax)]");
        string source = $"using StaticNets;\n[Input({side}, {side}, {channels})]\n" + string.Join("\n", layers) + "\npublic partial class DeepCnn { }";

        var (output, diagnostics, run) = GeneratorHarness.Run(source);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        string text = run.Results.Single().GeneratedSources.Single().SourceText.ToString();
        // The count below must include every width's forward pass and the training code.
        foreach (string member in new[] { "Forward512(", "Forward256(", "Forward128(", "ForwardScalar(", "ITrainableNetwork.ComputeGradients(" })
        {
            Assert.Contains(member, text, StringComparison.Ordinal);
        }

        int lines = run.Results.Single().GeneratedSources.Single().SourceText.Lines.Count;
        Assert.True(lines <= MaxFixedLines + layers.Count * MaxLinesPerLayer, $"{lines} lines for {layers.Count} layers at {side}×{side}×{channels}, {filters} filters");
    }

    [Fact]
    public void CnnSourceSize_DoesNotGrowWithLayerSizes()
    {
        static int Lines(int side, int filters) => GeneratorHarness.Run(
            $"using StaticNets;\n[Input({side}, {side}, 3)]\n[Conv2D({filters}, 3, Activation.Relu)]\n[BatchNormalization]\n[MaxPooling2D(2)]\n"
            + $"[Conv2D({filters}, 3, Padding = Padding.Same, Strides = 2)]\n[GlobalAveragePooling2D]\npublic partial class Sized {{ }}")
            .Run.Results.Single().GeneratedSources.Single().SourceText.Lines.Count;

        int small = Lines(32, 16), large = Lines(224, 512);
        // Convolutions, pooling and BN call runtime kernels with constant geometry: only numbers change, not the number
        // of lines. (A Dense layer would not do: small ones are unrolled.)
        Assert.Equal(small, large);
    }
}
