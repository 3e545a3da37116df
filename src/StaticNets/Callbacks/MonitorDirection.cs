using System;

namespace StaticNets;

/// <summary>Whether a monitored quantity should go down or up, from a callback's <c>mode</c>.</summary>
internal static class MonitorDirection
{
    /// <summary>
    /// <c>"min"</c> → false, <c>"max"</c> → true, <c>"auto"</c> → true for accuracies (name without <c>val_</c> is
    /// or ends with <c>acc</c>/<c>accuracy</c>), false otherwise (losses and errors).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is not auto, min or max.</exception>
    public static bool IsMaximized(string monitor, string mode, string modeParameter)
    {
        switch (mode)
        {
            case "min":
                return false;
            case "max":
                return true;
            case "auto":
                string name = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor[4..] : monitor;
                return name.EndsWith("acc", StringComparison.Ordinal) || name.EndsWith("accuracy", StringComparison.Ordinal);
            default:
                throw new ArgumentException($"Mode must be \"auto\", \"min\" or \"max\", but got \"{mode}\".", modeParameter);
        }
    }

    /// <summary>Checks a monitor name.</summary>
    public static void CheckMonitor(string monitor, string parameter)
    {
        ArgumentNullException.ThrowIfNull(monitor, parameter);
        if (monitor.Length == 0) throw new ArgumentException("The monitored quantity needs a name, e.g. \"val_loss\".", parameter);
    }
}
