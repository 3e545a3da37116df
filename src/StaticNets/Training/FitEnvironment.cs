using System;
using System.Diagnostics;

namespace StaticNets;

/// <summary>
/// What <c>Fit</c> takes from its surroundings: a clock in seconds and whether the progress bar may rewrite its
/// line in place. Tests replace both to pin the output byte for byte.
/// </summary>
internal sealed class FitEnvironment
{
    public FitEnvironment(Func<double> clock, bool? dynamicDisplay)
    {
        Clock = clock;
        DynamicDisplay = dynamicDisplay;
    }

    /// <summary>The real clock; the display is dynamic when writing to a console that is not redirected.</summary>
    public static FitEnvironment Default { get; } =
        new(static () => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency, null);

    /// <summary>Seconds since an arbitrary origin.</summary>
    public Func<double> Clock { get; }

    /// <summary>Forces in-place (true) or line (false) display; null decides from the output.</summary>
    public bool? DynamicDisplay { get; }
}
