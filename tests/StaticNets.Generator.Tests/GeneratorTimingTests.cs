using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace StaticNets.Generator.Tests;

/// <summary>
/// Fifty networks in one project: they all build, and the generator's own time (the driver's timing info) is written
/// to the test output for the record. Timings vary with the machine, so nothing here asserts on them.
/// </summary>
public class GeneratorTimingTests(ITestOutputHelper output)
{
    [Fact]
    public void FiftyModels_Build_AndGeneratorTimeIsReported()
    {
        var random = new Random(50);
        var source = new System.Text.StringBuilder("using StaticNets;\nnamespace Fifty;\n");
        for (int m = 0; m < 50; m++)
        {
            source.Append("[Input(").Append(random.Next(1, 800)).Append(")]\n");
            int layers = random.Next(1, 6);
            for (int l = 0; l < layers; l++)
            {
                source.Append("[Dense(").Append(random.Next(1, 300)).Append(", Activation.")
                    .Append(Enum.GetNames<Activation>()[random.Next(17)]).Append(")]\n");
            }

            source.Append("public partial class Model").Append(m).Append(" { }\n");
        }

        var compilation = GeneratorHarness.Compile(source.ToString());
        GeneratorDriver driver = GeneratorHarness.CreateDriver();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation first, out ImmutableArray<Diagnostic> diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(50, driver.GetRunResult().Results.Single().GeneratedSources.Length);
        Assert.Empty(first.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        TimeSpan cold = driver.GetTimingInfo().ElapsedTime;

        // A second, warm run on a fresh compilation of the same text: the parse and emit work without JIT warm-up.
        var again = GeneratorHarness.Compile(source.ToString());
        GeneratorDriver warm = GeneratorHarness.CreateDriver().RunGenerators(again);
        TimeSpan warmTime = warm.GetTimingInfo().ElapsedTime;
        int lines = driver.GetRunResult().Results.Single().GeneratedSources.Sum(s => s.SourceText.Lines.Count);
        output.WriteLine($"50 models, {lines:N0} generated lines: generator {cold.TotalMilliseconds:F1} ms cold ({cold.TotalMilliseconds / 50:F2} ms/model), {warmTime.TotalMilliseconds:F1} ms warm ({warmTime.TotalMilliseconds / 50:F2} ms/model)");
    }
}
