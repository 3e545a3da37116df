using System;
using System.Globalization;
using System.Linq;
using Quickstart;
using StaticNets;

// Each network prints its Keras summary, then predicts a few inputs with seeded Keras-default weights.
ShowNetwork(new Practice1(seed: 1), new float[] { 0.5f, -1f, 2f, 3f });
ShowNetwork(new Practice2(seed: 2), new float[] { 1f, 2f, 3f, -1f, 0f, 1f });
ShowNetwork(new Practice3(seed: 3), new float[] { 0.5f, 0.25f, -2f, 1f });

static void ShowNetwork(INetwork network, float[] inputs)
{
    Console.WriteLine(network.Summary());
    int samples = inputs.Length / network.InputSize;
    var outputs = new float[samples * network.OutputSize];
    network.PredictBatch(inputs, outputs);
    for (int n = 0; n < samples; n++)
    {
        Console.WriteLine($"predict([{Format(inputs.AsSpan(n * network.InputSize, network.InputSize))}]) = [{Format(outputs.AsSpan(n * network.OutputSize, network.OutputSize))}]");
    }

    Console.WriteLine();
}

static string Format(Span<float> values)
    => string.Join(", ", values.ToArray().Select(v => v.ToString("0.0000", CultureInfo.InvariantCulture)));
