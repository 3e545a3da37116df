using System;
using System.Collections.Generic;
using System.IO;

namespace StaticNets.Benchmarks;

/// <summary>
/// The side-by-side groups: each net's single-sample implementations, the batch paths against single calls, the
/// training steps, the Fashion-MNIST tutorial MLP's epoch, and the Fashion-MNIST CNN's inference (against ONNX Runtime
/// and PyTorch) and training steps (against PyTorch).
/// </summary>
public static class InterleavedSuite
{
    /// <summary>Rounds of the Fashion-MNIST epoch group: an epoch takes about a second per member, so a few rounds.</summary>
    public const int FashionEpochRounds = 7;

    /// <summary>Appended to a StaticNets result key for its member that runs on two threads (timed on the wall clock).</summary>
    public const string TwoThreadsSuffix = " (2 threads)";

    /// <summary>Every group's name, in the order <see cref="Build"/> adds them (what <c>--groups</c> matches against).</summary>
    public static IReadOnlyList<string> GroupNames { get; } =
    [
        "net A single sample", $"net A batch {BenchData.BatchSize}, per sample",
        "net B single sample", $"net B batch {BenchData.BatchSize}, per sample",
        "net B training step (batch 128)", "net A training step (batch 32)",
        "Fashion-MNIST MLP epoch (60,000 samples, batch 32)",
        "CNN single sample", $"CNN batch {BenchData.BatchSize}, per sample",
        "CNN training step (batch 32)", "CNN training step (batch 128)",
    ];

