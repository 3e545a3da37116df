using System.Text.Json.Nodes;
using StaticNets.Keras.Tests.Support;

namespace StaticNets.Keras.Tests;

/// <summary>
/// How Keras configs map to StaticNets attributes, and the refusal line of each setting StaticNets cannot represent.
/// The configs are the synthetic MLP's <c>model.json</c> (Keras 3 <c>to_json()</c>) edited one setting at a time and
/// read with its <c>.weights.h5</c>; refusals are reported before any weight is read.
/// </summary>
public sealed class ConfigMappingTests
{
    private static readonly byte[] MlpWeights = File.ReadAllBytes(Fixture.PathOf("synthetic/mlp/mlp.weights.h5"));

    [Theory]
    [InlineData("data_format", "\"channels_first\"", "layer 'x' (Conv1D): data_format = 'channels_first' (StaticNets is channels_last) is not supported.")]
    [InlineData("padding", "\"causal\"", null)]
    [InlineData("groups", "2", "layer 'x' (Conv1D): groups = 2 (grouped convolution) is not supported.")]
    [InlineData("kernel_constraint", "{\"class_name\": \"MaxNorm\", \"config\": {\"max_value\": 2}}", "layer 'x' (Conv1D): kernel_constraint = MaxNorm is not supported (StaticNets has no weight constraints).")]
    [InlineData("some_future_option", "true", "layer 'x' (Conv1D): setting some_future_option = true is not supported.")]
    [InlineData("some_future_option", "null", null)]
    public void Conv1D_settings(string key, string json, string? refusal)
    {
        var layer = Layer("Conv1D", new JsonObject { ["filters"] = 2, ["kernel_size"] = new JsonArray(3), ["strides"] = new JsonArray(1), ["dilation_rate"] = new JsonArray(2), ["padding"] = "valid", ["activation"] = "relu", ["use_bias"] = true });
        layer["config"]![key] = JsonNode.Parse(json);
        CheckRefusal(new[] { layer }, new[] { 6, 3 }, refusal);
    }

    [Fact]
    public void Conv1D_causal_and_dilated_maps_to_its_attribute_and_key()
    {
        var layer = Layer("Conv1D", new JsonObject { ["filters"] = 2, ["kernel_size"] = new JsonArray(3), ["strides"] = new JsonArray(1), ["dilation_rate"] = new JsonArray(2), ["padding"] = "causal", ["activation"] = "relu" });
        KerasLayer read = ReadLayers(new[] { layer }, new[] { 6, 3 }).Single();
        Assert.Equal("Conv1D(2, 3, Activation.Relu, DilationRate = 2, Padding = Padding.Causal, Name = \"x\")", read.Attribute);
        Assert.Equal(new[] { 6, 2 }, read.OutputShape);
    }

