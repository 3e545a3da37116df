using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace StaticNets.Benchmarks;

/// <summary>
/// The combined table (BenchmarkDotNet medians, PyTorch's best configuration, ratios), the interleaved ratios, and
/// each PERFORMANCE.md target with its measured figure and whether it is met.
/// </summary>
public sealed class ResultsReport
{
    /// <summary>PERFORMANCE.md's TensorFlow.js wasm step time for net B training (not measured here).</summary>
    private const double TfjsWasmTrainBNs = 27e6;

    private readonly IReadOnlyDictionary<string, double> _bdnNs;
    private readonly IReadOnlyDictionary<string, long?> _bdnAllocated;
    private readonly Dictionary<string, InterleavedComparison.Result> _interleaved;
    private readonly PeerResults _torch;

    /// <summary>Collects the three sources; any may be empty.</summary>
    public ResultsReport(
        IReadOnlyDictionary<string, double> bdnNs,
        IReadOnlyDictionary<string, long?> bdnAllocated,
        IReadOnlyList<InterleavedComparison.Result> interleaved,
        PeerResults torch)
    {
        _bdnNs = bdnNs;
        _bdnAllocated = bdnAllocated;
        _interleaved = interleaved.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First());
        _torch = torch;
    }

    /// <summary>Writes all three tables as Markdown.</summary>
    public void Write(TextWriter o)
    {
        WriteCombined(o);
        o.WriteLine();
        WriteInterleaved(o);
        o.WriteLine();
        WriteTargets(o);
    }

    private void WriteCombined(TextWriter o)
    {
        o.WriteLine("## Combined results (C#: BenchmarkDotNet median, or interleaved median marked *; PyTorch: best configuration)");
        o.WriteLine();
        o.WriteLine("| case | StaticNets | hand SIMD | naive | ONNX Runtime | PyTorch | SN ÷ hand | ORT ÷ SN | naive ÷ SN | PyTorch ÷ SN | SN allocated |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach ((string label, string net, string kind) in new[]
        {
            ("A single sample", "A", ResultKeys.Single),
            ("B single sample", "B", ResultKeys.Single),
            ("A batch 128, per sample", "A", ResultKeys.Batch),
            ("B batch 128, per sample", "B", ResultKeys.Batch),
            ("B train step (softmax CCE, Adam, batch 128)", "B", ResultKeys.Train),
            ("A train step (MSE, Adam, batch 32)", "A", ResultKeys.Train),
        })
        {
            string sn = ResultKeys.Key(net, kind, ResultKeys.StaticNets);
            double? s = Time(sn);
            double? hand = Time(ResultKeys.Key(net, kind, ResultKeys.HandSimd));
            double? naive = Time(ResultKeys.Key(net, kind, ResultKeys.Naive));
            double? ort = Time(ResultKeys.Key(net, kind, ResultKeys.Ort));
            double? torch = _torch.Nanoseconds(ResultKeys.Key(net, kind, ResultKeys.PyTorch));
            string allocated = _bdnAllocated.TryGetValue(sn, out long? bytes) && bytes is not null ? $"{bytes} B" : "–";
            o.WriteLine($"| {label} | {Show(sn)} | {Show(ResultKeys.Key(net, kind, ResultKeys.HandSimd))} | " +
                $"{Show(ResultKeys.Key(net, kind, ResultKeys.Naive))} | {Show(ResultKeys.Key(net, kind, ResultKeys.Ort))} | " +
                $"{FormatTime(torch)} | {Ratio(s, hand)} | {Ratio(ort, s)} | {Ratio(naive, s)} | {Ratio(torch, s)} | {allocated} |");
        }

        double? trainB = Time(ResultKeys.Key("B", ResultKeys.Train, ResultKeys.StaticNets));
        double? torchB = _torch.Nanoseconds(ResultKeys.Key("B", ResultKeys.Train, ResultKeys.PyTorch));
        o.WriteLine();
        o.WriteLine($"Net B training: {TrainingSetup.NetBStepFlops / 1e6:F1} MFLOP per step (2·(784·128+128·64+64·10)·128·3); " +
            $"StaticNets {Gflops(trainB)} GFLOP/s, PyTorch {Gflops(torchB)} GFLOP/s.");
        foreach (string key in new[] { "A.single.PyTorch", "B.single.PyTorch", "B.batch128.PyTorch", "B.train.PyTorch", "A.train.PyTorch", "sgemm.PyTorch" })
        {
            if (_torch.Value(key) is not null) o.WriteLine($"- PyTorch {key}: best configuration `{_torch.Configuration(key)}`");
        }

        if (_torch.Value("sgemm.PyTorch") is double sgemm)
        {
            o.WriteLine($"- OpenBLAS sgemm 128×784×128 through torch.mm, one thread, best kernel: {sgemm.ToString("F0", CultureInfo.InvariantCulture)} GFLOP/s");
        }
    }

    private void WriteInterleaved(TextWriter o)
    {
        o.WriteLine("## Interleaved in one process (median over rounds; ratio = median of per-round ratios to the group's first row)");
        o.WriteLine();
        o.WriteLine("| group | implementation | median | min | ratio |");
        o.WriteLine("|---|---|---:|---:|---:|");
        foreach (InterleavedComparison.Result r in _interleaved.Values)
        {
            o.WriteLine($"| {r.Group} | {r.Name} | {FormatTime(r.MedianNs)} | {FormatTime(r.MinNs)} | {r.RatioToReference.ToString("F2", CultureInfo.InvariantCulture)}× {r.Reference} |");
        }
    }

    private void WriteTargets(TextWriter o)
    {
        o.WriteLine("## PERFORMANCE.md targets");
        o.WriteLine();
        o.WriteLine("| target | measured (interleaved; BenchmarkDotNet) | met? |");
        o.WriteLine("|---|---|---|");
        foreach (string net in new[] { "A", "B" })
        {
            double limit = net == "A" ? 1.5 : 1.25, ortFactor = net == "A" ? 50 : 1.7;
            string sn = ResultKeys.Key(net, ResultKeys.Single, ResultKeys.StaticNets);
            double? vsHand = _interleaved.TryGetValue(sn, out var r) ? r.RatioToReference : null;
            double? vsHandBdn = RatioValue(Bdn(sn), Bdn(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.HandSimd)));
            Target(o, $"{net} single: ≤ {limit}× hand SIMD", $"{Times(vsHand)}; {Times(vsHandBdn)}", AtMost(vsHand, limit));

            double? ortOverSn = RatioValue(Interleaved(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.Ort)), Interleaved(sn));
            double? ortOverSnBdn = RatioValue(Bdn(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.Ort)), Bdn(sn));
            Target(o, $"{net} single: ≥ {ortFactor}× faster than ONNX Runtime", $"{Times(ortOverSn)}; {Times(ortOverSnBdn)}", AtLeast(ortOverSn, ortFactor));
        }

        string batchB = ResultKeys.Key("B", ResultKeys.Batch, ResultKeys.StaticNets);
        double? batchRatio = _interleaved.TryGetValue(batchB, out var br) ? br.RatioToReference : null;
        double? batchRatioBdn = RatioValue(Bdn(batchB), Bdn(ResultKeys.Key("B", ResultKeys.Single, ResultKeys.StaticNets)));
        Target(o, "B batch 128: per-sample ≤ 0.7× single-sample", $"{Times(batchRatio)}; {Times(batchRatioBdn)}", AtMost(batchRatio, 0.7));

        string trainB = ResultKeys.Key("B", ResultKeys.Train, ResultKeys.StaticNets);
        double? torchB = _torch.Nanoseconds(ResultKeys.Key("B", ResultKeys.Train, ResultKeys.PyTorch));
        Target(o, "B training step ≤ PyTorch best",
            $"{FormatTime(Interleaved(trainB))}; {FormatTime(Bdn(trainB))} vs PyTorch {FormatTime(torchB)} ({Times(RatioValue(Time(trainB), torchB))})",
            AtMost(RatioValue(Time(trainB), torchB), 1));
        double? sgemm = _torch.Value("sgemm.PyTorch");
        double? snGflops = Time(trainB) is double t ? TrainingSetup.NetBStepFlops / t : null;
        Target(o, "B training ≥ 35% of OpenBLAS 1-thread sgemm GFLOP/s",
            $"{Gflops(Time(trainB))} GFLOP/s vs sgemm {(sgemm is null ? "–" : sgemm.Value.ToString("F0", CultureInfo.InvariantCulture))} ({Percent(snGflops, sgemm)})",
            AtLeast(RatioValue(snGflops, sgemm), 0.35));
        Target(o, "B training ≥ 20× faster than TensorFlow.js wasm (27 ms: PERFORMANCE.md's figure, not measured here)",
            $"{Times(RatioValue(TfjsWasmTrainBNs, Time(trainB)))}", AtLeast(RatioValue(TfjsWasmTrainBNs, Time(trainB)), 20));

        string trainA = ResultKeys.Key("A", ResultKeys.Train, ResultKeys.StaticNets);
        double? torchA = _torch.Nanoseconds(ResultKeys.Key("A", ResultKeys.Train, ResultKeys.PyTorch));
        Target(o, "A training step ≤ 0.1× PyTorch",
            $"{FormatTime(Interleaved(trainA))}; {FormatTime(Bdn(trainA))} vs PyTorch {FormatTime(torchA)} ({Times(RatioValue(Time(trainA), torchA))})",
            AtMost(RatioValue(Time(trainA), torchA), 0.1));

        foreach ((string label, string key) in new[]
        {
            ("0 B allocated per Predict (A)", ResultKeys.Key("A", ResultKeys.Single, ResultKeys.StaticNets)),
            ("0 B allocated per Predict (B)", ResultKeys.Key("B", ResultKeys.Single, ResultKeys.StaticNets)),
            ("0 B allocated per PredictBatch (B, 128)", ResultKeys.Key("B", ResultKeys.Batch, ResultKeys.StaticNets)),
            ("0 B allocated per training step (B)", trainB),
            ("0 B allocated per training step (A)", trainA),
        })
        {
            long? bytes = _bdnAllocated.TryGetValue(key, out long? b) ? b : null;
            Target(o, label, bytes is null ? "– (BenchmarkDotNet not run)" : $"{bytes} B per operation", bytes is null ? null : bytes == 0);
        }
    }

    private static void Target(TextWriter o, string target, string measured, bool? met)
        => o.WriteLine($"| {target} | {measured} | {(met is null ? "not measured" : met.Value ? "yes" : "**no**")} |");

    private static bool? AtMost(double? value, double limit) => value is double v ? v <= limit : null;

    private static bool? AtLeast(double? value, double limit) => value is double v ? v >= limit : null;

    private double? Bdn(string key) => _bdnNs.TryGetValue(key, out double ns) ? ns : null;

    private double? Interleaved(string key) => _interleaved.TryGetValue(key, out var r) ? r.MedianNs : null;

    private double? Time(string key) => Bdn(key) ?? Interleaved(key);

    private string Show(string key) => Bdn(key) is double ns ? FormatTime(ns) : Interleaved(key) is double i ? FormatTime(i) + "*" : "–";

    private static double? RatioValue(double? numerator, double? denominator)
        => numerator is double n && denominator is double d && d > 0 ? n / d : null;

    private static string Ratio(double? numerator, double? denominator) => Times(RatioValue(numerator, denominator));

    private static string Times(double? ratio) => ratio is double r ? r.ToString(r >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture) + "×" : "–";

    private static string Percent(double? part, double? whole)
        => part is double p && whole is double w && w > 0 ? (100 * p / w).ToString("F0", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Gflops(double? stepNs)
        => stepNs is double ns ? (TrainingSetup.NetBStepFlops / ns).ToString("F1", CultureInfo.InvariantCulture) : "–";

    /// <summary>ns, µs or ms with three significant digits.</summary>
    public static string FormatTime(double? ns)
    {
        if (ns is not double v) return "–";
        CultureInfo c = CultureInfo.InvariantCulture;
        if (v < 1e3) return v.ToString(v < 10 ? "F2" : "F1", c) + " ns";
        if (v < 1e6) return (v / 1e3).ToString(v < 1e4 ? "F2" : "F1", c) + " µs";
        return (v / 1e6).ToString(v < 1e7 ? "F3" : "F2", c) + " ms";
    }
}
