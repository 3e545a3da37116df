using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace StaticNets.Benchmarks;

/// <summary>
/// The combined table (BenchmarkDotNet medians, PyTorch's best configuration, ratios), the interleaved ratios, and
/// each target of docs/performance.md with its measured figure and whether it is met.
/// </summary>
public sealed class ResultsReport
{
    /// <summary>TensorFlow.js 4.22's wasm step time for net B training: a one-off figure recorded in docs/performance.md, not measured by this suite.</summary>
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
        o.WriteLine("## Combined results");
        o.WriteLine();
        o.WriteLine("Times: median of the interleaved rounds (PyTorch in its best configuration, joined through pytorch_bench.py --serve), on the");
        o.WriteLine($"{(CpuClock.UseCpuTime ? "CPU-time" : "wall")} clock; ‡ = BenchmarkDotNet median (wall) where a case was not interleaved, † = PyTorch's separate run.");
        o.WriteLine("Batch rows are per sample, training rows per step. The last columns are BenchmarkDotNet's wall-clock median and allocation for StaticNets.");
        o.WriteLine();
        o.WriteLine("| case | StaticNets | hand SIMD | naive | ONNX Runtime | PyTorch | SN ÷ hand | ORT ÷ SN | naive ÷ SN | PyTorch ÷ SN | SN BDN median | SN allocated |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        const string two = InterleavedSuite.TwoThreadsSuffix;
        foreach ((string label, string net, string kind, string suffix) in new[]
        {
            ("A single sample", "A", ResultKeys.Single, ""),
            ("B single sample", "B", ResultKeys.Single, ""),
            ("A batch 128, per sample", "A", ResultKeys.Batch, ""),
            ("B batch 128, per sample", "B", ResultKeys.Batch, ""),
            ("same, StaticNets and ONNX Runtime on 2 threads (wall clock)", "B", ResultKeys.Batch, two),
            ("B train step (softmax CCE, Adam, batch 128)", "B", ResultKeys.Train, ""),
            ("A train step (MSE, Adam, batch 32)", "A", ResultKeys.Train, ""),
            ("Fashion-MNIST MLP epoch (60,000 samples, SCCE logits, Adam, batch 32)", ResultKeys.FashionMnist, ResultKeys.Epoch, ""),
            ("Fashion-MNIST CNN single sample", ResultKeys.FashionCnn, ResultKeys.Single, ""),
            ("Fashion-MNIST CNN batch 128, per sample", ResultKeys.FashionCnn, ResultKeys.Batch, ""),
            ("same, StaticNets and ONNX Runtime on 2 threads (wall clock)", ResultKeys.FashionCnn, ResultKeys.Batch, two),
            ("Fashion-MNIST CNN train step (SCCE logits, Adam, batch 32)", ResultKeys.FashionCnn, ResultKeys.Train32, ""),
            ("same, StaticNets on 2 threads (wall clock)", ResultKeys.FashionCnn, ResultKeys.Train32, two),
            ("Fashion-MNIST CNN train step (SCCE logits, Adam, batch 128)", ResultKeys.FashionCnn, ResultKeys.Train128, ""),
            ("same, StaticNets on 2 threads (wall clock)", ResultKeys.FashionCnn, ResultKeys.Train128, two),
        })
        {
            // A two-thread row shows StaticNets' and ONNX Runtime's two-thread members; PyTorch's best (any thread count) is on the row above.
            string Peer(string implementation) => suffix.Length == 0 || implementation == ResultKeys.Ort ? ResultKeys.Key(net, kind, implementation) + suffix : "";
            string sn = ResultKeys.Key(net, kind, ResultKeys.StaticNets) + suffix;
            string handKey = Peer(ResultKeys.HandSimd), naiveKey = Peer(ResultKeys.Naive), ortKey = Peer(ResultKeys.Ort), torchKey = Peer(ResultKeys.PyTorch);
            double? s = Time(sn);
            double? hand = Time(handKey);
            double? naive = Time(naiveKey);
            double? ort = Time(ortKey);
            torchKey = TorchBest(torchKey);
            double? torch = TorchTime(torchKey);
            string allocated = _bdnAllocated.TryGetValue(sn, out long? bytes) && bytes is not null ? $"{bytes} B" : "–";
            o.WriteLine($"| {label} | {Show(sn)} | {Show(handKey)} | {Show(naiveKey)} | {Show(ortKey)} | " +
                $"{ShowTorch(torchKey)} | {Ratio(s, hand)} | {Ratio(ort, s)} | {Ratio(naive, s)} | {Ratio(torch, s)} | " +
                $"{FormatTime(Bdn(sn))} | {allocated} |");
        }

        double? trainB = Time(ResultKeys.Key("B", ResultKeys.Train, ResultKeys.StaticNets));
        double? torchB = TorchTime(ResultKeys.Key("B", ResultKeys.Train, ResultKeys.PyTorch));
        o.WriteLine();
        o.WriteLine($"Net B training: {TrainingSetup.NetBStepFlops / 1e6:F1} MFLOP per step (2·(784·128+128·64+64·10)·128·3); " +
            $"StaticNets {Gflops(trainB)} GFLOP/s, PyTorch {Gflops(torchB)} GFLOP/s.");
        foreach (string key in new[]
        {
            "A.single.PyTorch", "B.single.PyTorch", "B.batch128.PyTorch", "B.train.PyTorch", "A.train.PyTorch", "fmnist.epoch.PyTorch",
            "cnn.single.PyTorch", "cnn.batch128.PyTorch", "cnn.train32.PyTorch", "cnn.train128.PyTorch", "sgemm.PyTorch",
        })
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
        o.WriteLine("## Interleaved in one process (median over rounds; ratio = median of per-round ratios to the group's first row; min ratio = ratio of the minima)");
        o.WriteLine();
        o.WriteLine("| group | implementation | median | min | ratio | min ratio |");
        o.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (InterleavedComparison.Result r in _interleaved.Values)
        {
            InterleavedComparison.Result reference = _interleaved.Values.First(x => x.Group == r.Group);
            (double _, double minRatio) = InterleavedComparison.Compare(r, reference);
            o.WriteLine($"| {r.Group} | {r.Name} | {FormatTime(r.MedianNs)} | {FormatTime(r.MinNs)} | " +
                $"{Times(r.RatioToReference)} {r.Reference} | {Times(minRatio)} |");
        }
    }