    public static TheoryData<string, string, int[], string, string> Mappings() => new()
    {
        { "Dense", "{\"units\": 3, \"activation\": \"gelu\", \"use_bias\": false}", new[] { 4 }, "Dense(3, Activation.Gelu, UseBias = false, Name = \"x\")", "Dense[3,Gelu,nobias]" },
        { "Conv2DTranspose", "{\"filters\": 2, \"kernel_size\": [3, 2], \"strides\": [2, 1], \"padding\": \"valid\", \"activation\": \"relu\", \"output_padding\": null}", new[] { 4, 4, 1 }, "Conv2DTranspose(2, 2, Activation.Relu, KernelHeight = 3, KernelWidth = 2, StridesHeight = 2, StridesWidth = 1, Name = \"x\")", "Conv2DTranspose[2,3x2,s2x1,Valid,Relu,bias]" },
        { "Conv2D", "{\"filters\": 2, \"kernel_size\": [3, 2], \"strides\": [2, 1], \"padding\": \"same\", \"activation\": \"swish\"}", new[] { 6, 6, 1 }, "Conv2D(2, 2, Activation.Silu, KernelHeight = 3, KernelWidth = 2, StridesHeight = 2, StridesWidth = 1, Padding = Padding.Same, Name = \"x\")", "Conv2D[2,3x2,s2x1,Same,Silu,bias]" },
        { "AveragePooling1D", "{\"pool_size\": [3], \"strides\": [1], \"padding\": \"same\"}", new[] { 6, 2 }, "AveragePooling1D(3, Strides = 1, Padding = Padding.Same, Name = \"x\")", "AveragePooling1D[1x3,s1,Same]" },
        { "MaxPooling2D", "{\"pool_size\": [2, 2], \"strides\": null, \"padding\": \"valid\"}", new[] { 4, 4, 1 }, "MaxPooling2D(2, Name = \"x\")", "MaxPooling2D[2x2,s2,Valid]" },
        { "GlobalAveragePooling1D", "{\"keepdims\": false}", new[] { 5, 2 }, "GlobalAveragePooling1D(Name = \"x\")", "GlobalAveragePooling1D" },
        { "LayerNormalization", "{\"axis\": -1, \"epsilon\": 1e-06, \"center\": true, \"scale\": true}", new[] { 4 }, "LayerNormalization(Epsilon = 1E-06, Name = \"x\")", "LayerNormalization[1E-06]" },
        { "BatchNormalization", "{\"axis\": [3], \"momentum\": 0.9, \"epsilon\": 0.001}", new[] { 2, 2, 3 }, "BatchNormalization(Momentum = 0.9, Name = \"x\")", "BatchNormalization[0.9,0.001]" },
        { "Normalization", "{\"axis\": [-1], \"invert\": false, \"mean\": null, \"variance\": null}", new[] { 5, 3 }, "Normalization(Name = \"x\")", "Normalization" },
        { "Normalization", "{\"axis\": [2], \"mean\": [1.0, 2.0, 3.0], \"variance\": 4.0}", new[] { 5, 3 }, "Normalization(Name = \"x\")", "Normalization" },
        { "Rescaling", "{\"scale\": 0.00392156862745098, \"offset\": -1.0}", new[] { 4 }, "Rescaling(0.00392156862745098, -1.0, Name = \"x\")", "Rescaling[0.00392156862745098,-1]" },
        { "ReLU", "{\"max_value\": 6.0, \"negative_slope\": 0.0, \"threshold\": 0.0}", new[] { 4 }, "Activation(Activation.Relu6, Name = \"x\")", "Activation[Relu6]" },
        { "LeakyReLU", "{\"negative_slope\": 0.2}", new[] { 4 }, "Activation(Activation.LeakyRelu, Name = \"x\")", "Activation[LeakyRelu]" },
        { "Activation", "{\"activation\": \"hard_sigmoid\"}", new[] { 4 }, "Activation(Activation.HardSigmoid, Name = \"x\")", "Activation[HardSigmoid]" },
        { "ZeroPadding2D", "{\"padding\": [[1, 0], [2, 3]]}", new[] { 2, 2, 1 }, "ZeroPadding2D(0, Top = 1, Bottom = 0, Left = 2, Right = 3, Name = \"x\")", "ZeroPadding2D[t1,b0,l2,r3]" },
        { "Cropping2D", "{\"cropping\": 1}", new[] { 4, 4, 1 }, "Cropping2D(1, Name = \"x\")", "Cropping2D[t1,b1,l1,r1]" },
        { "UpSampling1D", "{\"size\": 3}", new[] { 2, 2 }, "UpSampling1D(3, Name = \"x\")", "UpSampling1D[3]" },
        { "Reshape", "{\"target_shape\": [-1, 2]}", new[] { 6 }, "Reshape(3, 2, Name = \"x\")", "Reshape[3,2]" },
        { "Embedding", "{\"input_dim\": 10, \"output_dim\": 4, \"mask_zero\": true}", new[] { 5 }, "Embedding(10, 4, MaskZero = true, Name = \"x\")", "Embedding[10x4,mask0]" },
        { "SimpleRNN", "{\"units\": 3, \"activation\": \"relu\", \"go_backwards\": true, \"return_sequences\": true}", new[] { 5, 2 }, "SimpleRNN(3, Activation.Relu, ReturnSequences = true, GoBackwards = true, Name = \"x\")", "SimpleRNN[3,Relu,bias,seq,back]" },
        { "GRU", "{\"units\": 3, \"reset_after\": false, \"recurrent_activation\": \"hard_sigmoid\", \"use_bias\": false}", new[] { 5, 2 }, "GRU(3, RecurrentActivation = Activation.HardSigmoid, ResetAfter = false, UseBias = false, Name = \"x\")", "GRU[3,Tanh,HardSigmoid,resetbefore,nobias]" },
        { "LSTM", "{\"units\": 3, \"unit_forget_bias\": false, \"dropout\": 0.5}", new[] { 5, 2 }, "LSTM(3, UnitForgetBias = false, Name = \"x\")", "LSTM[3,Tanh,Sigmoid,bias]" },
        { "Bidirectional", "{\"merge_mode\": \"ave\", \"layer\": {\"class_name\": \"GRU\", \"config\": {\"name\": \"g\", \"units\": 2}}}", new[] { 5, 2 }, "Bidirectional(MergeMode.Ave, Name = \"x\")] [GRU(2, Name = \"g\")", "Bidirectional[Ave,GRU[2,Tanh,Sigmoid,resetafter,bias]]" },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void A_keras_3_layer_maps_to_its_attribute_and_architecture_key(string kerasClass, string config, int[] input, string attribute, string key)
    {
        KerasLayer layer = ReadLayers(new[] { Layer(kerasClass, (JsonObject)JsonNode.Parse(config)!) }, input).Single();
        Assert.Equal(attribute, layer.Attribute);
        Assert.Equal(key, ArchitectureKey.Of(layer));
    }

    [Fact]
    public void Hard_sigmoid_in_a_keras_2_config_is_the_keras_2_function()
    {
        JsonObject layer = Layer("LSTM", new JsonObject { ["units"] = 3 });
        KerasLayer read = ReadLayers(new[] { layer }, new[] { 5, 2 }, keras2: true).Single();
        Assert.Equal(Activation.HardSigmoidKeras2.ToString(), ArchitectureKey.Of(read).Split(',')[2]); // Keras 2's default recurrent activation
        Assert.Equal("GRU[3,Tanh,HardSigmoidKeras2,resetbefore,bias]", ArchitectureKey.Of(ReadLayers(new[] { Layer("GRU", new JsonObject { ["units"] = 3 }) }, new[] { 5, 2 }, keras2: true).Single()));
    }

    public static TheoryData<string, string, int[], string> Refusals() => new()
    {
        { "LSTM", "{\"units\": 3, \"return_state\": true}", new[] { 5, 2 }, "layer 'x' (LSTM): return_state = true is not supported." },
        { "GRU", "{\"units\": 3, \"stateful\": true}", new[] { 5, 2 }, "layer 'x' (GRU): stateful = true (StaticNets keeps state only in streaming Step, not across Predict calls) is not supported." },
        { "Dense", "{\"units\": 3, \"activation\": \"hard_silu\"}", new[] { 4 }, "layer 'x' (Dense): activation = 'hard_silu' (StaticNets has no such activation) is not supported." },
        { "Dense", "{\"units\": 3, \"dtype\": \"mixed_float16\"}", new[] { 4 }, "layer 'x' (Dense): dtype = 'mixed_float16' (StaticNets computes in float32) is not supported." },
        { "Conv2D", "{\"filters\": 1, \"kernel_size\": 3, \"dilation_rate\": 2}", new[] { 8, 8, 1 }, "layer 'x' (Conv2D): dilation_rate = (2, 2) (StaticNets dilates Conv1D only) is not supported." },
        { "MaxPooling2D", "{\"pool_size\": [2, 3]}", new[] { 8, 8, 1 }, "layer 'x' (MaxPooling2D): pool_size = (2, 3) (StaticNets pools square windows) is not supported." },
        { "UpSampling2D", "{\"size\": [2, 2], \"interpolation\": \"bilinear\"}", new[] { 2, 2, 1 }, "layer 'x' (UpSampling2D): interpolation = 'bilinear' (only 'nearest') is not supported." },
        { "BatchNormalization", "{\"axis\": 1}", new[] { 2, 2, 3 }, "layer 'x' (BatchNormalization): axis = 1 is not supported (only the last axis, 3 here)." },
        { "LayerNormalization", "{\"rms_scaling\": true}", new[] { 4 }, "layer 'x' (LayerNormalization): rms_scaling = true (RMS normalisation) is not supported." },
        { "LeakyReLU", "{\"negative_slope\": 0.3}", new[] { 4 }, "layer 'x' (LeakyReLU): negative_slope = 0.3 (StaticNets's LeakyRelu has slope 0.2) is not supported." },
        { "GlobalMaxPooling2D", "{\"keepdims\": true}", new[] { 2, 2, 1 }, "layer 'x' (GlobalMaxPooling2D): keepdims = true (StaticNets global pooling drops the pooled axes) is not supported." },
        { "Conv2DTranspose", "{\"filters\": 1, \"kernel_size\": 3, \"output_padding\": [1, 1]}", new[] { 4, 4, 1 }, "layer 'x' (Conv2DTranspose): output_padding = [1,1] (StaticNets's Conv2DTranspose has no output padding) is not supported." },
        { "Conv2DTranspose", "{\"filters\": 1, \"kernel_size\": 3, \"dilation_rate\": 2}", new[] { 4, 4, 1 }, "layer 'x' (Conv2DTranspose): dilation_rate = (2, 2) (StaticNets dilates Conv1D only) is not supported." },
        { "Normalization", "{\"axis\": [-1], \"invert\": true}", new[] { 4 }, "layer 'x' (Normalization): invert = true (StaticNets's Normalization does not undo a normalisation) is not supported." },
        { "Normalization", "{\"axis\": []}", new[] { 4 }, "layer 'x' (Normalization): axis = None (one mean and variance for every value; StaticNets normalises each feature of the last axis) is not supported." },
        { "Normalization", "{\"axis\": [1]}", new[] { 5, 3 }, "layer 'x' (Normalization): axis = 1 is not supported (only the last axis, 2 here)." },
        { "Normalization", "{\"axis\": [1, 2]}", new[] { 5, 3 }, "layer 'x' (Normalization): axis = [1,2] (only the last axis) is not supported." },
        { "Normalization", "{\"mean\": [1.0, 2.0, 3.0], \"variance\": [1.0, 1.0, 1.0]}", new[] { 4 }, "layer 'x' (Normalization): mean has 3 values in the config; the last axis has 4 features (give one value, or one per feature)." },
        { "Normalization", "{\"mean\": [[1.0, 2.0]], \"variance\": [[1.0, 1.0]]}", new[] { 2 }, "layer 'x' (Normalization): mean = [[1.0,2.0]] (one number, or a list with one per feature of the last axis) is not supported." },
        { "Normalization", "{\"mean\": 3.0}", new[] { 4 }, "layer 'x' (Normalization): mean = 3.0 without variance (Keras needs both) is not supported." },
        { "MultiHeadAttention", "{}", new[] { 4 }, "layer 'x' (MultiHeadAttention): StaticNets has no such layer." },
        { "Sequential", "{\"layers\": []}", new[] { 4 }, "layer 'x' (Sequential): a nested model; StaticNets imports flat models (rebuild it as one Sequential model)." },
        { "Bidirectional", "{\"merge_mode\": null, \"layer\": {\"class_name\": \"LSTM\", \"config\": {\"name\": \"l\", \"units\": 2}}}", new[] { 5, 2 }, "layer 'x' (Bidirectional): merge_mode = 'null' (concat, sum, mul or ave) is not supported." },
        { "Conv1D", "{\"filters\": 1, \"kernel_size\": 9}", new[] { 5, 2 }, "layer 'x' (Conv1D): its window spans 9 along the width, more than the input's 5." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_setting_StaticNets_cannot_represent_is_refused_in_one_line(string kerasClass, string config, int[] input, string refusal)
        => CheckRefusal(new[] { Layer(kerasClass, (JsonObject)JsonNode.Parse(config)!) }, input, refusal);

    [Fact]
    public void An_unknown_input_dimension_is_refused()
        => CheckRefusal(new[] { Layer("Dense", new JsonObject { ["units"] = 3 }) }, new[] { -1, 4 }, "layer 'input_layer': input shape (-1, 4) has an unknown dimension (None, shown as -1); StaticNets needs a fixed input shape.");

    [Fact]
    public void Training_only_settings_are_noted_not_refused()
    {
        JsonObject dense = Layer("Dense", new JsonObject { ["units"] = 8, ["activation"] = "relu", ["bias_regularizer"] = JsonNode.Parse("{\"class_name\": \"L2\", \"config\": {\"l2\": 0.01}}") });
        JsonObject head = Layer("Dense", new JsonObject { ["units"] = 3, ["activation"] = "softmax" });
        KerasModel model = KerasFile.Read(MlpWeights, "mlp.weights.h5", Sequential(new[] { dense, head }, new[] { 4 }).ToJsonString());
        Assert.Equal("layer 'x' (Dense): bias_regularizer = L2 is ignored (StaticNets regularises only kernels; it acts only in training, so predictions are unaffected).", model.Notes.Single());
    }

    [Fact]
    public void A_functional_model_that_is_one_chain_is_imported_like_a_sequential_one()
    {
        string json = """
            {"module": "keras", "class_name": "Functional", "config": {"name": "f", "layers": [
              {"class_name": "InputLayer", "name": "in", "config": {"name": "in", "batch_shape": [null, 4]}, "inbound_nodes": []},
              {"class_name": "Dense", "name": "a", "config": {"name": "a", "units": 8, "activation": "relu"},
               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["in", 0, 0]}}], "kwargs": {}}]},
              {"class_name": "Dense", "name": "b", "config": {"name": "b", "units": 3, "activation": "softmax"},
               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["a", 0, 0]}}], "kwargs": {}}]}],
              "input_layers": [["in", 0, 0]], "output_layers": [["b", 0, 0]]}}
            """;
        KerasModel model = KerasFile.Read(MlpWeights, "mlp.weights.h5", json);
        Assert.Equal(new Imported.SyntheticMlp().GetArchitecture(), model.Architecture);
        Assert.Equal(KerasFile.Read(Fixture.PathOf("synthetic/mlp/mlp.keras")).Parameters(), model.Parameters());
    }

    [Fact]
    public void A_functional_model_with_a_branch_is_refused()
    {
        string json = """
            {"class_name": "Model", "config": {"name": "f", "layers": [
              {"class_name": "InputLayer", "name": "in", "config": {"name": "in", "batch_input_shape": [null, 4]}, "inbound_nodes": []},
              {"class_name": "Dense", "name": "a", "config": {"name": "a", "units": 8}, "inbound_nodes": [[["in", 0, 0, {}]]]},
              {"class_name": "Dense", "name": "b", "config": {"name": "b", "units": 3}, "inbound_nodes": [[["in", 0, 0, {}]]]}],
              "input_layers": [["in", 0, 0]], "output_layers": [["b", 0, 0]]}}
            """;
        var e = Assert.Throws<InvalidDataException>(() => KerasFile.Read(MlpWeights, "mlp.weights.h5", json));
        Assert.Equal("layer 'b' (Dense): fed by 'in', not by the layer before it ('a'); StaticNets imports a single chain of layers (no branches).", e.Message);
    }

    [Theory]
    [InlineData("synthetic/upsample/upsample.keras", null)]
    [InlineData("synthetic/upsample/upsample.h5", null)]
    [InlineData("synthetic/upsample/upsample.weights.h5", "synthetic/upsample/model.json")]
    public void Conv2DTranspose_keeps_the_kernel_layout_keras_stores(string file, string? config)
    {
        KerasModel model = KerasFile.Read(Fixture.PathOf(file), config is null ? null : Fixture.PathOf(config));

        KerasLayer transpose = model.Layers[1];
        Assert.StartsWith("Conv2DTranspose(3, 3, Activation.Relu, Strides = 2, Padding = Padding.Same, Name = \"conv2d_transpose", transpose.Attribute);
        Assert.Equal(new[] { 16, 16, 3 }, transpose.OutputShape);                     // n·s with Same
        Assert.Equal(new[] { 3, 3, 3, 2 }, transpose.Weights[0].Shape);              // (kh, kw, filters, cin), as StaticNets's Parameters
        Assert.Equal(3 * 3 * 3 * 2 + 3 + 3 * 3 * 3 * 1 + 1, model.ParameterCount);
        Assert.Equal(KerasFile.Read(Fixture.PathOf("synthetic/upsample/upsample.keras")).Parameters(), model.Parameters());
    }

    private static void CheckRefusal(JsonObject[] layers, int[] input, string? refusal)
    {
        string json = Sequential(layers, input).ToJsonString();
        try
        {
            KerasFile.Read(MlpWeights, "mlp.weights.h5", json);
            Assert.Fail("the mlp weights cannot fit this config");
        }
        catch (InvalidDataException e)
        {
            if (refusal is null)
            {
                // Accepted settings get as far as the weights, which belong to another model.
                Assert.DoesNotContain("not supported", e.Message);
            }
            else
            {
                Assert.Equal(refusal, e.Message.Split(Environment.NewLine)[0]);
            }
        }
    }

    private static IReadOnlyList<KerasLayer> ReadLayers(JsonObject[] layers, int[] input, bool keras2 = false)
    {
        var problems = new List<string>();
        JsonObject model = Sequential(layers, input);
        using var document = System.Text.Json.JsonDocument.Parse(model.ToJsonString());
        var result = StaticNets.Keras.Reading.ModelConfigReader.Read(document.RootElement, keras2, problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return result!.Layers;
    }

    private static JsonObject Layer(string kerasClass, JsonObject config)
    {
        config["name"] ??= "x";
        return new JsonObject { ["class_name"] = kerasClass, ["config"] = config };
    }

    private static JsonObject Sequential(JsonObject[] layers, int[] input)
    {
        var list = new JsonArray(new JsonObject
        {
            ["class_name"] = "InputLayer",
            ["config"] = new JsonObject { ["name"] = "input_layer", ["batch_shape"] = new JsonArray(new JsonNode?[] { null }.Concat(input.Select(d => d < 0 ? null : (JsonNode)d)).ToArray()) },
        });
        foreach (JsonObject layer in layers) list.Add(layer);
        return new JsonObject { ["class_name"] = "Sequential", ["config"] = new JsonObject { ["name"] = "s", ["layers"] = list } };
    }
}

internal static class NetworkExtensions
{
    public static string GetArchitecture(this INetwork network) => network.Architecture;
}
