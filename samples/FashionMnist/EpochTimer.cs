using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using StaticNets;

namespace FashionMnist;

/// <summary>Times each epoch of <c>Fit</c> with a <see cref="Stopwatch"/> and prints it after the epoch's progress line.</summary>
public sealed class EpochTimer : Callback
{
    private readonly Stopwatch _watch = new();
    private readonly List<double> _seconds = new();

    /// <summary>Seconds each finished epoch took, in order.</summary>
    public IReadOnlyList<double> Seconds => _seconds;

    /// <summary>Mean seconds per epoch (0 before the first epoch ends).</summary>
    public double MeanSeconds
    {
        get
        {
            double sum = 0;
            foreach (double s in _seconds) sum += s;
            return _seconds.Count == 0 ? 0 : sum / _seconds.Count;
        }
    }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch) => _watch.Restart();

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        double seconds = _watch.Elapsed.TotalSeconds;
        _seconds.Add(seconds);
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {epoch + 1} took {seconds:0.00} s"));
    }
}
