using StaticNets.Tests.Networks;

namespace StaticNets.Tests.Layers;

/// <summary>Predict and PredictBatch on one CNN instance from 8 threads at once give the serial results, bit for bit.</summary>
public class GeneratedCnnConcurrencyTests
{
    [Fact]
    public void PredictAndPredictBatch_FromEightThreads_EqualSerialResults()
    {
        var network = new MnistCnn(41);
        LayerNetworkCases.SetRandomParameters(LayerNetworkCases.All[nameof(MnistCnn)].Reference(), network, new Random(42));
        const int samples = 12, threads = 8, rounds = 20;
        float[] x = LayerMath.Uniform(new Random(43), samples * MnistCnn.InputSize);
        var serialBatch = new float[samples * MnistCnn.OutputSize];
        network.PredictBatch(x, serialBatch);
        float[][] serialSingle = Enumerable.Range(0, samples)
            .Select(s => network.Predict(x.AsSpan(s * MnistCnn.InputSize, MnistCnn.InputSize))).ToArray();

        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var start = new Barrier(threads);
        Thread[] workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var batch = new float[serialBatch.Length];
            var single = new float[MnistCnn.OutputSize];
            start.SignalAndWait();
            for (int round = 0; round < rounds; round++)
            {
                // Threads visit the samples in different orders so that different inputs overlap in time.
                for (int k = 0; k < samples; k++)
                {
                    int s = (k + t * 5) % samples;
                    network.Predict(x.AsSpan(s * MnistCnn.InputSize, MnistCnn.InputSize), single);
                    if (!single.AsSpan().SequenceEqual(serialSingle[s])) mismatches.Add($"thread {t} round {round} Predict sample {s}");
                }

                network.PredictBatch(x, batch);
                if (!batch.AsSpan().SequenceEqual(serialBatch)) mismatches.Add($"thread {t} round {round} PredictBatch");
            }
        })).ToArray();
        foreach (Thread worker in workers) worker.Start();
        foreach (Thread worker in workers) worker.Join();

        Assert.Empty(mismatches);
    }
}
