using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Tests;

/// <summary>One test per diagnostic: the id, the exact text under the squiggle, the message, and no generated code.</summary>
public class DiagnosticTests
{
    [Fact]
    public void LayersWithoutInput_ReportsSN0001_OnTheFirstLayer() => AssertSingle(
        """
        [Dense(4)]
        [Dense(1)]
        public partial class Net { }
        """,
        "SN0001", "Dense(4)", "Network 'Net' has layers but no [Input]; add [Input(...)] with the shape of one sample above '[Dense]'");

    [Fact]
    public void TwoInputs_ReportsSN0002_OnTheSecond() => AssertSingle(
        """
        [Input(2)]
        [Input(3)]
        [Dense(1)]
        public partial class Net { }
        """,
        "SN0002", "Input(3)", "Network 'Net' declares [Input] more than once; keep exactly one");

    [Fact]
    public void InputAfterLayer_ReportsSN0003_OnTheInput() => AssertSingle(
        """
        [Dense(4)]
        [Input(2)]
        public partial class Net { }
        """,
        "SN0003", "Input(2)", "[Input] of network 'Net' must come before its layers; move it above '[Dense]'");

    [Fact]
    public void ZeroUnits_ReportsSN0004_OnTheArgument() => AssertSingle(
        """
        [Input(2)]
        [Dense(0, Activation.Relu)]
        public partial class Net { }
        """,
        "SN0004", "0", "Units of layer 'dense_1' must be positive, but is 0");

    [Fact]
    public void NegativeInputDimension_ReportsSN0004_OnThatDimension() => AssertSingle(
        """
        [Input(28, -28)]
        [Dense(1)]
        public partial class Net { }
        """,
        "SN0004", "-28", "Dimension 2 of [Input] must be positive, but is -28");

    [Fact]
    public void NamedUnitsArgument_ReportsSN0004_OnThatArgument() => AssertSingle(
        """
        [Input(2)]
        [Dense(activation: Activation.Relu, units: -1)]
        public partial class Net { }
        """,
        "SN0004", "units: -1", "Units of layer 'dense_1' must be positive, but is -1");

    [Fact]
    public void NotPartial_ReportsSN0005_OnTheClassName() => AssertSingle(
        """
        [Input(2)]
        [Dense(1)]
        public class Net { }
        """,
        "SN0005", "Net", "Network class 'Net' must be declared partial so that the generator can add its members");

    [Fact]
    public void GenericClass_ReportsSN0006() => AssertSingle(
        """
        [Input(2)]
        [Dense(1)]
        public partial class Net<T> { }
        """,
        "SN0006", "Net", "Network class 'Net' must not be generic: its sizes and code are fixed at compile time");

    [Fact]
    public void UndefinedActivation_ReportsSN0007_OnTheArgument() => AssertSingle(
        """
        [Input(2)]
        [Dense(3, (Activation)42)]
        public partial class Net { }
        """,
        "SN0007", "(Activation)42", "Activation value 42 of layer 'dense_1' is not a member of StaticNets.Activation; use a named member such as Activation.Relu");

    [Fact]
    public void InputWithoutDimensions_ReportsSN0008() => AssertSingle(
        """
        [Input]
        [Dense(1)]
        public partial class Net { }
        """,
        "SN0008", "Input", "[Input] of network 'Net' needs at least one dimension, e.g. [Input(784)] or [Input(28, 28, 1)]");

    [Fact]
    public void ParameterCountOverflow_ReportsSN0009_OnTheLayer() => AssertSingle(
        """
        [Input(100000)]
        [Dense(100000)]
        public partial class Net { }
        """,
        "SN0009", "Dense(100000)", "The parameter count up to layer 'dense_1' of network 'Net' is 10,000,100,000, more than the 2,147,483,575 that fit in one .NET array; use smaller layers");

    [Fact]
    public void InputSizeOverflow_ReportsSN0009_OnTheInput() => AssertSingle(
        """
        [Input(100000, 100000)]
        [Dense(1)]
        public partial class Net { }
        """,
        "SN0009", "Input(100000, 100000)", "The input size of network 'Net' is 10,000,000,000, more than the 1,073,741,763 that fit in one .NET array; use smaller layers");

    [Fact]
    public void StaticClass_ReportsSN0010() => AssertSingle(
        """
        [Input(2)]
        [Dense(1)]
        public static partial class Net { }
        """,
        "SN0010", "Net", "Network class 'Net' must not be static: networks are instances that own their weights");