    /// <summary>
    /// Builds every group that <paramref name="include"/> accepts (all when null) on the same weights as the
    /// BenchmarkDotNet classes (keys match <see cref="ResultKeys"/>). With <paramref name="torch"/>, PyTorch joins
    /// each group through a server in the configuration that was best for that measure in <paramref name="torchBest"/>.
    /// Only what the chosen groups need is set up (ONNX Runtime sessions, PyTorch servers, data).
    /// </summary>
    public static InterleavedComparison Build(out IDisposable resources, PyTorchServers? torch = null, PeerResults? torchBest = null, Func<string, bool>? include = null)
    {
        include ??= _ => true;
        var owned = new List<IDisposable>();
        resources = new DisposeAll(owned);
        var comparison = new InterleavedComparison();
        // PyTorch as a member timed in its own process, or nothing when it is not available: its best configuration, or,
        // for the measures pytorch_bench.py also writes per thread count, its best on one thread and on two.
        InterleavedComparison.Member[] Torch(string net, string kind, int operations)
        {
            string key = ResultKeys.Key(net, kind, ResultKeys.PyTorch);
            if (torch is null || torchBest is null) return Array.Empty<InterleavedComparison.Member>();
            var members = new List<InterleavedComparison.Member>();
            foreach (string suffix in new[] { ResultKeys.OneThreadSuffix, TwoThreadsSuffix, "" })
            {
                if (suffix.Length == 0 && members.Count > 0) break;
                if (PyTorchConfiguration.Parse(torchBest.Configuration(key + suffix)) is not { } configuration) continue;
                PyTorchServer server = torch.For(configuration);
                string measure = $"{net}.{kind}";
                bool two = configuration.Threads > 1; // timed on the wall clock by the server, and its OpenMP threads may spin after a request
                members.Add(new(key + suffix, two ? $"PyTorch, {configuration.Threads} threads (wall clock)" : "PyTorch", null, operations, reps => server.Run(measure, reps),
                    TwoThreads: two, ProcessorTime: () => server.ProcessorTime));
            }

            return members.ToArray();
        }

        string singleA = GroupNames[0], batchA = GroupNames[1], singleB = GroupNames[2], batchB = GroupNames[3];
        if (include(singleA) || include(batchA))
        {
            NetImplementations a = NetImplementations.ForNetA(out NetA netA, out HandSimdNetA handA);
            owned.Add(a);
            AddInference(comparison, "A", a, singleA, batchA, include, Torch,
                reps => { for (int i = 0; i < reps; i++) netA.Predict(a.SingleInput, a.SingleOutput); },
                reps => { for (int i = 0; i < reps; i++) handA.Predict(a.SingleInput, a.SingleOutput); },
                reps => { for (int i = 0; i < reps; i++) netA.PredictBatch(a.Data.Batch, a.BatchOutput); },
                twoThreadBatch: null); // net A is too small to split: PredictBatch stays on one thread
        }

        if (include(singleB) || include(batchB))
        {
            NetImplementations b = NetImplementations.ForNetB(out NetB netB, out HandSimdNetB handB);
            owned.Add(b);
            AddInference(comparison, "B", b, singleB, batchB, include, Torch,
                reps => { for (int i = 0; i < reps; i++) netB.Predict(b.SingleInput, b.SingleOutput); },
                reps => { for (int i = 0; i < reps; i++) handB.Predict(b.SingleInput, b.SingleOutput); },
                reps => { netB.PredictBatchThreads = 1; for (int i = 0; i < reps; i++) netB.PredictBatch(b.Data.Batch, b.BatchOutput); },
                reps => { netB.PredictBatchThreads = 2; for (int i = 0; i < reps; i++) netB.PredictBatch(b.Data.Batch, b.BatchOutput); });
        }

        if (include(GroupNames[4]))
        {
            // TrainingThreads: 1 is the one-core figure the training target compares with PyTorch; 2 (the default on this machine) splits each batch.
            TrainingSetup trainB = TrainingSetup.ForNetB(threads: 1).WarmUp();
            TrainingSetup trainB2 = TrainingSetup.ForNetB(threads: 2).WarmUp();
            comparison.Add(GroupNames[4],
            [
                new(ResultKeys.Key("B", ResultKeys.Train, ResultKeys.StaticNets), "StaticNets", reps => { for (int i = 0; i < reps; i++) trainB.Step(); }),
                new(ResultKeys.Key("B", ResultKeys.Train, ResultKeys.StaticNets) + TwoThreadsSuffix, "StaticNets, TrainingThreads = 2 (wall clock)", reps => { for (int i = 0; i < reps; i++) trainB2.Step(); }, TwoThreads: true),
                .. Torch("B", ResultKeys.Train, 1),
            ], minReps: InterleavedComparison.TrainingStepsPerRound);
        }

        if (include(GroupNames[5]))
        {
            TrainingSetup trainA = TrainingSetup.ForNetA().WarmUp();
            comparison.Add(GroupNames[5],
            [
                new(ResultKeys.Key("A", ResultKeys.Train, ResultKeys.StaticNets), "StaticNets", reps => { for (int i = 0; i < reps; i++) trainA.Step(); }),
                .. Torch("A", ResultKeys.Train, 1),
            ], minReps: InterleavedComparison.TrainingStepsPerRound);
        }

        if (include(GroupNames[6]))
        {
            // The first timed epoch follows the warm-up epochs, so both peers are past Adam's steady-state point
            // (TrainingSetup.SteadyStateSteps) as in the training steps above: an epoch is 1,875 steps.
            FashionEpochSetup fashion = FashionEpochSetup.Create(Console.Out);
            comparison.Add($"{GroupNames[6]}, {fashion.Source} data",
            [
                new(ResultKeys.Key(ResultKeys.FashionMnist, ResultKeys.Epoch, ResultKeys.StaticNets), "StaticNets", reps => { for (int i = 0; i < reps; i++) fashion.Epoch(); }),
                .. Torch(ResultKeys.FashionMnist, ResultKeys.Epoch, 1),
            ], maxRounds: FashionEpochRounds);
        }

        if (include(GroupNames[7]) || include(GroupNames[8]))
        {
            CnnImplementations cnn = CnnImplementations.Create();
            owned.Add(cnn);
            FashionCnn net = cnn.StaticNet;
            Action<int> staticSingle = reps => { for (int i = 0; i < reps; i++) net.Predict(cnn.SingleInput, cnn.SingleOutput); };
            if (include(GroupNames[7]))
            {
                comparison.Add(GroupNames[7],
                [
                    new(ResultKeys.Key(ResultKeys.FashionCnn, ResultKeys.Single, ResultKeys.StaticNets), "StaticNets", staticSingle),
                    new(ResultKeys.Key(ResultKeys.FashionCnn, ResultKeys.Single, ResultKeys.Ort), "ONNX Runtime", reps => { for (int i = 0; i < reps; i++) cnn.OrtSingle.Run(); }),
                    .. Torch(ResultKeys.FashionCnn, ResultKeys.Single, 1),
                ]);
            }

            if (include(GroupNames[8]))
            {
                comparison.Add(GroupNames[8],
                [
                    new(ResultKeys.Key(ResultKeys.FashionCnn, ResultKeys.Single, ResultKeys.StaticNets) + ".ref", "StaticNets single", staticSingle),
                    new(ResultKeys.Key(ResultKeys.FashionCnn, ResultKeys.Batch, ResultKeys.StaticNets), "StaticNets PredictBatch",
                        reps => { net.PredictBatchThreads = 1; for (int i = 0; i < reps; i++) net.PredictBatch(cnn.Batch, cnn.BatchOutput); }, BenchData.BatchSize),
                    new(ResultKeys.Key(ResultKeys.FashionCnn, ResultKeys.Batch, ResultKeys.StaticNets) + TwoThreadsSuffix, "StaticNets PredictBatch, 2 threads (wall clock)",
                        reps => { net.PredictBatchThreads = 2; for (int i = 0; i < reps; i++) net.PredictBatch(cnn.Batch, cnn.BatchOutput); }, BenchData.BatchSize, TwoThreads: true),
                    new(ResultKeys.Key(ResultKeys.FashionCnn, ResultKeys.Batch, ResultKeys.Ort), "ONNX Runtime batch",
                        reps => { for (int i = 0; i < reps; i++) cnn.OrtBatch.Run(); }, BenchData.BatchSize),
                    new(ResultKeys.Key(ResultKeys.FashionCnn, ResultKeys.Batch, ResultKeys.Ort) + TwoThreadsSuffix, "ONNX Runtime batch, 2 threads (wall clock)",
                        reps => { for (int i = 0; i < reps; i++) cnn.OrtBatchTwoThreads.Run(); }, BenchData.BatchSize, TwoThreads: true),
                    .. Torch(ResultKeys.FashionCnn, ResultKeys.Batch, BenchData.BatchSize),
                ]);
            }
        }

        foreach ((string group, int batch, string kind) in new[] { (GroupNames[9], 32, ResultKeys.Train32), (GroupNames[10], 128, ResultKeys.Train128) })
        {
            if (!include(group)) continue;
            // One network run to the steady state (on both cores, the faster), then timed on one thread and on two.
            TrainingSetup train = TrainingSetup.ForFashionCnn(batch, threads: 2).WarmUp();
            string key = ResultKeys.Key(ResultKeys.FashionCnn, kind, ResultKeys.StaticNets);
            comparison.Add(group,
            [
                new(key, "StaticNets", reps => { train.Threads = 1; for (int i = 0; i < reps; i++) train.Step(); }),
                new(key + TwoThreadsSuffix, "StaticNets, TrainingThreads = 2 (wall clock)", reps => { train.Threads = 2; for (int i = 0; i < reps; i++) train.Step(); }, TwoThreads: true),
                .. Torch(ResultKeys.FashionCnn, kind, 1),
            ], minReps: InterleavedComparison.TrainingStepsPerRound);
        }

        return comparison;
    }

