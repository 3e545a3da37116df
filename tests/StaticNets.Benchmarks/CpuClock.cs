using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StaticNets.Benchmarks;

/// <summary>
/// The clock of the interleaved rounds. On these shared 2-core machines dozens of other processes are often
/// runnable; wall time then measures the scheduler more than the code. The calling thread's CPU time
/// (<c>CLOCK_THREAD_CPUTIME_ID</c>) leaves out the time the thread was not running, and the runtime's own background
/// threads (tiered JIT, GC), which the process's CPU time would charge to whichever member is being timed. Wall time is
/// the fallback off Linux and the choice with <c>--clock wall</c>; members that run on two threads always use it
/// (<see cref="WallNs"/>), since one thread's CPU time would leave out the other's work.
/// </summary>
public static class CpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Whether <see cref="NowNs"/> reads the thread's CPU time (else wall time).</summary>
    public static bool UseCpuTime { get; set; } = OperatingSystem.IsLinux();

    /// <summary>Nanoseconds on the selected clock.</summary>
    public static long NowNs()
    {
        if (UseCpuTime && clock_gettime(ClockThreadCpuTimeId, out Timespec t) == 0)
        {
            return t.Seconds * 1_000_000_000L + t.Nanoseconds;
        }

        return WallNs();
    }

    /// <summary>Nanoseconds of wall time.</summary>
    public static long WallNs() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clockId, out Timespec time);
}
