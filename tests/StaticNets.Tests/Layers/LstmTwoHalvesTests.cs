using StaticNets.Runtime;

namespace StaticNets.Tests.Layers;

/// <summary>
/// A single sample of a large LSTM runs on two threads (<see cref="LstmTwoHalves"/>): whoever runs each half, and however
/// many callers share the one companion thread, every output and the final state are the bits of the same sample
/// inside a batch (the tiled batch path, which <see cref="RecurrentKernelTests"/> checks against the double reference).
/// </summary>
public class LstmTwoHalvesTests : IDisposable
{
    // Every test here takes the two-core way (the faster-way choice is tested on its own below); Dispose puts back
    // every hook a test sets.
    public LstmTwoHalvesTests() => LstmTwoHalves.ForcedWay = true;

    public void Dispose()
    {
        LstmTwoHalves.ForcedWay = null;
        LstmTwoHalves.OffersHalves = true;
        LstmTwoHalves.HelperStall = null;
    }

    [Fact]
    public void The_faster_way_is_taken_and_the_other_tried_every_sixteenth_call()
    {
        LstmTwoHalves.ForcedWay = null;
        var call = new LstmTwoHalves();
        Assert.True(call.TwoCoresNext(128)); // nothing timed yet: two cores first
        call.Record(128, two: true, ticks: 1000);
        Assert.False(call.TwoCoresNext(128)); // one core not timed yet: try it
        call.Record(128, two: false, ticks: 600);
        var ways = Enumerable.Range(0, 32).Select(_ => call.TwoCoresNext(128)).ToArray();
        Assert.Equal(2, ways.Count(two => two)); // one core is faster: two cores only on the tries (calls 16 and 32)

        // Two cores become faster (their average moves an eighth of the way to each new time).
        for (int i = 0; i < 40; i++) call.Record(128, two: true, ticks: 300);
        ways = Enumerable.Range(0, 32).Select(_ => call.TwoCoresNext(128)).ToArray();
        Assert.Equal(30, ways.Count(two => two));

        // Another layer size keeps averages of its own.
        Assert.True(call.TwoCoresNext(64));
        call.Record(64, two: true, ticks: 5000);
        Assert.False(call.TwoCoresNext(64));
    }

