using System;
using System.Diagnostics;
using System.Threading;

namespace StaticNets.Runtime;

/// <summary>
/// One background thread that runs the second half of a split call (<see cref="PredictionShard"/>,
/// <see cref="TrainingShard"/>) and, after each, keeps polling for the next for a while before it sleeps.
/// </summary>
/// <remarks>
/// <para>
/// Why not the thread pool: a pool thread that has gone idle is slow to take the next item. Measured on a 2-vCPU
/// virtual machine with 2 ms halves called every 2.5 ms, the pool started the second half 1.5 ms late (median), so
/// most calls took 3.5 ms; the companion, still polling, starts it within a few microseconds. Training loops and batch
/// predictions call back to back, which is the case this serves.
/// </para>
/// <para>
/// The cost is bounded: it polls for as long as its last half took (at least <see cref="MinimumPoll"/>, at most
/// <see cref="MaximumPoll"/>), then sleeps. It polls with <see cref="Thread.Yield"/>, so any other runnable thread
/// on its CPU (the caller included) gets the CPU first.
/// </para>
/// <para>
/// What it cannot help: after the whole process has been idle for a while, the scheduler tends to wake the companion
/// on the caller's own CPU, and the second half starts about 2 ms late there whichever thread runs it.
/// </para>
/// <para>
/// One half at a time: when the companion is busy with another caller's half (or no thread can be started), the half
/// goes to the thread pool instead. Either way the caller may run the half itself if nobody has taken it by the time
/// it needs it; the work items decide who runs them with a compare-and-swap, so a half runs exactly once.
/// </para>
/// </remarks>
internal static class CompanionThread
{
    /// <summary>The shortest time the companion polls after a half.</summary>
    public static readonly TimeSpan MinimumPoll = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest time the companion polls after a half.</summary>
    public static readonly TimeSpan MaximumPoll = TimeSpan.FromMilliseconds(10);

    private static readonly long s_minimumTicks = (long)(MinimumPoll.TotalSeconds * Stopwatch.Frequency);
    private static readonly long s_maximumTicks = (long)(MaximumPoll.TotalSeconds * Stopwatch.Frequency);
    private static readonly ManualResetEventSlim s_wake = new(initialState: false);
    private static readonly object s_startLock = new();

    private static IThreadPoolWorkItem? s_slot;
    private static int s_sleeping;
    private static int s_state; // 0 not started, 1 running, -1 cannot start

    /// <summary>
    /// Hands <paramref name="item"/> to the companion thread, or to the thread pool when the companion is busy.
    /// The item must tolerate being executed after its owner has already run the work itself.
    /// </summary>
    public static void Post(IThreadPoolWorkItem item)
    {
        if (EnsureStarted() && Interlocked.CompareExchange(ref s_slot, item, null) is null)
        {
            // Pairs with the companion's "sleeping, then look at the slot once more": one of the two sees the other.
            if (Volatile.Read(ref s_sleeping) == 1)
            {
                s_wake.Set();
            }

            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
    }

    /// <summary>Takes <paramref name="item"/> back if the companion has not picked it up (its owner ran the work).</summary>
    public static void Retract(IThreadPoolWorkItem item) => Interlocked.CompareExchange(ref s_slot, null, item);

    /// <summary>
    /// Waits for the other half to set <paramref name="done"/>, polling for up to as long as the caller's own half took
    /// (it started at <paramref name="callerStarted"/>, a <see cref="Stopwatch"/> timestamp) before blocking.
    /// </summary>
    /// <remarks>
    /// A caller that blocks has to be woken, which costs as long as the companion's own wake-up; the other half started
    /// about when the caller's did, so it usually ends soon after. Yielding rather than spinning matters when the
    /// scheduler has put the other half on the caller's CPU: there a spinning caller would keep it waiting.
    /// </remarks>
    public static void AwaitOtherHalf(ManualResetEventSlim done, long callerStarted)
    {
        long now = Stopwatch.GetTimestamp();
        long until = now + Math.Min(now - callerStarted, s_maximumTicks);
        while (!done.IsSet && Stopwatch.GetTimestamp() < until)
        {
            Thread.Yield();
        }

        done.Wait();
    }

    private static bool EnsureStarted()
    {
        int state = Volatile.Read(ref s_state);
        if (state != 0)
        {
            return state == 1;
        }

        lock (s_startLock)
        {
            if (s_state == 0)
            {
                try
                {
                    var thread = new Thread(Loop) { IsBackground = true, Name = "StaticNets companion" };
                    thread.Start();
                    s_state = 1;
                }
                catch (Exception exception) when (exception is PlatformNotSupportedException or OutOfMemoryException or ThreadStartException)
                {
                    s_state = -1;
                }
            }

            return s_state == 1;
        }
    }

    private static void Loop()
    {
        long pollUntil = 0, poll = s_minimumTicks;
        while (true)
        {
            if (TryTake() is { } item)
            {
                long start = Stopwatch.GetTimestamp();
                Execute(item);
                long end = Stopwatch.GetTimestamp();
                poll = Math.Clamp(end - start, s_minimumTicks, s_maximumTicks);
                pollUntil = end + poll;
                continue;
            }

            if (Stopwatch.GetTimestamp() < pollUntil)
            {
                // Poll the slot, yielding between reads: if the scheduler has put the caller on this CPU, it runs.
                for (int i = 0; i < 16 && Volatile.Read(ref s_slot) is null; i++)
                {
                    Thread.Yield();
                }

                continue;
            }

            Sleep();
            pollUntil = Stopwatch.GetTimestamp() + poll;
        }
    }

    private static IThreadPoolWorkItem? TryTake()
    {
        // Read before writing, so polling does not pull the slot's cache line away from the caller.
        IThreadPoolWorkItem? item = Volatile.Read(ref s_slot);
        return item is not null && Interlocked.CompareExchange(ref s_slot, null, item) == item ? item : null;
    }

    private static void Sleep()
    {
        s_wake.Reset();
        Interlocked.Exchange(ref s_sleeping, 1);
        if (Volatile.Read(ref s_slot) is null)
        {
            s_wake.Wait();
        }

        Volatile.Write(ref s_sleeping, 0);
    }

    private static void Execute(IThreadPoolWorkItem item)
    {
        try
        {
            item.Execute();
        }
        catch (Exception)
        {
            // The shards capture their own exceptions for the caller; nothing else may end the companion.
        }
    }
}
