using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using StaticNets.Keras.Reading;

namespace StaticNets.Keras;

/// <summary>Loads the weights of a Keras file into a StaticNets network.</summary>
public static class KerasWeightsExtensions
{
    /// <summary>
    /// Copies the weights of a Keras file into <paramref name="network"/>: a <c>.keras</c> archive, a Keras 2 /
    /// tf.keras <c>.h5</c> model, or a weights-only file (<c>.weights.h5</c> of Keras 3, <c>save_weights</c> <c>.h5</c> of
    /// Keras 2), for which the network supplies the architecture. The file's layers are checked against the
    /// network's first (kinds, sizes, activations and options wherever the file records them, and every weight's
    /// shape); the values loaded are bit-identical to those <c>staticnets import</c> writes for the same file.
    /// </summary>
    /// <param name="network">Any generated StaticNets network.</param>
    /// <param name="path">The Keras file.</param>
    /// <exception cref="InvalidDataException">
    /// The file does not match the network (the message names the layer and the difference), is damaged, or holds a
    /// model StaticNets cannot represent. The network's weights are then unchanged.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PlatformNotSupportedException">The app runs without dynamic code (NativeAOT): import with the tool instead.</exception>
    [RequiresDynamicCode(KerasFile.NeedsDynamicCode)]
    public static void LoadKerasWeights(this INetwork network, string path)
    {
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported) throw new PlatformNotSupportedException(KerasFile.NeedsDynamicCode);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = File.ReadAllBytes(path);
        string name = Path.GetFileName(path);
        string architecture = network.Architecture;
        float[] values;
        try
        {
            KerasModel model;
            if (KerasFile.IsWeightsOnly(bytes, name))
            {
                (int[] input, List<KerasLayer> layers) = ArchitectureParser.Parse(architecture);
                model = KerasFile.ReadWeightsOnly(bytes, name, input, layers);
            }
            else
            {
                model = KerasFile.Read(bytes, name);
                Compare(model, architecture);
            }

            values = model.Parameters();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Cannot load Keras weights from '{path}': {e.Message}", e);
        }

        if (values.Length != network.ParameterCount || values.Length != network.Parameters.Length)
        {
            throw new InvalidDataException($"Cannot load Keras weights from '{path}': the file has {values.Length} parameters, the network {network.ParameterCount}.");
        }

        values.CopyTo(network.Parameters);
    }

    /// <summary>Compares layer by layer, so the message names the first layer that differs.</summary>
    private static void Compare(KerasModel model, string architecture)
    {
        string[] file = model.Architecture.Split('>');
        string[] net = architecture.Split('>');
        for (int i = 0; i < Math.Min(file.Length, net.Length); i++)
        {
            if (file[i] == net[i]) continue;
            if (i == 0) throw new InvalidDataException($"input: the file has {file[0]}, the network has {net[0]}.");
            KerasLayer layer = model.Layers[i - 1];
            throw new InvalidDataException($"layer '{layer.Name}' ({layer.KerasClass}, layer {i}): the file has {file[i]}, the network has {net[i]}.");
        }

        if (file.Length != net.Length)
        {
            throw new InvalidDataException($"the file has {file.Length - 1} layers, the network has {net.Length - 1} ({(file.Length > net.Length ? "file" : "network")} continues with {(file.Length > net.Length ? file[net.Length] : net[file.Length])}).");
        }
    }
}
