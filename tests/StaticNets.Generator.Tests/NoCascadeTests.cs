using System.Reflection;
using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Tests;

/// <summary>
/// A network with an SN error still gets its public members, so the SN error is the only error its user sees: call
/// sites that construct, predict, train and read constants compile; at run time the members throw.
/// </summary>
public class NoCascadeTests
{
    /// <summary>Everything a user's code does with a network, to be compiled against a network with errors.</summary>
    private const string Uses = """
        static class Use
        {
            public static object Run()
            {
                var net = new Net(seed: 1);
                var other = new Net();
                float[] y = net.Predict(new float[Net.InputSize]);
                net.Predict(new float[Net.InputSize], new float[Net.OutputSize]);
                net.PredictBatch(new float[Net.InputSize * 2], new float[Net.OutputSize * 2]);
                System.Span<float> weights = net.Parameters;
                System.Range layerWeights = Net.WeightsOf("dense_1");
                int total = Net.ParameterCount + Net.TrainableParameterCount + Net.NonTrainableParameterCount;
                System.ReadOnlySpan<int> shape = Net.InputShape;
                string summary = net.Summary();
                net.Compile(new Adam(), Loss.MeanSquaredError, Metric.MeanAbsoluteError);
                History history = net.Fit(new float[Net.InputSize], new float[1], epochs: 1);
                INetwork asInterface = net;
                return (y, other, weights.Length, total, shape.Length, summary, history, asInterface);
            }
        }
        """;

    [Theory]
    [InlineData("[Input(3)]\n[Dense(0)]", "SN0004")]                                   // a layer argument
    [InlineData("[Input(3)]\n[Dense(4, (Activation)99)]", "SN0007")]                  // an enum value
    [InlineData("[Input(8, 8)]\n[Conv2D(4, 3)]", "SN0018")]                            // a shape error
    [InlineData("[Input(0)]\n[Dense(2)]", "SN0004")]                                   // the input itself
    [InlineData("[Dense(2)]", "SN0001")]                                               // no [Input] at all
    [InlineData("[Input(4)]\n[Dense(2, Name = \"a\")]\n[Dense(1, Name = \"a\")]", "SN0012")] // names
    [InlineData("[Input(5, 5, 1)]\n[Cropping2D(3)]", "SN0020")]                         // a new layer's own error
    public void NetworkWithAnError_CallSitesCompile_AndTheSNErrorIsTheOnlyError(string layers, string id)
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze("using StaticNets;\n" + layers + "\npublic partial class Net { }\n" + Uses);
        Assert.Empty(generator);
        Assert.Contains(analyzer, d => d.Id == id);
        Assert.All(analyzer.Where(d => d.Severity == DiagnosticSeverity.Error), d => Assert.StartsWith("SN", d.Id, StringComparison.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void NetworkWithNormalizationAndAnError_KeepsAdapt()
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze(
            "using StaticNets;\n[Input(4)]\n[Normalization]\n[Dense(0)]\npublic partial class Net { }\n"
            + "static class Use { public static void Run() => new Net(1).Adapt(new float[8]); }");
        Assert.Empty(generator);
        Assert.Contains(analyzer, d => d.Id == "SN0004");
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Stub_KeepsTheConstantsItCanCompute_AndThrowsWhenUsed()
    {
        var (output, _, _) = GeneratorHarness.Run("using StaticNets;\n[Input(4, 3)]\n[Dense(0)]\npublic partial class Net { }");
        Type type = GeneratorHarness.Load(output).GetType("Net")!;
        Assert.Equal(12, (int)type.GetField("InputSize")!.GetValue(null)!);
        Assert.Equal(0, (int)type.GetField("OutputSize")!.GetValue(null)!);
        Assert.Equal(0, (int)type.GetField("ParameterCount")!.GetValue(null)!);
        Assert.Equal(0, (int)type.GetNestedType("Layers")!.GetNestedType("dense_1")!.GetField("Offset")!.GetValue(null)!); // named, so call sites compile
        var thrown = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(type, 1));
        var invalid = Assert.IsType<InvalidOperationException>(thrown.InnerException);
        Assert.Contains("'Net' has errors in its declaration", invalid.Message, StringComparison.Ordinal);
        Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(type));
    }

    [Fact]
    public void NetworkWithAnError_CodeNamingItsLayersCompiles()
    {
        const string Source = "using StaticNets;\n[Input(3)]\n[Dense(4, Name = \"hidden\")]\n[Bidirectional]\n[Dense(0)]\npublic partial class Net { }\n"
            + "static class Use { public static int Run() => Net.Layers.hidden.Offset + Net.Layers.dense_1.Length; }";
        var (output, analyzer, _) = GeneratorHarness.Analyze(Source);
        Assert.Contains(analyzer, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Stub_OfAnInvalidInput_HasNoInputFacts()
    {
        var (output, _, _) = GeneratorHarness.Run("using StaticNets;\n[Input(0, 3)]\n[Dense(2)]\npublic partial class Net { }");
        Type type = GeneratorHarness.Load(output).GetType("Net")!;
        Assert.Equal(0, (int)type.GetField("InputSize")!.GetValue(null)!);
    }

    [Theory]
    [InlineData("[Input(3)]\n[Dense(0)]\npublic class Net { }")]              // not partial: CS0260 if we added a part
    [InlineData("[Input(3)]\n[Dense(0)]\npublic static partial class Net { }")] // static: instance members are not allowed
    [InlineData("[Input(3)]\n[Dense(0)]\npublic partial class Net<T> { }")]      // generic: a stub would be another type
    public void ClassThatCannotBeCompleted_GetsNoStub(string declaration)
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze("using StaticNets;\n" + declaration);
        Assert.Empty(generator);
        Assert.NotEmpty(analyzer);
        Assert.DoesNotContain(output.SyntaxTrees, t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void ClassWithoutInput_GetsOneStub_WhateverItsLayerKinds()
    {
        // Every layer attribute triggers the generator; only the class's first one answers (else two files, one hint name).
        var (output, diagnostics, run) = GeneratorHarness.Run("using StaticNets;\n[Dense(4)]\n[Dropout(0.5)]\n[Dense(2)]\n[Flatten]\npublic partial class Net { }");
        Assert.Empty(diagnostics);
        Assert.Single(run.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void LayerAttributeTheGeneratorDoesNotKnow_IsSN9999_OnThatAttribute_NotAnIdentityLayer()
    {
        // A newer runtime (or any LayerAttribute in namespace StaticNets) with a kind this generator lacks.
        var (output, analyzer, _) = GeneratorHarness.Analyze("""
            using StaticNets;
            namespace StaticNets { public sealed class FancyAttribute : LayerAttribute { } }
            [Input(3)]
            [Dense(2)]
            [Fancy]
            public partial class Net { }
            """);
        Diagnostic diagnostic = Assert.Single(analyzer);
        Assert.Equal("SN9999", diagnostic.Id);
        Assert.Equal("Fancy", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains("does not know the layer attribute [FancyAttribute]", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.NetworkFiles(output));
    }
}
