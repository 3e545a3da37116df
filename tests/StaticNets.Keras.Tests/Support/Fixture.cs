using System.Text.Json;

namespace StaticNets.Keras.Tests.Support;

/// <summary>Paths of the copied fixtures and the expected outputs stored beside them.</summary>
internal static class Fixture
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The first (or named) array of a group (<c>inputs</c>, <c>outputs</c>) in an expected-output JSON file.</summary>
    public static (int[] Shape, float[] Data) Array(string jsonFile, string group, string? name = null)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(PathOf(jsonFile)));
        JsonElement entries = document.RootElement.GetProperty(group);
        JsonElement entry = name is null ? entries.EnumerateObject().First().Value : entries.GetProperty(name);
        int[] shape = entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        float[] data = Flatten(entry.GetProperty("data")).ToArray();
        return (shape, data);
    }

    private static IEnumerable<float> Flatten(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in value.EnumerateArray())
            {
                foreach (float f in Flatten(item)) yield return f;
            }
        }
        else
        {
            yield return (float)value.GetDouble();
        }
    }
}
