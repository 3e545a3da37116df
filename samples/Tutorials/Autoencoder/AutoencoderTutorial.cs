using System;
using System.Globalization;
using System.IO;
using StaticNets;
using StaticNets.Plotting;

namespace Tutorials.Autoencoder;

/// <summary>
/// TensorFlow's "Intro to Autoencoders", its convolutional part: a denoising autoencoder trained on Fashion-MNIST images
/// with Gaussian noise (factor 0.2, clipped to [0, 1]) to give back the clean images. The encoder and the decoder are then
/// used on their own, as <c>autoencoder.encoder</c> and <c>autoencoder.decoder</c> are in Keras: two networks of their
/// own, their weights copied from the trained whole by the layers' names.
/// </summary>
public static class AutoencoderTutorial
{
    private const float NoiseFactor = 0.2f;
    private const int Shown = 10;

    public static void Run(TutorialOptions options, FashionImages fullTrain, FashionImages test)
    {
        Console.WriteLine("== Convolutional autoencoder (denoising)");
        FashionImages train = fullTrain.Take(options.Take(fullTrain.Count));
        float[] trainNoisy = AddNoise(train.Pixels, seed: 1), testNoisy = AddNoise(test.Pixels, seed: 2);
        Console.WriteLine(Invariant($"{train.Count} training and {test.Count} test images, noise factor {NoiseFactor}."));

        // autoencoder.compile(optimizer='adam', loss=losses.MeanSquaredError())
        // autoencoder.fit(x_train_noisy, x_train, epochs=10, shuffle=True, validation_data=(x_test_noisy, x_test))
        var autoencoder = new Denoise(seed: 1);
        Console.WriteLine(autoencoder.Summary());
        double loss = Train(autoencoder, "autoencoder");

        // The decoder Keras examples also use: UpSampling2D then Conv2D in place of each transposed convolution.
        var upSampling = new DenoiseUpSampling(seed: 1);
        Console.WriteLine(upSampling.Summary());
        double upSamplingLoss = Train(upSampling, "autoencoder_upsampling");
        Console.WriteLine(Invariant($"Validation loss after the last epoch: Conv2DTranspose decoder {loss:0.000000}, UpSampling2D decoder {upSamplingLoss:0.000000}."));
        Console.WriteLine();

        // autoencoder.encoder / autoencoder.decoder: the first two layers' weights, then the last three's.
        var encoder = new Encoder(seed: 0);
        var decoder = new Decoder(seed: 0);
        Span<float> all = autoencoder.Parameters;
        all[Denoise.WeightsOf("conv2d_1").Start..Denoise.WeightsOf("conv2d_2").End].CopyTo(encoder.Parameters);
        all[Denoise.Layers.conv2d_transpose_1.Offset..].CopyTo(decoder.Parameters);
        Console.WriteLine(encoder.Summary());
        Console.WriteLine(decoder.Summary());

        // encoded_imgs = autoencoder.encoder(x_test_noisy); decoded_imgs = autoencoder.decoder(encoded_imgs)
        ReadOnlySpan<float> shownNoisy = testNoisy.AsSpan(0, Shown * Denoise.InputSize);
        var encoded = new float[Shown * Encoder.OutputSize];
        var decoded = new float[Shown * Decoder.OutputSize];
        var whole = new float[Shown * Denoise.OutputSize];
        encoder.PredictBatch(shownNoisy, encoded);
        decoder.PredictBatch(encoded, decoded);
        autoencoder.PredictBatch(shownNoisy, whole);
        double largest = 0;
        for (int i = 0; i < whole.Length; i++) largest = Math.Max(largest, Math.Abs(whole[i] - decoded[i]));
        Console.WriteLine(Invariant($"decoder(encoder(x)) against the whole autoencoder on {Shown} images: largest difference {largest:0.0e0}"));

        string images = Path.Combine(options.Output, "autoencoder_denoised.png");
        ImageGrid.Save(images, Encoder.InputShape[0], [shownNoisy.ToArray(), decoded], Shown);
        Console.WriteLine($"Noisy (top) and denoised (bottom) test images: {images}");
        Console.WriteLine();

        double Train(ITrainableNetwork model, string name)
        {
            model.Compile(new Adam(), Loss.MeanSquaredError);
            History history = model.Fit(trainNoisy, train.Pixels, epochs: options.Epochs ?? 10, shuffle: true, validationData: (testNoisy, test.Pixels), verbose: 1, seed: 1);
            string curves = Path.Combine(options.Output, $"{name}_loss.png");
            history.SavePlot(curves);
            Console.WriteLine($"Loss curves: {curves}");
            Console.WriteLine();
            return history.Metrics["val_loss"][^1];
        }
    }

    /// <summary><c>clip(x + factor · N(0, 1), 0, 1)</c>, the same for the same seed.</summary>
    private static float[] AddNoise(float[] pixels, int seed)
    {
        var random = new Random(seed);
        var noisy = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            noisy[i] = Math.Clamp(pixels[i] + NoiseFactor * (float)normal, 0f, 1f);
        }

        return noisy;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