    private void WriteTargets(TextWriter o)
    {
        o.WriteLine("## Targets (docs/performance.md)");
        o.WriteLine();
        o.WriteLine("Ratio = first ÷ second time. Interleaved: median of per-round ratios / ratio of minima; BDN: ratio of BenchmarkDotNet medians.");
        o.WriteLine("Met = both interleaved figures meet the target; \"unclear\" = they disagree (noise).");
        o.WriteLine();
        o.WriteLine("| target | ratio | interleaved (median / min) | BDN | met? |");
        o.WriteLine("|---|---|---|---|---|");
        string Sn(string net, string kind) => ResultKeys.Key(net, kind, ResultKeys.StaticNets);
        RatioTarget(o, "A single: ≤ 1.5× hand SIMD", "SN ÷ hand", Sn("A", ResultKeys.Single), ResultKeys.Key("A", ResultKeys.Single, ResultKeys.HandSimd), 1.5, atMost: true);
        RatioTarget(o, "A single: ≥ 50× faster than ONNX Runtime", "ORT ÷ SN", ResultKeys.Key("A", ResultKeys.Single, ResultKeys.Ort), Sn("A", ResultKeys.Single), 50, atMost: false);
        RatioTarget(o, "B single: ≤ 1.25× hand SIMD", "SN ÷ hand", Sn("B", ResultKeys.Single), ResultKeys.Key("B", ResultKeys.Single, ResultKeys.HandSimd), 1.25, atMost: true);
        RatioTarget(o, "B single: ≥ 1.7× faster than ONNX Runtime", "ORT ÷ SN", ResultKeys.Key("B", ResultKeys.Single, ResultKeys.Ort), Sn("B", ResultKeys.Single), 1.7, atMost: false);
        RatioTarget(o, "B batch 128: per-sample ≤ 0.7× single-sample", "batch ÷ single", Sn("B", ResultKeys.Batch), Sn("B", ResultKeys.Single) + ".ref", 0.7, atMost: true);
        RatioTarget(o, "B training step ≤ PyTorch best", "SN ÷ PyTorch", Sn("B", ResultKeys.Train), ResultKeys.Key("B", ResultKeys.Train, ResultKeys.PyTorch), 1, atMost: true);
        RatioTarget(o, "A training step ≤ 0.1× PyTorch", "SN ÷ PyTorch", Sn("A", ResultKeys.Train), ResultKeys.Key("A", ResultKeys.Train, ResultKeys.PyTorch), 0.1, atMost: true);
        RatioTarget(o, "Fashion-MNIST tutorial MLP epoch ≤ 0.5× PyTorch", "SN ÷ PyTorch", Sn(ResultKeys.FashionMnist, ResultKeys.Epoch),
            ResultKeys.Key(ResultKeys.FashionMnist, ResultKeys.Epoch, ResultKeys.PyTorch), 0.5, atMost: true);

        // Issue 16: the Fashion CNN (and net B's batch) against each peer's best thread setting.
        const string two = InterleavedSuite.TwoThreadsSuffix;
        string cnn = ResultKeys.FashionCnn;
        RatioTarget(o, "Fashion CNN single: ≥ 1.3× faster than ONNX Runtime, one thread each", "ORT ÷ SN",
            ResultKeys.Key(cnn, ResultKeys.Single, ResultKeys.Ort), Sn(cnn, ResultKeys.Single), 1.3, atMost: false);
        foreach ((string name, string net) in new[] { ("Fashion CNN", cnn), ("B", "B") })
        {
            string ortKey = ResultKeys.Key(net, ResultKeys.Batch, ResultKeys.Ort);
            string ortBest = BestOf(ortKey, ortKey + two);
            RatioTarget(o, $"{name} batch 128 per sample, StaticNets on 2 threads: ≥ 1.3× faster than ONNX Runtime's best ({(ortBest == ortKey ? "1 thread" : "2 threads")})",
                "ORT ÷ SN", ortBest, Sn(net, ResultKeys.Batch) + two, 1.3, atMost: false);
            string torchKey = TorchBest(ResultKeys.Key(net, ResultKeys.Batch, ResultKeys.PyTorch));
            RatioTarget(o, $"{name} batch 128 per sample, StaticNets on 2 threads: ≥ 1.3× faster than PyTorch's best ({TorchThreads(torchKey)})",
                "PyTorch ÷ SN", torchKey, Sn(net, ResultKeys.Batch) + two, 1.3, atMost: false);
        }

        foreach ((int batch, string kind) in new[] { (32, ResultKeys.Train32), (128, ResultKeys.Train128) })
        {
            string snBest = BestOf(Sn(cnn, kind), Sn(cnn, kind) + two);
            string torchKey = ResultKeys.Key(cnn, kind, ResultKeys.PyTorch);
            RatioTarget(o, $"Fashion CNN training step, batch {batch} (StaticNets {(snBest.EndsWith(two, StringComparison.Ordinal) ? "2 threads" : "1 thread")}): ≤ 0.5× PyTorch's best ({TorchThreads(torchKey)})",
                "SN ÷ PyTorch", snBest, torchKey, 0.5, atMost: true);
        }

        string trainB = Sn("B", ResultKeys.Train);
        double? sgemm = _torch.Value("sgemm.PyTorch");
        double? snGflops = Time(trainB) is double t ? TrainingSetup.NetBStepFlops / t : null;
        double? share = RatioValue(snGflops, sgemm);
        Target(o, "B training ≥ 35% of OpenBLAS 1-thread sgemm GFLOP/s", "SN GFLOP/s ÷ sgemm",
            $"{Gflops(Time(trainB))} GFLOP/s vs sgemm {(sgemm is null ? "–" : sgemm.Value.ToString("F0", CultureInfo.InvariantCulture))} GFLOP/s: {Percent(snGflops, sgemm)}",
            "", share is double sh ? (sh >= 0.35 ? "yes" : "**no**") : "not measured");
        double? vsTfjs = RatioValue(TfjsWasmTrainBNs, Time(trainB));
        Target(o, "B training ≥ 20× faster than TensorFlow.js wasm (27 ms/step: a one-off figure, not measured here)", "27 ms ÷ SN",
            Times(vsTfjs), "", vsTfjs is double v ? (v >= 20 ? "yes" : "**no**") : "not measured");

        foreach ((string label, string key) in new[]
        {
            ("0 B allocated per Predict (A)", Sn("A", ResultKeys.Single)),
            ("0 B allocated per Predict (B)", Sn("B", ResultKeys.Single)),
            ("0 B allocated per PredictBatch (A, 128)", Sn("A", ResultKeys.Batch)),
            ("0 B allocated per PredictBatch (B, 128)", Sn("B", ResultKeys.Batch)),
            ("0 B allocated per training step (B)", trainB),
            ("0 B allocated per training step (A)", Sn("A", ResultKeys.Train)),
        })
        {
            long? bytes = _bdnAllocated.TryGetValue(key, out long? b) ? b : null;
            Target(o, label, "bytes per operation", "", bytes is null ? "– (BenchmarkDotNet not run)" : $"{bytes} B",
                bytes is null ? "not measured" : bytes == 0 ? "yes" : "**no**");
        }
    }

