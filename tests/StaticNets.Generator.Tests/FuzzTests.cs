using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StaticNets.Generator.Tests;

/// <summary>
/// Random declarations, valid and not, through the generator and the declaration analyzer: nothing may throw, and every
/// network must end either in generated code or in an error (SN, or C# for a declaration that is not valid C#). Every
/// generated file must parse, and one in <see cref="CompileEvery"/> is fully compiled (see the comment in the test).
/// </summary>
public class FuzzTests
{
    private static readonly int Declarations = int.TryParse(Environment.GetEnvironmentVariable("STATICNETS_FUZZ_COUNT"), out int count) ? count : 10_000;
    private const int PerCompilation = 500;
    private static readonly int CompileEvery = int.TryParse(Environment.GetEnvironmentVariable("STATICNETS_FUZZ_COMPILE_EVERY"), out int every) ? every : 40;

    private static readonly string[] s_sizes = { "0", "-1", "1", "2", "3", "5", "8", "16", "17", "33", "int.MaxValue", "int.MinValue", "100000" };

    [Fact]
    public void RandomDeclarations_NeverCrash_AndEndInCodeOrAnSNError()
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        int generated = 0, rejected = 0, compiled = 0;
        Parallel.For(0, Declarations / PerCompilation, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch =>
        {
            var random = new Random(1000 + batch);
            var source = new StringBuilder("using StaticNets;\n#pragma warning disable CS0219\n");
            var names = new List<string>();
            for (int i = 0; i < PerCompilation; i++)
            {
                string name = $"Net{batch}_{i}";
                names.Add(name);
                source.Append(RandomDeclaration(random, name));
            }

            CSharpCompilation input = GeneratorHarness.Compile(source.ToString());
            var inputErrors = input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
            GeneratorDriverRunResult run = driver.GetRunResult();
            if (run.Results.Single().Exception is { } exception)
            {
                failures.Add("generator threw: " + exception);
            }

            // Declarations are all the analyzers look at; the input compilation is enough (and cheaper to analyse).
            ImmutableArray<Diagnostic> analyzerDiagnostics = input
                .WithAnalyzers(
                    ImmutableArray.Create<DiagnosticAnalyzer>(new Analyzers.NetworkDeclarationAnalyzer()),
                    new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: (e, _, _) => failures.Add("analyzer threw: " + e), concurrentAnalysis: false, logAnalyzerExecutionTime: false))
                .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            foreach (Diagnostic diagnostic in generatorDiagnostics.Concat(analyzerDiagnostics).Where(d => d.Id is "SN9999" or "AD0001" or "CS8785"))
            {
                failures.Add(diagnostic.ToString());
            }

            var generatedFiles = run.Results.Single().GeneratedSources.Select(s => s.HintName.Split('.')[^3]).ToHashSet();
            // Binding generated code costs ~0.2 ms a statement here, too much for 10,000 networks in a unit test: every
            // CompileEvery-th network's generated file is compiled (semantic diagnostics), the rest are parsed only.
            foreach (SyntaxTree tree in output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)))
            {
                bool sampled = SampledForCompilation(tree.FilePath);
                IEnumerable<Diagnostic> problems = sampled ? output.GetSemanticModel(tree).GetDiagnostics() : tree.GetDiagnostics();
                foreach (Diagnostic error in problems.Where(d => d.Severity == DiagnosticSeverity.Error))
                {
                    failures.Add("generated code does not compile: " + error);
                }

                if (sampled) Interlocked.Increment(ref compiled);
            }

            foreach (string name in names)
            {
                bool hasCode = generatedFiles.Contains(name);
                bool hasSnError = analyzerDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("SN", StringComparison.Ordinal) && d.GetMessage().Contains("'" + name + "'", StringComparison.Ordinal))
                    || analyzerDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("SN", StringComparison.Ordinal) && Within(d, name));
                bool hasInputError = inputErrors.Any(d => Within(d, name));
                if (hasCode == (hasSnError || hasInputError))
                {
                    failures.Add($"{name}: generated={hasCode}, SN error={hasSnError}, C# error in the declaration={hasInputError}\n{Declaration(source.ToString(), name)}");
                }

                if (hasCode) Interlocked.Increment(ref generated); else Interlocked.Increment(ref rejected);
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} failures, e.g.:\n" + string.Join("\n---\n", failures.Take(5)));
        Assert.Equal(Declarations, generated + rejected);
        // The mix must exercise both outcomes substantially.
        Assert.InRange(generated, Declarations / 10, Declarations - Declarations / 10);
        Assert.True(compiled >= generated / CompileEvery / 2, $"only {compiled} generated files were compiled");
    }

    /// <summary>Networks named Net{batch}_{i} with i a multiple of <see cref="CompileEvery"/> get a full compile check.</summary>
    private static bool SampledForCompilation(string path)
    {
        string name = Path.GetFileName(path).Split('.')[^3];
        return int.Parse(name[(name.LastIndexOf('_') + 1)..], System.Globalization.CultureInfo.InvariantCulture) % CompileEvery == 0;
    }

    /// <summary>Whether a diagnostic lies inside the declaration of <paramref name="name"/> (between its marker comments).</summary>
    private static bool Within(Diagnostic diagnostic, string name)
    {
        if (diagnostic.Location.SourceTree is not { } tree)
        {
            return false;
        }

        string text = tree.GetText().ToString();
        int start = text.IndexOf("// begin " + name + "\n", StringComparison.Ordinal);
        int end = text.IndexOf("// end " + name + "\n", StringComparison.Ordinal);
        return start >= 0 && diagnostic.Location.SourceSpan.Start >= start && diagnostic.Location.SourceSpan.Start < end;
    }

    private static string Declaration(string source, string name)
    {
        int start = source.IndexOf("// begin " + name + "\n", StringComparison.Ordinal);
        int end = source.IndexOf("// end " + name + "\n", StringComparison.Ordinal);
        return source[start..end];
    }

    private static string RandomDeclaration(Random random, string name)
    {
        var text = new StringBuilder("// begin " + name + "\n");
        string partialKeyword = random.Next(25) == 0 ? "" : "partial ";
        string modifiers = random.Next(40) == 0 ? "static " : "";
        string generic = random.Next(40) == 0 ? "<T>" : "";
        bool nested = random.Next(15) == 0;
        bool split = random.Next(25) == 0;

        var attributes = new List<string>();
        if (random.Next(20) != 0)
        {
            int dims = random.Next(30) == 0 ? 0 : random.Next(1, 4);
            attributes.Add("[Input(" + string.Join(", ", Enumerable.Range(0, dims).Select(_ => Size(random, small: true))) + ")]");
        }

        int layers = random.Next(0, 5);
        for (int l = 0; l < layers; l++)
        {
            attributes.Add(RandomDense(random));
        }

        if (random.Next(30) == 0 || attributes.Count == 0)
        {
            // A second [Input] (and never a class without any attribute: that is not a network at all).
            attributes.Insert(random.Next(attributes.Count + 1), "[Input(2)]");
        }

        if (attributes.Count > 1 && random.Next(30) == 0)
        {
            int a = random.Next(attributes.Count), b = random.Next(attributes.Count);
            (attributes[a], attributes[b]) = (attributes[b], attributes[a]);
        }

        string open = nested ? $"public {(random.Next(3) == 0 ? "" : "partial ")}class Outer{name} {{\n" : "";
        string close = nested ? "}\n" : "";
        if (split && attributes.Count > 1)
        {
            int cut = random.Next(1, attributes.Count);
            text.Append(open).Append(string.Join("\n", attributes.Take(cut))).Append($"\npublic {modifiers}partial class {name}{generic} {{ }}\n")
                .Append(string.Join("\n", attributes.Skip(cut))).Append($"\npublic {modifiers}partial class {name}{generic} {{ }}\n").Append(close);
        }
        else
        {
            text.Append(open).Append(string.Join("\n", attributes)).Append($"\npublic {modifiers}{partialKeyword}class {name}{generic} {{ }}\n").Append(close);
        }

        return text.Append("// end " + name + "\n").ToString();
    }

    private static string RandomDense(Random random)
    {
        var arguments = new List<string>();
        int form = random.Next(12);
        if (form == 0)
        {
            return "[Dense]"; // missing argument: a C# error, no generation
        }

        arguments.Add(Size(random, small: false));
        if (random.Next(2) == 0)
        {
            arguments.Add(random.Next(15) == 0 ? $"(Activation){random.Next(-3, 25)}" : "Activation." + Enum.GetNames<Activation>()[random.Next(17)]);
        }

        if (random.Next(6) == 0) arguments.Add("UseBias = " + (random.Next(2) == 0 ? "false" : "true"));
        if (random.Next(8) == 0) arguments.Add("Name = " + (random.Next(4) switch { 0 => "\"\"", 1 => "\"dense_1\"", 2 => "\"layer\"", _ => "\"x y\\\"z\"" }));
        return "[Dense(" + string.Join(", ", arguments) + ")]";
    }

    private static string Size(Random random, bool small) => random.Next(small ? 3 : 4) == 0
        ? s_sizes[random.Next(s_sizes.Length)]
        : random.Next(1, small ? 40 : 70).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
