using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Tests;

/// <summary>Which networks get <c>CreateState</c>/<c>Step</c>: those whose every layer works one time step at a time, with state to carry.</summary>
public class StreamingEligibilityTests
{
    [Theory]
    [InlineData("[Input(6, 3)] [LSTM(5, ReturnSequences = true)] [Dense(2)]", 3, 2)]
    [InlineData("[Input(5, 4)] [GRU(4)] [Dense(3, Activation.Softmax)]", 4, 3)]
    [InlineData("[Input(9)] [Embedding(20, 4, MaskZero = true)] [LSTM(3)] [Dense(1)]", 1, 1)]
    [InlineData("[Input(9, 2)] [Dense(8, Activation.Relu)] [Dropout(0.1)] [SimpleRNN(3, ReturnSequences = true)] [Activation(Activation.Tanh)] [LSTM(2)] [Rescaling(2.0)]", 2, 2)]
    [InlineData("[Input(9, 2)] [BatchNormalization] [GRU(3)] [Dense(1)]", 2, 1)]
    [InlineData("[Input(10, 2)] [Conv1D(4, 3, Padding = Padding.Causal, DilationRate = 2)] [LSTM(3)]", 2, 3)]
    [InlineData("[Input(9, 1)] [Conv1D(4, 3, Padding = Padding.Causal)] [Dense(1)]", 1, 1)] // state: the last two inputs
    [InlineData("[Input(8, 2)] [Conv1D(3, 1)] [LSTM(2)]", 2, 2)] // one tap: no window into the past
    public void StepByStepNetworks_Stream(string layers, int stepInput, int stepOutput)
    {
        StepNetwork step = Assert.IsType<StepNetwork>(Parse(layers).Step);
        Assert.Equal(stepInput, step.InputSize);
        Assert.Equal(stepOutput, step.OutputSize);
    }

    [Theory]
    [InlineData("[Input(7, 2)] [SimpleRNN(5, GoBackwards = true)] [Dense(1)]")] // needs the end of the sequence first
    [InlineData("[Input(5, 3)] [Bidirectional] [LSTM(3)] [Dense(2)]")]
    [InlineData("[Input(8)] [Embedding(12, 4)] [GlobalAveragePooling1D] [Dense(3)]")] // no state to carry
    [InlineData("[Input(8, 2)] [Conv1D(3, 2)] [LSTM(2)]")] // a valid window needs later steps
    [InlineData("[Input(8, 2)] [Conv1D(3, 2, Padding = Padding.Same)] [LSTM(2)]")]
    [InlineData("[Input(8, 2)] [Conv1D(3, 2, Padding = Padding.Causal, Strides = 2)] [LSTM(2)]")] // half the steps
    [InlineData("[Input(8, 1)] [Conv1D(3, 1)] [Dense(1)]")] // no state to carry
    [InlineData("[Input(6, 3)] [LSTM(5, ReturnSequences = true)] [Flatten] [Dense(2)]")]
    [InlineData("[Input(6, 3)] [Dense(4)]")]
    public void OtherNetworks_DoNot(string layers) => Assert.Null(Parse(layers).Step);

    [Theory]
    [InlineData("[Input(10, 2)] [Conv1D(4, 3, Padding = Padding.Causal, DilationRate = 2)] [LSTM(3)]", 2 * 2 * 2 + 2 * 3)]
    [InlineData("[Input(9, 1)] [Conv1D(4, 3, Padding = Padding.Causal)] [Conv1D(2, 2, Padding = Padding.Causal, DilationRate = 3)] [Dense(1)]", 2 * 1 + 3 * 4)]
    public void CausalConvolutions_KeepTheirReachInTheState(string layers, int stateSize)
        => Assert.Equal(stateSize, Assert.IsType<StepNetwork>(Parse(layers).Step).StateSize);

    private static NetworkSpec Parse(string layers)
    {
        var compilation = GeneratorHarness.Compile("using StaticNets;\n" + layers.Replace("] [", "]\n[") + "\npublic partial class Net { }");
        return NetworkParser.ParseType(compilation.GetTypeByMetadataName("Net")!, default).Spec!;
    }
}
