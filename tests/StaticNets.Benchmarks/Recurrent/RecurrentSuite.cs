using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace StaticNets.Benchmarks.Recurrent;

/// <summary>
/// The recurrent benchmarks (<c>StaticNets.Benchmarks recurrent</c>; <c>run_recurrent.sh</c> builds and runs
/// everything). In order:
/// <list type="number">
/// <item>writes the cases (<see cref="RecurrentCase.All"/>) to <c>OUT/cases</c>, and the C# double reference's
/// outputs to <c>OUT/outputs</c>;</item>
/// <item>agreement check, before any timing: StaticNets (<see cref="StaticNetsRecurrent"/>, when plugged in), naive
/// C# loops (<see cref="NaiveRecurrent"/>), ONNX Runtime (in process), RTNeural (each backend's <c>check</c>), PyTorch (<c>recurrent_pytorch.py --check</c>)
/// against the double reference within <see cref="AgreementCheck.Tolerance"/> × max(1, |expected|); then
/// <c>recurrent_reference.py</c> compares every output file with its own NumPy float64 reference, and fails the run
/// if the two double references differ;</item>
/// <item>interleaved rounds (<see cref="InterleavedComparison"/>, thread CPU time; two-thread members on the wall
/// clock), RTNeural and PyTorch joining through <see cref="PeerServer"/>s;</item>
/// <item>the report: agreement, times, and each recurrent target with the bar it sets for StaticNets from the
/// peers' figures (and the ratio once StaticNets is measured).</item>
/// </list>
/// </summary>
public static class RecurrentSuite
{
    /// <summary>Implementation names in result keys <c>{case}.{kind}.{implementation}</c>.</summary>
    public const string StaticNets = "StaticNets", StaticNets2 = "StaticNets-2t", Naive = "Naive", Ort = "ORT", Ort2 = "ORT-2t",
        PyTorch = "PyTorch", PyTorch2 = "PyTorch-2t", RtneuralPrefix = "RTNeural-";

    /// <summary>RTNeural's backends, each its own build of rtneural_bench.cpp.</summary>
    public static readonly string[] RtneuralBackends = ["eigen", "xsimd", "stl"];

    private sealed record Options(string Out, string? RtneuralDir, string? PytorchScript, string? ReferenceScript, string Python,
        int Rounds, bool Interleaved, bool AllowDisagreement, string? ReportPath);

