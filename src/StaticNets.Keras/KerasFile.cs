using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using StaticNets.Keras.Reading;

namespace StaticNets.Keras;

/// <summary>
/// Reads Keras model files into a <see cref="KerasModel"/>: Keras 3 <c>.keras</c> archives, legacy Keras 2 /
/// tf.keras <c>.h5</c> model files, and weights files (<c>.weights.h5</c> of Keras 3, <c>save_weights</c> <c>.h5</c>
/// of Keras 2) together with the model's JSON (<c>model.to_json()</c> or a <c>config.json</c>).
/// </summary>
public static class KerasFile
{
    /// <summary>No Keras member this reader needs is larger (the weights of a 500-million-parameter model).</summary>
    private const long MaxMemberBytes = 2L << 30;

    /// <summary>Why the reader needs dynamic code: PureHDF builds its dataset readers with <c>MakeGenericMethod</c>.</summary>
    internal const string NeedsDynamicCode =
        "Reading Keras files uses PureHDF, which needs dynamic code (MakeGenericMethod); it does not run in NativeAOT. " +
        "Import at build time with the staticnets tool (with --embed, or ship its .weights file) instead.";

    /// <summary>
    /// Reads a Keras file. <paramref name="configPath"/> is the model's JSON, needed for a weights-only file and
    /// used instead of the file's own config when given.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The model cannot be represented in StaticNets, or the file is damaged or contradicts itself. The message has
    /// one line per problem, naming the layer and the setting, or the file and what is wrong.
    /// </exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    [RequiresDynamicCode(NeedsDynamicCode)]
    public static KerasModel Read(string path, string? configPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = File.ReadAllBytes(path);
        string name = Path.GetFileName(path);
        string? configText = configPath is null ? null : File.ReadAllText(configPath);
        return Read(bytes, name, configText, configPath is null ? null : Path.GetFileName(configPath));
    }

