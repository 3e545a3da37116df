using System;
using System.Globalization;
using System.Linq;
using StaticNets;

namespace Quickstart;

/// <summary>Prints a network's Keras summary and its predictions for a few inputs.</summary>
internal static class NetworkShowcase
{
    /// <summary>Prints <paramref name="network"/>'s summary, then one <c>predict([...]) = [...]</c> line per sample.</summary>
    public static void Show(INetwork network, float[] inputs)
    {
        Console.WriteLine(network.Summary());
        float[] outputs = PredictAll(network, inputs);
        int samples = inputs.Length / network.InputSize;
        for (int n = 0; n < samples; n++)
        {
            Console.WriteLine($"predict([{Format(inputs.AsSpan(n * network.InputSize, network.InputSize))}]) = [{Format(outputs.AsSpan(n * network.OutputSize, network.OutputSize))}]");
        }

        Console.WriteLine();
    }

    /// <summary>Runs every sample of <paramref name="inputs"/> (row-major) through <paramref name="network"/>.</summary>
    public static float[] PredictAll(INetwork network, float[] inputs)
    {
        var outputs = new float[inputs.Length / network.InputSize * network.OutputSize];
        network.PredictBatch(inputs, outputs);
        return outputs;
    }

    /// <summary>Comma-separated values with four decimals, e.g. <c>0.5000, -1.0000</c>.</summary>
    public static string Format(ReadOnlySpan<float> values)
        => string.Join(", ", values.ToArray().Select(v => v.ToString("0.0000", CultureInfo.InvariantCulture)));
}
