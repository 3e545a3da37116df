using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Tests;

/// <summary>
/// Re-derives an accepted network's shapes, window geometry and weight counts from its declared arguments with
/// Keras's formulas in 128-bit arithmetic, so that a count the generator got wrong (or let wrap around) is caught
/// even when the code it emitted compiles.
/// </summary>
internal static class NetworkSpecInvariants
{
    /// <summary>Each way <paramref name="spec"/> departs from Keras's rules; empty when it follows them.</summary>
    public static List<string> Problems(NetworkSpec spec)
    {
        var problems = new List<string>();
        int[] shape = spec.InputShape.AsSpan().ToArray();
        Int128 offset = 0;
        foreach (LayerSpec layer in spec.Layers)
        {
            string where = $"{spec.TypeName}.{layer.Name} ({layer.KerasClass})";
            if (!shape.AsSpan().SequenceEqual(layer.InputShape.AsSpan()))
            {
                problems.Add($"{where}: input ({string.Join(", ", layer.InputShape)}) is not the previous output ({string.Join(", ", shape)})");
            }

            if (layer.ParameterOffset != offset)
            {
                problems.Add($"{where}: parameter offset {layer.ParameterOffset}, expected {offset}");
            }

            Int128 channels = shape[^1];
            Int128 parameters = 0;
            Int128[]? expected = null;
            WindowSpec? window = layer switch { ConvolutionLayer c => c.Window, PoolingLayer p => p.Window, _ => null };
            if (window is not null)
            {
                Model.Padding padding = layer is ConvolutionLayer c ? c.Padding : ((PoolingLayer)layer).Padding;
                bool twoDimensional = shape.Length == 3;
                if (padding == Model.Padding.Causal && (twoDimensional || layer is not ConvolutionLayer))
                {
                    problems.Add($"{where}: accepted Padding.Causal outside Conv1D");
                }

                if (window.DilationHeight != 1 || (window.DilationWidth != 1 && (twoDimensional || layer is not ConvolutionLayer)))
                {
                    problems.Add($"{where}: accepted a dilation outside Conv1D's steps");
                }

                var rows = KerasFormulas.WindowAxis(twoDimensional ? shape[0] : 1, window.WindowHeight, window.StrideHeight, padding.ToString(), window.DilationHeight);
                var columns = KerasFormulas.WindowAxis(shape[^2], window.WindowWidth, window.StrideWidth, padding.ToString(), window.DilationWidth);
                if (rows is null || columns is null)
                {
                    problems.Add($"{where}: accepted a Valid window (dilated span) larger than its input");
                    return problems;
                }

                // The runtime indexes the padded input with ints: the last cell of the last window must be one.
                if ((Int128)(window.OutputHeight - 1) * window.StrideHeight + (Int128)window.DilationHeight * (window.WindowHeight - 1) + 1 > int.MaxValue
                    || (Int128)(window.OutputWidth - 1) * window.StrideWidth + (Int128)window.DilationWidth * (window.WindowWidth - 1) + 1 > int.MaxValue)
                {
                    problems.Add($"{where}: accepted a window whose reach passes int");
                }

                if ((window.OutputHeight, window.OutputWidth, window.PadTop, window.PadLeft) != (rows.Value.Output, columns.Value.Output, rows.Value.Before, columns.Value.Before))
                {
                    problems.Add($"{where}: window output {window.OutputHeight}×{window.OutputWidth} pads {window.PadTop},{window.PadLeft}; Keras {rows.Value.Output}×{columns.Value.Output} pads {rows.Value.Before},{columns.Value.Before}");
                }

                Int128 outputChannels = layer is ConvolutionLayer convolution ? convolution.Filters : channels;
                expected = twoDimensional ? new[] { (Int128)rows.Value.Output, columns.Value.Output, outputChannels } : new[] { (Int128)columns.Value.Output, outputChannels };
                if (layer is ConvolutionLayer conv)
                {
                    parameters = (Int128)window.WindowHeight * window.WindowWidth * channels * conv.Filters + (conv.UseBias ? conv.Filters : 0);
                }
            }
            else
            {
                switch (layer)
                {
                    case DenseLayer dense:
                        expected = shape.Select(d => (Int128)d).ToArray();
                        expected[^1] = dense.Units;
                        parameters = channels * dense.Units + (dense.UseBias ? dense.Units : 0);
                        break;
                    case BatchNormalizationLayer:
                        parameters = 4 * channels;
                        break;
                    case LayerNormalizationLayer:
                        parameters = 2 * channels;
                        break;
                    case NormalizationLayer normalization:
                        parameters = 2 * channels + 1; // mean, variance, count
                        if (normalization.NonTrainableCount != normalization.ParameterCount)
                        {
                            problems.Add($"{where}: Normalization has trainable statistics");
                        }

                        break;
                    case FlattenLayer:
                        expected = new[] { Product(shape) };
                        break;
                    case GlobalPoolingLayer:
                        expected = new[] { channels };
                        break;
                    case ReshapeLayer:
                        if (Product(layer.OutputShape.AsSpan().ToArray()) != Product(shape))
                        {
                            problems.Add($"{where}: reshape changes the element count");
                        }

                        expected = layer.OutputShape.AsSpan().ToArray().Select(d => (Int128)d).ToArray();
                        break;
                    case DropoutLayer dropout when !(dropout.Rate >= 0 && dropout.Rate < 1):
                        problems.Add($"{where}: accepted rate {dropout.Rate}");
                        break;
                    case UpSamplingLayer up:
                        expected = shape.Length == 3
                            ? new[] { (Int128)shape[0] * up.Size, (Int128)shape[1] * up.Size, channels }
                            : new[] { (Int128)shape[0] * up.Size, channels };
                        break;
                    case ZeroPadding2DLayer pad:
                        expected = new[] { (Int128)shape[0] + pad.Borders.Top + pad.Borders.Bottom, (Int128)shape[1] + pad.Borders.Left + pad.Borders.Right, channels };
                        break;
                    case Cropping2DLayer crop:
                        expected = new[] { (Int128)shape[0] - crop.Borders.Top - crop.Borders.Bottom, (Int128)shape[1] - crop.Borders.Left - crop.Borders.Right, channels };
                        break;
                    case ConvolutionTransposeLayer transpose:
                    {
                        // Keras: n·s (Same) or n·s + max(k − s, 0) (Valid); Same crops max(k − s, 0) / 2 before.
                        WindowSpec w = transpose.Window;
                        bool same = transpose.Padding == Model.Padding.Same;
                        Int128 rows = (Int128)shape[0] * w.StrideHeight + (same ? 0 : Math.Max(w.WindowHeight - w.StrideHeight, 0));
                        Int128 cols = (Int128)shape[1] * w.StrideWidth + (same ? 0 : Math.Max(w.WindowWidth - w.StrideWidth, 0));
                        expected = new[] { rows, cols, (Int128)transpose.Filters };
                        parameters = (Int128)w.WindowHeight * w.WindowWidth * channels * transpose.Filters + (transpose.UseBias ? transpose.Filters : 0);
                        int top = same ? Math.Max(w.WindowHeight - w.StrideHeight, 0) / 2 : 0, left = same ? Math.Max(w.WindowWidth - w.StrideWidth, 0) / 2 : 0;
                        if ((w.Height, w.Width, w.OutputHeight, w.OutputWidth, w.PadTop, w.PadLeft, w.Channels) != ((int)rows, (int)cols, (int)shape[0], (int)shape[1], top, left, transpose.Filters))
                        {
                            problems.Add($"{where}: transposed window {w} does not match Keras's geometry");
                        }

                        if (transpose.Padding is not (Model.Padding.Same or Model.Padding.Valid))
                        {
                            problems.Add($"{where}: accepted padding {transpose.Padding}");
                        }

                        break;
                    }

                    case ConvolutionLayer or PoolingLayer:
                        problems.Add($"{where}: no window geometry");
                        break;
                }

                expected ??= shape.Select(d => (Int128)d).ToArray();
            }

            if (!expected.SequenceEqual(layer.OutputShape.AsSpan().ToArray().Select(d => (Int128)d)) || expected.Any(d => d <= 0))
            {
                problems.Add($"{where}: output ({string.Join(", ", layer.OutputShape)}), Keras ({string.Join(", ", expected)})");
            }

            if (parameters != layer.ParameterCount)
            {
                problems.Add($"{where}: {layer.ParameterCount} parameters, Keras {parameters}");
            }

            if (Product(layer.OutputShape.AsSpan().ToArray()) > int.MaxValue)
            {
                problems.Add($"{where}: output of {Product(layer.OutputShape.AsSpan().ToArray())} floats does not fit an array");
            }

            offset += parameters;
            shape = layer.OutputShape.AsSpan().ToArray();
        }

        if (offset != spec.ParameterCount || offset > int.MaxValue)
        {
            problems.Add($"{spec.TypeName}: ParameterCount {spec.ParameterCount}, Keras {offset}");
        }

        return problems;
    }

    private static Int128 Product(int[] shape)
    {
        Int128 product = 1;
        foreach (int dimension in shape)
        {
            product *= dimension;
        }

        return product;
    }
}
