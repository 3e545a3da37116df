using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticNets;

namespace Tutorials.Overfit;

/// <summary>
/// The tutorial's <c>tfdocs.modeling.EpochDots</c>: one dot per epoch, and every 100 epochs a line with the epoch and
/// its logs, so a long quiet run (<c>verbose: 0</c>) still shows that it is moving.
/// </summary>
public sealed class EpochDots(int every = 100) : Callback
{
    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (epoch % every == 0)
        {
            Output.WriteLine();
            Output.Write(string.Create(CultureInfo.InvariantCulture, $"Epoch: {epoch}, ") + string.Join(", ", logs.OrderBy(l => l.Key, System.StringComparer.Ordinal).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key}:{l.Value:0.0000}"))));
            Output.WriteLine();
        }

        Output.Write('.');
    }
}
