using System;

namespace StaticNets.Benchmarks;

/// <summary>The side-by-side groups: each net's single-sample implementations, the batch paths against single calls, and the training steps.</summary>
public static class InterleavedSuite
{
    /// <summary>
    /// Builds every group on the same weights as the BenchmarkDotNet classes (keys match <see cref="ResultKeys"/>).
    /// With <paramref name="torch"/>, PyTorch joins each group through a server in the configuration that was best
    /// for that measure in <paramref name="torchBest"/>.
    /// </summary>
    public static InterleavedComparison Build(out IDisposable resources, PyTorchServers? torch = null, PeerResults? torchBest = null)
    {
        NetImplementations a = NetImplementations.ForNetA(out NetA netA, out HandSimdNetA handA);
        NetImplementations b = NetImplementations.ForNetB(out NetB netB, out HandSimdNetB handB);
        resources = new Both(a, b);
        var comparison = new InterleavedComparison();
        // PyTorch as a member timed in its own process, or nothing when it is not available.
        InterleavedComparison.Member[] Torch(string net, string kind, int operations)
        {
            string key = ResultKeys.Key(net, kind, ResultKeys.PyTorch);
            PyTorchConfiguration? configuration = torch is null || torchBest is null ? null : PyTorchConfiguration.Parse(torchBest.Configuration(key));
            if (configuration is null) return Array.Empty<InterleavedComparison.Member>();
            PyTorchServer server = torch!.For(configuration);
            string measure = $"{net}.{kind}";
            return new InterleavedComparison.Member[] { new(key, "PyTorch", null, operations, reps => server.Run(measure, reps)) };
        }

        foreach ((string net, NetImplementations impl, Action<int> staticSingle, Action<int> hand, Action<int> staticBatch) in new[]
        {
            ("A", a,
                (Action<int>)(reps => { for (int i = 0; i < reps; i++) netA.Predict(a.SingleInput, a.SingleOutput); }),
                (Action<int>)(reps => { for (int i = 0; i < reps; i++) handA.Predict(a.SingleInput, a.SingleOutput); }),
                (Action<int>)(reps => { for (int i = 0; i < reps; i++) netA.PredictBatch(a.Data.Batch, a.BatchOutput); })),
            ("B", b,
                reps => { for (int i = 0; i < reps; i++) netB.Predict(b.SingleInput, b.SingleOutput); },
                reps => { for (int i = 0; i < reps; i++) handB.Predict(b.SingleInput, b.SingleOutput); },
                reps => { for (int i = 0; i < reps; i++) netB.PredictBatch(b.Data.Batch, b.BatchOutput); }),
        })
        {
            comparison.Add($"net {net} single sample",
            [
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.HandSimd), "hand SIMD", hand),
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.StaticNets), "StaticNets", staticSingle),
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.Naive), "naive loops", reps => { for (int i = 0; i < reps; i++) impl.Naive.Predict(impl.SingleInput, impl.SingleOutput); }),
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.Ort), "ONNX Runtime", reps => { for (int i = 0; i < reps; i++) impl.OrtSingle.Run(); }),
                .. Torch(net, ResultKeys.Single, 1),
            ]);
            comparison.Add($"net {net} batch {BenchData.BatchSize}, per sample",
            [
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.StaticNets) + ".ref", "StaticNets single", staticSingle),
                new(ResultKeys.Key(net, ResultKeys.Batch, ResultKeys.StaticNets), "StaticNets PredictBatch", staticBatch, BenchData.BatchSize),
                new(ResultKeys.Key(net, ResultKeys.Batch, ResultKeys.Ort), "ONNX Runtime batch", reps => { for (int i = 0; i < reps; i++) impl.OrtBatch.Run(); }, BenchData.BatchSize),
                .. Torch(net, ResultKeys.Batch, BenchData.BatchSize),
            ]);
        }

        TrainingSetup trainB = TrainingSetup.ForNetB().WarmUp();
        TrainingSetup trainA = TrainingSetup.ForNetA().WarmUp();
        comparison.Add("net B training step (batch 128)",
        [
            new(ResultKeys.Key("B", ResultKeys.Train, ResultKeys.StaticNets), "StaticNets", reps => { for (int i = 0; i < reps; i++) trainB.Step(); }),
            .. Torch("B", ResultKeys.Train, 1),
        ]);
        comparison.Add("net A training step (batch 32)",
        [
            new(ResultKeys.Key("A", ResultKeys.Train, ResultKeys.StaticNets), "StaticNets", reps => { for (int i = 0; i < reps; i++) trainA.Step(); }),
            .. Torch("A", ResultKeys.Train, 1),
        ]);
        return comparison;
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
