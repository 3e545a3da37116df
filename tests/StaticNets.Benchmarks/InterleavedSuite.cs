using System;

namespace StaticNets.Benchmarks;

/// <summary>The side-by-side groups: each net's single-sample implementations, the batch paths against single calls, and the training steps.</summary>
public static class InterleavedSuite
{
    /// <summary>Builds every group on the same weights as the BenchmarkDotNet classes (keys match <see cref="ResultKeys"/>).</summary>
    public static InterleavedComparison Build(out IDisposable resources)
    {
        NetImplementations a = NetImplementations.ForNetA(out NetA netA, out HandSimdNetA handA);
        NetImplementations b = NetImplementations.ForNetB(out NetB netB, out HandSimdNetB handB);
        resources = new Both(a, b);
        var comparison = new InterleavedComparison();
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
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.HandSimd), "hand SIMD", hand),
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.StaticNets), "StaticNets", staticSingle),
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.Naive), "naive loops", reps => { for (int i = 0; i < reps; i++) impl.Naive.Predict(impl.SingleInput, impl.SingleOutput); }),
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.Ort), "ONNX Runtime", reps => { for (int i = 0; i < reps; i++) impl.OrtSingle.Run(); }));
            comparison.Add($"net {net} batch {BenchData.BatchSize}, per sample",
                new(ResultKeys.Key(net, ResultKeys.Single, ResultKeys.StaticNets) + ".ref", "StaticNets single", staticSingle),
                new(ResultKeys.Key(net, ResultKeys.Batch, ResultKeys.StaticNets), "StaticNets PredictBatch", staticBatch, BenchData.BatchSize),
                new(ResultKeys.Key(net, ResultKeys.Batch, ResultKeys.Ort), "ONNX Runtime batch", reps => { for (int i = 0; i < reps; i++) impl.OrtBatch.Run(); }, BenchData.BatchSize));
        }

        TrainingSetup trainB = TrainingSetup.ForNetB();
        TrainingSetup trainA = TrainingSetup.ForNetA();
        comparison.Add("training steps",
            new(ResultKeys.Key("B", ResultKeys.Train, ResultKeys.StaticNets), "StaticNets net B batch 128", reps => { for (int i = 0; i < reps; i++) trainB.Step(); }),
            new(ResultKeys.Key("A", ResultKeys.Train, ResultKeys.StaticNets), "StaticNets net A batch 32", reps => { for (int i = 0; i < reps; i++) trainA.Step(); }));
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
