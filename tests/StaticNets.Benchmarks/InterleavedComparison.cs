using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace StaticNets.Benchmarks;

/// <summary>
/// Timings that drift ±10-30% between runs on a shared machine are only comparable side by side, so this runs the
/// implementations of a group in rounds, each round timing every member once (~<c>sliceMs</c> each, rotating the
/// order), and reports the median time per operation and the median of the per-round ratios to the group's first
/// member. Runs in this process after a warm-up that brings every method to its optimised tier.
/// </summary>
public sealed class InterleavedComparison
{
    private readonly List<Group> _groups = new();

    /// <summary>One timed thing: <c>Run(reps)</c> performs <c>reps</c> calls, each worth <c>OperationsPerCall</c> operations (samples or steps).</summary>
    public sealed record Member(string Key, string Name, Action<int> Run, int OperationsPerCall = 1);

    /// <summary>Members compared with each other; ratios are to the first.</summary>
    public sealed record Group(string Name, IReadOnlyList<Member> Members);

    /// <summary>A member's result: median and minimum nanoseconds per operation, and the median ratio to the group's reference.</summary>
    public sealed record Result(string Group, string Key, string Name, double MedianNs, double MinNs, double RatioToReference, string Reference);

    /// <summary>Adds a group; its first member is the reference of its ratios.</summary>
    public void Add(string name, params Member[] members) => _groups.Add(new Group(name, members));

    /// <summary>Warms up, then times <paramref name="rounds"/> rounds of every group.</summary>
    public IReadOnlyList<Result> Measure(int rounds, double sliceMs)
    {
        var results = new List<Result>();
        foreach (Group group in _groups)
        {
            int count = group.Members.Count;
            var reps = new int[count];
            for (int m = 0; m < count; m++)
            {
                Warm(group.Members[m]);
                reps[m] = Calibrate(group.Members[m], sliceMs);
            }

            var times = new double[count][];
            for (int m = 0; m < count; m++) times[m] = new double[rounds];
            for (int r = 0; r < rounds; r++)
            {
                for (int k = 0; k < count; k++)
                {
                    int m = (k + r) % count;
                    Member member = group.Members[m];
                    long start = Stopwatch.GetTimestamp();
                    member.Run(reps[m]);
                    long elapsed = Stopwatch.GetTimestamp() - start;
                    times[m][r] = elapsed * (1e9 / Stopwatch.Frequency) / ((double)reps[m] * member.OperationsPerCall);
                }
            }

            for (int m = 0; m < count; m++)
            {
                double[] ratios = new double[rounds];
                for (int r = 0; r < rounds; r++) ratios[r] = times[m][r] / times[0][r];
                results.Add(new Result(group.Name, group.Members[m].Key, group.Members[m].Name,
                    Median(times[m]), times[m].Min(), Median(ratios), group.Members[0].Name));
            }
        }

        return results;
    }

    private static void Warm(Member member)
    {
        // Several hundred milliseconds of calls: past tiered compilation's call-count and back-edge thresholds.
        var watch = Stopwatch.StartNew();
        int reps = 1;
        while (watch.ElapsedMilliseconds < 300)
        {
            member.Run(reps);
            reps = Math.Min(reps * 2, 1 << 20);
        }
    }

    private static int Calibrate(Member member, double sliceMs)
    {
        int reps = 1;
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            member.Run(reps);
            double ms = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
            if (ms >= sliceMs / 4 || reps >= 1 << 28)
            {
                return Math.Max(1, (int)Math.Min(1 << 28, reps * sliceMs / Math.Max(ms, 1e-3)));
            }

            reps *= 2;
        }
    }

    private static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
