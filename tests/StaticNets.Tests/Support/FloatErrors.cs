using System;
using System.Collections.Generic;
using System.Text;

namespace StaticNets.Tests.Support;

/// <summary>
/// Collects float results checked against double references, so one assertion reports every failing input with its
/// error (the worst first) instead of stopping at the first.
/// </summary>
internal sealed class FloatErrors
{
    /// <summary>Unit roundoff of float32 (half an ulp at 1).</summary>
    public const double UnitRoundoff = 1.0 / (1 << 24);

    /// <summary>
    /// Absolute floor for every comparison: ~70 steps of the smallest subnormal. Results that pass through the
    /// subnormal range (below 1.2e-38) only keep absolute accuracy there; anything larger is held to ulps.
    /// </summary>
    public const double SubnormalFloor = 1e-43;

    private readonly List<(double Excess, string Message)> _failures = new();
    private int _checked;

    /// <summary>The spacing of float32 values at |<paramref name="value"/>| (the smallest subnormal at 0).</summary>
    public static double Ulp(double value)
    {
        float magnitude = MathF.Abs((float)value);
        if (magnitude == 0f) return float.Epsilon;
        if (magnitude == float.MaxValue) return magnitude - (double)MathF.BitDecrement(magnitude);
        return MathF.BitIncrement(magnitude) - (double)magnitude;
    }

    /// <summary>
    /// Checks <paramref name="actual"/> against <paramref name="expected"/>: NaN must match NaN, a reference beyond the
    /// float range must give that infinity, anything else must be within <paramref name="allowed"/>.
    /// </summary>
    public void Check(float actual, double expected, double allowed, string context)
    {
        _checked++;
        float expectedAsFloat = (float)expected;
        if (double.IsNaN(expected) || float.IsNaN(actual))
        {
            if (double.IsNaN(expected) != float.IsNaN(actual)) Fail(double.PositiveInfinity, actual, expected, allowed, context);
            return;
        }

        if (float.IsInfinity(expectedAsFloat) || float.IsInfinity(actual))
        {
            if (actual != expectedAsFloat) Fail(double.PositiveInfinity, actual, expected, allowed, context);
            return;
        }

        double error = Math.Abs(actual - expected);
        if (!(error <= allowed)) Fail(error / allowed, actual, expected, allowed, context);
    }

    /// <summary>Checks with an allowance of <paramref name="ulps"/> ulps of the expected value plus <see cref="SubnormalFloor"/>.</summary>
    public void CheckUlps(float actual, double expected, double ulps, string context)
        => Check(actual, expected, ulps * Ulp(expected) + SubnormalFloor, context);

    /// <summary>Fails the test if any check failed, listing the worst failures.</summary>
    public void AssertNone(string what)
    {
        Assert.True(_checked > 0, $"{what}: nothing was checked.");
        if (_failures.Count == 0) return;
        _failures.Sort((left, right) => right.Excess.CompareTo(left.Excess));
        var message = new StringBuilder($"{what}: {_failures.Count} of {_checked} values out of tolerance; worst:\n");
        for (int i = 0; i < Math.Min(12, _failures.Count); i++) message.AppendLine(_failures[i].Message);
        Assert.Fail(message.ToString());
    }

    private void Fail(double excess, float actual, double expected, double allowed, string context)
        => _failures.Add((excess, $"  {context}: got {actual:R}, expected {expected:R} (error {Math.Abs(actual - expected):E3}, allowed {allowed:E3})"));
}
