using System;
using System.Collections.Generic;
using System.Linq;

namespace StaticNets.Keras.Reading;

/// <summary>
/// Works out each layer's output shape from the input shape, as Keras does, and the weights (name, shape) the
/// layer must have in the file. A setting that cannot fit its input (a window larger than the data, a reshape of
/// the wrong size, a layer on an input of the wrong rank) is reported on that layer.
/// </summary>
internal static class ShapeInference
{
    public static void Run(int[] inputShape, List<KerasLayer> layers, List<string> problems)
    {
        int[] shape = inputShape;
        foreach (KerasLayer layer in layers)
        {
            int[]? output = Apply(layer, shape, problems);
            if (output is null || output.Any(d => d <= 0))
            {
                if (output is not null) problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): on input {JsonValues.Shape(shape)} it gives an empty output {JsonValues.Shape(output)}.");
                return;
            }

            layer.OutputShape = output;
            shape = output;
        }
    }

    private static int[]? Apply(KerasLayer layer, int[] x, List<string> problems)
    {
        LayerOptions o = layer.Options;
        List<(string, int[])> w = layer.ExpectedWeights;
        int last = x[^1];
        bool Rank(params int[] ranks)
        {
            if (ranks.Contains(x.Length)) return true;
            problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): input shape {JsonValues.Shape(x)} has rank {x.Length}; it needs rank {string.Join(" or ", ranks)} (without the batch axis).");
            return false;
        }

        switch (layer.Kind)
        {
            case "Dense":
                w.Add(("kernel", new[] { last, o.Units }));
                if (o.UseBias) w.Add(("bias", new[] { o.Units }));
                return x[..^1].Append(o.Units).ToArray();
            case "Activation":
            case "Dropout":
            case "Rescaling":
                return x;
            case "BatchNormalization":
            case "LayerNormalization":
                if (o.Axis is { } axis && axis != x.Length)
                {
                    problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): axis = {axis} is not supported (only the last axis, {x.Length} here).");
                    return null;
                }

                if (o.Scaled) w.Add(("gamma", new[] { last }));
                if (o.Center) w.Add(("beta", new[] { last }));
                if (layer.Kind == "BatchNormalization")
                {
                    w.Add(("moving_mean", new[] { last }));
                    w.Add(("moving_variance", new[] { last }));
                }

                return x;
            case "Normalization":
                if (o.Axis is { } normalized && normalized != x.Length)
                {
                    problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): axis = {normalized} is not supported (only the last axis, {x.Length} here).");
                    return null;
                }

                if (o.ConfigMean is null || o.ConfigVariance is null)
                {
                    w.Add(("mean", new[] { last }));
                    w.Add(("variance", new[] { last }));
                    w.Add(("count", Array.Empty<int>()));
                    return x;
                }

                foreach ((string key, double[] values) in new[] { ("mean", o.ConfigMean), ("variance", o.ConfigVariance) })
                {
                    if (values.Length != 1 && values.Length != last)
                    {
                        problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): {key} has {values.Length} values in the config; the last axis has {last} features (give one value, or one per feature).");
                        return null;
                    }
                }

                return x;
            case "Flatten":
                return new[] { x.Aggregate(1, (a, b) => a * b) };
            case "Reshape":
            {
                int known = o.Shape.Where(d => d != -1).Aggregate(1, (a, b) => a * b);
                int total = x.Aggregate(1, (a, b) => a * b);
                int[] target = o.Shape.Select(d => d == -1 && known > 0 ? total / known : d).ToArray();
                if (o.Shape.Count(d => d == -1) > 1 || target.Aggregate(1, (a, b) => a * b) != total || target.Any(d => d <= 0))
                {
                    problems.Add($"layer '{layer.Name}' (Reshape): target_shape {JsonValues.Shape(o.Shape)} does not fit input {JsonValues.Shape(x)}.");
                    return null;
                }

                o.Shape = target;
                return target;
            }

            case "Conv1D":
            case "Conv2D":
            {
                bool two = layer.Kind == "Conv2D";
                if (!Rank(two ? 3 : 2)) return null;
                int h = two ? Window(layer, "height", x[0], o.KernelHeight, o.StridesHeight, 1, o.Padding, problems) : 1;
                int wd = Window(layer, "width", x[^2], o.KernelWidth, o.StridesWidth, o.Dilation, o.Padding, problems);
                if (h <= 0 || wd <= 0) return null;
                w.Add(("kernel", two ? new[] { o.KernelHeight, o.KernelWidth, last, o.Filters } : new[] { o.KernelWidth, last, o.Filters }));
                if (o.UseBias) w.Add(("bias", new[] { o.Filters }));
                return two ? new[] { h, wd, o.Filters } : new[] { wd, o.Filters };
            }

            case "Conv2DTranspose":
            {
                if (!Rank(3)) return null;
                // Keras: n·s with Same, n·s + max(k − s, 0) with Valid.
                int h = x[0] * o.StridesHeight + (o.Padding == Padding.Valid ? Math.Max(o.KernelHeight - o.StridesHeight, 0) : 0);
                int wd = x[1] * o.StridesWidth + (o.Padding == Padding.Valid ? Math.Max(o.KernelWidth - o.StridesWidth, 0) : 0);
                w.Add(("kernel", new[] { o.KernelHeight, o.KernelWidth, o.Filters, last }));
                if (o.UseBias) w.Add(("bias", new[] { o.Filters }));
                return new[] { h, wd, o.Filters };
            }

            case "MaxPooling1D":
            case "AveragePooling1D":
            case "MaxPooling2D":
            case "AveragePooling2D":
            {
                bool two = layer.Kind.EndsWith("2D", StringComparison.Ordinal);
                if (!Rank(two ? 3 : 2)) return null;
                int h = two ? Window(layer, "height", x[0], o.KernelHeight, o.StridesHeight, 1, o.Padding, problems) : 1;
                int wd = Window(layer, "width", x[^2], o.KernelWidth, o.StridesWidth, 1, o.Padding, problems);
                if (h <= 0 || wd <= 0) return null;
                return two ? new[] { h, wd, last } : new[] { wd, last };
            }

            case "GlobalAveragePooling1D":
            case "GlobalMaxPooling1D":
                return Rank(2) ? new[] { last } : null;
            case "GlobalAveragePooling2D":
            case "GlobalMaxPooling2D":
                return Rank(3) ? new[] { last } : null;
            case "UpSampling1D":
                return Rank(2) ? new[] { x[0] * o.Size, last } : null;
            case "UpSampling2D":
                return Rank(3) ? new[] { x[0] * o.Size, x[1] * o.Size, last } : null;
            case "ZeroPadding2D":
                return Rank(3) ? new[] { x[0] + o.Top + o.Bottom, x[1] + o.Left + o.Right, last } : null;
            case "Cropping2D":
                return Rank(3) ? new[] { x[0] - o.Top - o.Bottom, x[1] - o.Left - o.Right, last } : null;
            case "Embedding":
                w.Add(("embeddings", new[] { o.InputDim, o.OutputDim }));
                return x.Append(o.OutputDim).ToArray();
            case "SimpleRNN":
            case "LSTM":
            case "GRU":
            {
                if (!Rank(2)) return null;
                AddRecurrentWeights(layer, "", last, w);
                return o.ReturnSequences ? new[] { x[0], o.Units } : new[] { o.Units };
            }

            case "Bidirectional":
            {
                if (!Rank(2)) return null;
                KerasLayer inner = layer.Wrapped!;
                AddRecurrentWeights(inner, "forward_", last, w);
                AddRecurrentWeights(inner, "backward_", last, w);
                int units = inner.Options.Units * (o.MergeMode == MergeMode.Concat ? 2 : 1);
                inner.OutputShape = inner.Options.ReturnSequences ? new[] { x[0], inner.Options.Units } : new[] { inner.Options.Units };
                return inner.Options.ReturnSequences ? new[] { x[0], units } : new[] { units };
            }

            default:
                problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): no shape rule.");
                return null;
        }
    }

    private static void AddRecurrentWeights(KerasLayer layer, string prefix, int features, List<(string, int[])> w)
    {
        LayerOptions o = layer.Options;
        int gates = layer.Kind switch { "LSTM" => 4, "GRU" => 3, _ => 1 };
        int width = gates * o.Units;
        w.Add((prefix + "kernel", new[] { features, width }));
        w.Add((prefix + "recurrent_kernel", new[] { o.Units, width }));
        if (o.UseBias) w.Add((prefix + "bias", layer.Kind == "GRU" && o.ResetAfter ? new[] { 2, width } : new[] { width }));
    }

    /// <summary>Keras's output length of a window axis: valid <c>floor((n − d(k−1) − 1)/s) + 1</c>, same and causal <c>ceil(n/s)</c>.</summary>
    private static int Window(KerasLayer layer, string axis, int n, int k, int s, int d, Padding padding, List<string> problems)
    {
        long extent = (long)d * (k - 1) + 1;
        long output = padding == Padding.Valid ? (n - extent) / s + 1 : (n + s - 1) / s;
        if (padding == Padding.Valid && extent > n)
        {
            problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): its window spans {extent} along the {axis}, more than the input's {n}.");
            return 0;
        }

        return (int)output;
    }
}
