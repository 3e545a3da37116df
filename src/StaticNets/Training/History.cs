using System.Collections.Generic;

namespace StaticNets;

/// <summary>
/// What <c>Fit</c> recorded, like Keras's <c>History</c>: per-epoch values of the loss, the metrics and their
/// <c>val_</c> counterparts, the epoch indices, and the run's parameters.
/// </summary>
public sealed class History
{
    private readonly Dictionary<string, List<double>> _values = new();
    private readonly Dictionary<string, IReadOnlyList<double>> _view = new();
    private readonly List<int> _epochs = new();

    internal History(int verbose, int epochs, int steps)
    {
        Params = new Dictionary<string, int> { ["verbose"] = verbose, ["epochs"] = epochs, ["steps"] = steps };
    }

    /// <summary>
    /// Keras <c>history.history</c>: <c>"loss"</c>, the metric names (<c>"accuracy"</c>, ...), then <c>"val_loss"</c>,
    /// <c>"val_accuracy"</c>, ... when there was validation data, each with one value per completed epoch.
    /// Keys enumerate in that order.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Metrics => _view;

    /// <summary>Keras <c>history.epoch</c>: the zero-based index of each recorded epoch.</summary>
    public IReadOnlyList<int> Epochs => _epochs;

    /// <summary>Keras <c>history.params</c>: <c>"verbose"</c>, <c>"epochs"</c> and <c>"steps"</c> (batches per epoch).</summary>
    public IReadOnlyDictionary<string, int> Params { get; }

    /// <summary>Records the logs of one finished epoch.</summary>
    internal void Record(int epoch, IEnumerable<KeyValuePair<string, double>> logs)
    {
        _epochs.Add(epoch);
        foreach (KeyValuePair<string, double> entry in logs)
        {
            if (!_values.TryGetValue(entry.Key, out List<double>? list))
            {
                list = new List<double>();
                _values.Add(entry.Key, list);
                _view.Add(entry.Key, list);
            }

            list.Add(entry.Value);
        }
    }
}
