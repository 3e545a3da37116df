using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace StaticNets.Keras.Reading;

/// <summary>
/// Fills each layer's <see cref="KerasLayer.Weights"/> from an HDF5 weights tree, in either layout:
/// Keras 3 (<c>layers/&lt;snake_case class&gt;[_N]/vars/&lt;i&gt;</c>, recurrent weights under <c>cell/</c>) or
/// Keras 2 (<c>[model_weights/]&lt;layer&gt;/&lt;weight_names[i]&gt;</c>, matched to the config's layers in order, as
/// Keras's own <c>load_weights</c> does). Every dataset's shape must be the one the config implies.
/// </summary>
internal static class WeightsReader
{
    /// <summary>Whether the file is in the Keras 3 layout.</summary>
    public static bool IsKeras3(Hdf5File file) => file.Exists("layers") && !file.HasAttribute("/", "layer_names");

    public static void ReadKeras3(Hdf5File file, IReadOnlyList<KerasLayer> layers, List<string> problems)
    {
        FromConfig(layers);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (KerasLayer layer in layers)
        {
            string baseName = SnakeCase(layer.KerasClass);
            int index = counts.TryGetValue(baseName, out int n) ? n : 0;
            counts[baseName] = index + 1;
            string key = index == 0 ? baseName : baseName + "_" + index.ToString(CultureInfo.InvariantCulture);
            consumed.Add(key);
            string root = "layers/" + key;
            if (layer.ExpectedWeights.Count == 0) continue;
            if (!file.Exists(root))
            {
                problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): {file.Source} has no weights group '{root}'.");
                continue;
            }

            var found = new List<KerasWeight>();
            if (layer.Kind == "Bidirectional")
            {
                int half = layer.ExpectedWeights.Count / 2;
                found.AddRange(ReadVars(file, layer, root + "/forward_layer/cell/vars", layer.ExpectedWeights.Take(half).ToList(), problems));
                found.AddRange(ReadVars(file, layer, root + "/backward_layer/cell/vars", layer.ExpectedWeights.Skip(half).ToList(), problems));
            }
            else
            {
                bool recurrent = layer.Kind is "SimpleRNN" or "LSTM" or "GRU";
                found.AddRange(ReadVars(file, layer, root + (recurrent ? "/cell/vars" : "/vars"), layer.ExpectedWeights, problems));
            }

            layer.Weights = Complete(layer, found);
        }

