using System;
using System.Collections.Generic;
using System.Linq;

namespace StaticNets.Keras;

/// <summary>
/// A Keras model read from a file: its input shape, its layers (each with its StaticNets kind, Keras name,
/// settings and weights) and where it came from. <c>KerasFile.Read</c> makes one.
/// </summary>
public sealed class KerasModel
{
    internal KerasModel(string source, KerasFileFormat format, string kerasVersion, string modelName, int[] inputShape, IReadOnlyList<KerasLayer> layers, IReadOnlyList<string> notes)
    {
        Source = source;
        Format = format;
        KerasVersion = kerasVersion;
        ModelName = modelName;
        InputShape = inputShape;
        Layers = layers;
        Notes = notes;
    }

    /// <summary>
    /// Settings of the file that were ignored because they act only in training (regularisers, dropout inside a
    /// recurrent layer), one line each: predictions are exact, but training in StaticNets would differ from Keras's.
    /// </summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The file name the model was read from (without its folder).</summary>
    public string Source { get; }

    /// <summary>The kind of file.</summary>
    public KerasFileFormat Format { get; }

    /// <summary>The Keras version the file records (<c>3.13.2</c>, <c>2.1.3</c>, <c>2.2.4-tf</c>), or <c>unknown</c>.</summary>
    public string KerasVersion { get; }

    /// <summary>The model's name in its config (<c>sequential_1</c>).</summary>
    public string ModelName { get; }

    /// <summary>The input shape without the batch axis (a fixed batch size in the file is dropped).</summary>
    public IReadOnlyList<int> InputShape { get; }

    /// <summary>The layers in order, without the InputLayer.</summary>
    public IReadOnlyList<KerasLayer> Layers { get; }

    /// <summary>The output shape without the batch axis.</summary>
    public IReadOnlyList<int> OutputShape => Layers.Count == 0 ? InputShape : Layers[^1].OutputShape;

    /// <summary>All weight values (Keras "Total params").</summary>
    public int ParameterCount => Layers.Sum(l => l.ParameterCount);

    /// <summary>
    /// All weights flattened in StaticNets <c>Parameters</c> order, which is Keras's <c>get_weights()</c> order.
    /// </summary>
    public float[] Parameters()
    {
        var values = new float[ParameterCount];
        int offset = 0;
        foreach (KerasWeight weight in Layers.SelectMany(l => l.Weights))
        {
            weight.Values.Span.CopyTo(values.AsSpan(offset));
            offset += weight.Values.Length;
        }

        return values;
    }

    /// <summary>
    /// The architecture text the generated class reports as <c>INetwork.Architecture</c> (and that weight files
    /// record), computed from this description.
    /// </summary>
    public string Architecture => ArchitectureKey.Of(this);
}