    private void RatioTarget(TextWriter o, string label, string ratioName, string numerator, string denominator, double limit, bool atMost)
    {
        bool Meets(double ratio) => atMost ? ratio <= limit : ratio >= limit;
        string interleaved = "–", met;
        if (_interleaved.TryGetValue(numerator, out var n) && _interleaved.TryGetValue(denominator, out var d))
        {
            (double median, double min) = InterleavedComparison.Compare(n, d);
            interleaved = $"{Times(median)} / {Times(min)}";
            met = Meets(median) && Meets(min) ? "yes" : !Meets(median) && !Meets(min) ? "**no**" : "unclear";
        }
        else
        {
            double? across = RatioValue(Time(numerator), Time(denominator) ?? TorchTime(denominator));
            met = across is double a ? (Meets(a) ? "yes" : "**no**") + " (across runs)" : "not measured";
        }

        string bdnDenominator = denominator.EndsWith(".ref", StringComparison.Ordinal) ? denominator[..^4] : denominator;
        double? bdn = RatioValue(Bdn(numerator), Bdn(bdnDenominator) ?? _torch.Nanoseconds(bdnDenominator));
        Target(o, label, ratioName, interleaved, Times(bdn), met);
    }

    /// <summary>Whichever of <paramref name="keys"/> has the lowest interleaved median (the first when none was interleaved).</summary>
    private string BestOf(params string[] keys)
        => keys.Where(k => Interleaved(k) is not null).OrderBy(k => Interleaved(k)!.Value).FirstOrDefault() ?? keys[0];