    /// <summary>Entry point: <c>recurrent [options]</c>; see run_recurrent.sh and the benchmark README.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        string root = FindRoot();
        string here = Path.Combine(root, "tests", "StaticNets.Benchmarks");
        var o = new Options(Path.Combine(root, "BenchmarkDotNet.Artifacts", "recurrent"), null,
            Path.Combine(here, "recurrent_pytorch.py"), Path.Combine(here, "recurrent_reference.py"), "/usr/bin/python3", 31, true, false, null);
        bool writeOnly = false;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--out": o = o with { Out = args[++i] }; break;
                case "--rtneural": o = o with { RtneuralDir = args[++i] }; break;
                case "--pytorch-script": o = o with { PytorchScript = args[++i] }; break;
                case "--no-pytorch": o = o with { PytorchScript = null }; break;
                case "--reference-script": o = o with { ReferenceScript = args[++i] }; break;
                case "--python": o = o with { Python = args[++i] }; break;
                case "--rounds": o = o with { Rounds = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--no-interleaved": o = o with { Interleaved = false }; break;
                case "--allow-disagreement": o = o with { AllowDisagreement = true }; break;
                case "--clock": CpuClock.UseCpuTime = args[++i] == "cpu"; break;
                case "--report": o = o with { ReportPath = args[++i] }; break;
                case "--write-cases": writeOnly = true; break;
                default:
                    Console.Error.WriteLine($"recurrent: unknown option {args[i]} (see RecurrentSuite.cs)");
                    return 2;
            }
        }

        string caseDir = Path.Combine(o.Out, "cases"), outDir = Path.Combine(o.Out, "outputs");
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        Directory.CreateDirectory(outDir);
        IReadOnlyList<RecurrentCase> cases = RecurrentCase.All();
        foreach (RecurrentCase c in cases)
        {
            c.Write(caseDir);
            RecurrentCase.WriteOutputs(Path.Combine(outDir, $"{c.Name}.reference-csharp.out.txt"), "C# double reference (ReferenceRecurrent)", ReferenceRecurrent.Outputs(c));
            if (c.TrainingLabels is not null)
            {
                RecurrentCase.WriteOutputs(Path.Combine(outDir, $"{c.Name}.reference-csharp.loss.txt"), "C# double reference, mean softmax cross-entropy", [ReferenceRecurrent.TrainingLoss(c)]);
            }
        }

        Console.WriteLine($"cases in {caseDir}");
        if (writeOnly) return 0;

        var report = new StringWriter();
        report.WriteLine($"# StaticNets recurrent benchmarks — {MachineInfo.Describe()}");
        report.WriteLine();
        using var owned = new Owned();
        var members = new Dictionary<string, (RecurrentCase Case, string Kind, List<InterleavedComparison.Member> List)>();
        var agreement = new List<string>();
        bool failed = false;

        void Check(RecurrentCase c, string impl, ReadOnlySpan<float> actual, double[] expected)
        {
            (double abs, double scaled, int at) = Diff(actual, expected);
            bool ok = scaled <= AgreementCheck.Tolerance && actual.Length == expected.Length;
            agreement.Add(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2} | {3:E2} | {4:E2} | {5} |", c.Name, impl, actual.Length, abs, scaled, ok ? "yes" : "**NO**"));
            if (!ok)
            {
                Console.Error.WriteLine($"AGREEMENT: {c.Name} {impl} output {at} is {(at < actual.Length ? actual[at] : float.NaN)}, the double reference {expected[Math.Min(at, expected.Length - 1)]} (max scaled diff {scaled:E2})");
                failed = true;
            }
        }

        // StaticNets (once plugged in) and ONNX Runtime, in process.
        var plugged = new List<string>();
        foreach (RecurrentCase c in cases)
        {
            double[] expected = ReferenceRecurrent.Outputs(c);
            RecurrentMember? sn = c.Streams ? StaticNetsRecurrent.Stream(c) : StaticNetsRecurrent.Sequence(c, threads: 1);
            string kind = c.Streams ? "step" : "single";
            var list = new List<InterleavedComparison.Member>();
            members[$"{c.Name}.{kind}"] = (c, kind, list);
            if (sn is not null)
            {
                plugged.Add($"{c.Name}.{kind}");
                Check(c, StaticNets, sn.Outputs, expected);
                RecurrentCase.WriteOutputs(Path.Combine(outDir, $"{c.Name}.staticnets.out.txt"), "StaticNets", sn.Outputs.Select(v => (double)v));
                list.Add(new($"{c.Name}.{kind}.{StaticNets}", "StaticNets", sn.Run));
                if (!c.Streams && StaticNetsRecurrent.Sequence(c, threads: 2) is { } sn2)
                {
                    Check(c, "StaticNets, 2 threads", sn2.Outputs, expected);
                    list.Add(new($"{c.Name}.{kind}.{StaticNets2}", "StaticNets, 2 threads (wall clock)", sn2.Run, TwoThreads: true));
                }
            }

            var naive = new NaiveRecurrent(c);
            float[] naiveOutputs = naive.Outputs();
            Check(c, "naive C#", naiveOutputs, expected);
            RecurrentCase.WriteOutputs(Path.Combine(outDir, $"{c.Name}.naive.out.txt"), "naive C# loops (NaiveRecurrent)", naiveOutputs.Select(v => (double)v));
            var naiveY = new float[c.Outputs];
            list.Add(new($"{c.Name}.{kind}.{Naive}", "naive C# loops", c.Streams
                ? reps => { for (int i = 0; i < reps; i++) naive.StepSignal(naiveY); }
                : reps => { for (int i = 0; i < reps; i++) naive.Predict(c.Input, naiveY); }));

            foreach (int threads in c.Streams ? new[] { 1 } : new[] { 1, 2 })
            {
                OrtRecurrent ort = owned.Add(c.Streams ? OrtRecurrent.ForStep(c, threads) : OrtRecurrent.ForSequence(c, threads));
                float[] outputs = ort.Outputs();
                string impl = threads == 1 ? Ort : Ort2;
                Check(c, $"ONNX Runtime, {threads} thread{(threads > 1 ? "s" : "")}", outputs, expected);
                RecurrentCase.WriteOutputs(Path.Combine(outDir, $"{c.Name}.ort-{threads}t.out.txt"), $"ONNX Runtime, {threads} intra-op thread(s)", outputs.Select(v => (double)v));
                list.Add(new($"{c.Name}.{kind}.{impl}", $"ONNX Runtime, {threads} thread{(threads > 1 ? "s (wall clock)" : "")}",
                    reps => { for (int i = 0; i < reps; i++) ort.Run(); }, TwoThreads: threads > 1));
            }

            if (c.TrainingLabels is not null)
            {
                var train = new List<InterleavedComparison.Member>();
                members[$"{c.Name}.train"] = (c, "train", train);
                double loss = ReferenceRecurrent.TrainingLoss(c);
                foreach (int threads in new[] { 1, 2 })
                {
                    RecurrentMember? snTrain = StaticNetsRecurrent.Train(c, threads);
                    if (snTrain is null) continue;
                    plugged.Add($"{c.Name}.train ({threads} thread{(threads > 1 ? "s" : "")})");
                    Check(c, $"StaticNets first training loss, {threads} thread(s)", [snTrain.FirstLoss], [loss]);
                    if (threads == 1) RecurrentCase.WriteOutputs(Path.Combine(outDir, $"{c.Name}.staticnets.loss.txt"), "StaticNets first training loss", [snTrain.FirstLoss]);
                    train.Add(new($"{c.Name}.train.{(threads == 1 ? StaticNets : StaticNets2)}", $"StaticNets, TrainingThreads = {threads}{(threads > 1 ? " (wall clock)" : "")}", snTrain.Run, TwoThreads: threads > 1));
                }
            }
        }

        // RTNeural: one binary per backend.
        var rtneural = new List<string>();
        var builds = new List<string>();
        if (o.RtneuralDir is not null)
        {
            foreach (string backend in RtneuralBackends)
            {
                string binary = Path.Combine(o.RtneuralDir, $"rtneural_bench_{backend}");
                if (!File.Exists(binary))
                {
                    Console.WriteLine($"RTNeural {backend}: no {binary} (Rtneural/build.sh builds it)");
                    continue;
                }

                (_, string checkOutput) = RunProcess(binary, ["check", caseDir, outDir]);
                builds.AddRange(checkOutput.Split('\n').Where(l => l.StartsWith("RTNeural", StringComparison.Ordinal)).Select(l => "- " + l.Trim()));
                foreach (RecurrentCase c in cases.Where(c => c.Streams))
                {
                    string path = Path.Combine(outDir, $"{c.Name}.rtneural-{backend}.out.txt");
                    if (!File.Exists(path)) continue;
                    float[] outputs = RecurrentCase.ReadOutputs(path).Select(v => (float)v).ToArray();
                    Check(c, $"RTNeural {backend}", outputs, ReferenceRecurrent.Outputs(c));
                }

                rtneural.Add(backend);
            }

            string flags = Path.Combine(o.RtneuralDir, "flags.txt");
            if (File.Exists(flags)) report.WriteLine($"RTNeural: compile-time API (`ModelT`), built with `g++ {File.ReadAllText(flags).Trim()}` (Rtneural/build.sh), one binary per backend:");
            foreach (string line in builds) report.WriteLine(line);
        }

        // PyTorch: outputs of every measure, and the first training loss.
        bool pytorch = o.PytorchScript is not null && File.Exists(o.PytorchScript);
        if (pytorch)
        {
            (_, string checkOutput) = RunProcess(o.Python, [o.PytorchScript!, "--check", caseDir, outDir], environment: PyTorchEnvironment);
            foreach (string line in checkOutput.Split('\n').Where(l => l.StartsWith("PyTorch", StringComparison.Ordinal))) report.WriteLine(line.Trim());
            foreach (RecurrentCase c in cases)
            {
                float[] outputs = RecurrentCase.ReadOutputs(Path.Combine(outDir, $"{c.Name}.pytorch.out.txt")).Select(v => (float)v).ToArray();
                Check(c, "PyTorch", outputs, ReferenceRecurrent.Outputs(c));
                string lossPath = Path.Combine(outDir, $"{c.Name}.pytorch.loss.txt");
                if (c.TrainingLabels is not null && File.Exists(lossPath))
                {
                    Check(c, "PyTorch first training loss", [(float)RecurrentCase.ReadOutputs(lossPath)[0]], [ReferenceRecurrent.TrainingLoss(c)]);
                }
            }
        }

        report.WriteLine();
        report.WriteLine($"## Agreement with the C# double-precision reference (before timing; tolerance {AgreementCheck.Tolerance} × max(1, |expected|))");
        report.WriteLine();
        report.WriteLine("Streaming cases: every output of the 4,096-step signal from a zero state; Fashion LSTM: the 10 probabilities of one sample, and the first training step's loss.");
        report.WriteLine();
        report.WriteLine("| case | implementation | values | max abs diff | max scaled diff | within tolerance |");
        report.WriteLine("|---|---|---:|---:|---:|---|");
        foreach (string line in agreement) report.WriteLine(line);
        if (o.ReferenceScript is not null && File.Exists(o.ReferenceScript))
        {
            report.WriteLine();
            report.WriteLine("Independent check: `recurrent_reference.py` (NumPy float64, written from Keras's definitions separately) against every output file:");
            report.WriteLine();
            (int status, string table) = RunProcess(o.Python, [o.ReferenceScript, caseDir, outDir, "--tolerance", AgreementCheck.Tolerance.ToString("R", CultureInfo.InvariantCulture)], throwOnError: false);
            report.Write(table);
            if (status != 0)
            {
                Console.Error.WriteLine("recurrent_reference.py: the C# and NumPy double references disagree");
                failed = true;
            }
        }

        Console.Write(report.ToString());
        report.GetStringBuilder().Clear();
        if (failed && !o.AllowDisagreement)
        {
            Console.Error.WriteLine("AGREEMENT CHECK FAILED (--allow-disagreement times them anyway)");
            return 1;
        }

        if (!o.Interleaved) return 0;

        // Peers in their own processes.
        var servers = new Dictionary<string, PeerServer>();
        PeerServer Server(string name, Func<PeerServer> start)
        {
            if (!servers.TryGetValue(name, out PeerServer? server))
            {
                server = owned.Add(start());
                servers[name] = server;
            }

            return server;
        }

        string clock = CpuClock.UseCpuTime ? "cpu" : "wall";
        foreach (RecurrentCase c in cases.Where(c => c.Streams))
        {
            var list = members[$"{c.Name}.step"].List;
            foreach (string backend in rtneural)
            {
                string measure = $"{c.Name}.step";
                list.Add(new($"{c.Name}.step.{RtneuralPrefix}{backend}", $"RTNeural {backend}", null,
                    SelfTimedNs: reps => Server("rtneural-" + backend, () => new PeerServer(Path.Combine(o.RtneuralDir!, $"rtneural_bench_{backend}"), ["serve", caseDir, "--clock", clock])).Run(measure, reps)));
            }
        }

        if (pytorch)
        {
            foreach ((string key, (RecurrentCase c, string kind, List<InterleavedComparison.Member> list)) in members)
            {
                foreach (int threads in c.Streams ? new[] { 1 } : new[] { 1, 2 })
                {
                    string measure = $"{c.Name}.{kind}";
                    // One thread on the CPU-time clock like the C# members; two threads on the wall clock, like every two-thread member.
                    string serverClock = threads == 1 ? clock : "wall";
                    // OMP_WAIT_POLICY=PASSIVE: with OpenMP's default spin-waiting, a two-thread training step on these loaded
                    // 2-core machines took 600 ms of CPU time instead of 15 ms (the idle thread spins at every barrier).
                    var env = new Dictionary<string, string?>(PyTorchEnvironment) { ["OMP_NUM_THREADS"] = $"{threads}", ["OPENBLAS_NUM_THREADS"] = $"{threads}", ["OMP_WAIT_POLICY"] = "PASSIVE" };
                    list.Add(new($"{key}.{(threads == 1 ? PyTorch : PyTorch2)}", threads == 1 ? "PyTorch, 1 thread" : "PyTorch, 2 threads (wall clock)", null,
                        SelfTimedNs: reps => Server($"pytorch-{threads}", () => new PeerServer(o.Python, [o.PytorchScript!, "--serve", $"{threads}", "--cases", caseDir, "--clock", serverClock], env)).Run(measure, reps)));
                }
            }
        }

        var comparison = new InterleavedComparison();
        report.WriteLine($"ONNX Runtime {typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version}: graphs built in memory (OnnxRecurrentBuilder), sequential, IOBinding; the streamed step passes h/c in and out through two bindings with swapped buffers.");
        report.WriteLine();
        foreach ((string key, (RecurrentCase c, string kind, List<InterleavedComparison.Member> list)) in members)
        {
            if (list.Count == 0) continue;
            comparison.Add(GroupName(c, kind), list.ToArray(), minReps: kind == "train" ? InterleavedComparison.TrainingStepsPerRound : 1);
        }

        Console.WriteLine();
        Console.WriteLine($"Interleaved timing: {o.Rounds} rounds, {(CpuClock.UseCpuTime ? "thread CPU time (two-thread members: wall time)" : "wall time")} ... (load before: {MachineInfo.LoadAverage()})");
        IReadOnlyList<InterleavedComparison.Result> results = comparison.Measure(o.Rounds, sliceMs: 10);
        WriteTimes(report, cases, results, plugged, rtneural);
        string text = report.ToString();
        Console.WriteLine();
        Console.Write(text);
        if (o.ReportPath is not null) File.WriteAllText(o.ReportPath, text);
        return 0;
    }

    private static string GroupName(RecurrentCase c, string kind) => kind switch
    {
        "step" => $"{Describe(c)}: one streamed step",
        "single" => $"{Describe(c)}: one sample",
        _ => $"{Describe(c)}: training step (batch {c.TrainingBatchSize}, Adam, softmax cross-entropy)",
    };

    private static string Describe(RecurrentCase c)
        => $"{c.Cell.ToUpperInvariant()}({c.Units}) → Dense({c.Outputs}{(c.Softmax ? ", softmax" : "")}), {c.Features} feature{(c.Features > 1 ? "s" : "")}{(c.Streams ? "" : $" × {c.Steps} steps")}";

    private static void WriteTimes(TextWriter o, IReadOnlyList<RecurrentCase> cases, IReadOnlyList<InterleavedComparison.Result> results, List<string> plugged, List<string> rtneural)
    {
        var byKey = results.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First());
        bool peersOnly = plugged.Count == 0;
        o.WriteLine(peersOnly
            ? "## Recurrent benchmarks — PEERS ONLY (StaticNets' recurrent networks are not plugged in yet: Recurrent/StaticNetsRecurrent.cs)"
            : $"## Recurrent benchmarks (StaticNets plugged in for: {string.Join(", ", plugged)})");
        o.WriteLine();
        o.WriteLine($"Medians over the interleaved rounds (minimum in parentheses), {(CpuClock.UseCpuTime ? "thread CPU time; two-thread members on the wall clock" : "wall clock")}; per streamed step, per sample, or per training step.");
        o.WriteLine();
        var columns = new List<(string Impl, string Title)> { (StaticNets, "StaticNets"), (StaticNets2, "StaticNets 2 threads") };
        columns.Add((Naive, "naive C# loops"));
        columns.AddRange(rtneural.Select(b => (RtneuralPrefix + b, $"RTNeural {b}")));
        columns.AddRange([(Ort, "ONNX Runtime 1 thread"), (Ort2, "ONNX Runtime 2 threads"), (PyTorch, "PyTorch 1 thread"), (PyTorch2, "PyTorch 2 threads")]);
        o.WriteLine("| case | " + string.Join(" | ", columns.Select(c => c.Title)) + " |");
        o.WriteLine("|---|" + string.Concat(columns.Select(_ => "---:|")));
        var rows = new List<(string Key, RecurrentCase Case, string Kind)>();
        foreach (RecurrentCase c in cases)
        {
            rows.Add(($"{c.Name}.{(c.Streams ? "step" : "single")}", c, c.Streams ? "step" : "single"));
            if (c.TrainingLabels is not null) rows.Add(($"{c.Name}.train", c, "train"));
        }

        foreach ((string key, RecurrentCase c, string kind) in rows)
        {
            o.WriteLine($"| {GroupName(c, kind)} | " + string.Join(" | ", columns.Select(col =>
                byKey.TryGetValue($"{key}.{col.Impl}", out var r) ? $"{Format(r.MedianNs)} ({Format(r.MinNs)})" : (col.Impl.StartsWith(StaticNets, StringComparison.Ordinal) ? "not yet" : "–"))) + " |");
        }

        o.WriteLine();
        o.WriteLine("## Recurrent targets: the bars the peers set (and StaticNets' figure once plugged in)");
        o.WriteLine();
        o.WriteLine("| target | peer figure (median) | StaticNets must be at most | StaticNets | StaticNets ÷ peer (median of rounds / minima) | met? |");
        o.WriteLine("|---|---:|---:|---:|---|---|");
        foreach (RecurrentCase c in cases.Where(c => c.Streams))
        {
            string key = $"{c.Name}.step";
            InterleavedComparison.Result? best = rtneural.Select(b => byKey.GetValueOrDefault($"{key}.{RtneuralPrefix}{b}")).Where(r => r is not null).MinBy(r => r!.MedianNs);
            Target(o, $"{c.Cell.ToUpperInvariant()}({c.Units}) step ≤ 1.2× RTNeural's best backend{(best is null ? "" : $" ({best.Name})")}", best, 1.2, byKey.GetValueOrDefault($"{key}.{StaticNets}"), atMost: true);
            Target(o, $"{c.Cell.ToUpperInvariant()}({c.Units}) step ≥ 20× faster than ONNX Runtime", byKey.GetValueOrDefault($"{key}.{Ort}"), 1 / 20.0, byKey.GetValueOrDefault($"{key}.{StaticNets}"), atMost: true);
        }

        string fashion = RecurrentCase.FashionName;
        InterleavedComparison.Result? ortBest = new[] { Ort, Ort2 }.Select(i => byKey.GetValueOrDefault($"{fashion}.single.{i}")).Where(r => r is not null).MinBy(r => r!.MedianNs);
        InterleavedComparison.Result? snSingle = new[] { StaticNets, StaticNets2 }.Select(i => byKey.GetValueOrDefault($"{fashion}.single.{i}")).Where(r => r is not null).MinBy(r => r!.MedianNs);
        Target(o, $"Fashion LSTM one sample ≥ 1.5× faster than ONNX Runtime{(ortBest is null ? "" : $" (best: {ortBest.Name})")}{(snSingle is null ? "" : $", StaticNets best: {snSingle.Name}")}", ortBest, 1 / 1.5, snSingle, atMost: true);
        Target(o, "same, one thread each (StaticNets with PredictBatchThreads = 1)", byKey.GetValueOrDefault($"{fashion}.single.{Ort}"), 1 / 1.5, byKey.GetValueOrDefault($"{fashion}.single.{StaticNets}"), atMost: true);
        InterleavedComparison.Result? torchBest = new[] { PyTorch, PyTorch2 }.Select(i => byKey.GetValueOrDefault($"{fashion}.train.{i}")).Where(r => r is not null).MinBy(r => r!.MedianNs);
        InterleavedComparison.Result? snTrain = new[] { StaticNets, StaticNets2 }.Select(i => byKey.GetValueOrDefault($"{fashion}.train.{i}")).Where(r => r is not null).MinBy(r => r!.MedianNs);
        Target(o, $"Fashion LSTM training step ≤ 0.5× PyTorch{(torchBest is null ? "" : $" (best: {torchBest.Name})")}", torchBest, 0.5, snTrain, atMost: true);
    }

    private static void Target(TextWriter o, string label, InterleavedComparison.Result? peer, double factor, InterleavedComparison.Result? sn, bool atMost)
    {
        if (peer is null)
        {
            o.WriteLine($"| {label} | – | – | – | – | – |");
            return;
        }

        string bar = Format(peer.MedianNs * factor);
        if (sn is null)
        {
            o.WriteLine($"| {label} | {Format(peer.MedianNs)} | {bar} | not yet | – | pending |");
            return;
        }

        (double median, double min) = InterleavedComparison.Compare(sn, peer);
        bool medianMet = atMost ? median <= factor : median >= factor, minMet = atMost ? min <= factor : min >= factor;
        string met = medianMet && minMet ? "yes" : !medianMet && !minMet ? "no" : "unclear";
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2} | {3} | {4:F3} / {5:F3} (need ≤ {6:G3}) | {7} |", label, Format(peer.MedianNs), bar, Format(sn.MedianNs), median, min, factor, met));
    }

    private static string Format(double ns) => ns switch
    {
        < 1e3 => ns.ToString("F1", CultureInfo.InvariantCulture) + " ns",
        < 1e6 => (ns / 1e3).ToString("F2", CultureInfo.InvariantCulture) + " µs",
        _ => (ns / 1e6).ToString("F3", CultureInfo.InvariantCulture) + " ms",
    };

    private static (double Abs, double Scaled, int At) Diff(ReadOnlySpan<float> actual, double[] expected)
    {
        if (actual.Length != expected.Length) return (double.NaN, double.PositiveInfinity, 0);
        double worstAbs = 0, worst = 0;
        int at = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double abs = Math.Abs(actual[i] - expected[i]);
            double scaled = abs / Math.Max(1, Math.Abs(expected[i]));
            if (double.IsNaN(scaled)) return (double.NaN, double.PositiveInfinity, i);
            worstAbs = Math.Max(worstAbs, abs);
            if (scaled > worst) { worst = scaled; at = i; }
        }

        return (worstAbs, worst, at);
    }

    /// <summary>
    /// OpenBLAS picks its own kernel for PyTorch, as in pytorch_bench.py: some machines set OPENBLAS_CORETYPE (and
    /// OPENBLAS_L2_SIZE) for old OpenBLAS builds, which here forced the AVX2 kernel on an AVX-512 CPU.
    /// </summary>
    private static readonly Dictionary<string, string?> PyTorchEnvironment = new() { ["OPENBLAS_CORETYPE"] = null, ["OPENBLAS_L2_SIZE"] = null };

    private static (int Status, string Output) RunProcess(string program, IEnumerable<string> arguments, bool throwOnError = true, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        foreach ((string key, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{output}");
        }

        return (process.ExitCode, output);
    }

    private static string FindRoot()
    {
        for (string? dir = Directory.GetCurrentDirectory(); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "StaticNets.sln"))) return dir;
        }

        return Directory.GetCurrentDirectory();
    }

    private sealed class Owned : IDisposable
    {
        private readonly List<IDisposable> _items = new();

        public T Add<T>(T item) where T : IDisposable
        {
            _items.Add(item);
            return item;
        }

        public void Dispose()
        {
            for (int i = _items.Count - 1; i >= 0; i--) _items[i].Dispose();
        }
    }
}
