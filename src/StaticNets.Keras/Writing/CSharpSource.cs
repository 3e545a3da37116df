using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace StaticNets.Keras;

/// <summary>
/// Writes the C# declaration of an imported model: a partial class with one StaticNets attribute per Keras layer
/// (Keras names kept as <c>Name</c>), and, on request, the weights embedded in the assembly.
/// The text depends only on the model and the options (no dates), so the same file always gives the same source.
/// </summary>
public static class CSharpSource
{
    /// <summary>The weights file bytes (<c>SaveWeights</c> format) for <paramref name="model"/>: what <c>LoadWeights</c> of the generated class reads.</summary>
    public static byte[] WeightsFile(KerasModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new WeightsRecord(model).ToBytes();
    }

    /// <summary>
    /// The C# source of the class. With <paramref name="embedWeights"/>, the class also gets
    /// <c>static Name CreateWithWeights()</c>, which loads the weights stored in the assembly itself
    /// (no file, no reflection: a <c>ReadOnlySpan&lt;byte&gt;</c> over the assembly's data, copied once per call).
    /// </summary>
    public static string Write(KerasModel model, string className, string? @namespace = null, bool embedWeights = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(className);
        var text = new StringBuilder();
        string format = model.Format switch
        {
            KerasFileFormat.KerasArchive => ".keras archive",
            KerasFileFormat.LegacyHdf5Model => "legacy HDF5 model",
            KerasFileFormat.Keras3Weights => "Keras 3 weights file + JSON config",
            _ => "legacy HDF5 weights file + JSON config",
        };
        text.Append("// Imported by `staticnets import` from ").Append(model.Source).Append(" (Keras ").Append(model.KerasVersion)
            .Append(", ").Append(format).Append(", model '").Append(model.ModelName).Append("').\n");
        text.Append("// Input shape ").Append(Shape(model.InputShape)).Append(", output shape ").Append(Shape(model.OutputShape))
            .Append(", ").Append(model.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)).Append(" parameters.\n");
        text.Append(embedWeights
            ? "// The weights are embedded: " + className + ".CreateWithWeights() returns the model ready to predict.\n"
            : "// Weights: " + className + ".weights (load with LoadWeights).\n");
        foreach (string note in model.Notes)
        {
            text.Append("// Note: ").Append(note).Append('\n');
        }

        text.Append("using StaticNets;\n\n");
        // The SN1xxx warnings advise on model design (e.g. a bias before BatchNormalization); an import reproduces
        // the trained Keras model as it is, so they would only be noise here.
        text.Append("#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005\n\n");
        if (!string.IsNullOrEmpty(@namespace))
        {
            text.Append("namespace ").Append(@namespace).Append(";\n\n");
        }

        text.Append("[Input(").Append(string.Join(", ", model.InputShape.Select(d => d.ToString(CultureInfo.InvariantCulture)))).Append(")]\n");
        foreach (KerasLayer layer in model.Layers)
        {
            foreach (string attribute in CSharpAttributes.Of(layer))
            {
                text.Append('[').Append(attribute).Append("]\n");
            }
        }

        text.Append("public partial class ").Append(className);
        if (!embedWeights)
        {
            text.Append(" { }\n");
            return text.ToString();
        }

        byte[] bytes = WeightsFile(model);
        text.Append("\n{\n");
        text.Append("    /// <summary>A new network holding the imported weights, read from the assembly (no file needed).</summary>\n");
        text.Append("    public static ").Append(className).Append(" CreateWithWeights()\n    {\n");
        text.Append("        var network = new ").Append(className).Append("(0);\n");
        text.Append("        using var stream = new global::System.IO.MemoryStream(EmbeddedWeights.ToArray(), writable: false);\n");
        text.Append("        global::StaticNets.WeightsFile.LoadWeights(network, stream);\n");
        text.Append("        return network;\n    }\n\n");
        text.Append("    // The weights file's bytes; a ReadOnlySpan<byte> over a constant array points into the assembly's data.\n");
        text.Append("    private static global::System.ReadOnlySpan<byte> EmbeddedWeights => new byte[]\n    {\n");
        for (int i = 0; i < bytes.Length; i += 24)
        {
            text.Append("        ");
            int end = Math.Min(bytes.Length, i + 24);
            for (int j = i; j < end; j++)
            {
                text.Append("0x").Append(bytes[j].ToString("X2", CultureInfo.InvariantCulture)).Append(j + 1 < bytes.Length ? (j + 1 < end ? ", " : ",") : "");
            }

            text.Append('\n');
        }

        text.Append("    };\n}\n");
        return text.ToString();
    }

    private static string Shape(IEnumerable<int> shape)
    {
        int[] dims = shape.ToArray();
        return "(" + string.Join(", ", dims) + (dims.Length == 1 ? ",)" : ")");
    }
}
