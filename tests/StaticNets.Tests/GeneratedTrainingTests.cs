namespace StaticNets.Tests;

/// <summary>The generated backward pass against the golden Keras (TensorFlow.js) loss values and gradients.</summary>
public class GeneratedTrainingTests
{
    public static TheoryData<string> Cases => GoldenPredictionTests.Cases;

    private static Loss LossNamed(string name) => name switch
    {
        "MeanSquaredError" => new MeanSquaredError(),
        "MeanAbsoluteError" => new MeanAbsoluteError(),
        "CategoricalCrossentropy" => new CategoricalCrossentropy(),
        "BinaryCrossentropy" => new BinaryCrossentropy(),
        "SparseCategoricalCrossentropy" => new SparseCategoricalCrossentropy(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LossAndGradients_MatchKeras(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        var network = (ITrainableNetwork)GoldenPredictionTests.Create(name);
        golden.Weights.CopyTo(network.Parameters);
        var gradients = new float[network.ParameterCount];
        var outputs = new float[golden.YPred.Length];
        float loss = network.ComputeGradients(golden.X, golden.YTrue, LossNamed(golden.Loss!), gradients, outputs);

        golden.AssertClose(new[] { golden.LossValue!.Value }, new[] { loss }, "lossValue");
        golden.AssertClose(golden.Gradients, gradients, "gradients");
        if (golden.NonTrainableParameterCount == 0)
        {
            // Without BatchNormalization (the golden cases' only training-only behaviour), training-mode outputs are yPred.
            golden.AssertClose(golden.YPred, outputs, "training-mode outputs");
        }
    }

    [Fact]
    public void BatchNormalization_TrainingOutputs_UseTheBatchStatistics_AndComputeGradientsLeavesMovingStatisticsAlone()
    {
        GoldenCase golden = GoldenCase.Load("bn_mlp");
        var network = new Networks.BnMlp(0);
        golden.Weights.CopyTo(network.Parameters);
        var outputs = new float[golden.YPred.Length];
        ((ITrainableNetwork)network).ComputeGradients(golden.X, golden.YTrue, new MeanSquaredError(), new float[Networks.BnMlp.ParameterCount], outputs);

        // Independent double-precision reference: dense_1, batch-statistics normalisation (biased variance), dense_2.
        int n = golden.Batch;
        float[] w = golden.Weights;
        var h = new double[n, 8];
        for (int s = 0; s < n; s++)
            for (int j = 0; j < 8; j++)
            {
                double z = w[48 + j];
                for (int i = 0; i < 6; i++) z += golden.X[s * 6 + i] * (double)w[i * 8 + j];
                h[s, j] = z;
            }

        for (int j = 0; j < 8; j++)
        {
            double mean = 0, variance = 0;
            for (int s = 0; s < n; s++) mean += h[s, j];
            mean /= n;
            for (int s = 0; s < n; s++) variance += (h[s, j] - mean) * (h[s, j] - mean);
            variance /= n;
            for (int s = 0; s < n; s++) h[s, j] = w[56 + j] * (h[s, j] - mean) / Math.Sqrt(variance + 1e-3) + w[64 + j];
        }

        var expected = new float[n * 2];
        for (int s = 0; s < n; s++)
            for (int k = 0; k < 2; k++)
            {
                double y = w[88 + 16 + k];
                for (int j = 0; j < 8; j++) y += h[s, j] * w[88 + j * 2 + k];
                expected[s * 2 + k] = (float)y;
            }

        golden.AssertClose(expected, outputs, "training-mode outputs");
        Assert.Equal(golden.Weights, network.Parameters.ToArray()); // gradients alone never move the moving statistics
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneSgdStep_MatchesKeras(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        var network = (ITrainableNetwork)GoldenPredictionTests.Create(name);
        golden.Weights.CopyTo(network.Parameters);
        network.Compile(new Sgd(learningRate: golden.SgdStep!.LearningRate), LossNamed(golden.Loss!));
        network.TrainOnBatch(golden.X, golden.YTrue);
        golden.AssertClose(golden.SgdStep.WeightsAfter, network.Parameters, "sgdStep");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ThreeAdamSteps_MatchKeras(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        var network = (ITrainableNetwork)GoldenPredictionTests.Create(name);
        golden.Weights.CopyTo(network.Parameters);
        network.Compile(new Adam(learningRate: golden.AdamSteps!.LearningRate), LossNamed(golden.Loss!));
        for (int step = 0; step < golden.AdamSteps.Steps; step++)
        {
            network.TrainOnBatch(golden.X, golden.YTrue);
        }

        golden.AssertClose(golden.AdamSteps.WeightsAfter, network.Parameters, "adamSteps");
    }

    [Fact]
    public void ComputeGradients_WrongLengths_Throw()
    {
        var network = (ITrainableNetwork)new Networks.SeedPractice1(1);
        var gradients = new float[Networks.SeedPractice1.ParameterCount];
        Assert.Throws<ArgumentException>(() => network.ComputeGradients(new float[3], new float[1], new MeanSquaredError(), gradients, default));
        Assert.Throws<ArgumentException>(() => network.ComputeGradients(new float[4], new float[1], new MeanSquaredError(), gradients, default));
        Assert.Throws<ArgumentException>(() => network.ComputeGradients(new float[4], new float[2], new MeanSquaredError(), new float[40], default));
        Assert.Throws<ArgumentException>(() => network.ComputeGradients(new float[0], new float[0], new MeanSquaredError(), gradients, default));
    }
}
