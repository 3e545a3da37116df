namespace StaticNets.Tests.Support;

/// <summary>Measures what a warmed-up call allocates on the current thread.</summary>
internal static class Allocations
{
    /// <summary>
    /// Runs <paramref name="call"/> in up to <paramref name="rounds"/> rounds of <paramref name="callsPerRound"/> calls
    /// and returns the fewest bytes any round allocated on this thread (stopping at the first round that allocated
    /// nothing).
    /// </summary>
    /// <remarks>
    /// A call that allocates shows in every round, so a zero here still means "allocates nothing". The minimum is
    /// there for one-off allocations on the measuring thread that no warm-up can force, seen in CI with both test
    /// projects loading the machine: a tier-1 recompile landing inside a round (2,408 B in ten CNN training steps; gone
    /// with tiered compilation off), and the <see cref="ManualResetEventSlim"/> of a split training step creating its
    /// lock the first time the caller really has to wait for the other half (24 B, once per instance).
    /// </remarks>
    public static long LeastPerRound(Action call, int callsPerRound, int rounds = 5)
    {
        long least = long.MaxValue;
        for (int round = 0; round < rounds && least > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < callsPerRound; i++) call();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
