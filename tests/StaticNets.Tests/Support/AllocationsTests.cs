namespace StaticNets.Tests.Support;

/// <summary>The allocation probe still sees a call that allocates every time (the minimum over rounds hides one-offs only).</summary>
public class AllocationsTests
{
    private static object? s_sink;

    [Fact]
    public void A_call_that_allocates_shows_in_every_round()
    {
        long least = Allocations.LeastPerRound(() => s_sink = new float[4], callsPerRound: 10);
        Assert.True(least >= 10 * 4 * sizeof(float), $"Ten 4-float arrays measured as {least} B.");
    }

    [Fact]
    public void A_one_off_allocation_is_not_charged()
    {
        int calls = 0;
        long least = Allocations.LeastPerRound(() => { if (calls++ == 3) s_sink = new float[600]; }, callsPerRound: 10);
        Assert.Equal(0, least);
        Assert.Equal(20, calls); // the first round allocated, the second did not, and measuring stopped there
    }
}
