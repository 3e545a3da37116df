using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace StaticNets.Keras.Reading;

/// <summary>
/// Reads a model config (<c>{class_name, config}</c> as in <c>config.json</c>, <c>model_config</c> or
/// <c>to_json()</c>): Sequential models (the Keras 2.1 bare layer list too) and Functional models that are a
/// single chain; works out the input shape, every layer's output shape and the weights each layer must have.
/// </summary>
internal static class ModelConfigReader
{
    public sealed record Result(string ModelName, int[] InputShape, List<KerasLayer> Layers, List<string> Notes);

    public static Result? Read(JsonElement model, bool keras2, List<string> problems)
    {
        string className = JsonValues.String(model, "class_name") ?? "?";
        JsonElement config = model.TryGetProperty("config", out JsonElement c) ? c : default;
        JsonElement layersJson;
        string modelName = className.ToLowerInvariant();
        if (config.ValueKind == JsonValueKind.Array && className == "Sequential")
        {
            layersJson = config; // Keras <= 2.1: Sequential's config is the bare layer list.
        }
        else if (config.ValueKind == JsonValueKind.Object && className is "Sequential" or "Functional" or "Model"
                 && JsonValues.Get(config, "layers") is { ValueKind: JsonValueKind.Array } list)
        {
            layersJson = list;
            modelName = JsonValues.String(config, "name") ?? modelName;
        }
        else
        {
            string registered = JsonValues.String(model, "registered_name") is { } r && r != className ? $" (registered as '{r}')" : "";
            problems.Add($"model '{className}'{registered}: a subclassed model (its config has no layer list); StaticNets imports Sequential models and Functional models that are a single chain of layers.");
            return null;
        }

        JsonElement[] entries = layersJson.EnumerateArray().ToArray();
        if (className != "Sequential")
        {
            CheckChain(config, entries, problems); // reported; the layers are still read so every problem shows
        }

        int[]? inputShape = InputShape(config, entries, problems);
        var notes = new List<string>();
        var reader = new LayerConfigReader(keras2, problems, notes);
        var layers = new List<KerasLayer>();
        foreach (JsonElement entry in entries)
        {
            string kerasClass = JsonValues.String(entry, "class_name") ?? "?";
            if (kerasClass == "InputLayer")
            {
                continue;
            }

            KerasLayer? layer = reader.Read(entry);
            if (layer is not null) layers.Add(layer);
        }

        if (problems.Count > 0 || inputShape is null)
        {
            return null;
        }

        if (layers.Count == 0)
        {
            problems.Add($"model '{modelName}': it has no layers.");
            return null;
        }

        ShapeInference.Run(inputShape, layers, problems);
        return problems.Count > 0 ? null : new Result(modelName, inputShape, layers, notes);
    }

    private static int[]? InputShape(JsonElement config, JsonElement[] entries, List<string> problems)
    {
        int[]? shape = null;
        string from = "";
        foreach (JsonElement entry in entries)
        {
            JsonElement layerConfig = JsonValues.Get(entry, "config") ?? default;
            if (layerConfig.ValueKind != JsonValueKind.Object) continue;
            shape = JsonValues.Shape(layerConfig, "batch_shape") ?? JsonValues.Shape(layerConfig, "batch_input_shape");
            from = JsonValues.String(layerConfig, "name") ?? "";
            if (shape is null && JsonValues.Get(entry, "build_config") is { } build) shape = JsonValues.Shape(build, "input_shape");
            break;
        }

        if (shape is null && config.ValueKind == JsonValueKind.Object) shape = JsonValues.Shape(config, "build_input_shape");
        if (shape is null || shape.Length < 2)
        {
            problems.Add("model: the config records no input shape (batch_shape / batch_input_shape); StaticNets needs a fixed input shape.");
            return null;
        }

        int[] sample = shape[1..]; // a fixed batch size is dropped
        if (sample.Any(d => d <= 0))
        {
            problems.Add($"layer '{from}': input shape {JsonValues.Shape(shape[1..].Select(d => d))} has an unknown dimension (None, shown as -1); StaticNets needs a fixed input shape.");
            return null;
        }

        return sample;
    }

