using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;

namespace StaticNets.Tests.Sequences;

/// <summary>
/// <c>CreateState</c>/<c>Step</c>: stepping through a sequence gives what <c>Predict</c> gives on it (every step's output
/// for networks that return sequences, the last one otherwise), on the golden weights and on random ones.
/// </summary>
public class StreamingTests
{
    /// <summary>One streaming network behind a common face (each network's <c>State</c> is its own nested type).</summary>
    public sealed record Stream(INetwork Network, Func<object> CreateState, StepCall Step, Action<object> Reset, int StepInput, int StepOutput, bool EverySteps);

    public delegate void StepCall(object state, ReadOnlySpan<float> input, Span<float> output);

    public static Stream Create(string name) => name switch
    {
        "lstm_seq_dense" => Of(new LstmSeqDense(1)),
        "stacked_lstm" => Of(new StackedLstm(2)),
        "masked_embedding_lstm" => Of(new MaskedEmbeddingLstm(3)),
        "gru_reset_after" => Of(new GruResetAfter(4)),
        "gru_then_simple_rnn" => Of(new GruThenSimpleRnn(5)),
        "causal_conv_lstm" => Of(new CausalConvLstm(6)),
        "causal_conv_stack" => Of(new CausalConvStack(7)),
        "embedding_causal_conv_gru" => Of(new EmbeddingCausalConvGru(8)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Stream Of(LstmSeqDense n) => new(n, n.CreateState, (s, x, y) => n.Step((LstmSeqDense.State)s, x, y), s => ((LstmSeqDense.State)s).Reset(), LstmSeqDense.StepInputSize, LstmSeqDense.StepOutputSize, true);

    private static Stream Of(StackedLstm n) => new(n, n.CreateState, (s, x, y) => n.Step((StackedLstm.State)s, x, y), s => ((StackedLstm.State)s).Reset(), StackedLstm.StepInputSize, StackedLstm.StepOutputSize, false);

    private static Stream Of(MaskedEmbeddingLstm n) => new(n, n.CreateState, (s, x, y) => n.Step((MaskedEmbeddingLstm.State)s, x, y), s => ((MaskedEmbeddingLstm.State)s).Reset(), MaskedEmbeddingLstm.StepInputSize, MaskedEmbeddingLstm.StepOutputSize, true);

    private static Stream Of(GruResetAfter n) => new(n, n.CreateState, (s, x, y) => n.Step((GruResetAfter.State)s, x, y), s => ((GruResetAfter.State)s).Reset(), GruResetAfter.StepInputSize, GruResetAfter.StepOutputSize, false);

    private static Stream Of(GruThenSimpleRnn n) => new(n, n.CreateState, (s, x, y) => n.Step((GruThenSimpleRnn.State)s, x, y), s => ((GruThenSimpleRnn.State)s).Reset(), GruThenSimpleRnn.StepInputSize, GruThenSimpleRnn.StepOutputSize, false);

    private static Stream Of(CausalConvLstm n) => new(n, n.CreateState, (s, x, y) => n.Step((CausalConvLstm.State)s, x, y), s => ((CausalConvLstm.State)s).Reset(), CausalConvLstm.StepInputSize, CausalConvLstm.StepOutputSize, false);

    private static Stream Of(CausalConvStack n) => new(n, n.CreateState, (s, x, y) => n.Step((CausalConvStack.State)s, x, y), s => ((CausalConvStack.State)s).Reset(), CausalConvStack.StepInputSize, CausalConvStack.StepOutputSize, true);

    private static Stream Of(EmbeddingCausalConvGru n) => new(n, n.CreateState, (s, x, y) => n.Step((EmbeddingCausalConvGru.State)s, x, y), s => ((EmbeddingCausalConvGru.State)s).Reset(), EmbeddingCausalConvGru.StepInputSize, EmbeddingCausalConvGru.StepOutputSize, true);

    public static TheoryData<string> GoldenStreams => new() { "lstm_seq_dense", "gru_reset_after" };

    public static TheoryData<string> Networks => new() { "lstm_seq_dense", "stacked_lstm", "masked_embedding_lstm", "gru_reset_after", "gru_then_simple_rnn",
        "causal_conv_lstm", "causal_conv_stack", "embedding_causal_conv_gru" };

    [Theory]
    [MemberData(nameof(GoldenStreams))]
    public void Step_ThroughEachGoldenSequence_GivesKerasPredictions(string name)
    {
        GoldenCase golden = GoldenCase.Load(name);
        Assert.True(golden.Streaming);
        Stream stream = Create(name);
        golden.Weights.CopyTo(stream.Network.Parameters);
        for (int n = 0; n < golden.Batch; n++)
        {
            float[] outputs = StepThrough(stream, golden.X.AsSpan(n * stream.Network.InputSize, stream.Network.InputSize));
            golden.AssertClose(golden.YPred.AsSpan(n * stream.Network.OutputSize, stream.Network.OutputSize), outputs, $"sample {n}");
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Step_EqualsPredict_OnRandomSequences(string name)
    {
        // A stream computes each step as Predict computes that step: the same products in the same order and the same
        // activation code, so the same bits, not merely close ones.
        Stream stream = Create(name);
        var random = new Random(7);
        for (int trial = 0; trial < 5; trial++)
        {
            float[] x = Sequence(stream, random);
            var predicted = new float[stream.Network.OutputSize];
            stream.Network.Predict(x, predicted);
            float[] stepped = StepThrough(stream, x);
            AssertSameBits(predicted, stepped);
        }
    }

    [Fact]
    public void Step_WithMaskZero_LeavesTheStateUnchangedAtIdZero()
    {
        var network = new MaskedEmbeddingLstm(4);
        MaskedEmbeddingLstm.State state = network.CreateState();
        var before = new float[MaskedEmbeddingLstm.StepOutputSize];
        var atZero = new float[MaskedEmbeddingLstm.StepOutputSize];
        var after = new float[MaskedEmbeddingLstm.StepOutputSize];
        network.Step(state, [5f], before);
        network.Step(state, [0f], atZero);
        Assert.Equal(before, atZero); // a masked step repeats the previous output
        network.Step(state, [3f], after);

        MaskedEmbeddingLstm.State fresh = network.CreateState();
        var direct = new float[MaskedEmbeddingLstm.StepOutputSize];
        network.Step(fresh, [5f], direct);
        network.Step(fresh, [3f], direct);
        Assert.Equal(direct, after);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Reset_StartsTheStreamAgain(string name)
    {
        Stream stream = Create(name);
        float[] x = Sequence(stream, new Random(3));
        object state = stream.CreateState();
        float[] first = StepThrough(stream, x, state);
        stream.Reset(state);
        Assert.Equal(first, StepThrough(stream, x, state));
    }

    [Fact]
    public void ManyStreams_OnSeveralThreads_EqualTheSerialResults()
    {
        Stream stream = Create("stacked_lstm");
        var random = new Random(11);
        float[][] sequences = Enumerable.Range(0, 16).Select(_ => Sequence(stream, random)).ToArray();
        float[][] serial = sequences.Select(x => StepThrough(stream, x)).ToArray();
        var parallel = new float[sequences.Length][];
        Parallel.For(0, sequences.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            for (int repeat = 0; repeat < 20; repeat++)
            {
                parallel[i] = StepThrough(stream, sequences[i]);
            }
        });
        for (int i = 0; i < sequences.Length; i++)
        {
            Assert.Equal(serial[i], parallel[i]);
        }
    }

    [Fact]
    public void CausalConvolution_ForgetsAnInputOnceItLeavesTheReceptiveField()
    {
        // A stream of zeros after one impulse: once the impulse has left every window, the convolutions see only zeros.
        var zeros = new CausalConvStack(10);
        CausalConvStack.State fresh = zeros.CreateState(), impulse = zeros.CreateState();
        var quiet = new float[CausalConvStack.StepOutputSize];
        var after = new float[CausalConvStack.StepOutputSize];
        zeros.Step(fresh, [0f], quiet);
        zeros.Step(impulse, [1f], after);
        int reach = (3 - 1) * 1 + (3 - 1) * 2; // the stack's receptive field minus one
        for (int t = 1; t <= reach; t++)
        {
            zeros.Step(impulse, [0f], after);
            Assert.NotEqual(quiet, after); // still inside some window
        }

        zeros.Step(impulse, [0f], after);
        Assert.Equal(quiet, after);
    }

    [Fact]
    public void Step_AllocatesNothing()
    {
        var network = new StackedLstm(5);
        StackedLstm.State state = network.CreateState();
        var x = new float[StackedLstm.StepInputSize];
        var y = new float[StackedLstm.StepOutputSize];
        Assert.Equal(0, Allocations.LeastPerRound(() => network.Step(state, x, y), callsPerRound: 50));
    }

    [Fact]
    public void Step_RejectsBadArguments()
    {
        var network = new StackedLstm(5);
        StackedLstm.State state = network.CreateState();
        Assert.Throws<ArgumentNullException>(() => network.Step(null!, new float[StackedLstm.StepInputSize], new float[StackedLstm.StepOutputSize]));
        Assert.Throws<ArgumentException>(() => network.Step(state, new float[StackedLstm.StepInputSize + 1], new float[StackedLstm.StepOutputSize]));
        Assert.Throws<ArgumentException>(() => network.Step(state, new float[StackedLstm.StepInputSize], new float[StackedLstm.StepOutputSize - 1]));
        Assert.Equal(2, StackedLstm.StepInputSize);
        Assert.Equal(3, StackedLstm.StepOutputSize);
    }

    /// <summary>Every step's output (networks returning sequences) or the last one, from a fresh state.</summary>
    private static float[] StepThrough(Stream stream, ReadOnlySpan<float> sequence, object? state = null)
    {
        state ??= stream.CreateState();
        int steps = sequence.Length / stream.StepInput;
        var outputs = new float[stream.EverySteps ? steps * stream.StepOutput : stream.StepOutput];
        for (int t = 0; t < steps; t++)
        {
            Span<float> output = stream.EverySteps ? outputs.AsSpan(t * stream.StepOutput, stream.StepOutput) : outputs;
            stream.Step(state, sequence.Slice(t * stream.StepInput, stream.StepInput), output);
        }

        return outputs;
    }

    /// <summary>Random features, or random ids with some zeros (masked) when the first layer is an Embedding.</summary>
    private static float[] Sequence(Stream stream, Random random)
    {
        var x = new float[stream.Network.InputSize];
        bool ids = stream.StepInput == 1 && stream.Network.InputShape.Length == 1;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = ids ? random.Next(0, 3) == 0 ? 0 : random.Next(1, 9) : (float)(random.NextDouble() * 2 - 1);
        }

        return x;
    }

    private static void AssertSameBits(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"[{i}] expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
