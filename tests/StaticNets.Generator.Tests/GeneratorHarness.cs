using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StaticNets.Generator.Tests;

/// <summary>Runs the generator in memory over source text, the way the compiler would.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly MetadataReference[] s_references =
        Net80.References.All
            .Append(MetadataReference.CreateFromFile(typeof(StaticNets.INetwork).Assembly.Location))
            .ToArray();

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Consumer",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs", encoding: Encoding.UTF8)),
        s_references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        new[] { new NetworkGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the output compilation and the generator's diagnostics.</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriverRunResult Run) Run(params string[] sources)
    {
        CSharpCompilation input = Compile(sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (output, diagnostics, driver.GetRunResult());
    }

    /// <summary>
    /// Runs the generator, then the analyzers over the result (as the IDE and the build do): the analyzers' diagnostics,
    /// the generator's own, and the output compilation.
    /// </summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> Analyzer, ImmutableArray<Diagnostic> Generator) Analyze(params string[] sources)
    {
        var (output, generatorDiagnostics, _) = Run(sources);
        ImmutableArray<Diagnostic> analyzerDiagnostics = output
            .WithAnalyzers(ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(
                new Analyzers.NetworkDeclarationAnalyzer(), new Analyzers.ArgumentLengthAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return (output, analyzerDiagnostics, generatorDiagnostics);
    }

    /// <summary>The generated files joined in hint-name order, for snapshots.</summary>
    public static string GeneratedText(GeneratorDriverRunResult run) => string.Join(
        "\n",
        run.Results.SelectMany(r => r.GeneratedSources)
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => "// ===== " + s.HintName + " =====\n" + s.SourceText));

    /// <summary>The generated files of networks (not the stubs a network with errors gets instead).</summary>
    public static IEnumerable<SyntaxTree> NetworkFiles(Compilation output) => output.SyntaxTrees
        .Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) && !IsStub(t));

    /// <summary>Whether a generated file is the stub of a network with errors (its members throw).</summary>
    public static bool IsStub(SyntaxTree tree) => tree.ToString().Contains("has errors in its declaration", StringComparison.Ordinal);

    /// <summary>Errors and warnings of the output compilation (the generated code must have none).</summary>
    public static IReadOnlyList<Diagnostic> CompilerProblems(Compilation output) => output.GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToList();

    /// <summary>Emits the output compilation and loads it, to run generated networks.</summary>
    public static Assembly Load(Compilation output)
    {
        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }

    /// <summary>
    /// A readable diagnostic line with the text under the squiggle:
    /// <c>SN0004 (3,8): Units of layer 'dense_1' must be positive, but is 0 [0]</c>.
    /// </summary>
    public static string Describe(Diagnostic diagnostic, Compilation compilation)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        SyntaxTree? tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == span.Path);
        string underlined = tree is null ? "" : tree.GetText().ToString(diagnostic.Location.SourceSpan);
        return $"{diagnostic.Id} ({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.GetMessage()} [{underlined}]";
    }
}
