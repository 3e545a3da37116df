using System;

namespace StaticNets.Benchmarks;

/// <summary>
/// A compiled network and one batch for the training benchmarks: net B with softmax, categorical cross-entropy,
/// Adam, batch 128; net A, mean squared error, Adam, batch 32. Weights are <see cref="BenchData"/>'s.
/// </summary>
public sealed class TrainingSetup
{
    private TrainingSetup(ITrainableNetwork network, float[] inputs, float[] targets)
    {
        Network = network;
        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>Net B's training batch size.</summary>
    public const int NetBBatch = 128;

    /// <summary>Net A's training batch size.</summary>
    public const int NetABatch = 32;

    /// <summary>The compiled network.</summary>
    public ITrainableNetwork Network { get; }

    /// <summary>The batch's samples, row-major.</summary>
    public float[] Inputs { get; }

    /// <summary>The batch's targets.</summary>
    public float[] Targets { get; }

    /// <summary>Multiply-adds (×2 = FLOPs) of one net B step as PERFORMANCE.md counts it: forward and two backward GEMMs.</summary>
    public static long NetBStepFlops => 2L * MlpShape.NetB.MultiplyAddsPerSample * NetBBatch * 3;

    /// <summary>Net B + softmax, CCE, Adam, 128 samples with one-hot targets.</summary>
    public static TrainingSetup ForNetB()
    {
        BenchData data = BenchData.Create(MlpShape.NetB, NetImplementations.Seed);
        var net = new NetBSoftmax(1);
        data.Parameters.CopyTo(net.Parameters);
        net.Compile(new Adam(), Loss.CategoricalCrossentropy);
        return new TrainingSetup(net, data.Batch, BenchData.OneHotTargets(NetBBatch, MlpShape.NetB.OutputSize, 7));
    }

    /// <summary>Net A, MSE, Adam, 32 samples.</summary>
    public static TrainingSetup ForNetA()
    {
        BenchData data = BenchData.Create(MlpShape.NetA, NetImplementations.Seed);
        var net = new NetA(1);
        data.Parameters.CopyTo(net.Parameters);
        net.Compile(new Adam(), Loss.MeanSquaredError);
        return new TrainingSetup(net, data.Batch.AsSpan(0, NetABatch * MlpShape.NetA.InputSize).ToArray(), BenchData.RegressionTargets(NetABatch, 7));
    }

    /// <summary>One <c>TrainOnBatch</c> step; returns the loss before the update.</summary>
    public float Step() => Network.TrainOnBatch(Inputs, Targets);
}
