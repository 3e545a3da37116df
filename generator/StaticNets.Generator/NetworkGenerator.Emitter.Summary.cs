using System.Collections.Generic;
using System.Globalization;
using System.Text;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator;

public sealed partial class NetworkGenerator
{
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
                lines.Add(Row(
                    layer.Name + " (" + layer.Kind + ")",
                    Shapes.ToKerasString(layer.OutputShape),
                    layer.ParameterCount.ToString(CultureInfo.InvariantCulture)));
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
        /// The canonical architecture text (<c>INetwork.Architecture</c>) that weight files are checked against:
        /// input shape, then each layer's kind and everything that shapes its weights or their meaning, e.g.
        /// <c>Input[28,28,1]>Conv2D[32,3x3,s1,Valid,Relu,bias]>MaxPooling2D[2x2,s2,Valid]>Flatten>Dense[10,Linear,bias]</c>.
        /// Names are left out: renaming a layer does not change what its weights mean.
        /// </summary>
        internal static string Architecture(NetworkSpec spec)
        {
            var text = new StringBuilder("Input[").Append(string.Join(",", spec.InputShape)).Append(']');
            foreach (LayerSpec layer in spec.Layers)
            {
                text.Append('>').Append(layer.Kind);
                var fields = new List<string>();
                if (layer.Kind.HasKernel())
                {
                    fields.Add(layer.Units.ToString(CultureInfo.InvariantCulture));
                }

                if (layer.Window is { } window)
                {
                    fields.Add(window.WindowHeight + "x" + window.WindowWidth);
                    fields.Add("s" + window.Stride);
                    fields.Add(layer.Padding == 1 ? "Same" : "Valid");
                }

                if (layer.Kind.HasKernel())
                {
                    fields.Add(((Activation)layer.Activation).ToString());
                    fields.Add(layer.UseBias ? "bias" : "nobias");
                }

                switch (layer.Kind)
                {
                    case LayerKind.Reshape:
                        fields.Add(string.Join(",", layer.OutputShape));
                        break;
                    case LayerKind.Dropout:
                        fields.Add(Text(layer.Rate));
                        break;
                    case LayerKind.BatchNormalization:
                        fields.Add(Text(layer.Momentum));
                        fields.Add(Text(layer.Epsilon));
                        break;
                }

                if (fields.Count > 0)
                {
                    text.Append('[').Append(string.Join(",", fields)).Append(']');
                }
            }

            return text.ToString();
        }
    }
}
