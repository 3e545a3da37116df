using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;

namespace StaticNets.Tests.Layers;

/// <summary>CNNs allocate nothing once warmed up (measured on this thread: scratch is per thread and kept).</summary>
public class GeneratedCnnAllocationTests
{
    private static float[] Inputs(int count, int seed) => LayerMath.Uniform(new Random(seed), count);

    [Fact]
    public void Predict_AllocatesNothingAfterWarmUp()
    {
        var network = new MnistCnn(1);
        float[] x = Inputs(MnistCnn.InputSize, 2);
        var y = new float[MnistCnn.OutputSize];
        for (int i = 0; i < 5; i++) network.Predict(x, y);

        Assert.Equal(0, Allocations.LeastPerRound(() => network.Predict(x, y), callsPerRound: 20));
        Assert.Equal(1.0, y.Sum(v => (double)v), 5); // softmax output: the calls really ran
    }

    [Fact]
    public void PredictBatch_AllocatesNothingAfterWarmUp()
    {
        var network = new MnistCnn(1);
        float[] x = Inputs(4 * MnistCnn.InputSize, 3);
        var y = new float[4 * MnistCnn.OutputSize];
        for (int i = 0; i < 5; i++) network.PredictBatch(x, y);

        Assert.Equal(0, Allocations.LeastPerRound(() => network.PredictBatch(x, y), callsPerRound: 20));
        Assert.Equal(4.0, y.Sum(v => (double)v), 4);
    }

    public static TheoryData<string, string> Trainings => new()
    {
        { nameof(MnistCnn), "sgd" },
        { nameof(MnistCnn), "adam" },
        { nameof(MnistCnn), "adamw" },
        { nameof(ConvDropoutNet), "adam" },
    };

    [Theory]
    [MemberData(nameof(Trainings))]
    public void TrainOnBatch_AllocatesNothingAfterWarmUp(string name, string optimizer)
    {
        // MnistCnn: Dropout, BatchNormalization (and its moving-statistics step), convolutions, pooling in one step.
        ITrainableNetwork network = LayerNetworkCases.All[name].Create();
        network.Compile(optimizer switch
        {
            "sgd" => new Sgd(0.01f, momentum: 0.9f),
            "adam" => new Adam(),
            _ => new AdamW(),
        }, Loss.MeanSquaredError, Metric.Accuracy);
        const int batch = 8;
        float[] x = Inputs(batch * network.InputSize, 5);
        float[] y = Inputs(batch * network.OutputSize, 6);
        for (int i = 0; i < 3; i++) network.TrainOnBatch(x, y);

        float[] before = network.Parameters.ToArray();
        int steps = 0;
        Assert.Equal(0, Allocations.LeastPerRound(() => { network.TrainOnBatch(x, y); steps++; }, callsPerRound: 10));
        Assert.Equal(3 + steps, network.Training!.Optimizer.Iterations);
        Assert.NotEqual(before, network.Parameters.ToArray());
        Assert.All(network.Parameters.ToArray(), w => Assert.True(float.IsFinite(w)));
    }

    [Fact]
    public void NonTrainableRanges_AllocatesNothing()
    {
        // TrainOnBatch reads it once per step to skip the moving statistics.
        ITrainableNetwork network = new MnistCnn(7);
        int sum = 0, reads = 0;
        for (int i = 0; i < 3; i++) sum += network.NonTrainableRanges[0];
        Assert.Equal(0, Allocations.LeastPerRound(() => { sum += network.NonTrainableRanges[0]; reads++; }, callsPerRound: 10));
        Assert.Equal((3 + reads) * 88, sum); // moving_mean starts after the kernel (72) and gamma, beta (8 + 8)
    }
}
