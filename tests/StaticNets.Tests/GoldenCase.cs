using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaticNets.Tests;

/// <summary>One golden file from <c>Golden/</c> (computed with TensorFlow.js; schema in Golden/README.md).</summary>
public sealed class GoldenCase
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("parameterCount")] public int ParameterCount { get; init; }
    [JsonPropertyName("trainableParameterCount")] public int TrainableParameterCount { get; init; }
    [JsonPropertyName("nonTrainableParameterCount")] public int NonTrainableParameterCount { get; init; }
    [JsonPropertyName("inputShape")] public int[] InputShape { get; init; } = [];
    [JsonPropertyName("outputShape")] public int[] OutputShape { get; init; } = [];
    [JsonPropertyName("streaming")] public bool Streaming { get; init; }
    [JsonPropertyName("intInput")] public bool IntInput { get; init; }
    [JsonPropertyName("summary")] public string Summary { get; init; } = "";
    [JsonPropertyName("weights")] public float[] Weights { get; init; } = [];
    [JsonPropertyName("batch")] public int Batch { get; init; }
    [JsonPropertyName("x")] public float[] X { get; init; } = [];
    [JsonPropertyName("yPred")] public float[] YPred { get; init; } = [];
    [JsonPropertyName("loss")] public string? Loss { get; init; }
    [JsonPropertyName("yTrue")] public float[]? YTrue { get; init; }
    [JsonPropertyName("lossValue")] public float? LossValue { get; init; }
    [JsonPropertyName("gradients")] public float[]? Gradients { get; init; }
    [JsonPropertyName("sgdStep")] public OptimizerStep? SgdStep { get; init; }
    [JsonPropertyName("adamSteps")] public OptimizerStep? AdamSteps { get; init; }
    [JsonPropertyName("tolerance")] public GoldenTolerance Tolerance { get; init; } = new();

    public static GoldenCase Load(string name)
        => JsonSerializer.Deserialize<GoldenCase>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name + ".json")))!;

    /// <summary>Asserts |actual − expected| ≤ abs + rel·|expected| element by element.</summary>
    public void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double allowed = Tolerance.Abs + Tolerance.Rel * Math.Abs(expected[i]);
            Assert.True(Math.Abs(actual[i] - expected[i]) <= allowed,
                $"{Name} {what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (allowed ±{allowed:G3})");
        }
    }

    public sealed class OptimizerStep
    {
        [JsonPropertyName("learningRate")] public float LearningRate { get; init; }
        [JsonPropertyName("steps")] public int Steps { get; init; } = 1;
        [JsonPropertyName("weightsAfter")] public float[] WeightsAfter { get; init; } = [];
    }

    public sealed class GoldenTolerance
    {
        [JsonPropertyName("abs")] public double Abs { get; init; }
        [JsonPropertyName("rel")] public double Rel { get; init; }
    }
}
