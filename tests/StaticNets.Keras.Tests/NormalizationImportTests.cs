using System.Text.Json.Nodes;
using StaticNets.Keras.Tests.Support;

namespace StaticNets.Keras.Tests;

/// <summary>
/// Keras <c>Normalization</c>: adapted statistics come from the weights (mean, variance, and count, an integer in the
/// file); statistics given in the config (<c>Normalization(mean=..., variance=...)</c>, for which Keras stores no
/// weights) become the same three weights. The prediction checks go through the synthetic MLP: inputs built as
/// <c>x·sqrt(variance) + mean</c> from the MLP's own inputs must give the MLP's expected outputs.
/// </summary>
public sealed class NormalizationImportTests
{
    [Fact]
    public void The_count_is_read_from_its_integer_dataset_as_one_float()
    {
        // Keras 3 leaves count at 0 (adapt() does not update it); tf.keras 2 counts the positions adapt() saw.
        Assert.Equal(0f, KerasFile.Read(Fixture.PathOf("synthetic/norm/norm.keras")).Layers[0].Weights[2].Values.Span[0]);
        KerasLayer keras2 = KerasFile.Read(Fixture.PathOf("synthetic/norm/norm.h5")).Layers[0];
        Assert.Equal(new[] { "mean", "variance", "count" }, keras2.Weights.Select(w => w.Name));
        Assert.Empty(keras2.Weights[2].Shape);
        Assert.Equal(500f, keras2.Weights[2].Values.Span[0]);
    }

    [Fact]
    public void A_constant_feature_is_divided_by_the_1e_minus_7_floor_as_in_keras()
    {
        KerasModel model = KerasFile.Read(Fixture.PathOf("synthetic/norm/norm.keras"));
        Assert.Equal(0f, model.Layers[0].Weights[1].Values.Span[2]);    // the fixture's feature 2 has variance 0
        var network = new Imported.SyntheticNorm();
        model.Parameters().CopyTo(network.Parameters);
        (_, float[] inputs) = Fixture.Array("synthetic/norm/norm.expected.json", "inputs");
        (_, float[] expected) = Fixture.Array("synthetic/norm/norm.expected.json", "outputs");
        var actual = new float[expected.Length];
        network.PredictBatch(inputs, actual);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5 + 1e-5 * Math.Abs(expected[i]));
    }

    [Theory]
    [InlineData("[1.0, -2.0, 0.5, 3.0]", "[4.0, 0.25, 1.0, 16.0]")]
    [InlineData("2.0", "9.0")]
    [InlineData("[-1.5]", "[0.0625]")]
    public void Statistics_given_in_the_config_become_the_weights(string mean, string variance)
    {
        double[] m = Values(mean), v = Values(variance);
        string json = MlpWithNormalization(mean, variance);
        KerasModel model = KerasFile.Read(File.ReadAllBytes(Fixture.PathOf("synthetic/mlp/mlp.weights.h5")), "mlp.weights.h5", json);

        KerasLayer normalization = model.Layers[0];
        Assert.Equal("Normalization(Name = \"n\")", normalization.Attribute);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => (float)m[m.Length == 1 ? 0 : i]), normalization.Weights[0].Values.ToArray());
        Assert.Equal(Enumerable.Range(0, 4).Select(i => (float)v[v.Length == 1 ? 0 : i]), normalization.Weights[1].Values.ToArray());
        Assert.Equal(new[] { 0f }, normalization.Weights[2].Values.ToArray());

        var network = new NormalizedMlp();
        Assert.Equal(((INetwork)network).Architecture, model.Architecture);
        using (var stream = new MemoryStream(CSharpSource.WeightsFile(model))) network.LoadWeights(stream);

        (_, float[] x) = Fixture.Array("synthetic/mlp/mlp.expected.json", "inputs");
        (_, float[] expected) = Fixture.Array("synthetic/mlp/mlp.expected.json", "outputs");
        float[] raw = x.Select((value, i) => (float)(value * Math.Sqrt(v[v.Length == 1 ? 0 : i % 4]) + m[m.Length == 1 ? 0 : i % 4])).ToArray();
        var actual = new float[expected.Length];
        network.PredictBatch(raw, actual);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5 + 1e-5 * Math.Abs(expected[i]));
    }

    private static double[] Values(string json)
        => JsonNode.Parse(json) is JsonArray list ? list.Select(n => n!.GetValue<double>()).ToArray() : new[] { JsonNode.Parse(json)!.GetValue<double>() };

    // The synthetic MLP's Keras 3 config (Dense(8, relu), Dense(3, softmax) on 4 inputs) with a Normalization first.
    private static string MlpWithNormalization(string mean, string variance) => $$$"""
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "InputLayer", "config": {"name": "i", "batch_shape": [null, 4]}},
          {"module": "keras.layers", "class_name": "Normalization", "config": {"name": "n", "trainable": true, "axis": [-1], "invert": false, "mean": {{{mean}}}, "variance": {{{variance}}}}},
          {"class_name": "Dense", "config": {"name": "d1", "units": 8, "activation": "relu"}},
          {"class_name": "Dense", "config": {"name": "d2", "units": 3, "activation": "softmax"}}]}}
        """;
}

[Input(4)]
[Normalization(Name = "n")]
[Dense(8, Activation.Relu, Name = "d1")]
[Dense(3, Activation.Softmax, Name = "d2")]
public partial class NormalizedMlp { }