    public static TheoryData<int, RecurrentOptions, bool> Cases() => new()
    {
        { 64, RecurrentOptions.None, false },
        { 64, RecurrentOptions.ReturnSequences | RecurrentOptions.ZeroMaskedOutputs, true },
        { 128, RecurrentOptions.ReturnSequences, true },
        { 128, RecurrentOptions.GoBackwards, true },
        { 96, RecurrentOptions.ReturnSequences | RecurrentOptions.GoBackwards, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_caller_left_alone_runs_both_halves_with_the_same_bits(int units, RecurrentOptions options, bool masked)
    {
        Assert.Equal(PredictionShard.IsUseful, LstmTwoHalves.Applies(Activation.Tanh, Activation.Sigmoid, units, 9));
        LstmTwoHalves.OffersHalves = false;
        AssertEachSampleAloneGivesTheBatchBits(new RecurrentLayer(RecurrentKind.Lstm, 3, 9, 5, units, options), masked, callers: 1);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_helper_stalled_mid_call_is_overtaken_and_its_late_half_changes_nothing(int units, RecurrentOptions options, bool masked)
    {
        // The helper stalls after claiming some steps (as a preempted processor would), for a few steps' time: the
        // caller runs those halves too and goes on, and the helper's late results must not reach the outputs or the state.
        LstmTwoHalves.HelperStall = step => step switch { 0 => 3, 3 => 8, 4 => 2, 6 => 30, _ => 0 };
        AssertEachSampleAloneGivesTheBatchBits(new RecurrentLayer(RecurrentKind.Lstm, 3, 9, 5, units, options), masked, callers: 1);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Many_callers_at_once_each_get_the_batch_bits(int units, RecurrentOptions options, bool masked)
        => AssertEachSampleAloneGivesTheBatchBits(new RecurrentLayer(RecurrentKind.Lstm, 6, 9, 5, units, options), masked, callers: 4);

    [Fact]
    public void A_caller_thread_scope_keeps_the_layer_on_one_thread_until_the_last_scope_closes()
    {
        if (!PredictionShard.IsUseful)
        {
            return; // one processor: never two threads
        }

        Assert.True(LstmTwoHalves.Applies(Activation.Tanh, Activation.Sigmoid, 128, 28));
        using (CallerThread.Stay(false))
        {
            Assert.True(LstmTwoHalves.Applies(Activation.Tanh, Activation.Sigmoid, 128, 28));
        }

        using (CallerThread.Stay(true))
        {
            Assert.False(LstmTwoHalves.Applies(Activation.Tanh, Activation.Sigmoid, 128, 28));
            using (CallerThread.Stay(true))
            {
                Assert.False(LstmTwoHalves.Applies(Activation.Tanh, Activation.Sigmoid, 128, 28));
            }

            Assert.False(LstmTwoHalves.Applies(Activation.Tanh, Activation.Sigmoid, 128, 28));
        }

        Assert.True(LstmTwoHalves.Applies(Activation.Tanh, Activation.Sigmoid, 128, 28));
    }

    [Theory]
    [InlineData(32, 28)]  // too small to pay for a hand-off
    [InlineData(520, 28)] // beyond the packed halves' size
    [InlineData(128, 3)]  // too few steps
    [InlineData(68, 28)]  // halves of 34 units: not whole vectors at any width
    public void Small_short_huge_or_ragged_layers_stay_on_one_thread(int units, int steps)
        => Assert.False(LstmTwoHalves.Applies(Activation.Tanh, Activation.Sigmoid, units, steps));

    [Fact]
    public void Layers_of_two_sizes_in_turn_allocate_nothing_after_the_first_calls()
    {
        var runs = new[] { 64, 128 }.Select(units =>
        {
            var single = new RecurrentLayer(RecurrentKind.Lstm, 1, 9, 5, units, RecurrentOptions.None);
            var run = new RecurrentRun(single, units, masked: false);
            return (Run: run, State: new float[single.StateSize]);
        }).ToArray();
        foreach (var (run, state) in runs.Concat(runs)) run.Forward(state);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            foreach (var (run, state) in runs) run.Forward(state);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// Runs the batch once, then every sample alone (one Forward per sample) many times from <paramref name="callers"/>
    /// threads at once, each comparing its output and state with the batch's.
    /// </summary>
    private static void AssertEachSampleAloneGivesTheBatchBits(RecurrentLayer layer, bool masked, int callers)
    {
        var run = new RecurrentRun(layer, 500 + layer.Units, masked);
        float[] initial = LayerMath.Uniform(new Random(7), layer.Samples * layer.StateSize, -0.9, 0.9);
        float[] batchState = (float[])initial.Clone();
        run.Forward(batchState);

        var single = layer with { Samples = 1 };
        int inputSize = layer.Steps * layer.Inputs;
        Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, caller =>
        {
            var y = new float[single.OutputSize];
            float[] workspace = new float[RecurrentKernels.WorkspacePerSample(single)];
            for (int repeat = 0; repeat < 20; repeat++)
            {
                int s = (caller + repeat) % layer.Samples;
                float[] state = initial.AsSpan(s * layer.StateSize, layer.StateSize).ToArray();
                float[] mask = run.Mask.Length == 0 ? [] : run.Mask.AsSpan(s * layer.Steps, layer.Steps).ToArray();
                RecurrentKernels.Forward(single, run.Kernel, run.RecurrentKernel, run.Bias, mask, run.X.AsSpan(s * inputSize, inputSize), y, state, workspace);
                Assert.Equal(Bits(run.Y.AsSpan(s * y.Length, y.Length)), Bits(y));
                Assert.Equal(Bits(batchState.AsSpan(s * layer.StateSize, layer.StateSize)), Bits(state));
            }
        });
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }

        return bits;
    }
}
