using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace StaticNets.Generator.Tests;

/// <summary>
/// An independent double-precision Dense stack: plain loops over Keras's layout (kernel (in, units) row-major, then bias),
/// applied per position on rank &gt; 1 inputs. Layers are read from the declaration's attributes.
/// </summary>
internal static partial class NaiveDense
{
    public static double[] Forward(string source, int[] inputShape, float[] parameters, float[] x)
    {
        double[] values = x.Select(v => (double)v).ToArray();
        int features = inputShape[^1];
        int offset = 0;
        foreach (Match layer in DenseAttribute().Matches(source))
        {
            int units = int.Parse(layer.Groups["units"].Value);
            string activation = layer.Groups["act"].Success ? layer.Groups["act"].Value : "Linear";
            bool useBias = !layer.Value.Contains("UseBias = false");
            int positions = values.Length / features;
            var next = new double[positions * units];
            for (int p = 0; p < positions; p++)
            {
                for (int u = 0; u < units; u++)
                {
                    double sum = useBias ? parameters[offset + features * units + u] : 0;
                    for (int i = 0; i < features; i++)
                    {
                        sum += values[p * features + i] * parameters[offset + i * units + u];
                    }

                    next[p * units + u] = sum;
                }

                Activate(activation, next.AsSpan(p * units, units));
            }

            offset += features * units + (useBias ? units : 0);
            features = units;
            values = next;
        }

        return values;
    }

    private static void Activate(string activation, Span<double> row)
    {
        if (activation == "Softmax")
        {
            double max = row.ToArray().Max();
            double sum = 0;
            for (int i = 0; i < row.Length; i++) { row[i] = Math.Exp(row[i] - max); sum += row[i]; }
            for (int i = 0; i < row.Length; i++) { row[i] /= sum; }
            return;
        }

        for (int i = 0; i < row.Length; i++)
        {
            double v = row[i];
            row[i] = activation switch
            {
                "Linear" => v,
                "Relu" => Math.Max(v, 0),
                "Relu6" => Math.Min(Math.Max(v, 0), 6),
                "LeakyRelu" => v < 0 ? 0.2 * v : v,
                "Tanh" => Math.Tanh(v),
                "Sigmoid" => 1 / (1 + Math.Exp(-v)),
                _ => throw new NotSupportedException(activation),
            };
        }
    }

    [GeneratedRegex(@"\[Dense\((?<units>\d+)(, Activation\.(?<act>\w+))?[^\]]*\)\]")]
    private static partial Regex DenseAttribute();
}
