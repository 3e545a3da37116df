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
}
