using System;
using BenchmarkDotNet.Attributes;

namespace StaticNets.Benchmarks;

/// <summary>Net A (2 → 10 relu → 1) forward, every implementation on the same weights; batch rows report per sample.</summary>
[MemoryDiagnoser]
public class NetABenchmarks
{
    private NetImplementations _impl = null!;
    private NetA _net = null!;
    private HandSimdNetA _hand = null!;

    /// <summary>Builds the implementations and checks they agree before anything is timed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _impl = NetImplementations.ForNetA(out _net, out _hand);
        AgreementCheck.CheckForward(_impl, System.IO.TextWriter.Null);
    }

    /// <summary>Releases ONNX Runtime.</summary>
    [GlobalCleanup]
    public void Cleanup() => _impl.Dispose();

    /// <summary>Generated code, one sample.</summary>
    [Benchmark]
    public void StaticNets_Predict() => _net.Predict(_impl.SingleInput, _impl.SingleOutput);

    /// <summary>Hand-written Vector512 reference, one sample.</summary>
    [Benchmark(Baseline = true)]
    public void HandSimd_Predict() => _hand.Predict(_impl.SingleInput, _impl.SingleOutput);

    /// <summary>Naive scalar loops, one sample.</summary>
    [Benchmark]
    public void Naive_Predict() => _impl.Naive.Predict(_impl.SingleInput, _impl.SingleOutput);

    /// <summary>ONNX Runtime, one sample, pre-bound OrtValues.</summary>
    [Benchmark]
    public void Ort_Predict() => _impl.OrtSingle.Run();

    /// <summary>Generated code, 128 samples per call (reported per sample).</summary>
    [Benchmark(OperationsPerInvoke = BenchData.BatchSize)]
    public void StaticNets_PredictBatch128() => _net.PredictBatch(_impl.Data.Batch, _impl.BatchOutput);

    /// <summary>ONNX Runtime, 128 samples per run (reported per sample).</summary>
    [Benchmark(OperationsPerInvoke = BenchData.BatchSize)]
    public void Ort_PredictBatch128() => _impl.OrtBatch.Run();
}