    private static void AddInference(
        InterleavedComparison comparison,
        string net,
        NetImplementations impl,
        string singleGroup,
        string batchGroup,
        Func<string, bool> include,
        Func<string, string, int, InterleavedComparison.Member[]> torch,
        Action<int> staticSingle,
        Action<int> hand,
        Action<int> staticBatch,
        Action<int>? twoThreadBatch)
    {
        if (include(singleGroup))
        {
            comparison.Add(singleGroup,
            [
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.HandSimd), "hand SIMD", hand),
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.StaticNets), "StaticNets", staticSingle),
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.Naive), "naive loops", reps => { for (int i = 0; i < reps; i++) impl.Naive.Predict(impl.SingleInput, impl.SingleOutput); }),
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.Ort), "ONNX Runtime", reps => { for (int i = 0; i < reps; i++) impl.OrtSingle.Run(); }),
                .. torch(net, ResultKeys.Single, 1),
            ]);
        }

        if (include(batchGroup))
        {
            comparison.Add(batchGroup,
            [
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.StaticNets) + ".ref", "StaticNets single", staticSingle),
                new(ResultKeys.Key(net, ResultKeys.Batch, ResultKeys.StaticNets), "StaticNets PredictBatch", staticBatch, BenchData.BatchSize),
                .. twoThreadBatch is null
                    ? Array.Empty<InterleavedComparison.Member>()
                    : [new(ResultKeys.Key(net, ResultKeys.Batch, ResultKeys.StaticNets) + TwoThreadsSuffix, "StaticNets PredictBatch, 2 threads (wall clock)", twoThreadBatch, BenchData.BatchSize, TwoThreads: true)],
                new(ResultKeys.Key(net, ResultKeys.Batch, ResultKeys.Ort), "ONNX Runtime batch", reps => { for (int i = 0; i < reps; i++) impl.OrtBatch.Run(); }, BenchData.BatchSize),
                new(ResultKeys.Key(net, ResultKeys.Batch, ResultKeys.Ort) + TwoThreadsSuffix, "ONNX Runtime batch, 2 threads (wall clock)", reps => { for (int i = 0; i < reps; i++) impl.OrtBatchTwoThreads.Run(); }, BenchData.BatchSize, TwoThreads: true),
                .. torch(net, ResultKeys.Batch, BenchData.BatchSize),
            ]);
        }
    }

    private sealed class DisposeAll(List<IDisposable> resources) : IDisposable
    {
        public void Dispose()
        {
            foreach (IDisposable resource in resources) resource.Dispose();
        }
    }
}
