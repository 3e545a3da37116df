using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StaticNets.Generator.Tests;

/// <summary>The pipeline caches: unchanged or unrelated edits re-run nothing, and no Roslyn object is held.</summary>
public class IncrementalTests
{
    private static readonly string[] s_trackedSteps = { TrackingNames.Parse, TrackingNames.Spec };

    [Fact]
    public void SecondRun_OnTheSameCompilation_IsCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Models.Tiny, Models.Large);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.Clone());
        AssertAllCached(driver.GetRunResult().Results.Single());
    }

    [Fact]
    public void UnrelatedEdit_DoesNotReEmit()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Models.Tiny, "class Other { int x; }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree other = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            other, CSharpSyntaxTree.ParseText("class Other { int x; int y; }", GeneratorHarness.ParseOptions, other.FilePath));
        driver = driver.RunGenerators(edited);
        AssertAllCached(driver.GetRunResult().Results.Single());
    }

    [Fact]
    public void WhitespaceEditInTheModelFile_ReParsesButDoesNotReEmit()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Models.Tiny);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree model = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            model, CSharpSyntaxTree.ParseText("// a comment\n" + Models.Tiny, GeneratorHarness.ParseOptions, model.FilePath));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.All(run.TrackedSteps[TrackingNames.Spec].SelectMany(s => s.Outputs),
            o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void ChangedLayer_ReEmits()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Models.Tiny);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree model = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            model, CSharpSyntaxTree.ParseText(Models.Tiny.Replace("Dense(2,", "Dense(3,"), GeneratorHarness.ParseOptions, model.FilePath));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.Contains(run.TrackedSteps[TrackingNames.Spec].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Cnn_UnrelatedEdit_IsCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Models.Cnn, "class Other { int x; }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources); // the CNN is valid and generated
        SyntaxTree other = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            other, CSharpSyntaxTree.ParseText("class Other { int x; int y; }", GeneratorHarness.ParseOptions, other.FilePath));
        driver = driver.RunGenerators(edited);
        AssertAllCached(driver.GetRunResult().Results.Single());
    }

    [Theory]
    [InlineData("Conv2D(6, 3, UseBias = false)", "Conv2D(7, 3, UseBias = false)")]                // filters
    [InlineData("Conv2D(6, 3, UseBias = false)", "Conv2D(6, 3, UseBias = true)")]                 // a named argument
    [InlineData("Conv2D(4, 3, Activation.Relu,", "Conv2D(4, 3, Activation.Tanh,")]                // activation only: same shapes
    [InlineData("Strides = 2, Padding = Padding.Same)", "Strides = 2, Padding = Padding.Valid)")] // padding: other shapes downstream
    public void Cnn_ChangedConvolutionArgument_ReEmits(string before, string after)
    {
        string changed = Models.Cnn.Replace(before, after, StringComparison.Ordinal);
        Assert.NotEqual(Models.Cnn, changed); // the edit must hit the model
        CSharpCompilation compilation = GeneratorHarness.Compile(Models.Cnn);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        string first = GeneratorHarness.GeneratedText(driver.GetRunResult());
        SyntaxTree model = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            model, CSharpSyntaxTree.ParseText(changed, GeneratorHarness.ParseOptions, model.FilePath));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.Contains(run.TrackedSteps[TrackingNames.Spec].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.NotEqual(first, GeneratorHarness.GeneratedText(driver.GetRunResult()));
    }

    [Fact]
    public void PipelineOutputs_HoldNoRoslynObjects()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Models.Tiny, Models.Nested, """
            using StaticNets;
            [Input(0)]
            [Dense(1)]
            public partial class Broken { }
            """);
        GeneratorRunResult run = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
        int visited = 0;
        foreach (string step in new[] { TrackingNames.Parse, TrackingNames.Spec, TrackingNames.Diagnostics })
        {
            foreach (IncrementalGeneratorRunStep runStep in run.TrackedSteps.TryGetValue(step, out var steps) ? steps : [])
            {
                foreach ((object value, _) in runStep.Outputs)
                {
                    AssertNoRoslynTypes(value, new HashSet<object>(ReferenceEqualityComparer.Instance), ref visited);
                }
            }
        }

        Assert.True(visited > 20, "the walk should have visited the models");
    }

    private static void AssertAllCached(GeneratorRunResult run)
    {
        foreach (string step in s_trackedSteps)
        {
            Assert.All(run.TrackedSteps[step].SelectMany(s => s.Outputs),
                o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        }

        Assert.NotEmpty(run.TrackedOutputSteps);
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    /// <summary>Walks fields recursively; any type from a Microsoft.CodeAnalysis assembly fails the test.</summary>
    private static void AssertNoRoslynTypes(object? value, HashSet<object> seen, ref int visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        visited++;
        Type type = value.GetType();
        Assert.False(type.Assembly.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal),
            $"{type.FullName} is a Roslyn type held by the pipeline");
        if (value is IEnumerable sequence)
        {
            foreach (object? item in sequence)
            {
                AssertNoRoslynTypes(item, seen, ref visited);
            }
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynTypes(field.GetValue(value), seen, ref visited);
        }
    }
}
