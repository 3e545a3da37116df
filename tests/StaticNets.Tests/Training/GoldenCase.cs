using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary>One golden file (tests/StaticNets.Tests/Golden, schema in its README.md), read with System.Text.Json.</summary>
internal sealed class GoldenCase
{
    private GoldenCase(JsonElement root)
    {
        Name = root.GetProperty("name").GetString()!;
        Layers = root.GetProperty("layers").EnumerateArray().Select(l => l.Clone()).ToArray();
        Weights = Floats(root, "weights");
        X = Floats(root, "x");
        Batch = root.GetProperty("batch").GetInt32();
        YPred = Floats(root, "yPred");
        LossName = root.GetProperty("loss").ValueKind == JsonValueKind.Null ? null : root.GetProperty("loss").GetString();
        YTrue = Floats(root, "yTrue");
        LossValue = root.GetProperty("lossValue").GetDouble();
        Gradients = Floats(root, "gradients");
        SgdLearningRate = root.GetProperty("sgdStep").GetProperty("learningRate").GetSingle();
        SgdWeightsAfter = Floats(root.GetProperty("sgdStep"), "weightsAfter");
        AdamLearningRate = root.GetProperty("adamSteps").GetProperty("learningRate").GetSingle();
        AdamSteps = root.GetProperty("adamSteps").GetProperty("steps").GetInt32();
        AdamWeightsAfter = Floats(root.GetProperty("adamSteps"), "weightsAfter");
        Abs = root.GetProperty("tolerance").GetProperty("abs").GetDouble();
        Rel = root.GetProperty("tolerance").GetProperty("rel").GetDouble();
    }

    public static IEnumerable<string> Names => Directory
        .EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "*.json")
        .Select(Path.GetFileNameWithoutExtension)
        .OrderBy(n => n, StringComparer.Ordinal)!;

    public string Name { get; }
    public JsonElement[] Layers { get; }
    public float[] Weights { get; }
    public float[] X { get; }
    public int Batch { get; }
    public float[] YPred { get; }
    public string? LossName { get; }
    public float[] YTrue { get; }
    public double LossValue { get; }
    public float[] Gradients { get; }
    public float SgdLearningRate { get; }
    public float[] SgdWeightsAfter { get; }
    public float AdamLearningRate { get; }
    public int AdamSteps { get; }
    public float[] AdamWeightsAfter { get; }
    public double Abs { get; }
    public double Rel { get; }

    /// <summary>Whether every layer after the input is Dense (so <see cref="ReferenceMlp"/> can run the model).</summary>
    public bool IsDenseOnly => Layers.Skip(1).All(l => l.GetProperty("type").GetString() == "Dense");

    public int OutputSize => YPred.Length / Batch;

    public static GoldenCase Load(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name + ".json")));
        return new GoldenCase(document.RootElement);
    }

    /// <summary>The model as a <see cref="ReferenceMlp"/> with the golden weights.</summary>
    public ReferenceMlp CreateReference()
    {
        int input = Layers[0].GetProperty("shape").EnumerateArray().Aggregate(1, (p, d) => p * d.GetInt32());
        var layers = Layers.Skip(1)
            .Select(l => (l.GetProperty("units").GetInt32(), Enum.Parse<Activation>(l.GetProperty("activation").GetString()!)))
            .ToArray();
        var mlp = new ReferenceMlp(input, layers);
        Weights.CopyTo(mlp.Parameters);
        return mlp;
    }

    /// <summary>The default instance of the C# loss named in the file.</summary>
    public Loss CreateLoss() => LossName switch
    {
        "MeanSquaredError" => new MeanSquaredError(),
        "MeanAbsoluteError" => new MeanAbsoluteError(),
        "BinaryCrossentropy" => new BinaryCrossentropy(),
        "CategoricalCrossentropy" => new CategoricalCrossentropy(),
        "SparseCategoricalCrossentropy" => new SparseCategoricalCrossentropy(),
        _ => throw new InvalidOperationException($"Unknown loss {LossName}."),
    };

    /// <summary>The output activation of the last layer.</summary>
    public Activation OutputActivation => Enum.Parse<Activation>(Layers[^1].GetProperty("activation").GetString()!);

    /// <summary>
    /// Non-trainable <c>[start, length]</c> pairs (BatchNormalization moving statistics), computed from the layer list.
    /// </summary>
    public int[] NonTrainableRanges()
    {
        if (!Layers.Any(l => l.GetProperty("type").GetString() == "BatchNormalization")) return [];
        var ranges = new List<int>();
        int offset = 0;
        int features = Layers[0].GetProperty("shape").EnumerateArray().Last().GetInt32();
        foreach (JsonElement layer in Layers.Skip(1))
        {
            switch (layer.GetProperty("type").GetString())
            {
                case "Dense":
                    int units = layer.GetProperty("units").GetInt32();
                    offset += features * units + units;
                    features = units;
                    break;
                case "BatchNormalization":
                    ranges.Add(offset + 2 * features);
                    ranges.Add(2 * features);
                    offset += 4 * features;
                    break;
                default:
                    throw new InvalidOperationException("Only Dense/BatchNormalization layer lists are supported here.");
            }
        }

        return ranges.ToArray();
    }

    public void AssertClose(ReadOnlySpan<float> actual, float[] expected, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double bound = Abs + Rel * Math.Abs(expected[i]);
            Assert.True(
                Math.Abs(actual[i] - expected[i]) <= bound,
                $"{Name} {what}[{i}]: expected {expected[i]}, got {actual[i]} (bound {bound}).");
        }
    }

    private static float[] Floats(JsonElement parent, string property)
        => parent.GetProperty(property).EnumerateArray().Select(e => e.GetSingle()).ToArray();
}
