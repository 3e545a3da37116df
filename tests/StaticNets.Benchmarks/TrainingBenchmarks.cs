using BenchmarkDotNet.Attributes;

namespace StaticNets.Benchmarks;

/// <summary>
/// One <c>TrainOnBatch</c> step (forward, loss, backward, Adam update): net B + softmax at batch 128, net A at batch 32,
/// after <see cref="TrainingSetup.SteadyStateSteps"/> steps.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private TrainingSetup _netB = null!;
    private TrainingSetup _netA = null!;

    /// <summary>Compiles both networks, checks their first losses against double precision, and runs them to the steady state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        AgreementCheck.CheckTraining(System.IO.TextWriter.Null);
        _netB = TrainingSetup.ForNetB(threads: 2).WarmUp();
        _netA = TrainingSetup.ForNetA().WarmUp();
    }

    /// <summary>Net B (784-128-64-10 softmax), CCE, Adam, 128 samples.</summary>
    [Benchmark]
    public float StaticNets_TrainB_Batch128() => _netB.Step();

    /// <summary>Net A (2-10-1), MSE, Adam, 32 samples.</summary>
    [Benchmark]
    public float StaticNets_TrainA_Batch32() => _netA.Step();
}
