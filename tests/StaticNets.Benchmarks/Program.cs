using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using StaticNets.Benchmarks;

// StaticNets performance comparison; see README.md. Order: agreement check (fails loudly), interleaved
// side-by-side timing, BenchmarkDotNet (allocations, absolute medians), then the combined report.
//   --pytorch FILE     PyTorch results from pytorch_bench.py, to include in the report
//   --pytorch-script F pytorch_bench.py: with --pytorch, PyTorch also joins the interleaved rounds (--serve)
//   --python PATH      interpreter for the script (default /usr/bin/python3)
//   --report FILE      also write the report (Markdown) to FILE
//   --rounds N         interleaved rounds (default 31); --no-interleaved, --no-bdn skip a part
//   --clock cpu|wall   clock of the interleaved rounds (default cpu: thread CPU time, see CpuClock)
//   --groups A,B       interleave only the groups whose names contain one of these (case-insensitive), e.g.
//                      --groups fashion for the Fashion-MNIST epoch alone
//   anything else      passed to BenchmarkDotNet (default --filter '*')
// `recurrent [options]` as the first argument runs the recurrent suite instead (Recurrent/RecurrentSuite.cs).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "recurrent")
{
    // The recurrent benchmarks (LSTM/GRU against RTNeural, ONNX Runtime, PyTorch): run_recurrent.sh, Recurrent/RecurrentSuite.cs.
    return StaticNets.Benchmarks.Recurrent.RecurrentSuite.Run(args[1..]);
}

var bdnArgs = new List<string>();
string? pytorchPath = null, reportPath = null, pytorchScript = null;
string python = "/usr/bin/python3";
int rounds = 31;
bool interleaved = true, bdn = true;
string[]? groups = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--pytorch": pytorchPath = args[++i]; break;
        case "--report": reportPath = args[++i]; break;
        case "--pytorch-script": pytorchScript = args[++i]; break;
        case "--python": python = args[++i]; break;
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--no-interleaved": interleaved = false; break;
        case "--clock": CpuClock.UseCpuTime = args[++i] == "cpu"; break;
        case "--no-bdn": bdn = false; break;
        case "--groups": groups = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
        default: bdnArgs.Add(args[i]); break;
    }
}

if (!bdnArgs.Any(a => a is "--filter" or "-f")) bdnArgs.AddRange(new[] { "--filter", "*" });

Console.WriteLine($"# StaticNets benchmarks — {MachineInfo.Describe()}");
Console.WriteLine($"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}; .NET {Environment.Version}");
Console.WriteLine();
Console.WriteLine("## Agreement check (before timing; tolerance 1e-4 × max(1, |expected|))");
try
{
    AgreementCheck.Run(Console.Out);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"AGREEMENT CHECK FAILED: {e.Message}");
    return 1;
}

Console.WriteLine();
PeerResults torch = pytorchPath is null ? PeerResults.Empty : PeerResults.Read(pytorchPath);
IReadOnlyList<InterleavedComparison.Result> interleavedResults = Array.Empty<InterleavedComparison.Result>();
var rooflineText = new StringWriter();
if (interleaved)
{
    Console.WriteLine($"Interleaved timing: {rounds} rounds ({InterleavedSuite.FashionEpochRounds} for the Fashion-MNIST epoch), {(CpuClock.UseCpuTime ? "thread CPU time (two-thread members: wall time)" : "wall time")} ... (load before: {MachineInfo.LoadAverage()})");
    using var servers = pytorchScript is null || pytorchPath is null ? null : new PyTorchServers(python, pytorchScript, CpuClock.UseCpuTime);
    Func<string, bool>? include = groups is null ? null : name => groups.Any(g => name.Contains(g, StringComparison.OrdinalIgnoreCase));
    if (groups is not null && !InterleavedSuite.GroupNames.Any(include!))
    {
        Console.Error.WriteLine($"--groups {string.Join(',', groups)} matches no group; the groups are: {string.Join("; ", InterleavedSuite.GroupNames)}");
        return 2;
    }

    InterleavedComparison comparison = InterleavedSuite.Build(out IDisposable resources, servers, torch, include);
    using (resources)
    {
        interleavedResults = comparison.Measure(rounds, sliceMs: 10);
    }

    if (include is null || include(InterleavedSuite.GroupNames[7]) || include(InterleavedSuite.GroupNames[8]))
    {
        Console.WriteLine($"Convolution layers against the FMA peak ... (load before: {MachineInfo.LoadAverage()})");
        ConvolutionRoofline.Write(rooflineText, CnnShape.Fashion);
    }
}

var bdnNs = new Dictionary<string, double>();
var bdnAllocated = new Dictionary<string, long?>();
if (bdn)
{
    Console.WriteLine($"BenchmarkDotNet: {string.Join(' ', bdnArgs)} (load before: {MachineInfo.LoadAverage()})");
    IEnumerable<Summary> summaries = BenchmarkSwitcher
        .FromTypes(new[] { typeof(NetABenchmarks), typeof(NetBBenchmarks), typeof(TrainingBenchmarks) })
        .Run(bdnArgs.ToArray(), ShortRunConfig.Create());
    foreach (Summary summary in summaries)
    {
        foreach (BenchmarkReport report in summary.Reports)
        {
            var descriptor = report.BenchmarkCase.Descriptor;
            string? key = ResultKeys.FromBenchmark(descriptor.Type.Name, descriptor.WorkloadMethod.Name);
            if (key is null || report.ResultStatistics is null) continue;
            bdnNs[key] = report.ResultStatistics.Median;
            bdnAllocated[key] = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        }
    }
}

var text = new StringWriter();
text.WriteLine($"# StaticNets benchmarks — {MachineInfo.Describe()} (load after: {MachineInfo.LoadAverage()})");
text.WriteLine();
new ResultsReport(bdnNs, bdnAllocated, interleavedResults, torch).Write(text);
text.Write(rooflineText.ToString());
Console.WriteLine();
Console.Write(text.ToString());
if (reportPath is not null) File.WriteAllText(reportPath, text.ToString());
return 0;
