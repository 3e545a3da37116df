using System;

namespace StaticNets.Benchmarks;

/// <summary>
/// Every implementation of one net's forward pass, all loaded with the same <see cref="BenchData"/> weights:
/// StaticNets (generated), the naive loops, the hand-written SIMD reference and ONNX Runtime (single and batch).
/// </summary>
public sealed class NetImplementations : IDisposable
{
    private NetImplementations(BenchData data, INetwork staticNet, Predictor handSimd)
    {
        Data = data;
        StaticNet = staticNet;
        HandSimd = handSimd;
        Naive = new NaiveMlp(data.Shape, data.Parameters);
        OrtSingle = OrtSession.ForMlp(data.Shape, data.Parameters, 1);
        OrtBatch = OrtSession.ForMlp(data.Shape, data.Parameters, BenchData.BatchSize);
        OrtBatchTwoThreads = OrtSession.ForMlp(data.Shape, data.Parameters, BenchData.BatchSize, threads: 2);
        data.Single.CopyTo(OrtSingle.Input);
        data.Batch.CopyTo(OrtBatch.Input);
        data.Batch.CopyTo(OrtBatchTwoThreads.Input);
        SingleInput = data.Single.ToArray();
        SingleOutput = new float[data.Shape.OutputSize];
        BatchOutput = new float[BenchData.BatchSize * data.Shape.OutputSize];
    }

    /// <summary>Seed of the weights and inputs.</summary>
    public const int Seed = 20240611;

    /// <summary>The weights and inputs.</summary>
    public BenchData Data { get; }

    /// <summary>The generated network, holding <see cref="BenchData.Parameters"/>.</summary>
    public INetwork StaticNet { get; }

    /// <summary>The hand-written SIMD reference's Predict.</summary>
    public Predictor HandSimd { get; }

    /// <summary>The naive scalar loops.</summary>
    public NaiveMlp Naive { get; }

    /// <summary>ONNX Runtime, one sample per run, input pre-filled with the first sample.</summary>
    public OrtSession OrtSingle { get; }

    /// <summary>ONNX Runtime, <see cref="BenchData.BatchSize"/> samples per run, input pre-filled with the batch.</summary>
    public OrtSession OrtBatch { get; }

    /// <summary>The same batch session with two intra-op threads.</summary>
    public OrtSession OrtBatchTwoThreads { get; }

    /// <summary>The first sample as an array (the naive loops take arrays).</summary>
    public float[] SingleInput { get; }

    /// <summary>Output buffer for one sample.</summary>
    public float[] SingleOutput { get; }

    /// <summary>Output buffer for a batch.</summary>
    public float[] BatchOutput { get; }

    /// <summary>Net A with its generated class and hand reference.</summary>
    public static NetImplementations ForNetA(out NetA net, out HandSimdNetA hand)
    {
        BenchData data = BenchData.Create(MlpShape.NetA, Seed);
        net = new NetA(1);
        data.Parameters.CopyTo(net.Parameters);
        hand = new HandSimdNetA(data.Parameters);
        return new NetImplementations(data, net, hand.Predict);
    }

    /// <summary>Net B with its generated class and hand reference.</summary>
    public static NetImplementations ForNetB(out NetB net, out HandSimdNetB hand)
    {
        BenchData data = BenchData.Create(MlpShape.NetB, Seed);
        net = new NetB(1);
        data.Parameters.CopyTo(net.Parameters);
        hand = new HandSimdNetB(data.Parameters);
        return new NetImplementations(data, net, hand.Predict);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        OrtSingle.Dispose();
        OrtBatch.Dispose();
        OrtBatchTwoThreads.Dispose();
    }
}
