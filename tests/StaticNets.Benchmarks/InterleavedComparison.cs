using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace StaticNets.Benchmarks;

/// <summary>
/// Timings that drift ±10-30% between runs on a shared machine are only comparable side by side, so this runs the
/// implementations of a group in rounds, each round timing every member once (~<c>sliceMs</c> each, rotating the
/// order), and reports the median time per operation and the median of the per-round ratios to the group's first
/// member. Runs in this process after a warm-up that brings every method to its optimised tier. Times are on
/// <see cref="CpuClock"/> (thread CPU time by default; wall time for members that run on two threads).
/// </summary>
public sealed class InterleavedComparison
{
    private readonly List<Group> _groups = new();

    /// <summary>
    /// One timed thing: <c>Run(reps)</c> performs <c>reps</c> calls, each worth <c>OperationsPerCall</c> operations
    /// (samples or steps). A member timed elsewhere (another process) gives <c>SelfTimedNs(reps)</c> instead.
    /// A member that runs on two threads (<c>TwoThreads</c>) is followed by <see cref="Settle"/>: its helper threads
    /// may go on spinning after it returns (ONNX Runtime's pool spins ~40 ms of CPU time after a run by default),
    /// and the next member must not lose its second core to them. <c>ProcessorTime</c> is the CPU time of the
    /// process whose threads may spin (default: this one).
    /// </summary>
    public sealed record Member(string Key, string Name, Action<int>? Run, int OperationsPerCall = 1, Func<int, double>? SelfTimedNs = null, bool TwoThreads = false, Func<TimeSpan>? ProcessorTime = null)
    {
        /// <summary>Nanoseconds that <paramref name="reps"/> calls take (wall time for a member that runs on two threads).</summary>
        public double ElapsedNs(int reps)
        {
            if (SelfTimedNs is not null) return SelfTimedNs(reps);
            Func<long> clock = TwoThreads ? CpuClock.WallNs : CpuClock.NowNs;
            long start = clock();
            Run!(reps);
            return clock() - start;
        }
    }

    /// <summary>
    /// Members compared with each other; ratios are to the first. At most <c>MaxRounds</c> rounds when set (for members
    /// that take seconds). At least <c>MinReps</c> calls per round: training steps run back to back, as in <c>Fit</c>,
    /// not one at a time after the idle pause that follows a two-thread member.
    /// </summary>
    public sealed record Group(string Name, IReadOnlyList<Member> Members, int? MaxRounds = null, int MinReps = 1);

    /// <summary>Calls per round of a training-step group: the steps of a short stretch of an epoch.</summary>
    public const int TrainingStepsPerRound = 4;

    /// <summary>
    /// A member's result: median and minimum nanoseconds per operation, the median ratio to the group's reference,
    /// and the per-round times (nanoseconds per operation, round r of every member of a group ran back to back).
    /// </summary>
    public sealed record Result(string Group, string Key, string Name, double MedianNs, double MinNs, double RatioToReference, string Reference, double[] Rounds);

    /// <summary>
    /// <paramref name="numerator"/> ÷ <paramref name="denominator"/> two ways: the median of per-round ratios (paired
    /// when both are in one group, else the ratio of medians) and the ratio of the minimum times (the least-disturbed
    /// rounds; on a loaded machine noise only adds time).
    /// </summary>
    public static (double MedianRatio, double MinRatio) Compare(Result numerator, Result denominator)
    {
        double minRatio = numerator.MinNs / denominator.MinNs;
        if (numerator.Group != denominator.Group) return (numerator.MedianNs / denominator.MedianNs, minRatio);
        double[] ratios = new double[numerator.Rounds.Length];
        for (int r = 0; r < ratios.Length; r++) ratios[r] = numerator.Rounds[r] / denominator.Rounds[r];
        return (Median(ratios), minRatio);
    }

