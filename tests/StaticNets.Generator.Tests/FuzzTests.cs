using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNets.Generator.Model;

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
    private static readonly string[] s_layerKinds =
    {
        "Dense", "Conv1D", "Conv2D", "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D",
        "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "Flatten", "Reshape", "Dropout", "BatchNormalization",
        "Activation", "Rescaling", "UpSampling1D", "UpSampling2D", "ZeroPadding2D", "Cropping2D", "GlobalMaxPooling1D",
        "LayerNormalization", "Conv2DTranspose", "Normalization",
    };
    private static readonly (string[] Usual, string[] Extreme) s_scales =
        (new[] { "0.5", "1.0 / 255", "-2", "0" }, new[] { "double.NaN", "double.PositiveInfinity", "1e39", "-1e39", "double.Epsilon", "1e300" });
    private static readonly (string[] Usual, string[] Extreme) s_borders =
        (new[] { "0", "1", "2" }, new[] { "-1", "int.MaxValue", "int.MinValue", "100000", "7" });
    // 46341² and 65536² pass int.MaxValue; int.MaxValue² times a few channels passes long.MaxValue.
    private static readonly string[] s_windowExtremes = { "0", "-1", "int.MinValue", "int.MaxValue", "int.MaxValue", "100000", "65536", "46341", "7", "9" };
    // Argument values as (usual, extreme): an extreme one, valid or not, is drawn one time in six.
    private static readonly (string[] Usual, string[] Extreme) s_paddings =
        (new[] { "Padding.Valid", "Padding.Same" }, new[] { "Padding.Causal", "(Padding)2", "(Padding)(-1)", "(Padding)int.MaxValue", "(Padding)1", "(Padding)3" });
    private static readonly (string[] Usual, string[] Extreme) s_rates =
        (new[] { "0.0", "0.25", "0.5" }, new[] { "0", "0.999999", "0.99999999", "1", "1.0", "-0.5", "double.NaN", "double.PositiveInfinity", "double.Epsilon", "1e-300", "2" });
    private static readonly (string[] Usual, string[] Extreme) s_momenta =
        (new[] { "0.9", "0.99" }, new[] { "0", "1", "1.0", "-0.1", "1.5", "double.NaN", "double.NegativeInfinity", "1e-300" });
    private static readonly (string[] Usual, string[] Extreme) s_epsilons =
        (new[] { "1e-3", "1e-5" }, new[] { "0", "-1e-3", "double.NaN", "double.PositiveInfinity", "double.Epsilon", "1e-50", "1e39", "1e300", "1" });

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

            // Code that compiles can still carry wrong counts: every accepted network is re-derived with Keras's formulas.
            foreach (NetworkSpec spec in run.Results.Single().TrackedSteps[TrackingNames.Spec].SelectMany(s => s.Outputs).Select(o => (NetworkSpec)o.Value))
            {
                foreach (string problem in NetworkSpecInvariants.Problems(spec))
                {
                    failures.Add("accepted network departs from Keras: " + problem + "\n" + Declaration(source.ToString(), spec.TypeName));
                }
            }

            // A network with an error gets a stub (its public members, throwing) instead of code: only real code counts here.
            var generatedFiles = run.Results.Single().GeneratedSources
                .Where(s => !GeneratorHarness.IsStub(s.SyntaxTree))
                .Select(s => s.HintName.Split('.')[^3]).ToHashSet();
            // Binding generated code costs ~0.2 ms a statement here, too much for 10,000 networks in a unit test: every
            // CompileEvery-th network's generated file is compiled (semantic diagnostics), the rest are parsed only.
            foreach (SyntaxTree tree in output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)))
            {
                bool sampled = SampledForCompilation(tree.FilePath);
                IEnumerable<Diagnostic> problems = sampled ? output.GetSemanticModel(tree).GetDiagnostics() : tree.GetDiagnostics();
                foreach (Diagnostic error in problems.Where(d => d.Severity == DiagnosticSeverity.Error))
                {
                    failures.Add("generated code does not compile: " + error + "\n" + Declaration(source.ToString(), Path.GetFileName(tree.FilePath).Split('.')[^3]));
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

        // One example of each kind of failure (numbers masked), so that one frequent bug does not hide the others.
        var kinds = failures.GroupBy(f => System.Text.RegularExpressions.Regex.Replace(f.Split('\n')[0], "[0-9]+", "#")).Take(8);
        Assert.True(failures.IsEmpty, $"{failures.Count} failures, e.g.:\n" + string.Join("\n---\n", kinds.Select(k => $"[{k.Count()}×] {k.First()}")));
        Assert.Equal(Declarations, generated + rejected);
        // The mix must exercise both outcomes substantially.
        Assert.InRange(generated, Declarations / 10, Declarations - Declarations / 10);
        Assert.True(compiled >= generated / CompileEvery / 2, $"only {compiled} generated files were compiled");
    }

    /// <summary>
    /// Found by the fuzz: an epsilon that is a finite double but beyond float's range passes the check (positive and
    /// finite) and is emitted as the float literal <c>Infinity.0f</c>, a syntax error in the generated file.
    /// </summary>
    [Fact]
    public void EpsilonBeyondFloatRange_IsRejectedOrCompiles()
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze("""
            using StaticNets;
            [Input(4)]
            [BatchNormalization(Epsilon = 1e39)]
            public partial class Net { }
            """);
        Assert.Empty(generator);
        bool rejected = analyzer.Any(d => d.Severity == DiagnosticSeverity.Error);
        bool generated = GeneratorHarness.NetworkFiles(output).Any();
        Assert.True(rejected != generated, $"rejected={rejected}, generated={generated}");
        Diagnostic? error = output.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(error is null, "generated code does not compile: " + error);
    }

    /// <summary>
    /// Found by reading ShapeInference (the fuzz rarely draws it): with Padding.Same a window may exceed its input, and
    /// kh·kw·cin·filters = (2³¹−1)²·4 wraps around long, so the size checks pass and the network is generated with
    /// ParameterCount 8 (the true count is ≈1.8·10¹⁹). Its Predict crashes the test host, so this test never runs it.
    /// </summary>
    [Fact]
    public void SamePaddedKernelWhoseWeightCountOverflowsLong_IsRejected()
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze("""
            using StaticNets;
            [Input(4, 4, 1)]
            [Conv2D(4, int.MaxValue, Padding = Padding.Same)]
            public partial class Net { }
            """);
        Assert.Empty(generator);
        Assert.Contains(analyzer, d => d.Id == "SN0009");
        Assert.Empty(GeneratorHarness.NetworkFiles(output));
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
        int dims = 1;
        if (random.Next(20) != 0)
        {
            dims = random.Next(30) == 0 ? 0 : random.Next(1, 5);
            attributes.Add("[Input(" + string.Join(", ", Enumerable.Range(0, dims).Select(_ => Size(random, small: true))) + ")]");
        }

        int rank = dims;
        int layers = random.Next(0, 6);
        for (int l = 0; l < layers; l++)
        {
            attributes.Add(RandomLayer(random, ref rank));
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

    /// <summary>
    /// One layer attribute of any kind. Seven times in eight the kind fits the rank so far (tracked roughly in
    /// <paramref name="rank"/>), so that valid CNNs reach the emitter; otherwise it is any kind, to hit rank errors.
    /// </summary>
    private static string RandomLayer(Random random, ref int rank)
    {
        string[] fitting = rank switch
        {
            2 => new[] { "Dense", "Conv1D", "Conv1D", "Conv1D", "MaxPooling1D", "AveragePooling1D", "MaxPooling1D", "AveragePooling1D", "GlobalAveragePooling1D", "GlobalMaxPooling1D", "UpSampling1D", "Flatten", "Reshape", "Dropout", "BatchNormalization", "LayerNormalization", "Normalization", "Activation", "Rescaling" },
            3 => new[] { "Dense", "Conv2D", "Conv2D", "Conv2D", "MaxPooling2D", "AveragePooling2D", "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "UpSampling2D", "ZeroPadding2D", "Cropping2D", "Conv2DTranspose", "Flatten", "Reshape", "Dropout", "BatchNormalization", "LayerNormalization", "Normalization", "Activation", "Rescaling" },
            _ => new[] { "Dense", "Dense", "Flatten", "Reshape", "Dropout", "BatchNormalization", "LayerNormalization", "Normalization", "Activation", "Rescaling" },
        };
        string kind = random.Next(8) != 0 ? fitting[random.Next(fitting.Length)] : s_layerKinds[random.Next(s_layerKinds.Length)];
        rank = kind switch
        {
            "Flatten" or "GlobalAveragePooling1D" or "GlobalAveragePooling2D" or "GlobalMaxPooling1D" or "GlobalMaxPooling2D" => 1,
            "Conv1D" or "MaxPooling1D" or "AveragePooling1D" or "UpSampling1D" => 2,
            "Conv2D" or "MaxPooling2D" or "AveragePooling2D" or "UpSampling2D" or "ZeroPadding2D" or "Cropping2D" or "Conv2DTranspose" => 3,
            _ => rank,
        };
        var arguments = new List<string>();
        switch (kind)
        {
            case "Dense":
                return RandomDense(random);
            case "Conv1D":
            case "Conv2D":
            case "Conv2DTranspose":
                if (random.Next(15) == 0)
                {
                    return $"[{kind}({Size(random, small: false)})]"; // missing kernel size: a C# error
                }

                arguments.Add(Size(random, small: false));
                arguments.Add(Window(random));
                if (random.Next(2) == 0) arguments.Add(RandomActivation(random));
                if (kind != "Conv1D" && random.Next(5) == 0) arguments.Add("KernelHeight = " + Window(random));
                if (kind != "Conv1D" && random.Next(5) == 0) arguments.Add("KernelWidth = " + Window(random));
                if (kind == "Conv1D" && random.Next(3) == 0) arguments.Add("DilationRate = " + Window(random));
                if (random.Next(6) == 0) arguments.Add("UseBias = false");
                break;
            case "MaxPooling1D":
            case "MaxPooling2D":
            case "AveragePooling1D":
            case "AveragePooling2D":
                if (random.Next(4) != 0) arguments.Add(Window(random));
                break;
            case "Dropout":
                if (random.Next(20) == 0)
                {
                    return "[Dropout]"; // missing rate: a C# error
                }

                arguments.Add(Pick(random, s_rates));
                break;
            case "Activation":
                arguments.Add(RandomActivation(random));
                break;
            case "Rescaling":
                arguments.Add(Pick(random, s_scales));
                if (random.Next(2) == 0) arguments.Add(Pick(random, s_scales));
                break;
            case "UpSampling1D":
            case "UpSampling2D":
                if (random.Next(3) != 0) arguments.Add(Window(random));
                break;
            case "ZeroPadding2D":
            case "Cropping2D":
                arguments.Add(Pick(random, s_borders));
                foreach (string side in new[] { "Top", "Bottom", "Left", "Right" })
                {
                    if (random.Next(4) == 0) arguments.Add(side + " = " + Pick(random, s_borders));
                }

                break;
            case "BatchNormalization":
                if (random.Next(3) == 0) arguments.Add("Momentum = " + Pick(random, s_momenta));
                if (random.Next(3) == 0) arguments.Add("Epsilon = " + Pick(random, s_epsilons));
                break;
            case "LayerNormalization":
                if (random.Next(3) == 0) arguments.Add("Epsilon = " + Pick(random, s_epsilons));
                break;
            case "Reshape":
                // Mostly shapes that can fit any input (−1 takes the rest); sometimes random dimensions, rarely valid.
                if (random.Next(3) != 0)
                {
                    string[] fits = { "-1", "-1, 1", "1, -1", "1, 1, -1", "-1, 1, 1", "1, -1, 1, 1" };
                    string target = fits[random.Next(fits.Length)];
                    arguments.Add(target);
                    rank = target.Split(',').Length;
                    break;
                }

                int dimensions = random.Next(8) == 0 ? 0 : random.Next(1, 5);
                arguments.AddRange(Enumerable.Range(0, dimensions).Select(_ => random.Next(3) switch
                {
                    0 => "-1",
                    1 => Window(random),
                    _ => Size(random, small: true),
                }));
                if (random.Next(10) == 0 && arguments.Count > 0) arguments = new List<string> { "new[] { " + string.Join(", ", arguments) + " }" };
                rank = dimensions;
                break;
        }

        if (kind.StartsWith("Conv", StringComparison.Ordinal) || kind.Contains("Pooling", StringComparison.Ordinal) && !kind.StartsWith("Global", StringComparison.Ordinal))
        {
            if (random.Next(3) == 0) arguments.Add("Strides = " + Window(random));
            if (kind.EndsWith("2D", StringComparison.Ordinal) && random.Next(5) == 0) arguments.Add("StridesHeight = " + Window(random));
            if (kind.EndsWith("2D", StringComparison.Ordinal) && random.Next(5) == 0) arguments.Add("StridesWidth = " + Window(random));
            if (random.Next(2) == 0) arguments.Add("Padding = " + (kind == "Conv1D" && random.Next(3) == 0 ? "Padding.Causal" : Pick(random, s_paddings)));
        }

        if (random.Next(10) == 0) arguments.Add("Name = " + (random.Next(3) switch { 0 => "\"\"", 1 => "\"conv2d_1\"", _ => "\"layer\"" }));
        return arguments.Count == 0 && random.Next(2) == 0 ? $"[{kind}]" : $"[{kind}({string.Join(", ", arguments)})]";
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
            arguments.Add(RandomActivation(random));
        }

        if (random.Next(6) == 0) arguments.Add("UseBias = " + (random.Next(2) == 0 ? "false" : "true"));
        if (random.Next(8) == 0) arguments.Add("Name = " + (random.Next(4) switch { 0 => "\"\"", 1 => "\"dense_1\"", 2 => "\"layer\"", _ => "\"x y\\\"z\"" }));
        return "[Dense(" + string.Join(", ", arguments) + ")]";
    }

    private static string RandomActivation(Random random) => random.Next(15) == 0
        ? $"(Activation){random.Next(-3, 25)}"
        : "Activation." + Enum.GetNames<Activation>()[random.Next(Enum.GetNames<Activation>().Length)];

    private static string Pick(Random random, (string[] Usual, string[] Extreme) values) => random.Next(6) == 0
        ? values.Extreme[random.Next(values.Extreme.Length)]
        : values.Usual[random.Next(values.Usual.Length)];

    /// <summary>A kernel, pool or stride size: mostly small, sometimes 0, negative or huge.</summary>
    private static string Window(Random random) => random.Next(6) == 0
        ? s_windowExtremes[random.Next(s_windowExtremes.Length)]
        : random.Next(1, 6).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Size(Random random, bool small) => random.Next(small ? 3 : 4) == 0
        ? s_sizes[random.Next(s_sizes.Length)]
        : random.Next(1, small ? 40 : 70).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
