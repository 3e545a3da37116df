using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;

namespace StaticNets.Tests;

/// <summary>The generated prediction surface: argument checks, thread safety, seeding, initialisation, summary.</summary>
public class PredictTests
{
    [Fact]
    public void Summary_IsKerasPrintoutOfTheSeedNetwork()
    {
        // The seed's Practice 1 printout (Keras 2 layout) with the class name as the model name.
        const string expected = """
            Model: "SeedPractice1"
            _________________________________________________________________
            Layer (type)                 Output Shape              Param #   
            =================================================================
            dense_1 (Dense)              (None, 10)                30        
            _________________________________________________________________
            dense_2 (Dense)              (None, 1)                 11        
            =================================================================
            Total params: 41
            Trainable params: 41
            Non-trainable params: 0
            _________________________________________________________________
            """;
        Assert.Equal(expected.Replace("\r\n", "\n"), new SeedPractice1(1).Summary());
    }

    [Fact]
    public void Summary_UsesThousandsSeparatorsForTotalsOnly()
    {
        string summary = new NetB(1).Summary();
        Assert.Contains("dense_1 (Dense)              (None, 128)               100480    \n", summary);
        Assert.Contains("Total params: 109,386\nTrainable params: 109,386\nNon-trainable params: 0\n", summary);
    }

    [Fact]
    public void Summary_ShowsNamesAndRankTwoShapes()
    {
        string summary = new PerPositionNet(1).Summary();
        Assert.Contains("encoder (Dense)              (None, 4, 8)              48        \n", summary);
        Assert.Contains("dense_1 (Dense)              (None, 4, 2)              18        \n", summary);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(2, 0)]
    [InlineData(2, 2)]
    public void Predict_WrongLengths_ThrowArgumentException(int inputLength, int outputLength)
    {
        var network = new SeedPractice1(1);
        var exception = Assert.Throws<ArgumentException>(() => network.Predict(new float[inputLength], new float[outputLength]));
        Assert.Contains(inputLength != 2 ? $"Expected 2 values in input, but got {inputLength}" : $"Expected 1 values in output, but got {outputLength}", exception.Message);
    }

    [Fact]
    public void PredictReturningArray_WrongLength_Throws()
    {
        // The analyzer already rejects this call at compile time (SN0015); the run-time check must hold without it.
#pragma warning disable SN0015
        var exception = Assert.Throws<ArgumentException>(() => new SeedPractice1(1).Predict(new float[5]));
#pragma warning restore SN0015
        Assert.Equal("input", exception.ParamName);
    }

    [Theory]
    [InlineData(5, 2)]
    [InlineData(6, 2)]
    [InlineData(6, 4)]
    public void PredictBatch_WrongLengths_ThrowArgumentException(int inputs, int outputs)
    {
        var network = new SeedPractice1(1);
        Assert.Throws<ArgumentException>(() => network.PredictBatch(new float[inputs], new float[outputs]));
    }

    [Fact]
    public void PredictBatch_OfNothing_DoesNothing()
    {
        new SeedPractice1(1).PredictBatch(ReadOnlySpan<float>.Empty, Span<float>.Empty);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(300)] // several GEMM chunks of 128 and a partial one
    public void PredictBatch_EqualsPredictPerSample(int samples)
    {
        var network = new NetB(3);
        float[] x = RandomInputs(NetB.InputSize * samples, seed: 4);
        var batch = new float[NetB.OutputSize * samples];
        network.PredictBatch(x, batch);
        for (int n = 0; n < samples; n++)
        {
            float[] single = network.Predict(x.AsSpan(n * NetB.InputSize, NetB.InputSize));
            for (int o = 0; o < NetB.OutputSize; o++)
            {
                // The batch path sums in another order (GEMM tiles), so allow float rounding.
                Assert.True(Math.Abs(single[o] - batch[n * NetB.OutputSize + o]) <= 1e-5f, $"sample {n} output {o}: {single[o]} vs {batch[n * NetB.OutputSize + o]}");
            }
        }
    }

    [Fact]
    public void PredictBatch_OnRankTwoInputs_EqualsPredictPerSample()
    {
        AssertBatchEqualsSingle(new PerPositionNet(3), samples: 9);
        AssertBatchEqualsSingle(new PerPositionWideNet(3), samples: 9); // the GEMM path, rows = samples × positions
    }

    private static void AssertBatchEqualsSingle(INetwork network, int samples)
    {
        float[] x = RandomInputs(network.InputSize * samples, seed: 5);
        var batch = new float[network.OutputSize * samples];
        network.PredictBatch(x, batch);
        for (int n = 0; n < samples; n++)
        {
            var single = new float[network.OutputSize];
            network.Predict(x.AsSpan(n * network.InputSize, network.InputSize), single);
            Assert.Equal(single, batch.AsSpan(n * network.OutputSize, network.OutputSize).ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
        }
    }

    [Fact]
    public void Predict_FromManyThreadsOnOneInstance_EqualsSerial()
    {
        var network = new NetB(5);
        const int samples = 64;
        float[] x = RandomInputs(NetB.InputSize * samples, seed: 6);
        var serial = new float[NetB.OutputSize * samples];
        for (int n = 0; n < samples; n++)
        {
            network.Predict(x.AsSpan(n * NetB.InputSize, NetB.InputSize), serial.AsSpan(n * NetB.OutputSize, NetB.OutputSize));
        }

        var parallel = new float[8][];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            var results = new float[NetB.OutputSize * samples];
            for (int round = 0; round < 20; round++)
            {
                for (int n = 0; n < samples; n++)
                {
                    // Each thread walks the samples in its own order, so calls overlap differently.
                    int s = (n * (2 * t + 1)) % samples;
                    network.Predict(x.AsSpan(s * NetB.InputSize, NetB.InputSize), results.AsSpan(s * NetB.OutputSize, NetB.OutputSize));
                }
            }

            parallel[t] = results;
        });

