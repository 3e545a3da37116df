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
        golden.AssertClose(golden.YPred, outputs, "training-mode outputs");
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
