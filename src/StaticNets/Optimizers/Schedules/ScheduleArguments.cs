using System;

namespace StaticNets;

/// <summary>Argument checks shared by the schedules.</summary>
internal static class ScheduleArguments
{
    /// <summary>Throws unless <paramref name="value"/> is finite and non-negative.</summary>
    public static void CheckRate(float value, string parameter)
    {
        if (!(value >= 0) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"{parameter} must be finite and non-negative.");
        }
    }
}
