using System;
using System.IO;
using System.Linq;

namespace StaticNets.Benchmarks;

/// <summary>What the numbers were measured on: CPU model, cores, load (the machines are shared).</summary>
public static class MachineInfo
{
    /// <summary>"model name" from /proc/cpuinfo and the core count.</summary>
    public static string Describe()
    {
        string model = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null) model = line[(line.IndexOf(':') + 1)..].Trim();
        }

        return $"{model}, {Environment.ProcessorCount} cores";
    }

    /// <summary>The 1/5/15-minute load averages, or "?" where unavailable.</summary>
    public static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
