namespace StaticNets.Tests.Networks;

[Input(6)]
[Dense(4, Activation.Relu, Name = "encoder_hidden")]
[Dense(2, Activation.Tanh, Name = "code")]
[Dense(6, Name = "reconstruction")]
public partial class TinyAutoencoder { }

[Input(6)]
[Dense(4, Activation.Relu)]
[Dense(2, Activation.Tanh)]
public partial class TinyEncoder { }

/// <summary>
/// A sub-model from a whole one by the layers' generated weight ranges (the autoencoder's encoder): the copied weights
/// give what a double-precision forward pass over the whole model's weights gives at the code layer.
/// </summary>
public class SubModelTests
{
    [Fact]
    public void EncoderWeights_CopiedByLayerName_ComputeTheCodeLayer()
    {
        var autoencoder = new TinyAutoencoder(seed: 3);
        var encoder = new TinyEncoder(seed: 4);
        int end = TinyAutoencoder.Layers.code.Offset + TinyAutoencoder.Layers.code.Length;
        Assert.Equal(TinyEncoder.ParameterCount, end);
        Assert.Equal(end, autoencoder.Parameters[..end].Length);
        autoencoder.Parameters[TinyAutoencoder.WeightsOf("encoder_hidden").Start..TinyAutoencoder.WeightsOf("code").End].CopyTo(encoder.Parameters);

        float[] x = [0.3f, -1.2f, 0.8f, 0.05f, -0.4f, 1.1f];
        float[] w = autoencoder.Parameters.ToArray();
        double[] hidden = Dense(x.Select(v => (double)v).ToArray(), w, TinyAutoencoder.Layers.encoder_hidden.Offset, 4).Select(v => Math.Max(0, v)).ToArray();
        double[] code = Dense(hidden, w, TinyAutoencoder.Layers.code.Offset, 2).Select(Math.Tanh).ToArray();
        double[] reconstruction = Dense(code, w, TinyAutoencoder.Layers.reconstruction.Offset, 6);

        float[] encoded = encoder.Predict(x);
        for (int i = 0; i < code.Length; i++) Assert.Equal(code[i], encoded[i], 1e-5);
        float[] decoded = autoencoder.Predict(x);
        for (int i = 0; i < reconstruction.Length; i++) Assert.Equal(reconstruction[i], decoded[i], 1e-5);
    }

    /// <summary>Keras Dense in double: kernel (in, units) row-major at <paramref name="offset"/>, then the bias.</summary>
    private static double[] Dense(double[] x, float[] weights, int offset, int units)
    {
        var y = new double[units];
        for (int j = 0; j < units; j++)
        {
            double sum = weights[offset + x.Length * units + j];
            for (int i = 0; i < x.Length; i++) sum += x[i] * weights[offset + i * units + j];
            y[j] = sum;
        }

        return y;
    }
}
