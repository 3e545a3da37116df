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
/// Why not the thread pool: on a virtual machine, a thread that sleeps often lets its virtual CPU halt, and waking it
/// took 3-4 ms on the machines we measure on, longer than half of a large batch. Training loops and batch
/// predictions call back to back, so a thread that is still polling when the next half arrives starts it at once.
/// </para>
/// <para>
/// The cost is bounded: it polls for as long as its last half took (at least <see cref="MinimumPoll"/>, at most
/// <see cref="MaximumPoll"/>), so the CPU it spends waiting is at most about what it spent working. It yields the
/// processor while polling, so other runnable threads still get it.
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
                // Poll the slot, with a pause instruction between reads (leaves a sibling hyperthread its share).
                for (int i = 0; i < 64 && Volatile.Read(ref s_slot) is null; i++)
                {
                    Thread.SpinWait(1);
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
