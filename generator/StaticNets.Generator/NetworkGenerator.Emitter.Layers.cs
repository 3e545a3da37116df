using System;
using System.Collections.Generic;
using System.Globalization;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator;

public sealed partial class NetworkGenerator
{
    internal static partial class Emitter
    {
        private const string Convolution = "global::StaticNets.Runtime.Convolution";
        private const string Pooling = "global::StaticNets.Runtime.Pooling";
        private const string BatchNorm = "global::StaticNets.Runtime.BatchNormalization";
        private const string Dropout = "global::StaticNets.Runtime.Dropout";

        /// <summary>One weight tensor of a layer: its Keras name, offset in <c>Parameters</c> and Keras shape.</summary>
        private readonly struct Weight
        {
            public Weight(string name, int offset, params int[] shape) => (Name, Offset, Shape) = (name, offset, shape);

            public string Name { get; }

            public int Offset { get; }

            public int[] Shape { get; }

            public int Length => Shapes.Product(Shape);
        }

        /// <summary>A layer's weights in Keras <c>get_weights()</c> order.</summary>
        private static IEnumerable<Weight> Weights(LayerSpec layer)
        {
            if (layer.Kind.HasKernel())
            {
                int[] kernel = layer.Kind switch
                {
                    LayerKind.Conv1D => new[] { layer.Window!.WindowWidth, layer.Window.Channels, layer.Units },
                    LayerKind.Conv2D => new[] { layer.Window!.WindowHeight, layer.Window.WindowWidth, layer.Window.Channels, layer.Units },
                    _ => new[] { layer.InputFeatures, layer.Units },
                };
                yield return new Weight("kernel", layer.KernelOffset, kernel);
                if (layer.UseBias)
                {
                    yield return new Weight("bias", layer.BiasOffset, layer.Units);
                }
            }
            else if (layer.Kind == LayerKind.BatchNormalization)
            {
                int channels = layer.InputFeatures;
                yield return new Weight("gamma", layer.ParameterOffset, channels);
                yield return new Weight("beta", layer.ParameterOffset + channels, channels);
                yield return new Weight("moving_mean", layer.ParameterOffset + 2 * channels, channels);
                yield return new Weight("moving_variance", layer.ParameterOffset + 3 * channels, channels);
            }
        }

        /// <summary>A layer as its attribute reads, for comments: <c>Dense(10, Relu)</c>, <c>Conv2D(32, 3×3, stride 1, Valid, Relu)</c>.</summary>
        private static string Describe(LayerSpec layer)
        {
            var fields = new List<string>();
            if (layer.Kind.HasKernel())
            {
                fields.Add(layer.Units.ToString(CultureInfo.InvariantCulture));
            }

            if (layer.Window is { } window)
            {
                fields.Add(layer.Kind.RequiredRank() == 3 ? window.WindowHeight + "×" + window.WindowWidth : window.WindowWidth.ToString(CultureInfo.InvariantCulture));
                fields.Add("stride " + window.Stride);
                fields.Add(layer.Padding == 1 ? "Same" : "Valid");
            }

            if (layer.Kind.HasKernel())
            {
                fields.Add(ActivationName(layer));
                if (!layer.UseBias)
                {
                    fields.Add("no bias");
                }
            }

            switch (layer.Kind)
            {
                case LayerKind.Reshape:
                    fields.Add(string.Join(", ", layer.OutputShape));
                    break;
                case LayerKind.Dropout:
                    fields.Add(Text(layer.Rate));
                    break;
                case LayerKind.BatchNormalization:
                    fields.Add("momentum " + Text(layer.Momentum));
                    fields.Add("epsilon " + Text(layer.Epsilon));
                    break;
            }

            return layer.Kind + (fields.Count > 0 ? "(" + string.Join(", ", fields) + ")" : "");
        }

        /// <summary>Whether the layer's output is its input, unchanged: no code and no buffer in inference.</summary>
        private static bool IsIdentityAtInference(LayerSpec layer) => layer.Kind.IsReshaping() || layer.Kind == LayerKind.Dropout;

