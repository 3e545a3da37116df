using StaticNets.Generator.Layers;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Tests;

/// <summary>
/// The generator sizes each recurrent layer's scratch from constants it computes itself; the runtime kernels check the
/// spans they get against their own formulas. The two must agree, for every cell and shape.
/// </summary>
public class RecurrentSizesTests
{
    [Theory]
    [InlineData("LSTM", 1, 1, 1)]
    [InlineData("LSTM", 28, 28, 128)]
    [InlineData("GRU", 5, 4, 4)]
    [InlineData("GRU", 1, 3, 32)]
    [InlineData("SimpleRNN", 7, 2, 5)]
    [InlineData("SimpleRNN", 1, 9, 3)]
    public void WorkspaceAndTransposedSizes_MatchTheRuntimeKernels(string cell, int steps, int features, int units)
    {
        var compilation = GeneratorHarness.Compile($"using StaticNets;\n[Input({steps}, {features})]\n[{cell}({units})]\npublic partial class Net {{ }}");
        var layer = (RecurrentLayer)NetworkParser.ParseType(compilation.GetTypeByMetadataName("Net")!, default).Spec!.Layers[0];
        (int workspace, int training, int transposed) = cell switch
        {
            "LSTM" => (Runtime.Lstm.WorkspacePerSample(steps, units), Runtime.Lstm.TrainingPerSample(steps, units), Runtime.Lstm.TransposedSize(features, units)),
            "GRU" => (Runtime.Gru.WorkspacePerSample(steps, units), Runtime.Gru.TrainingPerSample(steps, units), Runtime.Gru.TransposedSize(features, units)),
            _ => (Runtime.SimpleRnn.WorkspacePerSample(steps, units), Runtime.SimpleRnn.TrainingPerSample(steps, units), Runtime.SimpleRnn.TransposedSize(features, units)),
        };
        Assert.Equal(workspace, layer.ColumnsPerSample);
        Assert.Equal(training, Assert.Single(layer.TrainingScratch()).PerSample);
        Assert.Equal(transposed, layer.TransposedKernelSize);
    }
}
