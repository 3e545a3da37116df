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
}