        /// <summary>Largest im2col buffer per sample over the convolutions.</summary>
        private static int MaxColumnsPerSample(NetworkSpec spec)
        {
            int largest = 0;
            foreach (LayerSpec layer in spec.Layers)
            {
                largest = Math.Max(largest, layer.ColumnsPerSample);
            }

            return largest;
        }

        /// <summary>
        /// The inference-mode code of a layer that is not Dense, as runtime calls over <paramref name="samples"/> samples:
        /// <paramref name="x"/> and <paramref name="y"/> are span expressions, <paramref name="weights"/> makes the
        /// span of <c>(offset, length)</c> weights, <paramref name="columns"/> is the im2col scratch span.
        /// <code>
        /// Convolution.Forward(n, new Window2D(...), 32, x, kernel, bias, columns, y); Activations.Relu(y);
        /// </code>
        /// </summary>
        private static void WriteLayerInference(IndentedTextWriter writer, LayerSpec layer, string samples, string x, string y, string columns, Func<int, int, string> weights)
        {
            int channels = layer.InputFeatures;
            int positions = layer.InputSize / channels;
            switch (layer.Kind)
            {
                case LayerKind.Conv1D:
                case LayerKind.Conv2D:
                    writer.Line(Convolution + ".Forward(" + samples + ", " + layer.Window!.Expression + ", " + layer.Units + ", " + x + ", "
                        + weights(layer.KernelOffset, layer.KernelSize) + ", " + (layer.UseBias ? weights(layer.BiasOffset, layer.Units) : "default") + ", "
                        + (layer.ColumnsPerSample == 0 ? "default" : columns) + ", " + y + ");");
                    if (!IsLinear(layer))
                    {
                        writer.Line(Activations + ".Apply(global::StaticNets.Activation." + ActivationName(layer) + ", " + y + ", " + layer.Units + ");");
                    }

                    break;
                case LayerKind.MaxPooling1D:
                case LayerKind.MaxPooling2D:
                    writer.Line(Pooling + ".MaxForward(" + samples + ", " + layer.Window!.Expression + ", " + x + ", " + y + ");");
                    break;
                case LayerKind.AveragePooling1D:
                case LayerKind.AveragePooling2D:
                    writer.Line(Pooling + ".AverageForward(" + samples + ", " + layer.Window!.Expression + ", " + x + ", " + y + ");");
                    break;
                case LayerKind.GlobalAveragePooling1D:
                case LayerKind.GlobalAveragePooling2D:
                    writer.Line(Pooling + ".GlobalAverageForward(" + samples + ", " + positions + ", " + channels + ", " + x + ", " + y + ");");
                    break;
                case LayerKind.GlobalMaxPooling2D:
                    writer.Line(Pooling + ".GlobalMaxForward(" + samples + ", " + positions + ", " + channels + ", " + x + ", " + y + ");");
                    break;
                case LayerKind.BatchNormalization:
                    writer.Line(BatchNorm + ".Inference(" + Times(samples, positions) + ", " + channels + ", " + FloatLiteral(layer.Epsilon) + ", "
                        + weights(layer.ParameterOffset, channels) + ", " + weights(layer.ParameterOffset + channels, channels) + ", "
                        + weights(layer.ParameterOffset + 2 * channels, channels) + ", " + weights(layer.ParameterOffset + 3 * channels, channels) + ", "
                        + x + ", " + y + ");");
                    break;
                default:
                    // Dense has its own kernels; Flatten, Reshape and Dropout are the identity at inference.
                    break;
            }
        }

        /// <summary><c>n * 6</c>, or <c>n</c> when the factor is 1.</summary>
        private static string Times(string samples, int factor)
            => factor == 1 ? samples : samples == "1" ? factor.ToString(CultureInfo.InvariantCulture) : samples + " * " + factor;

        /// <summary>A float literal that round-trips the double's float value: <c>0.001f</c>.</summary>
        private static string FloatLiteral(double value)
        {
            string text = ((float)value).ToString("R", CultureInfo.InvariantCulture);
            return text + (text.Contains(".") || text.Contains("E") ? "" : ".0") + "f";
        }

        private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
