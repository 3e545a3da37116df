using StaticNets.Keras.Reading;
using StaticNets.Keras.Tests.Support;

namespace StaticNets.Keras.Tests;

/// <summary>
/// A Keras <c>kernel_regularizer</c> (an Embedding's <c>embeddings_regularizer</c>) of class L1, L2 or L1L2 becomes the
/// attribute's <c>KernelL1</c>/<c>KernelL2</c>, in the config forms of Keras 3 (<c>module</c>, <c>L2</c> with one key) and
/// Keras 2 (<c>L1L2</c> with both keys, float32 values widened to double). Other regularisers are noted, naming the
/// layer and the setting, and change nothing in the model.
/// </summary>
public sealed class KernelRegularizerTests
{
    [Theory]
    [InlineData("Dense", "{\"units\": 3, \"kernel_regularizer\": {\"module\": \"keras.regularizers\", \"class_name\": \"L2\", \"config\": {\"l2\": 0.01}, \"registered_name\": null}}", new[] { 4 }, "Dense(3, KernelL2 = 0.01, Name = \"x\")")]
    [InlineData("Dense", "{\"units\": 3, \"kernel_regularizer\": {\"module\": \"keras.regularizers\", \"class_name\": \"L1L2\", \"config\": {\"l1\": 0.001, \"l2\": 0.01}}}", new[] { 4 }, "Dense(3, KernelL1 = 0.001, KernelL2 = 0.01, Name = \"x\")")]
    [InlineData("Dense", "{\"units\": 3, \"kernel_regularizer\": {\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0, \"l2\": 0.01}}}", new[] { 4 }, "Dense(3, KernelL2 = 0.01, Name = \"x\")")]
    [InlineData("Conv1D", "{\"filters\": 2, \"kernel_size\": 3, \"kernel_regularizer\": {\"class_name\": \"L2\", \"config\": {\"l2\": 0.0005}}}", new[] { 5, 2 }, "Conv1D(2, 3, KernelL2 = 0.0005, Name = \"x\")")]
    [InlineData("Conv2D", "{\"filters\": 2, \"kernel_size\": 3, \"kernel_regularizer\": {\"module\": \"keras.regularizers\", \"class_name\": \"L1\", \"config\": {\"l1\": 1e-05}}}", new[] { 5, 5, 1 }, "Conv2D(2, 3, KernelL1 = 1E-05, Name = \"x\")")]
    [InlineData("Conv2DTranspose", "{\"filters\": 2, \"kernel_size\": 3, \"kernel_regularizer\": {\"class_name\": \"L2\", \"config\": {\"l2\": 0.25}}}", new[] { 2, 2, 1 }, "Conv2DTranspose(2, 3, KernelL2 = 0.25, Name = \"x\")")]
    [InlineData("Embedding", "{\"input_dim\": 5, \"output_dim\": 2, \"embeddings_regularizer\": {\"class_name\": \"L1\", \"config\": {\"l1\": 0.1}}}", new[] { 3 }, "Embedding(5, 2, KernelL1 = 0.1, Name = \"x\")")]
    [InlineData("LSTM", "{\"units\": 2, \"kernel_regularizer\": {\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0, \"l2\": 0.02}}}", new[] { 3, 2 }, "LSTM(2, KernelL2 = 0.02, Name = \"x\")")]
    [InlineData("GRU", "{\"units\": 2, \"kernel_regularizer\": {\"class_name\": \"L1\", \"config\": {\"l1\": 0.5}}}", new[] { 3, 2 }, "GRU(2, KernelL1 = 0.5, Name = \"x\")")]
    [InlineData("SimpleRNN", "{\"units\": 2, \"kernel_regularizer\": {\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.25, \"l2\": 0.125}}}", new[] { 3, 2 }, "SimpleRNN(2, KernelL1 = 0.25, KernelL2 = 0.125, Name = \"x\")")]
    public void A_kernel_regularizer_maps_to_KernelL1_and_KernelL2(string kerasClass, string config, int[] input, string attribute)
    {
        var (layer, notes) = Read(kerasClass, config, input, keras2: false);
        Assert.Equal(attribute, layer.Attribute);
        Assert.Empty(notes);
    }

