using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StaticNets.Benchmarks;

/// <summary>
/// The clock of the interleaved rounds. On these shared 2-core machines dozens of other processes are often
/// runnable; wall time then measures the scheduler more than the code. The process's CPU time
/// (<c>CLOCK_PROCESS_CPUTIME_ID</c>, all threads, like the PyTorch peer's <c>time.process_time_ns</c>) leaves out the
/// time nothing of ours was running, and still counts the second core's share of a training step split over two
/// threads. Wall time is the fallback off Linux and the choice with <c>--clock wall</c> (on a quiet machine: what a
/// two-core step really takes).
/// </summary>
public static class CpuClock
{
    private const int ClockProcessCpuTimeId = 2;

    /// <summary>Whether <see cref="NowNs"/> reads process CPU time (else wall time).</summary>
    public static bool UseCpuTime { get; set; } = OperatingSystem.IsLinux();

    /// <summary>Nanoseconds on the selected clock.</summary>
    public static long NowNs()
    {
        if (UseCpuTime && clock_gettime(ClockProcessCpuTimeId, out Timespec t) == 0)
        {
            return t.Seconds * 1_000_000_000L + t.Nanoseconds;
        }

        return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clockId, out Timespec time);
}
