using System;
using System.Collections.Generic;

namespace StaticNets;

/// <summary>Whether a monitored quantity should go down or up, from a callback's <c>mode</c>.</summary>
internal static class MonitorDirection
{
    /// <summary>
    /// <c>"min"</c> → false, <c>"max"</c> → true. <c>"auto"</c>, as Keras 3 decides from the name without <c>val_</c>:
    /// <c>loss</c> is minimised; a compiled metric of that name goes its own way (<see cref="Metric.HigherIsBetter"/>:
    /// accuracies, AUC, precision and recall up, errors and cross-entropies down). Other names (Keras raises an error
    /// for them) are maximised when they end with <c>acc</c>, <c>accuracy</c>, <c>auc</c>, <c>precision</c> or
    /// <c>recall</c>, and minimised otherwise.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is not auto, min or max.</exception>
    public static bool IsMaximized(string monitor, string mode, string modeParameter, IReadOnlyList<Metric>? metrics = null)
    {
        switch (mode)
        {
            case "min":
                return false;
            case "max":
                return true;
            case "auto":
                string name = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor[4..] : monitor;
                if (name == "loss") return false;
                if (metrics is not null)
                {
                    foreach (Metric metric in metrics)
                    {
                        if (metric.Name == name) return metric.HigherIsBetter;
                    }
                }

                foreach (string suffix in MaximizedSuffixes)
                {
                    if (name.EndsWith(suffix, StringComparison.Ordinal)) return true;
                }

                return false;
            default:
                throw new ArgumentException($"Mode must be \"auto\", \"min\" or \"max\", but got \"{mode}\".", modeParameter);
        }
    }

    private static readonly string[] MaximizedSuffixes = ["acc", "accuracy", "auc", "precision", "recall"];

    /// <summary>Checks a monitor name.</summary>
    public static void CheckMonitor(string monitor, string parameter)
    {
        ArgumentNullException.ThrowIfNull(monitor, parameter);
        if (monitor.Length == 0) throw new ArgumentException("The monitored quantity needs a name, e.g. \"val_loss\".", parameter);
    }
}