        Assert.All(parallel, results => Assert.Equal(serial, results));
    }

    [Fact]
    public void PredictBatch_FromManyThreadsOnOneInstance_EqualsSerial()
    {
        var network = new NetB(5);
        const int samples = 200;
        float[] x = RandomInputs(NetB.InputSize * samples, seed: 7);
        var serial = new float[NetB.OutputSize * samples];
        network.PredictBatch(x, serial);
        var parallel = new float[8][];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            var results = new float[NetB.OutputSize * samples];
            for (int round = 0; round < 10; round++)
            {
                network.PredictBatch(x, results);
            }

            parallel[t] = results;
        });
        Assert.All(parallel, results => Assert.Equal(serial, results));
    }

    [Fact]
    public void Predict_AllocatesNothing()
    {
        var network = new NetB(7);
        float[] x = RandomInputs(NetB.InputSize, seed: 8);
        var y = new float[NetB.OutputSize];
        network.Predict(x, y);
        Assert.Equal(0, Allocations.LeastPerRound(() => network.Predict(x, y), callsPerRound: 100));
    }

    [Fact]
    public void SeededConstructor_IsReproducible_AndSeedsDiffer()
    {
        Assert.Equal(new NetB(11).Parameters.ToArray(), new NetB(11).Parameters.ToArray());
        Assert.NotEqual(new NetB(11).Parameters.ToArray(), new NetB(12).Parameters.ToArray());
        Assert.NotEqual(new NetB().Parameters.ToArray(), new NetB().Parameters.ToArray());
    }

    [Fact]
    public void SeededConstructor_GivesTheDocumentedStream()
    {
        // SplitMix64 from seed 1 (reference values of the published algorithm), top 24 bits → [0, 1), then
        // glorot_uniform for Dense(10) on 2 inputs: L = sqrt(6 / 12).
        ulong state = 1;
        double limit = Math.Sqrt(6.0 / 12.0);
        float[] expected = new float[20];
        for (int i = 0; i < expected.Length; i++)
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            if (i == 0)
            {
                Assert.Equal(0x910A2DEC89025CC1UL, z); // SplitMix64(1)'s first output, from the reference implementation
            }

            expected[i] = (float)((2.0 * ((z >> 40) / 16777216.0) - 1.0) * limit);
        }

        Assert.Equal(expected, new SeedPractice1(1).Parameters[..20].ToArray());
    }

    [Fact]
    public void Initialisation_IsGlorotUniformWithZeroBiases()
    {
        var network = new NetB(13);
        ReadOnlySpan<float> p = network.Parameters;
        AssertGlorot(p[..(784 * 128)], 784, 128);
        Assert.All(p.Slice(784 * 128, 128).ToArray(), b => Assert.Equal(0f, b));
        int second = 784 * 128 + 128;
        AssertGlorot(p.Slice(second, 128 * 64), 128, 64);
        Assert.All(p.Slice(second + 128 * 64, 64).ToArray(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void Parameters_IsALiveView()
    {
        var network = new SeedPractice1(1);
        network.Parameters.Clear();
        network.Parameters[40] = 2.5f; // dense_2 bias
        Assert.Equal(new[] { 2.5f }, network.Predict(new float[] { 1f, -1f }));
    }

    [Fact]
    public void DenseOnRankTwoInput_AppliesPerPosition()
    {
        var network = new PerPositionNet(2);
        float[] x = RandomInputs(PerPositionNet.InputSize, seed: 9);
        float[] y = network.Predict(x);
        Assert.Equal(new[] { 4, 2 }, PerPositionNet.OutputShape.ToArray());

        // Independent double reference: each of the 4 rows through (5→8 relu)(8→2).
        float[] w = network.Parameters.ToArray();
        for (int row = 0; row < 4; row++)
        {
            var hidden = new double[8];
            for (int u = 0; u < 8; u++)
            {
                double sum = w[40 + u];
                for (int i = 0; i < 5; i++) sum += x[row * 5 + i] * w[i * 8 + u];
                hidden[u] = Math.Max(sum, 0);
            }

            for (int u = 0; u < 2; u++)
            {
                double sum = w[48 + 16 + u];
                for (int i = 0; i < 8; i++) sum += hidden[i] * w[48 + i * 2 + u];
                Assert.Equal(sum, y[row * 2 + u], 5);
            }
        }
    }

    private static void AssertGlorot(ReadOnlySpan<float> kernel, int fanIn, int fanOut)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        double sum = 0, sumSquares = 0;
        foreach (float w in kernel)
        {
            Assert.InRange(Math.Abs(w), 0, limit);
            sum += w;
            sumSquares += (double)w * w;
        }

        // U(−L, L): mean 0, variance L²/3 (within sampling error for this many weights).
        double mean = sum / kernel.Length;
        double variance = sumSquares / kernel.Length - mean * mean;
        Assert.InRange(mean, -0.05 * limit, 0.05 * limit);
        Assert.InRange(variance, limit * limit / 3 * 0.95, limit * limit / 3 * 1.05);
    }

    internal static float[] RandomInputs(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }
}