    /// <summary>A Functional model is importable when it is one chain: one input, one output, each layer fed by the one before.</summary>
    private static bool CheckChain(JsonElement config, JsonElement[] entries, List<string> problems)
    {
        int before = problems.Count;
        string[] inputs = Endpoints(config, "input_layers");
        string[] outputs = Endpoints(config, "output_layers");
        if (inputs.Length != 1) problems.Add($"model: {inputs.Length} inputs ({string.Join(", ", inputs)}); StaticNets models take one input.");
        if (outputs.Length != 1) problems.Add($"model: {outputs.Length} outputs ({string.Join(", ", outputs)}); StaticNets models have one output.");
        string? previous = null;
        foreach (JsonElement entry in entries)
        {
            JsonElement layerConfig = JsonValues.Get(entry, "config") ?? default;
            string name = JsonValues.String(entry, "name") ?? JsonValues.String(layerConfig, "name") ?? "?";
            string kerasClass = JsonValues.String(entry, "class_name") ?? "?";
            List<string> sources = new();
            int nodes = 0;
            if (JsonValues.Get(entry, "inbound_nodes") is { ValueKind: JsonValueKind.Array } inbound)
            {
                foreach (JsonElement node in inbound.EnumerateArray())
                {
                    nodes++;
                    CollectSources(node, sources);
                }
            }

            if (kerasClass == "InputLayer")
            {
                // A second input is reported once, for the model.
            }
            else if (nodes != 1)
            {
                problems.Add($"layer '{name}' ({kerasClass}): called {nodes} times (shared layer); StaticNets imports a single chain of layers.");
            }
            else if (sources.Count != 1)
            {
                problems.Add($"layer '{name}' ({kerasClass}): takes {sources.Count} input tensors ({string.Join(", ", sources)}), e.g. an initial_state; StaticNets layers take one.");
            }
            else if (sources[0] != previous)
            {
                problems.Add($"layer '{name}' ({kerasClass}): fed by '{sources[0]}', not by the layer before it ('{previous}'); StaticNets imports a single chain of layers (no branches).");
            }

            previous = name;
        }

        if (outputs.Length == 1 && previous is not null && outputs[0] != previous)
        {
            problems.Add($"model: the output is '{outputs[0]}', not the last layer '{previous}'.");
        }

        return problems.Count == before;
    }

    private static string[] Endpoints(JsonElement config, string key)
    {
        if (JsonValues.Get(config, key) is not { ValueKind: JsonValueKind.Array } list) return Array.Empty<string>();
        // [["input_1", 0, 0], ...] or, for one endpoint in Keras 3, ["input_1", 0, 0].
        JsonElement[] items = list.EnumerateArray().ToArray();
        if (items.Length > 0 && items[0].ValueKind == JsonValueKind.String) return new[] { items[0].GetString()! };
        return items.Select(i => i.ValueKind == JsonValueKind.Array && i.GetArrayLength() > 0 && i[0].ValueKind == JsonValueKind.String ? i[0].GetString()! : "?").ToArray();
    }

    /// <summary>The layers a node reads: Keras 2 <c>[name, node, tensor, kwargs]</c> lists, Keras 3 <c>keras_history</c> entries.</summary>
    private static void CollectSources(JsonElement node, List<string> sources)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in node.EnumerateObject())
                {
                    if (property.Name == "keras_history" && property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() > 0)
                    {
                        sources.Add(property.Value[0].GetString() ?? "?");
                    }
                    else
                    {
                        CollectSources(property.Value, sources);
                    }
                }

                break;
            case JsonValueKind.Array:
                JsonElement[] items = node.EnumerateArray().ToArray();
                if (items.Length >= 3 && items[0].ValueKind == JsonValueKind.String && items[1].ValueKind == JsonValueKind.Number)
                {
                    sources.Add(items[0].GetString()!);
                    if (items.Length > 3) CollectSources(items[3], sources);
                }
                else
                {
                    foreach (JsonElement item in items) CollectSources(item, sources);
                }

                break;
        }
    }
}
