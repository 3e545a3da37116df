using System.Collections.Generic;
using System.Text;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Emit;

internal static partial class Emitter
{
    // Keras 2.3 print_summary: line length 65, columns end at 0.45, 0.85 and 1.0 of it.
    private const int SummaryWidth = 65;
    private static readonly int[] s_summaryColumns = { 29, 55, 65 };

    /// <summary>
    /// The Keras <c>model.summary()</c> text, computed at compile time. Each row is built field by field as Keras
    /// did: the line so far loses its last character to a space, gets the field, and is cut or padded to the
    /// field's column end, so <c>max_pooling2d_1 (MaxPooling2D)</c> prints as <c>max_pooling2d_1 (MaxPooling2 </c>.
    /// </summary>
    internal static string Summary(NetworkSpec spec)
    {
        var lines = new List<string>
        {
            "Model: \"" + spec.TypeName.TrimStart('@') + "\"",
            new string('_', SummaryWidth),
            Row("Layer (type)", "Output Shape", "Param #"),
            new string('=', SummaryWidth),
        };

        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            lines.Add(Row(layer.Name + " (" + layer.KerasClass + ")", Shapes.ToKerasString(layer.OutputShape), Invariant.Text($"{layer.ParameterCount}")));
            lines.Add(new string(i == spec.Layers.Count - 1 ? '=' : '_', SummaryWidth));
        }

        lines.Add("Total params: " + Numbers.WithSeparators(spec.ParameterCount));
        lines.Add("Trainable params: " + Numbers.WithSeparators(spec.TrainableParameterCount));
        lines.Add("Non-trainable params: " + Numbers.WithSeparators(spec.NonTrainableParameterCount));
        lines.Add(new string('_', SummaryWidth));
        return string.Join("\n", lines);
    }

    private static string Row(params string[] fields)
    {
        var line = new StringBuilder();
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Length--;
                line.Append(' ');
            }

            line.Append(fields[i]);
            if (line.Length > s_summaryColumns[i])
            {
                line.Length = s_summaryColumns[i];
            }

            line.Append(' ', s_summaryColumns[i] - line.Length);
        }

        return line.ToString();
    }

    /// <summary>
    /// The canonical architecture text (<c>INetwork.Architecture</c>) that weight files are checked against: the input
    /// shape, then each layer's <see cref="LayerSpec.ArchitectureKey"/>, e.g.
    /// <c>Input[28,28,1]>Conv2D[32,3x3,s1,Valid,Relu,bias]>MaxPooling2D[2x2,s2,Valid]>Flatten>Dense[10,Linear,bias]</c>.
    /// </summary>
    internal static string Architecture(NetworkSpec spec)
    {
        var text = new StringBuilder("Input[").Append(Shapes.Join(spec.InputShape, ",")).Append(']');
        foreach (LayerSpec layer in spec.Layers)
        {
            text.Append('>').Append(layer.ArchitectureKey());
        }

        return text.ToString();
    }
}
