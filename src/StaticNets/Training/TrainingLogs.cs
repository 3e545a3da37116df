using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace StaticNets;

/// <summary>
/// The <c>logs</c> that training hands to callbacks: name → value, enumerated in insertion order (loss, metrics in
/// compile order, then <c>val_</c> entries), which is also the order the progress bar prints.
/// </summary>
internal sealed class TrainingLogs : IReadOnlyDictionary<string, double>
{
    private readonly List<string> _keys = new();
    private readonly List<double> _values = new();

    public int Count => _keys.Count;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<double> Values => _values;

    public double this[string key] => TryGetValue(key, out double value) ? value : throw new KeyNotFoundException($"No log entry named '{key}'.");

    /// <summary>The name at <paramref name="index"/> in insertion order.</summary>
    public string KeyAt(int index) => _keys[index];

    /// <summary>The value at <paramref name="index"/> in insertion order.</summary>
    public double ValueAt(int index) => _values[index];

    /// <summary>Adds <paramref name="key"/> at the end, or overwrites its value in place.</summary>
    public void Set(string key, double value)
    {
        int index = _keys.IndexOf(key);
        if (index >= 0)
        {
            _values[index] = value;
        }
        else
        {
            _keys.Add(key);
            _values.Add(value);
        }
    }

    /// <summary>Overwrites the value at <paramref name="index"/>.</summary>
    public void SetAt(int index, double value) => _values[index] = value;

    public bool ContainsKey(string key) => _keys.Contains(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        int index = _keys.IndexOf(key);
        value = index >= 0 ? _values[index] : 0;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (int i = 0; i < _keys.Count; i++) yield return new KeyValuePair<string, double>(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    public TrainingLogs Copy()
    {
        var copy = new TrainingLogs();
        copy._keys.AddRange(_keys);
        copy._values.AddRange(_values);
        return copy;
    }

    /// <summary>Formats for messages: <c>loss,val_loss</c>.</summary>
    public string KeyList() => string.Join(",", _keys);

    /// <summary>Logs with no entries (for <c>OnTrainEnd</c> after zero epochs).</summary>
    public static IReadOnlyDictionary<string, double> Empty { get; } = new TrainingLogs();
}
