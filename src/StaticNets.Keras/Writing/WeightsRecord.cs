using System;
using System.IO;

namespace StaticNets.Keras;

/// <summary>
/// The imported weights seen as an <see cref="INetwork"/>, only so the runtime's own <c>SaveWeights</c> writes them:
/// the file then has exactly the bytes a generated class of this architecture saves and loads.
/// </summary>
internal sealed class WeightsRecord(KerasModel model) : INetwork
{
    private readonly float[] _parameters = model.Parameters();
    private readonly int[] _input = System.Linq.Enumerable.ToArray(model.InputShape);
    private readonly int[] _output = System.Linq.Enumerable.ToArray(model.OutputShape);

    public int InputSize => Product(_input);
    public int OutputSize => Product(_output);
    public int ParameterCount => _parameters.Length;
    public ReadOnlySpan<int> InputShape => _input;
    public ReadOnlySpan<int> OutputShape => _output;
    public string Architecture { get; } = model.Architecture;
    public Span<float> Parameters => _parameters;

    public void Predict(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException("An imported weights record does not predict; compile the generated class.");

    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException("An imported weights record does not predict; compile the generated class.");

    public string Summary() => throw new NotSupportedException("An imported weights record has no summary; compile the generated class.");

    /// <summary>The §6 weights file's bytes.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        this.SaveWeights(stream);
        return stream.ToArray();
    }

    private static int Product(int[] shape)
    {
        int product = 1;
        foreach (int d in shape) product *= d;
        return product;
    }
}
