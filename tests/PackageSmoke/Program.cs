using System;
using System.Globalization;
using System.IO;
using StaticNets;
using static SmokeShape;

// Builds against the StaticNets package alone: if the package lacked its generator, SmokeNet would have no
// members and this would not compile. Then checks the generated code and the runtime library against numbers
// computed here, independently. Exit code 0 only if every check passes.

int failures = 0;

var model = new SmokeNet(seed: 7);
Console.WriteLine(model.Summary());

// Keras "Total params": each Dense layer has an (in × units) kernel and a bias of units.
const int ExpectedParameters = Inputs * Hidden + Hidden + Hidden * Outputs + Outputs;
Check(SmokeNet.ParameterCount == ExpectedParameters, $"ParameterCount {SmokeNet.ParameterCount}, expected {ExpectedParameters}");
Check(model.Parameters.Length == ExpectedParameters, $"Parameters.Length {model.Parameters.Length}, expected {ExpectedParameters}");
Check(model.Summary().Contains($"Total params: {ExpectedParameters}", StringComparison.Ordinal), "Summary() lacks the total");

// Known weights: small distinct values, some negative so that Relu clips a hidden unit.
Span<float> parameters = model.Parameters;
for (int i = 0; i < parameters.Length; i++)
{
    parameters[i] = ((i * 7 % 13) - 6) / 8f;
}

float[] input = { 0.5f, -1.25f, 2f };
float[] prediction = model.Predict(input);
double[] expected = Reference(model.Parameters.ToArray(), input);
Console.WriteLine($"predict([{Format(input)}]) = [{Format(prediction)}], reference [{string.Join(", ", Array.ConvertAll(expected, v => v.ToString("0.000000", CultureInfo.InvariantCulture)))}]");
Check(prediction.Length == Outputs, $"prediction has {prediction.Length} values, expected {Outputs}");
for (int o = 0; o < Math.Min(prediction.Length, Outputs); o++)
{
    Check(Math.Abs(prediction[o] - expected[o]) <= 1e-5 * (1 + Math.Abs(expected[o])), $"output {o}: {prediction[o]} vs reference {expected[o]}");
}

// The runtime library's weight files: a round trip through a stream into a fresh model gives the same predictions.
using (var stream = new MemoryStream())
{
    model.SaveWeights(stream);
    stream.Position = 0;
    var copy = new SmokeNet(seed: 8);
    copy.LoadWeights(stream);
    float[] again = copy.Predict(input);
    Check(again.AsSpan().SequenceEqual(prediction), $"reloaded model predicts [{Format(again)}], expected [{Format(prediction)}]");
}

Console.WriteLine(failures == 0 ? "package smoke test: all checks passed" : $"package smoke test: {failures} check(s) FAILED");
return failures == 0 ? 0 : 1;

// Dense(4, relu) then Dense(2) in double precision, weights in Keras order: kernel (in, units) row-major, then bias.
static double[] Reference(float[] w, float[] x)
{
    var hidden = new double[Hidden];
    for (int j = 0; j < Hidden; j++)
    {
        double sum = w[Inputs * Hidden + j];
        for (int i = 0; i < Inputs; i++)
        {
            sum += x[i] * (double)w[i * Hidden + j];
        }

        hidden[j] = Math.Max(0, sum);
    }

    int second = Inputs * Hidden + Hidden;
    var output = new double[Outputs];
    for (int o = 0; o < Outputs; o++)
    {
        double sum = w[second + Hidden * Outputs + o];
        for (int j = 0; j < Hidden; j++)
        {
            sum += hidden[j] * w[second + j * Outputs + o];
        }

        output[o] = sum;
    }

    return output;
}

static string Format(float[] values)
    => string.Join(", ", Array.ConvertAll(values, v => v.ToString("0.000000", CultureInfo.InvariantCulture)));

void Check(bool condition, string failure)
{
    if (!condition)
    {
        Console.WriteLine("FAILED: " + failure);
        failures++;
    }
}

/// <summary>The layer sizes, shared by the declaration and the independent reference.</summary>
internal static class SmokeShape
{
    public const int Inputs = 3, Hidden = 4, Outputs = 2;
}

[Input(Inputs)]
[Dense(Hidden, Activation.Relu)]
[Dense(Outputs)]
public partial class SmokeNet { }
