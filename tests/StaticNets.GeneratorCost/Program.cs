using System.Diagnostics;
using System.Text;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generator;

// The generator's cost on a fixed set of models: its own time (median and minimum of warm runs, as the driver times
// it), the size of what it writes, and the time the compiler then needs for that code. Numbers move with the
// machine's load (the minimum least), so compare two builds in the same session, one after the other.
int rounds = args.Length > 0 ? int.Parse(args[0]) : 15;
MetadataReference[] references = Net80.References.All
    .Append(MetadataReference.CreateFromFile(typeof(StaticNets.INetwork).Assembly.Location))
    .ToArray();
var parse = new CSharpParseOptions(LanguageVersion.CSharp12);

Console.WriteLine($"{"model",-14} {"lines",8} {"KB",8} {"generator ms",13} {"(minimum)",10} {"compile ms",11}");
double totalGenerator = 0, totalMinimum = 0, totalCompile = 0;
long totalLines = 0, totalBytes = 0;
foreach ((string name, string source) in CostModels.All)
{
    CSharpCompilation compilation = CSharpCompilation.Create(
        name, [CSharpSyntaxTree.ParseText(source, parse, path: name + ".cs", encoding: Encoding.UTF8)], references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
    var generatorTimes = new List<double>();
    var compileTimes = new List<double>();
    int lines = 0, bytes = 0;
    for (int r = 0; r < rounds; r++)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var diagnostics);
        generatorTimes.Add(driver.GetTimingInfo().ElapsedTime.TotalMilliseconds);
        GeneratedSourceResult[] sources = driver.GetRunResult().Results.Single().GeneratedSources.ToArray();
        if (diagnostics.Length > 0 || sources.Length != 1)
        {
            throw new InvalidOperationException($"{name}: {string.Join("; ", diagnostics)}");
        }

        lines = sources[0].SourceText.Lines.Count;
        bytes = Encoding.UTF8.GetByteCount(sources[0].SourceText.ToString());
        if (r < 3)
        {
            var clock = Stopwatch.StartNew();
            using var stream = new MemoryStream();
            var emitted = output.Emit(stream);
            compileTimes.Add(clock.Elapsed.TotalMilliseconds);
            if (!emitted.Success)
            {
                throw new InvalidOperationException($"{name}: {string.Join("; ", emitted.Diagnostics.Take(3))}");
            }
        }
    }

    double generator = Median(generatorTimes), minimum = generatorTimes.Min(), compile = Median(compileTimes);
    totalGenerator += generator;
    totalMinimum += minimum;
    totalCompile += compile;
    totalLines += lines;
    totalBytes += bytes;
    Console.WriteLine($"{name,-14} {lines,8:N0} {bytes / 1024.0,8:F1} {generator,13:F2} {minimum,10:F2} {compile,11:F0}");
}

Console.WriteLine($"{"total",-14} {totalLines,8:N0} {totalBytes / 1024.0,8:F1} {totalGenerator,13:F2} {totalMinimum,10:F2} {totalCompile,11:F0}");

static double Median(List<double> values)
{
    values.Sort();
    return values[values.Count / 2];
}
