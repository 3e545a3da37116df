using System.Reflection;
using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Tests;

/// <summary>
/// <c>Net.Layers.name.Offset/Length</c> and <c>Net.WeightsOf(name)</c>: each layer's weights in <c>Parameters</c>, under
/// a C# identifier made from its name whatever the name holds.
/// </summary>
public class LayerWeightsTests
{
    [Fact]
    public void EachLayer_HasItsOffsetAndLength_InParameterOrder()
    {
        Type net = Load("[Input(3)]\n[Dense(4, Activation.Relu)]\n[Dropout(0.5)]\n[Dense(2, Name = \"head\")]\npublic partial class Net { }", "Net");
        Assert.Equal((0, 16), Range(net, "dense_1"));  // kernel 3×4 + bias 4
        Assert.Equal((16, 0), Range(net, "dropout_1"));
        Assert.Equal((16, 10), Range(net, "head"));    // kernel 4×2 + bias 2
        MethodInfo weightsOf = net.GetMethod("WeightsOf")!;
        Assert.Equal(new System.Range(16, 26), (System.Range)weightsOf.Invoke(null, ["head"])!);
        var thrown = Assert.Throws<TargetInvocationException>(() => weightsOf.Invoke(null, ["nope"]));
        Assert.Contains("'dense_1', 'dropout_1', 'head'", Assert.IsType<ArgumentException>(thrown.InnerException).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesThatAreNotIdentifiers_BecomeIdentifiers_AndStayDistinct()
    {
        Type net = Load(
            "[Input(2)]\n[Dense(1, Name = \"my layer\")]\n[Dense(1, Name = \"my_layer\")]\n[Dense(1, Name = \"class\")]\n[Dense(1, Name = \"1st\")]\n[Dense(1, Name = \"Layers\")]\n[Dense(1, Name = \"a\\\"b\")]\npublic partial class Net { }",
            "Net");
        Type layers = net.GetNestedType("Layers")!;
        Assert.Equal(new[] { "Layers_", "_1st", "a_b", "class", "my_layer", "my_layer_2" }, layers.GetNestedTypes().Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal((5, 2), Range(net, "class"));
        Assert.Equal(new System.Range(11, 13), (System.Range)net.GetMethod("WeightsOf")!.Invoke(null, ["a\"b"])!);
    }

    [Fact]
    public void ANetworkCalledLayers_KeepsItsWeightsInLayerWeights()
    {
        Type net = Load("[Input(2)]\n[Dense(3)]\npublic partial class Layers { }", "Layers");
        Assert.Null(net.GetNestedType("Layers"));
        Assert.Equal(9, (int)net.GetNestedType("LayerWeights")!.GetNestedType("dense_1")!.GetField("Length")!.GetValue(null)!);
    }

    private static (int Offset, int Length) Range(Type net, string identifier)
    {
        Type layer = net.GetNestedType("Layers")!.GetNestedType(identifier)!;
        return ((int)layer.GetField("Offset")!.GetValue(null)!, (int)layer.GetField("Length")!.GetValue(null)!);
    }

    private static Type Load(string declaration, string name)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("using StaticNets;\n" + declaration);
        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return GeneratorHarness.Load(output).GetType(name)!;
    }
}