        // A weights group the config does not account for means the config and the weights disagree.
        foreach (string key in file.Children("layers"))
        {
            if (!consumed.Contains(key) && HoldsData(file, "layers/" + key))
            {
                problems.Add($"{file.Source}: weights group 'layers/{key}' belongs to no layer of the config (the config and the weights disagree).");
            }
        }
    }

    public static void ReadKeras2(Hdf5File file, string root, IReadOnlyList<KerasLayer> layers, List<string> problems)
    {
        FromConfig(layers);
        IReadOnlyList<string> names = file.StringsAttribute(root, "layer_names") ?? Array.Empty<string>();
        var stored = new List<(string Layer, IReadOnlyList<string> Weights)>();
        foreach (string name in names)
        {
            IReadOnlyList<string> weightNames = file.StringsAttribute(Join(root, name), "weight_names") ?? Array.Empty<string>();
            if (weightNames.Count > 0) stored.Add((name, weightNames));
        }

        List<KerasLayer> withWeights = layers.Where(l => l.ExpectedWeights.Count > 0).ToList();
        if (stored.Count != withWeights.Count)
        {
            problems.Add($"{file.Source}: it holds weights for {stored.Count} layers ({string.Join(", ", stored.Select(s => s.Layer))}), the model has {withWeights.Count} layers with weights ({string.Join(", ", withWeights.Select(l => l.Name))}).");
            return;
        }

        for (int i = 0; i < stored.Count; i++)
        {
            KerasLayer layer = withWeights[i];
            (string group, IReadOnlyList<string> weightNames) = stored[i];
            var byRole = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string weightName in weightNames)
            {
                byRole[Role(weightName, layer.Kind == "Bidirectional")] = weightName;
            }

            var found = new List<KerasWeight>();
            foreach ((string role, int[] shape) in layer.ExpectedWeights)
            {
                if (!byRole.TryGetValue(role, out string? weightName))
                {
                    problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): {file.Source} has no '{role}' weight under '{group}' (it has {string.Join(", ", weightNames)}).");
                    continue;
                }

                (int[] actual, float[] values) = file.ReadFloats(Join(Join(root, group), weightName));
                if (Check(layer, role, shape, actual, problems)) found.Add(new KerasWeight(role, actual, values));
            }

            if (byRole.Count != layer.ExpectedWeights.Count)
            {
                problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): {file.Source} has {byRole.Count} weights ({string.Join(", ", weightNames)}), the {layer.DescribedBy} implies {layer.ExpectedWeights.Count} ({string.Join(", ", layer.ExpectedWeights.Select(e => e.Name))}).");
            }

            layer.Weights = Complete(layer, found);
        }
    }

    /// <summary>
    /// A Normalization given mean and variance in its config has no weights in the file (Keras keeps them as constants);
    /// StaticNets keeps them as its mean, variance and count weights, a single value repeated for every feature, count 0.
    /// </summary>
    private static void FromConfig(IReadOnlyList<KerasLayer> layers)
    {
        foreach (KerasLayer layer in layers)
        {
            if (layer.Kind != "Normalization" || layer.Options.ConfigMean is not { } mean || layer.Options.ConfigVariance is not { } variance) continue;
            int features = layer.OutputShape[^1];
            float[] Spread(double[] values) => Enumerable.Range(0, features).Select(i => (float)values[values.Length == 1 ? 0 : i]).ToArray();
            layer.Weights = new[]
            {
                new KerasWeight("mean", new[] { features }, Spread(mean)),
                new KerasWeight("variance", new[] { features }, Spread(variance)),
                new KerasWeight("count", Array.Empty<int>(), new[] { 0f }),
            };
        }
    }

    /// <summary><c>dense_1/kernel:0</c> → <c>kernel</c>; in a Bidirectional layer <c>.../backward_lstm_1/bias:0</c> → <c>backward_bias</c>.</summary>
    private static string Role(string weightName, bool bidirectional)
    {
        string[] parts = weightName.Split('/');
        string role = parts[^1];
        int colon = role.LastIndexOf(':');
        if (colon > 0) role = role[..colon];
        if (bidirectional)
        {
            string? direction = parts.FirstOrDefault(p => p.StartsWith("forward_", StringComparison.Ordinal) || p.StartsWith("backward_", StringComparison.Ordinal));
            role = (direction?.StartsWith("forward_", StringComparison.Ordinal) == true ? "forward_" : direction is null ? "" : "backward_") + role;
        }

        return role;
    }

    private static IEnumerable<KerasWeight> ReadVars(Hdf5File file, KerasLayer layer, string path, IReadOnlyList<(string Name, int[] Shape)> expected, List<string> problems)
    {
        IReadOnlyList<string> children = file.Exists(path) ? file.Children(path) : Array.Empty<string>();
        if (children.Count != expected.Count)
        {
            string hint = layer.DescribedBy != "network" || children.Count >= expected.Count ? ""
                : layer.Kind is "BatchNormalization" or "LayerNormalization" ? " (a Keras layer with scale=False or center=False: load the .keras or .h5 model file, whose config says which weight is absent)"
                : layer.Kind == "Normalization" && children.Count == 0 ? " (a Keras Normalization given mean and variance in its config stores none: load the .keras or .h5 model file, whose config holds them)"
                : "";
            problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): '{path}' holds {children.Count} variables, the {layer.DescribedBy} implies {expected.Count} ({string.Join(", ", expected.Select(e => e.Name))}){hint}.");
            return Array.Empty<KerasWeight>();
        }

        var weights = new List<KerasWeight>();
        for (int i = 0; i < expected.Count; i++)
        {
            // Members are listed alphabetically (0, 1, 10, 2): address them by number.
            string variable = path + "/" + i.ToString(CultureInfo.InvariantCulture);
            if (!file.Exists(variable))
            {
                problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): variable '{variable}' is missing.");
                continue;
            }

            (int[] actual, float[] values) = file.ReadFloats(variable);
            if (Check(layer, expected[i].Name, expected[i].Shape, actual, problems)) weights.Add(new KerasWeight(expected[i].Name, actual, values));
        }

        return weights;
    }

    private static bool Check(KerasLayer layer, string role, int[] expected, int[] actual, List<string> problems)
    {
        if (expected.SequenceEqual(actual)) return true;
        problems.Add($"layer '{layer.Name}' ({layer.KerasClass}): weight '{role}' has shape {JsonValues.Shape(actual)} in the file, the {layer.DescribedBy} implies {JsonValues.Shape(expected)}.");
        return false;
    }

    /// <summary>
    /// The weights in StaticNets order. A normalisation layer without scale or center (Keras <c>scale=False</c>,
    /// <c>center=False</c>) gets gamma = 1 and beta = 0, which compute the same function.
    /// </summary>
    private static IReadOnlyList<KerasWeight> Complete(KerasLayer layer, List<KerasWeight> found)
    {
        if (layer.Kind is not ("BatchNormalization" or "LayerNormalization") || (layer.Options.Scaled && layer.Options.Center)) return found;
        int channels = layer.OutputShape[^1];
        var weights = new List<KerasWeight>(found);
        if (!layer.Options.Scaled) weights.Insert(0, new KerasWeight("gamma", new[] { channels }, Enumerable.Repeat(1f, channels).ToArray()));
        if (!layer.Options.Center) weights.Insert(1, new KerasWeight("beta", new[] { channels }, new float[channels]));
        return weights;
    }

    private static bool HoldsData(Hdf5File file, string path)
    {
        foreach (string child in file.Children(path))
        {
            string childPath = path + "/" + child;
            if (!file.IsGroup(childPath) || HoldsData(file, childPath)) return true;
        }

        return false;
    }

    private static string Join(string root, string name) => root is "" or "/" ? name : root + "/" + name;

    /// <summary>Keras's <c>to_snake_case</c>: <c>Conv2D</c> → <c>conv2d</c>, <c>SimpleRNN</c> → <c>simple_rnn</c>, <c>MaxPooling2D</c> → <c>max_pooling2d</c>.</summary>
    internal static string SnakeCase(string name)
    {
        name = Regex.Replace(name, @"\W+", "");
        name = Regex.Replace(name, "(.)([A-Z][a-z]+)", "$1_$2");
        return Regex.Replace(name, "([a-z])([A-Z])", "$1_$2").ToLowerInvariant();
    }
}