    [Fact]
    public void NonPartialContainingType_ReportsSN0011() => AssertSingle(
        """
        public class Outer
        {
            [Input(2)]
            [Dense(1)]
            public partial class Net { }
        }
        """,
        "SN0011", "Net", "Network class 'Net' is nested in 'Outer', which must also be declared partial");

    [Fact]
    public void DuplicateLayerName_ReportsSN0012_OnTheName() => AssertSingle(
        """
        [Input(2)]
        [Dense(4)]
        [Dense(1, Name = "dense_1")]
        public partial class Net { }
        """,
        "SN0012", "Name = \"dense_1\"", "Layer name 'dense_1' is used more than once in network 'Net'; Keras requires unique layer names");

    [Fact]
    public void LayersOnTwoPartialDeclarations_ReportSN0013() => AssertSingle(
        """
        [Input(2)]
        public partial class Net { }

        [Dense(1)]
        public partial class Net { }
        """,
        "SN0013", "Net", "The attributes of network 'Net' are spread over several partial declarations, so their order is undefined; put [Input] and all layers on one declaration");

    [Fact]
    public void BlankLayerName_ReportsSN0014_OnTheName() => AssertSingle(
        """
        [Input(2)]
        [Dense(1, Name = " ")]
        public partial class Net { }
        """,
        "SN0014", "Name = \" \"", "Layer name must not be empty or white space; remove Name to get the default 'dense_1'");

