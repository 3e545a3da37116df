using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Tests;

/// <summary>
/// Emits and loads generated networks and checks every vector width's kernel (512, 256, 128, scalar — called
/// directly, since the dispatcher only ever picks this machine's widest) against a naive double-precision Dense.
/// </summary>
public class CompileAndRunTests
{
    public static TheoryData<string, string> Networks => new()
    {
        { Models.Tiny, "Demo.TinyNet" },
        { Models.Large, "Demo.LargeNet" },
        { Models.Nested, "Outer.Inner.Container`1+NestedNet" },
        { Models.Wide, "WideNet" },
        // A hidden layer of one or two vectors feeding one unit runs in registers (fused): net A's 10 units are two
        // vectors at 256 bits; 16 fill two exactly; 8 units with 9 inputs use two accumulator sets at 128 bits; 24 are
        // two vectors at 512 bits.
        { FusedPair("[Input(2)]", "[Dense(10, Activation.Relu)]", "[Dense(1)]"), "FusedNet" },
        { FusedPair("[Input(3)]", "[Dense(16, Activation.LeakyRelu)]", "[Dense(1, Activation.Sigmoid)]"), "FusedNet" },
        { FusedPair("[Input(9)]", "[Dense(8, Activation.Relu6, UseBias = false)]", "[Dense(1)]"), "FusedNet" },
        { FusedPair("[Input(5)]", "[Dense(7, Activation.Relu)]", "[Dense(1, UseBias = false)]"), "FusedNet" },
        { FusedPair("[Input(4)]", "[Dense(24, Activation.Relu)]", "[Dense(1)]"), "FusedNet" },
    };

    private static string FusedPair(params string[] attributes)
        => "using StaticNets;\n\n" + string.Join("\n", attributes) + "\npublic partial class FusedNet { }\n";

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryKernelWidth_MatchesNaiveReference(string source, string typeName)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(source);
        Assert.Empty(diagnostics);
        Type type = GeneratorHarness.Load(output).GetType(typeName)!;
        if (type.IsGenericTypeDefinition)
        {
            type = type.MakeGenericType(typeof(int));
        }

        var network = (INetwork)Activator.CreateInstance(type, 42)!;
        var random = new Random(7);
        Span<float> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = (float)(random.NextDouble() - 0.5);
        }

        float[] x = Enumerable.Range(0, network.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        double[] expected = NaiveDense.Forward(source, network.InputShape.ToArray(), network.Parameters.ToArray(), x);

        foreach (string width in new[] { "512", "256", "128", "Scalar" })
        {
            float[] y = RunKernel(type, network, width, x);
            for (int i = 0; i < y.Length; i++)
            {
                Assert.True(Math.Abs(y[i] - expected[i]) <= 1e-4 + 1e-4 * Math.Abs(expected[i]),
                    $"Forward{width} output {i}: {y[i]} vs {expected[i]}");
            }
        }

        // And the public path (whichever width this machine dispatches to).
        float[] predicted = new float[network.OutputSize];
        network.Predict(x, predicted);
        Assert.Equal(RunKernel(type, network, "Scalar", x), predicted, (a, b) => Math.Abs(a - b) <= 1e-4f + 1e-4f * Math.Abs(b));
    }

    /// <summary>Calls <c>Forward{width}(ref w, ref x, ref y)</c> with fresh buffers (each kernel takes its own scratch).</summary>
    private static float[] RunKernel(Type type, INetwork network, string width, float[] x)
    {
        MethodInfo kernel = type.GetMethod("Forward" + width, BindingFlags.NonPublic | BindingFlags.Static)!;
        // The weights with the generated storage's spare floats after them (kernels may load whole vectors of the last
        // rows). They hold NaN here, so a lane past the units that is not masked off shows in the output.
        float[] weights = new float[network.ParameterCount + 64];
        weights.AsSpan(network.ParameterCount).Fill(float.NaN);
        network.Parameters.CopyTo(weights);
        var y = new float[network.OutputSize];
        // Reflection cannot pass `ref float` from arrays directly; a small dynamic shim does.
        KernelInvoker.Invoke(kernel, weights, x, y);
        return y;
    }
}