    [Fact]
    public void A_keras_2_config_with_float32_factors_writes_the_float_they_name()
    {
        // Keras 2 (and tf.keras 2) store l2(0.01) as float32: the JSON holds 0.009999999776482582.
        var (layer, notes) = Read("Dense", "{\"units\": 3, \"kernel_regularizer\": {\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0010000000474974513, \"l2\": 0.009999999776482582}}}", new[] { 4 }, keras2: true);
        Assert.Equal("Dense(3, KernelL1 = 0.001, KernelL2 = 0.01, Name = \"x\")", layer.Attribute);
        Assert.Equal(0.0010000000474974513, layer.Options.KernelL1);
        Assert.Equal(0.009999999776482582, layer.Options.KernelL2);
        Assert.Equal((float)layer.Options.KernelL2, (float)double.Parse("0.01", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(notes);
    }

    [Theory]
    [InlineData(0.01, "0.01")]                       // not a float: the double's own shortest text
    [InlineData(0.009999999776482582, "0.01")]       // float32(0.01) widened: the float's shortest text
    [InlineData(1e-05, "1E-05")]
    [InlineData(2.0, "2.0")]                         // a literal C# reads as double
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    public void Factors_are_written_as_invariant_round_trip_literals(double factor, string text)
    {
        Assert.Equal(text, CSharpAttributes.Factor(factor));
        Assert.Equal((float)factor, (float)double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("{\"units\": 3, \"bias_regularizer\": {\"class_name\": \"L2\", \"config\": {\"l2\": 0.01}}}", "layer 'x' (Dense): bias_regularizer = L2 is ignored (StaticNets regularises only kernels; it acts only in training, so predictions are unaffected).")]
    [InlineData("{\"units\": 3, \"activity_regularizer\": {\"class_name\": \"L1\", \"config\": {\"l1\": 0.01}}}", "layer 'x' (Dense): activity_regularizer = L1 is ignored (StaticNets has no activity regularisers; it acts only in training, so predictions are unaffected).")]
    [InlineData("{\"units\": 3, \"kernel_regularizer\": {\"class_name\": \"OrthogonalRegularizer\", \"config\": {\"factor\": 0.01, \"mode\": \"rows\"}}}", "layer 'x' (Dense): kernel_regularizer = OrthogonalRegularizer is ignored (StaticNets has no such regulariser; it acts only in training, so predictions are unaffected).")]
    public void Other_regularizers_are_noted_with_the_layer_and_the_setting(string config, string note)
    {
        var (layer, notes) = Read("Dense", config, new[] { 4 }, keras2: false);
        Assert.Equal("Dense(3, Name = \"x\")", layer.Attribute);
        Assert.Equal(note, notes.Single());
    }

    [Fact]
    public void A_negative_factor_is_refused_naming_the_layer_and_the_setting()
    {
        string json = Model("Dense", "{\"units\": 3, \"kernel_regularizer\": {\"class_name\": \"L2\", \"config\": {\"l2\": -0.5}}}", new[] { 4 });
        var problems = new List<string>();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        ModelConfigReader.Read(document.RootElement, keras2: false, problems);
        Assert.Equal("layer 'x' (Dense): kernel_regularizer = L2 with l2 = -0.5 (a factor at least 0 is needed) is not supported.", problems.Single());
    }

    [Theory]
    [InlineData("synthetic/norm/norm.keras", null)]                                   // Keras 3: {"l1": 0.001, "l2": 0.01}
    [InlineData("synthetic/norm/norm.h5", null)]                                      // tf.keras 2: float32 values widened
    [InlineData("synthetic/norm/norm.weights.h5", "synthetic/norm/model.json")]
    public void The_norm_fixture_regularizer_reads_the_same_from_every_form(string file, string? config)
    {
        KerasModel model = KerasFile.Read(Fixture.PathOf(file), config is null ? null : Fixture.PathOf(config));
        Assert.Matches("^Dense\\(8, Activation.Relu, KernelL1 = 0.001, KernelL2 = 0.01, Name = \"dense(_1)?\"\\)$", model.Layers[1].Attribute);
        Assert.Empty(model.Notes);
    }

    [Fact]
    public void The_regularized_attribute_compiles_to_the_key_the_importer_computes()
    {
        var (layer, _) = Read("Dense", "{\"units\": 3, \"activation\": \"relu\", \"kernel_regularizer\": {\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.001, \"l2\": 0.01}}}", new[] { 4 }, keras2: false);
        Assert.Equal("Input[4]>" + ArchitectureKey.Of(layer), ((INetwork)new RegularizedDense()).Architecture);
    }

    private static (KerasLayer Layer, IReadOnlyList<string> Notes) Read(string kerasClass, string config, int[] input, bool keras2)
    {
        var problems = new List<string>();
        using var document = System.Text.Json.JsonDocument.Parse(Model(kerasClass, config, input));
        var result = ModelConfigReader.Read(document.RootElement, keras2, problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return (result!.Layers.Single(), result.Notes);
    }

    private static string Model(string kerasClass, string config, int[] input)
        => $"{{\"class_name\": \"Sequential\", \"config\": {{\"name\": \"s\", \"layers\": [{{\"class_name\": \"InputLayer\", \"config\": {{\"name\": \"i\", \"batch_shape\": [null, {string.Join(", ", input)}]}}}}, {{\"class_name\": \"{kerasClass}\", \"config\": {config.Insert(1, "\"name\": \"x\", ")}}}]}}}}";
}

// The attribute text the importer writes for the L1L2 Dense above.
[Input(4)]
[Dense(3, Activation.Relu, KernelL1 = 0.001, KernelL2 = 0.01, Name = "x")]
public partial class RegularizedDense { }
