using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Tests;

/// <summary>
/// Networks at the edges of what the frames handle (no weights at all, a weightless first or last layer, an
/// Activation layer alone): they compile without warnings and run a prediction and a training step.
/// </summary>
public class EdgeNetworkTests
{
    [Theory]
    [InlineData("[Input(4)] [Activation(Activation.Softmax)]")]           // one layer, no weights, a fused last activation
    [InlineData("[Input(4)] [Activation(Activation.Linear)] [Dense(2)]")] // a linear Activation layer: its z and a are its input
    [InlineData("[Input(3, 4)] [Flatten]")]                                // nothing to compute at all
    [InlineData("[Input(6)] [Dropout(0.5)] [Dense(2, Activation.Sigmoid)]")]
    [InlineData("[Input(6)] [Rescaling(2, -1)]")]
    [InlineData("[Input(5, 6, 2)] [Cropping2D(1)] [ZeroPadding2D(0, Left = 3)] [GlobalMaxPooling2D]")]
    [InlineData("[Input(3, 2)] [UpSampling1D] [GlobalMaxPooling1D] [Activation(Activation.Softmax)]")]
    public void EdgeNetwork_CompilesPredictsAndTrains(string layers)
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze("using StaticNets;\n" + layers.Replace("] [", "]\n[") + "\npublic partial class Net { }");
        Assert.Empty(generator);
        Assert.Empty(analyzer.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(GeneratorHarness.CompilerProblems(output));

        var network = (ITrainableNetwork)Activator.CreateInstance(GeneratorHarness.Load(output).GetType("Net")!, 3)!;
        var x = Enumerable.Range(0, 2 * network.InputSize).Select(i => (float)Math.Sin(i)).ToArray();
        var y = new float[2 * network.OutputSize];
        network.PredictBatch(x, y);
        Assert.All(y, v => Assert.True(float.IsFinite(v)));

        var gradients = new float[network.ParameterCount];
        var targets = Enumerable.Range(0, y.Length).Select(i => (float)(i % 2)).ToArray();
        float loss = network.ComputeGradients(x, targets, new MeanSquaredError(), gradients, default);
        Assert.True(float.IsFinite(loss), $"loss {loss}");
        Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
    }
}
