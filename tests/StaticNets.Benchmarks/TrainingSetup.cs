using System;

namespace StaticNets.Benchmarks;

/// <summary>
/// A compiled network and one batch for the training benchmarks: net B with softmax, categorical cross-entropy,
/// Adam, batch 128; net A, mean squared error, Adam, batch 32; the Fashion-MNIST CNN, sparse categorical
/// cross-entropy from logits, Adam, batch 32 or 128. Weights are <see cref="BenchData"/>'s and <see cref="CnnData"/>'s.
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

    /// <summary>
    /// Steps run before a training step is timed. Timings are for the steady state of a long run: after some
    /// 700 steps, Adam's first moments of weights whose gradient is exactly zero (dead ReLU units, constant
    /// inputs) decay by β1 per step into the denormal range, and from then on each optimizer step costs about as
    /// much as forward and backward together (measured: 0.01 → 1.0 ms for net B, without flush-to-zero; PyTorch
    /// 1.13's Adam shows the same, 0.4 → 1.0 ms). Both peers are timed past that point.
    /// </summary>
    public const int SteadyStateSteps = 1000;

    /// <summary>The compiled network.</summary>
    public ITrainableNetwork Network { get; }

    /// <summary>The batch's samples, row-major.</summary>
    public float[] Inputs { get; }

    /// <summary>The batch's targets.</summary>
    public float[] Targets { get; }

    /// <summary>Multiply-adds (×2 = FLOPs) of one net B step, counted as forward and two backward GEMMs (docs/performance.md).</summary>
    public static long NetBStepFlops => 2L * MlpShape.NetB.MultiplyAddsPerSample * NetBBatch * 3;

    /// <summary>Net B + softmax, CCE, Adam, 128 samples with one-hot targets, on <paramref name="threads"/> threads per step.</summary>
    public static TrainingSetup ForNetB(int threads)
    {
        BenchData data = BenchData.Create(MlpShape.NetB, NetImplementations.Seed);
        var net = new NetBSoftmax(1);
        data.Parameters.CopyTo(net.Parameters);
        net.Compile(new Adam(), Loss.CategoricalCrossentropy);
        ((ITrainableNetwork)net).Training!.TrainingThreads = threads;
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

    /// <summary>
    /// The Fashion-MNIST CNN (<see cref="FashionCnn"/>), sparse categorical cross-entropy from logits (PyTorch's
    /// <c>CrossEntropyLoss</c>), Adam (Keras's defaults: learning rate 1e-3, epsilon 1e-7), on the first
    /// <paramref name="batch"/> samples of <see cref="CnnData"/> and their labels, on <paramref name="threads"/> threads per step.
    /// </summary>
    public static TrainingSetup ForFashionCnn(int batch, int threads)
    {
        CnnData data = CnnData.Create(CnnShape.Fashion, NetImplementations.Seed);
        var net = new FashionCnn(1);
        data.Parameters.CopyTo(net.Parameters);
        net.Compile(new Adam(), new SparseCategoricalCrossentropy(fromLogits: true));
        ((ITrainableNetwork)net).Training!.TrainingThreads = threads;
        return new TrainingSetup(net, data.Batch.AsSpan(0, batch * CnnShape.Fashion.InputSize).ToArray(), data.Labels.AsSpan(0, batch).ToArray());
    }

    /// <summary>TrainingThreads of the next steps (1 or 2): a group can time one warmed-up network on either.</summary>
    public int Threads
    {
        get => Network.Training!.TrainingThreads;
        set => Network.Training!.TrainingThreads = value;
    }

    /// <summary>One <c>TrainOnBatch</c> step; returns the loss before the update.</summary>
    public float Step() => Network.TrainOnBatch(Inputs, Targets);

    /// <summary>Runs <see cref="SteadyStateSteps"/> steps; returns this setup.</summary>
    public TrainingSetup WarmUp()
    {
        for (int i = 0; i < SteadyStateSteps; i++) Step();
        return this;
    }
}