    [Fact]
    public void SeveralErrors_AreAllReported_AndNothingIsGenerated()
    {
        var (output, diagnostics, generator) = GeneratorHarness.Analyze("""
            using StaticNets;
            [Input(0)]
            [Dense(-1)]
            [Dense(2, (Activation)99)]
            public class Net { }
            """);
        Assert.Equal(new[] { "SN0004", "SN0004", "SN0005", "SN0007" }, diagnostics.Select(d => d.Id).OrderBy(i => i));
        Assert.Empty(generator);
        // Not partial: a generated declaration could only add errors, so there is none, not even a stub.
        Assert.DoesNotContain(output.SyntaxTrees, t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Models.Tiny)]
    [InlineData(Models.Large)]
    [InlineData(Models.Wide)]
    public void ValidNetwork_ReportsNothing(string source)
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze(source);
        Assert.Empty(analyzer);
        Assert.Empty(generator);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public void SoftmaxOnOneUnit_WarnsSN1001_AndStillGenerates()
    {
        AssertSingle(
            """
            [Input(4)]
            [Dense(1, Activation.Softmax)]
            public partial class Net { }
            """,
            "SN1001", "Activation.Softmax", "Layer 'dense_1' applies Softmax to a single unit, so it always outputs 1; use Activation.Sigmoid for one probability, or more units");
        var (output, _, _) = GeneratorHarness.Analyze("using StaticNets;\n[Input(4)]\n[Dense(1, Activation.Softmax)]\npublic partial class Net { }");
        Assert.Contains(output.SyntaxTrees, t => t.FilePath.EndsWith("Net.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void DenseOnRankTwoInput_WarnsSN1002_OnceOnTheFirstLayer() => AssertSingle(
        """
        [Input(28, 28)]
        [Dense(128, Activation.Relu)]
        [Dense(10)]
        public partial class Net { }
        """,
        "SN1002", "Dense(128, Activation.Relu)", "Layer 'dense_1' gets samples of shape (28, 28) and, as in Keras, is applied to each of the 28 positions of the leading axes; if you meant one vector per sample, put [Flatten] before it or declare the input flat ([Input(784)])");

    [Fact]
    public void Warning_CanBeSuppressedWithPragma()
    {
        var (_, analyzer, _) = GeneratorHarness.Analyze("""
            using StaticNets;
            #pragma warning disable SN1002
            [Input(4, 5)]
            [Dense(3)]
            public partial class Net { }
            #pragma warning restore SN1002
            """);
        Assert.True(analyzer.All(d => d.IsSuppressed), string.Join("\n", analyzer));
    }

    [Theory]
    [InlineData("net.Predict(new float[4], new float[1]);", "new float[4]", "Predict expects 3 values in 'input' (InputSize of TinyNet), but this argument has 4")]
    [InlineData("net.Predict(new float[] { 1f, 2f }, new float[1]);", "new float[] { 1f, 2f }", "Predict expects 3 values in 'input' (InputSize of TinyNet), but this argument has 2")]
    [InlineData("net.Predict(stackalloc float[2]);", "stackalloc float[2]", "Predict expects 3 values in 'input' (InputSize of TinyNet), but this argument has 2")]
    [InlineData("net.Predict([1f, 2f, 3f, 4f]);", "[1f, 2f, 3f, 4f]", "Predict expects 3 values in 'input' (InputSize of TinyNet), but this argument has 4")]
    [InlineData("net.Predict(new float[3], new float[2]);", "new float[2]", "Predict expects 1 values in 'output' (OutputSize of TinyNet), but this argument has 2")]
    [InlineData("net.PredictBatch(new float[7], new float[2]);", "new float[7]", "PredictBatch expects a positive multiple of 3 values in 'inputs' (InputSize of TinyNet), but this argument has 7")]
    [InlineData("net.Fit(new float[10], new float[3]);", "new float[10]", "Fit expects a positive multiple of 3 values in 'x' (InputSize of TinyNet), but this argument has 10")]
    [InlineData("net.ComputeGradients(new float[3], new float[1], new float[5]);", "new float[5]", "ComputeGradients expects 11 values in 'gradients' (ParameterCount of TinyNet), but this argument has 5")]
    public void WrongConstantLengthAtCallSite_ReportsSN0015_OnTheArgument(string call, string underlined, string message)
    {
        var (output, analyzer, _) = GeneratorHarness.Analyze(Models.Tiny, "using StaticNets; using Demo; static class Use { static void Run(TinyNet net) { " + call + " } }");
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Diagnostic diagnostic = Assert.Single(analyzer);
        Assert.Equal("SN0015", diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.Equal(underlined, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Theory]
    [InlineData("net.Predict(new float[3], new float[1]);")]
    [InlineData("net.Predict(stackalloc float[TinyNet.InputSize]);")]
    [InlineData("net.PredictBatch(new float[9], new float[3]);")]
    [InlineData("var x = new float[4]; net.Predict(x);")] // not written at the call: left to the run-time check
    [InlineData("net.Fit(new float[30], new float[10], epochs: 1);")]
    public void RightOrUnknownLengthAtCallSite_ReportsNothing(string call)
    {
        var (_, analyzer, _) = GeneratorHarness.Analyze(Models.Tiny, "using StaticNets; using Demo; static class Use { static void Run(TinyNet net) { " + call + " } }");
        Assert.Empty(analyzer);
    }

    [Fact]
    public void BrokenAttributeArgument_LeavesItToTheCompiler()
    {
        var (output, diagnostics, run) = GeneratorHarness.Run("""
            using StaticNets;
            [Input(2)]
            [Dense(undefinedConstant)]
            public partial class Net { }
            static class Use { static void Run() { new Net(seed: 1).Predict(new float[2]); } }
            """);
        Assert.Empty(diagnostics);
        // The class gets its members as stubs, so the compiler's error in the attribute is the only one.
        Assert.True(GeneratorHarness.IsStub(Assert.Single(run.Results.Single().GeneratedSources).SyntaxTree));
        Assert.Equal("CS0103", Assert.Single(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error).Id);
    }

    [Fact]
    public void EveryDescriptor_HasADocPageAndAReleaseEntry()
    {
        string root = Path.GetFullPath(Path.Combine(Snapshot.Root, "..", ".."));
        string releases = File.ReadAllText(Path.Combine(root, "generator", "StaticNets.Generator", "AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor descriptor in Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.True(File.Exists(Path.Combine(root, "generator", "docs", "diagnostics", descriptor.Id + ".md")), descriptor.Id + " has no doc page");
            Assert.EndsWith("generator/docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.Contains(descriptor.Id + " |", releases);
        }
    }

    internal static void AssertSingle(string declaration, string id, string underlined, string message)
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze("using StaticNets;\n" + declaration);
        Assert.Empty(generator); // the analyzers report; the generator only skips the invalid network
        Diagnostic diagnostic = Assert.Single(analyzer);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(id.StartsWith("SN1", StringComparison.Ordinal) ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.True(diagnostic.Location.IsInSource, "the location must be in source so #pragma can suppress it");
        Assert.Equal(underlined, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        if (diagnostic.Severity == DiagnosticSeverity.Error && id != "SN0015")
        {
            // No network code, at most the stub that keeps call sites compiling, and no C# error from either.
            Assert.Empty(GeneratorHarness.NetworkFiles(output));
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }
    }
}
