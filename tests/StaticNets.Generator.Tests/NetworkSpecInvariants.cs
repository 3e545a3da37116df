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
            string where = $"{spec.TypeName}.{layer.Name} ({layer.Kind})";
            if (!shape.AsSpan().SequenceEqual(layer.InputShape.AsSpan()))
            {
                problems.Add($"{where}: input ({string.Join(", ", layer.InputShape)}) is not the previous output ({string.Join(", ", shape)})");
            }

            if (layer.ParameterOffset != offset)
            {
                problems.Add($"{where}: parameter offset {layer.ParameterOffset}, expected {offset}");
            }

            Int128 channels = shape[^1];
            Int128 bias = layer.UseBias ? layer.Units : 0;
            Int128 parameters = 0;
            Int128[]? expected = null;
            if (layer.Window is { } window)
            {
                bool same = layer.Padding == 1;
                bool twoDimensional = shape.Length == 3;
                var rows = KerasFormulas.WindowAxis(twoDimensional ? shape[0] : 1, window.WindowHeight, window.Stride, same);
                var columns = KerasFormulas.WindowAxis(shape[^2], window.WindowWidth, window.Stride, same);
                if (rows is null || columns is null)
                {
                    problems.Add($"{where}: accepted a Valid window larger than its input");
                    return problems;
                }

                if ((window.OutputHeight, window.OutputWidth, window.PadTop, window.PadLeft) != (rows.Value.Output, columns.Value.Output, rows.Value.Before, columns.Value.Before))
                {
                    problems.Add($"{where}: window output {window.OutputHeight}×{window.OutputWidth} pads {window.PadTop},{window.PadLeft}; Keras {rows.Value.Output}×{columns.Value.Output} pads {rows.Value.Before},{columns.Value.Before}");
                }

                Int128 outputChannels = layer.Kind.IsConvolution() ? layer.Units : channels;
                expected = twoDimensional ? new[] { (Int128)rows.Value.Output, columns.Value.Output, outputChannels } : new[] { (Int128)columns.Value.Output, outputChannels };
                if (layer.Kind.IsConvolution())
                {
                    parameters = (Int128)window.WindowHeight * window.WindowWidth * channels * layer.Units + bias;
                }
            }
            else
            {
                switch (layer.Kind)
                {
                    case LayerKind.Dense:
                        expected = shape.Select(d => (Int128)d).ToArray();
                        expected[^1] = layer.Units;
                        parameters = channels * layer.Units + bias;
                        break;
                    case LayerKind.BatchNormalization:
                        parameters = 4 * channels;
                        break;
                    case LayerKind.Flatten:
                        expected = new[] { Product(shape) };
                        break;
                    case LayerKind.GlobalAveragePooling1D or LayerKind.GlobalAveragePooling2D or LayerKind.GlobalMaxPooling2D:
                        expected = new[] { channels };
                        break;
                    case LayerKind.Reshape:
                        if (Product(layer.OutputShape.AsSpan().ToArray()) != Product(shape))
                        {
                            problems.Add($"{where}: reshape changes the element count");
                        }

                        break;
                    case LayerKind.Dropout when !(layer.Rate >= 0 && layer.Rate < 1):
                        problems.Add($"{where}: accepted rate {layer.Rate}");
                        break;
                }

                expected ??= layer.Kind == LayerKind.Reshape ? layer.OutputShape.AsSpan().ToArray().Select(d => (Int128)d).ToArray() : shape.Select(d => (Int128)d).ToArray();
                if (layer.Kind.IsPooling() || layer.Kind.IsConvolution())
                {
                    problems.Add($"{where}: no window geometry");
                }
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