    /// <summary>Adds a group; its first member is the reference of its ratios. <paramref name="maxRounds"/> caps its rounds.</summary>
    public void Add(string name, Member[] members, int? maxRounds = null, int minReps = 1) => _groups.Add(new Group(name, members, maxRounds, minReps));

    /// <summary>Warms up, then times <paramref name="rounds"/> rounds of every group (fewer where a group caps them).</summary>
    public IReadOnlyList<Result> Measure(int rounds, double sliceMs)
    {
        var results = new List<Result>();
        foreach (Group group in _groups)
        {
            int groupRounds = Math.Min(rounds, group.MaxRounds ?? rounds);
            int count = group.Members.Count;
            var reps = new int[count];
            for (int m = 0; m < count; m++)
            {
                Warm(group.Members[m]);
                reps[m] = Math.Max(group.MinReps, Calibrate(group.Members[m], sliceMs));
                if (group.Members[m].TwoThreads) Settle(group.Members[m].ProcessorTime ?? CurrentProcessorTime);
            }

            var times = new double[count][];
            for (int m = 0; m < count; m++) times[m] = new double[groupRounds];
            for (int r = 0; r < groupRounds; r++)
            {
                for (int k = 0; k < count; k++)
                {
                    int m = (k + r) % count;
                    Member member = group.Members[m];
                    times[m][r] = member.ElapsedNs(reps[m]) / ((double)reps[m] * member.OperationsPerCall);
                    if (member.TwoThreads) Settle(member.ProcessorTime ?? CurrentProcessorTime);
                }
            }

            for (int m = 0; m < count; m++)
            {
                double[] ratios = new double[groupRounds];
                for (int r = 0; r < groupRounds; r++) ratios[r] = times[m][r] / times[0][r];
                results.Add(new Result(group.Name, group.Members[m].Key, group.Members[m].Name,
                    Median(times[m]), times[m].Min(), Median(ratios), group.Members[0].Name, times[m]));
            }
        }

        return results;
    }

    /// <summary>
    /// Waits (untimed) until the process that <paramref name="processorTime"/> reads stops using CPU: until two
    /// <see cref="SettlePollMs"/> intervals in a row add under a fifth of one each, at most <see cref="SettleMaxMs"/>
    /// (after ONNX Runtime's two-thread CNN batch this waited 42-57 ms).
    /// </summary>
    public static void Settle(Func<TimeSpan> processorTime)
    {
        var watch = Stopwatch.StartNew();
        TimeSpan before = processorTime();
        int quiet = 0;
        while (watch.ElapsedMilliseconds < SettleMaxMs)
        {
            Thread.Sleep(SettlePollMs);
            TimeSpan now = processorTime();
            // Two quiet intervals in a row: on a loaded machine a spinning thread can be descheduled for one.
            quiet = (now - before).TotalMilliseconds < SettlePollMs / 5.0 ? quiet + 1 : 0;
            if (quiet == 2) return;
            before = now;
        }
    }

    /// <summary>Polling interval of <see cref="Settle"/>.</summary>
    public const int SettlePollMs = 5;

    /// <summary>Longest <see cref="Settle"/> pause (ONNX Runtime's spin is 2^20 polls, ~40 ms of CPU time measured on the AVX2 EPYC).</summary>
    public const int SettleMaxMs = 500;

    private static TimeSpan CurrentProcessorTime()
    {
        using Process self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static void Warm(Member member)
    {
        // Several hundred milliseconds of calls: past tiered compilation's call-count and back-edge thresholds.
        var watch = Stopwatch.StartNew();
        int reps = 1;
        while (watch.ElapsedMilliseconds < 300)
        {
            member.ElapsedNs(reps);
            reps = Math.Min(reps * 2, 1 << 20);
        }
    }

    private static int Calibrate(Member member, double sliceMs)
    {
        int reps = 1;
        while (true)
        {
            double ms = member.ElapsedNs(reps) / 1e6;
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
