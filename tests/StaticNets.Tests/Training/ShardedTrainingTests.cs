using StaticNets.Runtime;
using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;

namespace StaticNets.Tests.Training;

/// <summary>
/// With <see cref="TrainingConfiguration.TrainingThreads"/> = 2, batches of 64 or more on large networks are split over two
/// threads (generated <c>ComputeGradientsInTwo</c>). The split
/// must give the batch mean of the two halves, the same bits on every run, the outputs in sample order, errors on the
/// caller's thread, and no allocation after warm-up.
/// </summary>
public sealed class ShardedTrainingTests
{
    private static (float[] X, float[] Y) Batch(int n, int seed)
    {
        var random = new Random(seed);
        var x = new float[n * NetB.InputSize];
        for (int i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        var y = new float[n];
        for (int i = 0; i < n; i++) y[i] = random.Next(10);
        return (x, y);
    }

    /// <summary>A NetB compiled to split its batches.</summary>
    private static NetB TwoThreads(int seed)
    {
        var model = new NetB(seed);
        model.Compile(new Adam(), new SparseCategoricalCrossentropy());
        model.SetTrainingThreads(2);
        return model;
    }

    private static float Gradients(ITrainableNetwork model, ReadOnlySpan<float> x, ReadOnlySpan<float> y, float[] gradients, float[] outputs)
        => model.ComputeGradients(x, y, new SparseCategoricalCrossentropy(), gradients, outputs);

    [Theory]
    [InlineData(64)]
    [InlineData(101)]
    [InlineData(125)]
    public void SplitBatch_EqualsTheSampleWeightedMeanOfItsHalves(int n)
    {
        // Reference: the two halves as separate batches (each below the split threshold, so computed on one thread),
        // combined in double by their sample counts.
        Assert.True((n + 1) / 2 < 64, "the halves must take the single-thread path");
        var model = TwoThreads(3);
        var (x, y) = Batch(n, n);
        int first = (n + 1) / 2, second = n - first;
        var whole = new float[NetB.ParameterCount];
        var outputs = new float[n * NetB.OutputSize];
        float loss = Gradients(model, x, y, whole, outputs);

        var g1 = new float[NetB.ParameterCount];
        var g2 = new float[NetB.ParameterCount];
        var o1 = new float[first * NetB.OutputSize];
        var o2 = new float[second * NetB.OutputSize];
        float l1 = Gradients(model, x.AsSpan(0, first * NetB.InputSize), y.AsSpan(0, first), g1, o1);
        float l2 = Gradients(model, x.AsSpan(first * NetB.InputSize), y.AsSpan(first), g2, o2);

        Assert.Equal(((double)l1 * first + (double)l2 * second) / n, loss, 1e-5);
        for (int i = 0; i < whole.Length; i++)
        {
            double expected = ((double)g1[i] * first + (double)g2[i] * second) / n;
            Assert.True(Math.Abs(whole[i] - expected) <= 1e-7 + 1e-5 * Math.Abs(expected), $"gradient {i}: {whole[i]} vs {expected}");
        }

        Assert.Equal(o1.Concat(o2).ToArray(), outputs);
    }

    [Fact]
    public void TwoThreads_AreTheDefaultOnSeveralProcessors_AndOneThreadComputesTheWholeBatchAtOnce()
    {
        var model = new NetB(3);
        model.Compile(new Adam(), new SparseCategoricalCrossentropy());
        TrainingConfiguration configuration = ((ITrainableNetwork)model).Training!;
        Assert.Equal(Math.Min(2, Environment.ProcessorCount), configuration.TrainingThreads);
        Assert.Throws<ArgumentOutOfRangeException>(() => configuration.TrainingThreads = 3);

        // One thread: the same bits as the uncompiled interface call (which never splits).
        model.SetTrainingThreads(1);
        Assert.Equal(1, configuration.TrainingThreads);
        var (x, y) = Batch(128, 6);
        var compiled = new float[NetB.ParameterCount];
        var plain = new float[NetB.ParameterCount];
        Gradients(model, x, y, compiled, []);
        Gradients(new NetB(3), x, y, plain, []);
        Assert.Equal(plain, compiled);
    }

    [Fact]
    public void SplitBatch_GivesTheSameBitsEveryTime()
    {
        var (x, y) = Batch(128, 1);
        float[] Run()
        {
            var gradients = new float[NetB.ParameterCount];
            Gradients(TwoThreads(5), x, y, gradients, []);
            return gradients;
        }

        float[] a = Run();
        for (int run = 0; run < 5; run++)
        {
            Assert.Equal(a, Run());
        }
    }

    [Fact]
    public void AnErrorInTheSecondHalf_IsThrownOnTheCallersThread_AndTheNextStepWorks()
    {
        var model = TwoThreads(2);
        var (x, y) = Batch(128, 2);
        y[127] = 10; // not a class index of a 10-way output: the second half's loss rejects it
        var gradients = new float[NetB.ParameterCount];
        Assert.Throws<ArgumentException>(() => Gradients(model, x, y, gradients, []));

        y[127] = 9;
        float loss = Gradients(model, x, y, gradients, []);
        Assert.True(float.IsFinite(loss));
    }

    [Fact]
    public void SplitTrainOnBatch_AllocatesNothingOnTheCallersThreadAfterWarmUp()
    {
        NetB model = TwoThreads(4);
        var (x, y) = Batch(128, 4);
        for (int i = 0; i < 3; i++) model.TrainOnBatch(x, y);

        Assert.Equal(0, Allocations.LeastPerRound(() => model.TrainOnBatch(x, y), callsPerRound: 20));
    }
    [Fact]
    public async Task SplitSteps_CalledFromEveryPoolThread_StillFinish_WithTheSerialGradients()
    {
        // Every pool thread trains its own model and queues its second half behind the others: the callers run the
        // halves no thread has taken, so this finishes without waiting for the pool to grow, with the same bits.
        var (x, y) = Batch(128, 5);
        var expected = new float[NetB.ParameterCount];
        Gradients(TwoThreads(5), x, y, expected, []);
        ThreadPool.GetMinThreads(out int workers, out _);
        int callers = Math.Max(workers, Environment.ProcessorCount) * 2;
        var results = new float[callers][];
        Task[] tasks = Enumerable.Range(0, callers).Select(i => Task.Run(() =>
        {
            results[i] = new float[NetB.ParameterCount];
            Gradients(TwoThreads(5), x, y, results[i], []);
        })).ToArray();
        Task all = Task.WhenAll(tasks);
        Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(120))) == all, "Split training steps from the thread pool did not finish.");
        await all;
        foreach (float[] result in results) Assert.Equal(expected, result);
    }

    [Fact]
    public void Shard_RunsItsWorkExactlyOncePerStart_WhoeverRunsIt()
    {
        // Two shards alternate, so the other thread is sometimes busy and the caller sometimes runs the work itself.
        int runs = 0;
        var shards = new[] { new TrainingShard(() => Interlocked.Increment(ref runs)), new TrainingShard(() => Interlocked.Increment(ref runs)) };
        for (int step = 0; step < 2000; step++)
        {
            shards[0].Start();
            shards[1].Start();
            shards[1].Wait();
            shards[0].Wait();
            Assert.Equal(2 * (step + 1), Volatile.Read(ref runs));
        }
    }
}
