using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace StaticNets.Keras.Reading;

/// <summary>Reads the loosely typed values of Keras configs (ints that may be 1-lists, null for defaults).</summary>
internal static class JsonValues
{
    public static bool IsNullOrAbsent(JsonElement config, string key)
        => !config.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null;

    public static JsonElement? Get(JsonElement config, string key)
        => config.ValueKind == JsonValueKind.Object && config.TryGetProperty(key, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement config, string key)
        => Get(config, key) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool? Bool(JsonElement config, string key)
        => Get(config, key) is { } value && (value.ValueKind is JsonValueKind.True or JsonValueKind.False) ? value.GetBoolean() : null;

    public static double? Number(JsonElement config, string key)
        => Get(config, key) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    /// <summary>An int, or the ints of a list (<c>3</c> → [3]; <c>[3, 3]</c> → [3, 3]); null when absent or not integers.</summary>
    public static int[]? Ints(JsonElement config, string key)
    {
        JsonElement? value = Get(config, key);
        if (value is null) return null;
        if (value.Value.ValueKind == JsonValueKind.Number) return value.Value.TryGetInt32(out int one) ? new[] { one } : null;
        if (value.Value.ValueKind != JsonValueKind.Array) return null;
        var ints = new List<int>();
        foreach (JsonElement item in value.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out int number)) return null;
            ints.Add(number);
        }

        return ints.ToArray();
    }

    /// <summary>A shape with possibly unknown (null) dimensions: null entries become -1.</summary>
    public static int[]? Shape(JsonElement config, string key)
    {
        JsonElement? value = Get(config, key);
        if (value is not { ValueKind: JsonValueKind.Array }) return null;
        var dims = new List<int>();
        foreach (JsonElement item in value.Value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Null) dims.Add(-1);
            else if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int n)) dims.Add(n);
            else return null;
        }

        return dims.ToArray();
    }

    /// <summary>A value as a short text for messages.</summary>
    public static string Text(JsonElement value)
    {
        string text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("class_name", out JsonElement name) && name.ValueKind == JsonValueKind.String)
        {
            text = name.GetString()!;
        }

        return text.Length > 60 ? text[..57] + "..." : text;
    }

    /// <summary>Whether a value means "off": null, false, 0, "" or an empty list/object.</summary>
    public static bool IsOff(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => true,
        JsonValueKind.Number => value.GetDouble() == 0,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };

    public static string Shape(IEnumerable<int> shape)
    {
        int[] dims = shape.ToArray();
        return "(" + string.Join(", ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + (dims.Length == 1 ? ",)" : ")");
    }
}