    /// <summary>
    /// PyTorch's best member for <paramref name="key"/>: of its one- and two-thread members where both were timed, else
    /// <paramref name="key"/> (its best configuration in the grid).
    /// </summary>
    private string TorchBest(string key)
    {
        string best = BestOf(key + ResultKeys.OneThreadSuffix, key + InterleavedSuite.TwoThreadsSuffix, key);
        return Interleaved(best) is null ? key : best;
    }

    /// <summary>The thread count of PyTorch's best configuration for <paramref name="key"/>, for target labels.</summary>
    private string TorchThreads(string key)
        => PyTorchConfiguration.Parse(_torch.Configuration(key)) is { } c ? $"{c.Threads} thread{(c.Threads > 1 ? "s" : "")}" : "not measured";

    private static void Target(TextWriter o, string target, string ratio, string interleaved, string bdn, string met)
        => o.WriteLine($"| {target} | {ratio} | {interleaved} | {bdn} | {met} |");

    private double? TorchTime(string key) => Interleaved(key) ?? _torch.Nanoseconds(key);

    private string ShowTorch(string key)
        => Interleaved(key) is double i ? FormatTime(i) : _torch.Nanoseconds(key) is double t ? FormatTime(t) + "†" : "–";

    private double? Bdn(string key) => _bdnNs.TryGetValue(key, out double ns) ? ns : null;

    private double? Interleaved(string key) => _interleaved.TryGetValue(key, out var r) ? r.MedianNs : null;

    private double? Time(string key) => Interleaved(key) ?? Bdn(key);

    private string Show(string key) => Interleaved(key) is double i ? FormatTime(i) : Bdn(key) is double ns ? FormatTime(ns) + "‡" : "–";

    private static double? RatioValue(double? numerator, double? denominator)
        => numerator is double n && denominator is double d && d > 0 ? n / d : null;

    private static string Ratio(double? numerator, double? denominator) => Times(RatioValue(numerator, denominator));

    private static string Times(double? ratio) => ratio is double r ? r.ToString(r >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture) + "×" : "–";

    private static string Percent(double? part, double? whole)
        => part is double p && whole is double w && w > 0 ? (100 * p / w).ToString("F0", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Gflops(double? stepNs)
        => stepNs is double ns ? (TrainingSetup.NetBStepFlops / ns).ToString("F1", CultureInfo.InvariantCulture) : "–";

    /// <summary>ns, µs, ms or s with three or four significant digits.</summary>
    public static string FormatTime(double? ns)
    {
        if (ns is not double v) return "–";
        CultureInfo c = CultureInfo.InvariantCulture;
        if (v < 1e3) return v.ToString(v < 10 ? "F2" : "F1", c) + " ns";
        if (v < 1e6) return (v / 1e3).ToString(v < 1e4 ? "F2" : "F1", c) + " µs";
        if (v < 1e9) return (v / 1e6).ToString(v < 1e7 ? "F3" : "F2", c) + " ms";
        return (v / 1e9).ToString("F3", c) + " s";
    }
}
