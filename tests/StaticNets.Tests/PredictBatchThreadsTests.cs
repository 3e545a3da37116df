using StaticNets.Runtime;
using StaticNets.Tests.Layers;
using StaticNets.Tests.Networks;

namespace StaticNets.Tests;

/// <summary>
/// <c>PredictBatch</c> on two cores (<c>PredictBatchThreads = 2</c>, the default) gives the same bits as on one, for
/// Dense, convolutional (with BatchNormalization and pooling), transposed-convolution and recurrent networks and for
/// batch sizes on both sides of the split threshold; <see cref="PredictionShard"/> hands the halves the right slices,
/// carries exceptions back, and finishes when called from a saturated thread pool.
/// </summary>
public class PredictBatchThreadsTests
{
    public static TheoryData<int> BatchSizes => new() { 1, 4, 8, 9, 15, 33, 129, 300 };

    [Theory]
    [MemberData(nameof(BatchSizes))]
    public void TwoThreads_GiveTheSameBitsAsOne(int samples)
    {
        AssertSameBits(new NetB(1), samples);
        AssertSameBits(new MnistCnn(2), samples);
        AssertSameBits(new TransposeStridedSameNet(3), samples);
        AssertSameBits(new StackedLstm(4), samples);
    }

    [Fact]
    public void PredictBatchThreads_TakesOneOrTwo()
    {
        var network = new NetB(1);
        Assert.Equal(2, network.PredictBatchThreads);
        network.PredictBatchThreads = 1;
        Assert.Equal(1, network.PredictBatchThreads);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.PredictBatchThreads = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.PredictBatchThreads = 3);
        Assert.Equal(1, network.PredictBatchThreads);
    }

    [Fact]
    public void TwoThreads_AllocateNothingPerCallOnTheCaller()
    {
        // 1,000 calls after warm-up: a per-call allocation would show as at least 1,000 × 24 bytes. The thread pool itself
        // may allocate once in a while: when its threads are busy (tests run in parallel) the caller runs both halves and
        // the work items it queued wait in the pool's queue, which then grows by a segment of a few KB.
        var network = new NetB(1);
        float[] x = LayerMath.Uniform(new Random(5), 64 * NetB.InputSize);
        var y = new float[64 * NetB.OutputSize];
        for (int i = 0; i < 10; i++) network.PredictBatch(x, y);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) network.PredictBatch(x, y);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 8192);
    }

    [Fact]
    public void Shard_GivesEachHalfItsOwnSlice()
    {
        const int samples = 11, inputSize = 3, outputSize = 2, first = 6;
        float[] x = Enumerable.Range(0, samples * inputSize).Select(i => (float)i).ToArray();
        var y = new float[samples * outputSize];
        var calls = new System.Collections.Concurrent.ConcurrentBag<(int Samples, float FirstInput)>();
        PredictionShard.Run(
            (inputs, outputs, n) =>
            {
                Assert.Equal(n * inputSize, inputs.Length);
                Assert.Equal(n * outputSize, outputs.Length);
                for (int s = 0; s < n; s++)
                {
                    outputs[s * outputSize] = inputs[s * inputSize];          // the sample's first input: its index · 3
                    outputs[s * outputSize + 1] = inputs[s * inputSize] + 1;
                }

                calls.Add((n, inputs[0]));
            },
            x, y, samples, first);

        for (int s = 0; s < samples; s++)
        {
            Assert.Equal(s * inputSize, y[s * outputSize]);
            Assert.Equal(s * inputSize + 1, y[s * outputSize + 1]);
        }

        Assert.Equal(new[] { (samples - first, (float)(first * inputSize)), (first, 0f) }, calls.Select(c => (c.Samples, c.FirstInput)).Order());
    }

    [Fact]
    public void Shard_RethrowsTheSecondHalfsException()
    {
        float[] x = [0, 0, 1, 1]; // the second half's samples are 1s
        var thrown = Assert.Throws<InvalidOperationException>(() => PredictionShard.Run(
            (inputs, outputs, n) =>
            {
                if (inputs[0] == 1) throw new InvalidOperationException("second half");
            },
            x, new float[4], 4, 2));
        Assert.Equal("second half", thrown.Message);
    }

    [Fact]
    public void Shard_WhenTheFirstHalfThrows_WaitsForTheSecondBeforeReturning()
    {
        // The second half writes into the caller's pinned outputs: Run must not return while it still runs.
        float[] x = [0, 0, 1, 1];
        var y = new float[4];
        int secondFinished = 0;
        var thrown = Assert.Throws<InvalidOperationException>(() => PredictionShard.Run(
            (inputs, outputs, n) =>
            {
                if (inputs[0] == 0) throw new InvalidOperationException("first half");
                Thread.Sleep(100);
                outputs.Fill(7);
                Volatile.Write(ref secondFinished, 1);
            },
            x, y, 4, 2));
        Assert.Equal("first half", thrown.Message);
        Assert.Equal(1, Volatile.Read(ref secondFinished));
        Assert.Equal(new float[] { 0, 0, 7, 7 }, y);
    }

    [Fact]
    public async Task Shard_CalledFromEveryPoolThread_StillFinishes()
    {
        // Every pool thread is busy in a PredictBatch that queues its second half behind the others: the callers run
        // the halves no pool thread has taken, so this finishes without waiting for the pool to grow.
        var network = new MnistCnn(6);
        float[] x = LayerMath.Uniform(new Random(7), 16 * MnistCnn.InputSize);
        var expected = new float[16 * MnistCnn.OutputSize];
        network.PredictBatchThreads = 1;
        network.PredictBatch(x, expected);
        network.PredictBatchThreads = 2;
        ThreadPool.GetMinThreads(out int workers, out _);
        int callers = Math.Max(workers, Environment.ProcessorCount) * 2;
        var results = new float[callers][];
        Task[] tasks = Enumerable.Range(0, callers).Select(i => Task.Run(() =>
        {
            results[i] = new float[expected.Length];
            network.PredictBatch(x, results[i]);
        })).ToArray();
        Task all = Task.WhenAll(tasks);
        Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(60))) == all, "PredictBatch calls from the thread pool did not finish.");
        await all;
        foreach (float[] result in results) Assert.Equal(expected, result);
    }

    private static void AssertSameBits<TNetwork>(TNetwork network, int samples)
        where TNetwork : INetwork
    {
        var random = new Random(samples);
        Span<float> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++) parameters[i] = (float)(random.NextDouble() - 0.5);
        float[] x = LayerMath.Uniform(random, samples * network.InputSize);
        var one = new float[samples * network.OutputSize];
        var two = new float[one.Length];
        SetThreads(network, 1);
        network.PredictBatch(x, one);
        SetThreads(network, 2);
        network.PredictBatch(x, two);
        for (int i = 0; i < one.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(one[i]) == BitConverter.SingleToInt32Bits(two[i]),
                $"{typeof(TNetwork).Name}, {samples} samples: output {i} is {two[i]:R} on two threads and {one[i]:R} on one.");
        }
    }

    private static void SetThreads(INetwork network, int threads)
    {
        switch (network)
        {
            case NetB n: n.PredictBatchThreads = threads; break;
            case MnistCnn n: n.PredictBatchThreads = threads; break;
            case TransposeStridedSameNet n: n.PredictBatchThreads = threads; break;
            case StackedLstm n: n.PredictBatchThreads = threads; break;
            default: throw new ArgumentException(network.GetType().Name);
        }
    }
}
