using StaticNets.Keras.Tests.Support;

namespace StaticNets.Keras.Tests;

/// <summary>
/// Conv2DTranspose is mapped but refused until its attribute is in the runtime (it is being added on another
/// branch); enabling it is deleting its line in <c>LayerConfigReader.NotYetSupported</c>. These tests read the
/// synthetic decoder with the refusal lifted, so the mapping is ready: once the attribute exists, add the upsample
/// model to ImportCase and its class to Imported/ (the tool's output) to check predictions and the generator's key.
/// </summary>
public sealed class PendingLayerTests
{
    [Theory]
    [InlineData("synthetic/upsample/upsample.keras", null)]
    [InlineData("synthetic/upsample/upsample.h5", null)]
    [InlineData("synthetic/upsample/upsample.weights.h5", "synthetic/upsample/model.json")]
    public void Conv2DTranspose_maps_to_its_attribute_key_shape_and_weights(string file, string? config)
    {
        KerasModel model = KerasFile.Read(File.ReadAllBytes(Fixture.PathOf(file)), Path.GetFileName(file),
            config is null ? null : File.ReadAllText(Fixture.PathOf(config)), null, allowPending: true);

        KerasLayer transpose = model.Layers[1];
        Assert.StartsWith("Conv2DTranspose(3, 3, Activation.Relu, Strides = 2, Padding = Padding.Same, Name = \"conv2d_transpose", transpose.Attribute);
        Assert.Equal("Input[4,4,2]>UpSampling2D[2x2]>Conv2DTranspose[3,3x3,s2,Same,Relu,bias]>Conv2D[1,3x3,s1,Same,Sigmoid,bias]", model.Architecture);
        Assert.Equal(new[] { 16, 16, 3 }, transpose.OutputShape);                     // n·s with Same
        Assert.Equal(new[] { 3, 3, 3, 2 }, transpose.Weights[0].Shape);              // (kh, kw, filters, cin)
        Assert.Equal(3 * 3 * 3 * 2 + 3 + 3 * 3 * 3 * 1 + 1, model.ParameterCount);
        Assert.Equal(KerasFile.Read(File.ReadAllBytes(Fixture.PathOf("synthetic/upsample/upsample.keras")), "u.keras", null, null, allowPending: true).Parameters(), model.Parameters());
    }

    [Theory]
    [InlineData("Dense", "{\"units\": 3, \"kernel_regularizer\": {\"module\": \"keras.regularizers\", \"class_name\": \"L1L2\", \"config\": {\"l1\": 0.001, \"l2\": 0.01}}}", new[] { 4 }, "Dense(3, KernelL1 = 0.001, KernelL2 = 0.01, Name = \"x\")")]
    [InlineData("Conv1D", "{\"filters\": 2, \"kernel_size\": 3, \"kernel_regularizer\": {\"class_name\": \"L2\", \"config\": {\"l2\": 0.0005}}}", new[] { 5, 2 }, "Conv1D(2, 3, KernelL2 = 0.0005, Name = \"x\")")]
    [InlineData("Embedding", "{\"input_dim\": 5, \"output_dim\": 2, \"embeddings_regularizer\": {\"class_name\": \"L1\", \"config\": {\"l1\": 0.1}}}", new[] { 3 }, "Embedding(5, 2, KernelL1 = 0.1, Name = \"x\")")]
    [InlineData("LSTM", "{\"units\": 2, \"kernel_regularizer\": {\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0, \"l2\": 0.02}}}", new[] { 3, 2 }, "LSTM(2, KernelL2 = 0.02, Name = \"x\")")]
    public void A_kernel_regularizer_maps_to_KernelL1_and_KernelL2_once_enabled(string kerasClass, string config, int[] input, string attribute)
    {
        string json = $"{{\"class_name\": \"Sequential\", \"config\": {{\"name\": \"s\", \"layers\": [{{\"class_name\": \"InputLayer\", \"config\": {{\"name\": \"i\", \"batch_shape\": [null, {string.Join(", ", input)}]}}}}, {{\"class_name\": \"{kerasClass}\", \"config\": {config.Insert(1, "\"name\": \"x\", ")}}}]}}}}";
        var problems = new List<string>();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var result = StaticNets.Keras.Reading.ModelConfigReader.Read(document.RootElement, keras2: false, problems, allowPending: true);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(attribute, result!.Layers.Single().Attribute);
        Assert.Empty(result.Notes);
    }
}