    /// <summary>Reads a Keras file held in memory; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="PlatformNotSupportedException">The app runs without dynamic code (NativeAOT).</exception>
    [RequiresDynamicCode(NeedsDynamicCode)]
    public static KerasModel Read(byte[] bytes, string name, string? configJson = null, string? configName = null)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported) throw new PlatformNotSupportedException(NeedsDynamicCode);
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(name);
        var problems = new List<string>();
        KerasModel? model;
        if (bytes.Length >= 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K')
        {
            model = ReadArchive(bytes, name, configJson, configName, problems);
        }
        else if (bytes.Length >= 8 && bytes.AsSpan(0, 8).SequenceEqual(Hdf5File.Signature))
        {
            using Hdf5File file = Hdf5File.Open(bytes, name);
            model = ReadHdf5(file, configJson, configName, problems);
        }
        else
        {
            throw Fail(new[] { $"{name}: neither a .keras archive (zip) nor an HDF5 file (.h5); its first bytes are {Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))}." });
        }

        if (model is null || problems.Count > 0)
        {
            throw Fail(problems.Count > 0 ? problems : new List<string> { $"{name}: cannot be read." });
        }

        return model;
    }

    private static KerasModel? ReadArchive(byte[] bytes, string name, string? configJson, string? configName, List<string> problems)
    {
        byte[]? config, metadata, weights;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            config = Member(zip, "config.json", name, problems);
            metadata = Member(zip, "metadata.json", name, problems);
            weights = Member(zip, "model.weights.h5", name, problems);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            problems.Add($"{name}: the .keras archive is damaged ({e.Message.Split('\n')[0].Trim()}).");
            return null;
        }

        if (config is null || weights is null) return null;
        string version = "unknown";
        if (metadata is not null)
        {
            using JsonDocument? meta = ParseJson(Encoding.UTF8.GetString(metadata), name + "/metadata.json", problems);
            version = meta is null ? version : JsonValues.String(meta.RootElement, "keras_version") ?? version;
        }

        string configText = configJson ?? Encoding.UTF8.GetString(config);
        using JsonDocument? document = ParseJson(configText, configJson is null ? name + "/config.json" : configName ?? "config", problems);
        if (document is null) return null;
        using Hdf5File file = Hdf5File.Open(weights, name + "/model.weights.h5");
        return Build(document.RootElement, file, name, KerasFileFormat.KerasArchive, version, problems);
    }

    private static KerasModel? ReadHdf5(Hdf5File file, string? configJson, string? configName, List<string> problems)
    {
        string? modelConfig = file.StringAttribute("/", "model_config");
        string name = file.Source;
        if (modelConfig is not null || file.Exists("model_weights"))
        {
            string version = file.StringAttribute("/", "keras_version") ?? "unknown";
            using JsonDocument? document = ParseJson(configJson ?? modelConfig ?? "", configJson is null ? name + " (model_config)" : configName ?? "config", problems);
            if (document is null) return null;
            if (!file.Exists("model_weights"))
            {
                problems.Add($"{name}: the file has a model_config but no model_weights group (saved without weights?).");
                return null;
            }

            return Build(document.RootElement, file, name, KerasFileFormat.LegacyHdf5Model, version, problems);
        }

        bool keras3 = WeightsReader.IsKeras3(file);
        if (!keras3 && !file.HasAttribute("/", "layer_names"))
        {
            problems.Add($"{name}: an HDF5 file, but not one Keras wrote (no model_config, no layers group, no layer_names).");
            return null;
        }

        if (configJson is null)
        {
            problems.Add($"{name}: a weights-only file; give the model's JSON (model.to_json() or config.json) with --config.");
            return null;
        }

        using JsonDocument? config = ParseJson(configJson, configName ?? "config", problems);
        if (config is null) return null;
        string fileVersion = keras3 ? "3" : file.StringAttribute("/", "keras_version") ?? "2";
        string jsonVersion = JsonValues.String(config.RootElement, "keras_version") ?? fileVersion;
        return Build(config.RootElement, file, name, keras3 ? KerasFileFormat.Keras3Weights : KerasFileFormat.LegacyHdf5Weights, jsonVersion, problems);
    }

    private static KerasModel? Build(JsonElement root, Hdf5File file, string name, KerasFileFormat format, string version, List<string> problems)
    {
        // Keras 1/2 and TensorFlow.js define hard_sigmoid as clip(0.2x + 0.5); Keras 3 as clip(x/6 + 0.5).
        bool keras2 = !version.StartsWith("3", StringComparison.Ordinal) && version != "unknown"
            || (version == "unknown" && format != KerasFileFormat.KerasArchive);
        JsonElement model = root.TryGetProperty("modelTopology", out JsonElement topology) ? topology : root;
        if (model.ValueKind == JsonValueKind.Object && model.TryGetProperty("model_config", out JsonElement inner)) model = inner;
        ModelConfigReader.Result? result = ModelConfigReader.Read(model, keras2, problems);
        if (result is null) return null;
        if (format is KerasFileFormat.KerasArchive or KerasFileFormat.Keras3Weights)
        {
            if (!file.Exists("layers"))
            {
                problems.Add($"{file.Source}: no 'layers' group: not the weights of a Keras 3 model.");
                return null;
            }

            WeightsReader.ReadKeras3(file, result.Layers, problems);
        }
        else
        {
            WeightsReader.ReadKeras2(file, format == KerasFileFormat.LegacyHdf5Model ? "model_weights" : "/", result.Layers, problems);
        }

        return problems.Count > 0 ? null : new KerasModel(name, format, version, result.ModelName, result.InputShape, result.Layers, result.Notes);
    }

    private static byte[]? Member(ZipArchive zip, string member, string name, List<string> problems)
    {
        ZipArchiveEntry? entry = zip.GetEntry(member);
        if (entry is null)
        {
            problems.Add($"{name}: the .keras archive has no '{member}' (members: {string.Join(", ", zip.Entries.Select(e => e.FullName))}).");
            return null;
        }

        if (entry.Length > MaxMemberBytes)
        {
            problems.Add($"{name}: '{member}' claims {entry.Length} bytes, more than this reader accepts.");
            return null;
        }

        using Stream stream = entry.Open();
        var buffer = new MemoryStream((int)entry.Length);
        stream.CopyTo(buffer);
        if (buffer.Length != entry.Length)
        {
            problems.Add($"{name}: '{member}' is truncated ({buffer.Length} of {entry.Length} bytes).");
            return null;
        }

        return buffer.ToArray();
    }

    private static JsonDocument? ParseJson(string text, string what, List<string> problems)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            problems.Add($"{what}: not valid JSON ({e.Message.Split('\n')[0].Trim()}).");
            return null;
        }
    }

    /// <summary>Whether the bytes are a weights-only HDF5 file (no config inside), whose architecture must come from elsewhere.</summary>
    [RequiresDynamicCode(NeedsDynamicCode)]
    internal static bool IsWeightsOnly(byte[] bytes, string name)
    {
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(Hdf5File.Signature)) return false;
        using Hdf5File file = Hdf5File.Open(bytes, name);
        return file.StringAttribute("/", "model_config") is null && !file.Exists("model_weights");
    }

    /// <summary>Reads a weights-only file for layers that come from elsewhere (a network's architecture).</summary>
    [RequiresDynamicCode(NeedsDynamicCode)]
    internal static KerasModel ReadWeightsOnly(byte[] bytes, string name, int[] inputShape, List<KerasLayer> layers)
    {
        var problems = new List<string>();
        ShapeInference.Run(inputShape, layers, problems);
        if (problems.Count == 0)
        {
            using Hdf5File file = Hdf5File.Open(bytes, name);
            if (WeightsReader.IsKeras3(file)) WeightsReader.ReadKeras3(file, layers, problems);
            else if (file.HasAttribute("/", "layer_names")) WeightsReader.ReadKeras2(file, "/", layers, problems);
            else problems.Add($"{name}: an HDF5 file, but not Keras weights (no layers group, no layer_names).");
        }

        if (problems.Count > 0) throw Fail(problems);
        return new KerasModel(name, KerasFileFormat.Keras3Weights, "unknown", "network", inputShape, layers, Array.Empty<string>());
    }

    internal static InvalidDataException Fail(IReadOnlyList<string> problems) => new(string.Join(Environment.NewLine, problems));
}
