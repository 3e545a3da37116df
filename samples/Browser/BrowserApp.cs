using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Intrinsics;
using System.Runtime.Versioning;
using FashionMnist;
using StaticNets;

namespace BrowserSample;

/// <summary>
/// What wwwroot/main.js calls: [JSExport] methods over the two models. Images cross as bytes (0-255, 28 × 28,
/// row-major, as Fashion-MNIST stores them); numbers come back as doubles (JS numbers), each one a float's exact value.
/// </summary>
[SupportedOSPlatform("browser")]
public static partial class BrowserApp
{
    private static FashionMlp? classifier;
    private static LiveTraining? live;
    private static float[] testImages = [];
    private static float[] testLabels = [];

    /// <summary>The runtime and the vector widths it accelerates: the generated kernels run at the widest.</summary>
    [JSExport]
    internal static string Runtime()
    {
        string widest = Vector512.IsHardwareAccelerated ? "Vector512"
            : Vector256.IsHardwareAccelerated ? "Vector256"
            : Vector128.IsHardwareAccelerated ? "Vector128"
            : "scalar code";
        return $".NET {Environment.Version} on {RuntimeInformation.ProcessArchitecture} ({RuntimeInformation.OSDescription}); " +
            $"accelerated: Vector128 {YesNo(Vector128.IsHardwareAccelerated)}, Vector256 {YesNo(Vector256.IsHardwareAccelerated)}, " +
            $"Vector512 {YesNo(Vector512.IsHardwareAccelerated)}; the generated kernels run at {widest}";
    }

    /// <summary>Whether <c>Vector128</c> is accelerated (WASM SIMD), for the browser test.</summary>
    [JSExport]
    internal static bool Vector128Accelerated() => Vector128.IsHardwareAccelerated;

    /// <summary>Loads the trained classifier from a StaticNets weights file (written by Trainer/).</summary>
    [JSExport]
    internal static string LoadClassifier(byte[] weights)
    {
        var model = new FashionMlp(seed: 0);
        using (var stream = new MemoryStream(weights, writable: false)) model.LoadWeights(stream);
        classifier = model;
        return model.Summary();
    }

    /// <summary>The test images the page shows and scores the models on.</summary>
    [JSExport]
    internal static void LoadTestImages(byte[] pixels, byte[] labels)
    {
        testImages = FashionModels.Scale(pixels);
        testLabels = Labels(labels);
    }

    /// <summary>The ten logits, then the ten probabilities, of the trained classifier (or of the live model) for one image.</summary>
    [JSExport]
    [return: JSMarshalAs<JSType.Array<JSType.Number>>]
    internal static double[] Classify(byte[] pixels, bool liveModel)
    {
        INetwork model = liveModel
            ? live?.Model ?? throw new InvalidOperationException("Start the training first.")
            : classifier ?? throw new InvalidOperationException("Load the classifier first.");
        if (pixels.Length != FashionModels.Pixels) throw new ArgumentException($"expected {FashionModels.Pixels} pixels, got {pixels.Length}", nameof(pixels));
        (float[] logits, float[] probabilities) = FashionModels.Classify(model, FashionModels.Scale(pixels));
        var result = new double[20];
        for (int k = 0; k < 10; k++)
        {
            result[k] = logits[k];
            result[10 + k] = probabilities[k];
        }

        return result;
    }

    /// <summary>The trained classifier's accuracy on the test images.</summary>
    [JSExport]
    internal static double ClassifierAccuracy()
        => FashionModels.Accuracy(classifier ?? throw new InvalidOperationException("Load the classifier first."), testImages, testLabels);

    /// <summary>Starts training a fresh <see cref="LiveMlp"/> on these images.</summary>
    [JSExport]
    internal static void StartTraining(byte[] pixels, byte[] labels, int seed)
        => live = new LiveTraining(FashionModels.Scale(pixels), Labels(labels), seed);

    /// <summary>Takes <paramref name="steps"/> training steps; returns their losses.</summary>
    [JSExport]
    [return: JSMarshalAs<JSType.Array<JSType.Number>>]
    internal static double[] Train(int steps)
    {
        LiveTraining training = live ?? throw new InvalidOperationException("Start the training first.");
        var losses = new double[steps];
        for (int i = 0; i < steps; i++) losses[i] = training.Step();
        return losses;
    }

    /// <summary>The live model's accuracy on the test images.</summary>
    [JSExport]
    internal static double LiveAccuracy()
        => FashionModels.Accuracy(live?.Model ?? throw new InvalidOperationException("Start the training first."), testImages, testLabels);

    private static float[] Labels(byte[] labels)
    {
        var classes = new float[labels.Length];
        for (int n = 0; n < labels.Length; n++) classes[n] = labels[n];
        return classes;
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
