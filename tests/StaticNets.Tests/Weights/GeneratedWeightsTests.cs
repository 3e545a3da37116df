using StaticNets.Tests.Networks;

namespace StaticNets.Tests.Weights;

/// <summary>Weight files with generated networks: their Architecture text guards against loading another model's file.</summary>
public class GeneratedWeightsTests
{
    [Fact]
    public void SaveThenLoad_GivesBitIdenticalParameters_AndIdenticalFiles()
    {
        var source = new NetB(21);
        string directory = Directory.CreateTempSubdirectory("staticnets-").FullName;
        string first = Path.Combine(directory, "a.weights"), second = Path.Combine(directory, "b.weights");
        source.SaveWeights(first);
        source.SaveWeights(second);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));

        var target = new NetB(22);
        target.LoadWeights(first);
        Assert.Equal(
            source.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits),
            target.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits));
        float[] x = PredictTests.RandomInputs(NetB.InputSize, seed: 3);
        Assert.Equal(source.Predict(x), target.Predict(x));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void LoadingAnotherArchitecture_Throws_AndLeavesTheModelUnchanged()
    {
        using var file = new MemoryStream();
        new SeedPractice2(1).SaveWeights(file);
        var model = new SeedPractice1(2);
        float[] before = model.Parameters.ToArray();
        file.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => model.LoadWeights(file));
        Assert.Contains("Input[3]", error.Message);
        Assert.Contains("Input[2]", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void SameShapesButAnotherActivation_IsAnotherArchitecture()
    {
        // seed_practice1 (relu) and a tanh twin have the same weight shapes; Keras would load one into the other.
        using var file = new MemoryStream();
        new SeedPractice1(1).SaveWeights(file);
        file.Position = 0;
        Assert.Throws<InvalidDataException>(() => new TanhPractice1(1).LoadWeights(file));
    }
}

[Input(2)]
[Dense(10, Activation.Tanh)]
[Dense(1)]
public partial class TanhPractice1 { }
