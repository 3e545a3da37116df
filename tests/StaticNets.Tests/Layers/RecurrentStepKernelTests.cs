using StaticNets.Runtime;

namespace StaticNets.Tests.Layers;

/// <summary>
/// The one-step kernels of streamed inference (<see cref="Lstm.Step"/>, <see cref="Gru.Step"/>): stepping one sample
/// through a sequence gives, bit for bit, every output and the final state of the batch kernels' run over the whole
/// batch (which <see cref="RecurrentKernelTests"/> checks against the double reference), for unit counts below, at and
/// past every vector width (the batch products finish columns past a multiple of four in scalar code), masks, no bias,
/// and other activations.
/// </summary>
public class RecurrentStepKernelTests
{
    private const RecurrentOptions Sequences = RecurrentOptions.ReturnSequences;

    public static TheoryData<RecurrentKind, int, int, bool, bool> Cases()
    {
        var data = new TheoryData<RecurrentKind, int, int, bool, bool>();
        RecurrentKind[] kinds = [RecurrentKind.Lstm, RecurrentKind.GruResetAfter, RecurrentKind.GruResetBefore];
        int[] units = [1, 2, 3, 4, 5, 6, 8, 12, 16, 20, 24, 32, 33, 36, 40, 64];
        foreach (RecurrentKind kind in kinds)
        {
            foreach (int u in units)
            {
                int inputs = u % 3 == 0 ? 3 : 1;
                data.Add(kind, u, inputs, u % 2 == 0, u % 5 != 0);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stepping_each_sample_gives_the_batch_bits(RecurrentKind kind, int units, int inputs, bool masked, bool useBias)
        => AssertSteppingMatchesBatch(new RecurrentLayer(kind, 3, 7, inputs, units, Sequences), masked, useBias);

    [Theory]
    [InlineData(RecurrentKind.Lstm, Activation.Relu, Activation.HardSigmoid)]
    [InlineData(RecurrentKind.GruResetAfter, Activation.Softsign, Activation.HardSigmoidKeras2)]
    [InlineData(RecurrentKind.GruResetBefore, Activation.Elu, Activation.Sigmoid)]
    public void Other_activations_give_the_batch_bits(RecurrentKind kind, Activation activation, Activation recurrentActivation)
        => AssertSteppingMatchesBatch(new RecurrentLayer(kind, 2, 6, 2, 8, Sequences, activation, recurrentActivation), masked: true, useBias: true);

    [Theory]
    [InlineData(RecurrentKind.Lstm)]
    [InlineData(RecurrentKind.GruResetAfter)]
    [InlineData(RecurrentKind.GruResetBefore)]
    public void Masked_outputs_are_zero_where_the_batch_zeroes_them(RecurrentKind kind)
        => AssertSteppingMatchesBatch(new RecurrentLayer(kind, 3, 7, 2, 4, Sequences | RecurrentOptions.ZeroMaskedOutputs), masked: true, useBias: true);

    public static TheoryData<int, RecurrentOptions, bool> OneSampleCases()
    {
        // The one-sample kernel takes units in multiples of 4: one pass of rows (4), gates of less than a vector at the
        // wider widths (4, 12), several passes (8 to 96) and a large layer (528); 6 and 10 take the batch path; 64 to
        // 256 in whole vectors per half go to two threads (LstmTwoHalves). Every option with each.
        var data = new TheoryData<int, RecurrentOptions, bool>();
        foreach (int units in new[] { 4, 6, 8, 10, 12, 16, 24, 32, 48, 64, 96, 128, 256, 528 })
        {
            data.Add(units, RecurrentOptions.None, false);
            data.Add(units, Sequences, true);
            data.Add(units, Sequences | RecurrentOptions.GoBackwards, true);
            data.Add(units, Sequences | RecurrentOptions.ZeroMaskedOutputs, true);
            data.Add(units, RecurrentOptions.GoBackwards, true);
        }

        return data;
    }

    /// <summary>
    /// One sample alone through the batch kernel (a single Predict, which takes <c>LstmOneSample</c>'s row-by-row
    /// product) gives the bits of the same sample inside a batch (the tiled products), every output and the state.
    /// </summary>
    [Theory]
    [MemberData(nameof(OneSampleCases))]
    public void One_lstm_sample_alone_gives_the_batch_bits(int units, RecurrentOptions options, bool masked)
    {
        var layer = new RecurrentLayer(RecurrentKind.Lstm, 3, 9, 3, units, options);
        var run = new RecurrentRun(layer, 70 + units, masked);
        float[] initial = LayerMath.Uniform(new Random(43), layer.Samples * layer.StateSize, -0.9, 0.9);
        float[] batchState = (float[])initial.Clone();
        run.Forward(batchState);

        var single = layer with { Samples = 1 };
        int inputSize = layer.Steps * layer.Inputs;
        for (int s = 0; s < layer.Samples; s++)
        {
            float[] state = initial.AsSpan(s * layer.StateSize, layer.StateSize).ToArray();
            var y = new float[single.OutputSize];
            float[] workspace = Enumerable.Repeat(float.NaN, RecurrentKernels.WorkspacePerSample(single)).ToArray();
            float[] mask = run.Mask.Length == 0 ? [] : run.Mask.AsSpan(s * layer.Steps, layer.Steps).ToArray();
            RecurrentKernels.Forward(single, run.Kernel, run.RecurrentKernel, run.Bias, mask, run.X.AsSpan(s * inputSize, inputSize), y, state, workspace);
            Assert.Equal(Bits(run.Y.AsSpan(s * y.Length, y.Length).ToArray()), Bits(y));
            Assert.Equal(Bits(batchState.AsSpan(s * layer.StateSize, layer.StateSize).ToArray()), Bits(state));
        }
    }

    public static TheoryData<RecurrentKind, string> WrongLengthCases()
    {
        var data = new TheoryData<RecurrentKind, string>();
        foreach (RecurrentKind kind in new[] { RecurrentKind.Lstm, RecurrentKind.GruResetAfter, RecurrentKind.GruResetBefore })
        {
            foreach (string operand in new[] { "kernel", "recurrentKernel", "bias", "mask", "x", "y", "state", "workspace" })
            {
                data.Add(kind, operand);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongLengthCases))]
    public void A_wrong_length_throws_ArgumentException_before_anything_is_written(RecurrentKind kind, string operand)
    {
        var layer = new RecurrentLayer(kind, 1, 1, 2, 4, RecurrentOptions.None);
        var run = new RecurrentRun(layer, 5, masked: false);
        float[] Resize(float[] values, string name) => name == operand ? new float[values.Length + 1] : values;
        float[] mask = operand == "mask" ? new float[2] : [];
        float[] y = Resize(new float[layer.Units], "y"), state = Resize(new float[layer.StateSize], "state");
        Array.Fill(y, 7f);
        Array.Fill(state, 7f);
        float[] workspace = operand == "workspace" ? new float[StepWorkspace(layer) - 1] : new float[StepWorkspace(layer)];
        Assert.Throws<ArgumentException>(() => Step(
            layer, Resize(run.Kernel, "kernel"), Resize(run.RecurrentKernel, "recurrentKernel"), Resize(run.Bias, "bias"), mask,
            Resize(run.X, "x"), y, state, workspace));
        Assert.All(y, v => Assert.Equal(7f, v));
        Assert.All(state, v => Assert.Equal(7f, v));
    }

    [Fact]
    public void Steps_allocate_nothing()
    {
        var lstm = new RecurrentRun(new RecurrentLayer(RecurrentKind.Lstm, 1, 1, 1, 32, RecurrentOptions.None), 3, masked: false);
        var gru = new RecurrentRun(new RecurrentLayer(RecurrentKind.GruResetAfter, 1, 1, 1, 32, RecurrentOptions.None), 4, masked: false);
        float[] lstmState = new float[64], gruState = new float[32], y = new float[32], workspace = new float[StepWorkspace(lstm.Layer) + StepWorkspace(gru.Layer)];
        void RunBoth()
        {
            Step(lstm.Layer, lstm.Kernel, lstm.RecurrentKernel, lstm.Bias, [], lstm.X, y, lstmState, workspace);
            Step(gru.Layer, gru.Kernel, gru.RecurrentKernel, gru.Bias, [], gru.X, y, gruState, workspace);
        }

        Assert.Equal(0, Support.Allocations.LeastPerRound(RunBoth, callsPerRound: 20));
    }

    /// <summary>
    /// The batch kernel over all samples and steps (returning sequences, from a random state), then each sample stepped
    /// from the same state: every step's output and the final state must be the same bits.
    /// </summary>
    private static void AssertSteppingMatchesBatch(RecurrentLayer layer, bool masked, bool useBias)
    {
        var run = new RecurrentRun(layer, 40 + layer.Units, masked, useBias);
        float[] initial = LayerMath.Uniform(new Random(41), layer.Samples * layer.StateSize, -0.9, 0.9);
        float[] batchState = (float[])initial.Clone();
        run.Forward(batchState);

        var stepLayer = layer with { Samples = 1, Steps = 1 };
        float[] workspace = Enumerable.Repeat(float.NaN, StepWorkspace(stepLayer)).ToArray();
        var y = new float[layer.Units];
        for (int s = 0; s < layer.Samples; s++)
        {
            float[] state = initial.AsSpan(s * layer.StateSize, layer.StateSize).ToArray();
            for (int t = 0; t < layer.Steps; t++)
            {
                float[] mask = run.Mask.Length == 0 ? [] : [run.Mask[s * layer.Steps + t]];
                Step(stepLayer, run.Kernel, run.RecurrentKernel, run.Bias, mask, run.X.AsSpan((s * layer.Steps + t) * layer.Inputs, layer.Inputs), y, state, workspace);
                float[] expected = run.Y.AsSpan((s * layer.Steps + t) * layer.Units, layer.Units).ToArray();
                Assert.True(Bits(expected).SequenceEqual(Bits(y)), $"{layer}, sample {s}, step {t}: [{string.Join(", ", expected)}] vs [{string.Join(", ", y)}]");
            }

            Assert.Equal(Bits(batchState.AsSpan(s * layer.StateSize, layer.StateSize).ToArray()), Bits(state));
        }
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private static int StepWorkspace(RecurrentLayer l) => l.Kind == RecurrentKind.Lstm ? Lstm.StepWorkspace(l.Units) : Gru.StepWorkspace(l.Units);

    private static void Step(
        RecurrentLayer l, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> state, Span<float> workspace)
    {
        if (l.Kind == RecurrentKind.Lstm)
        {
            Lstm.Step(l.Inputs, l.Units, l.Options, l.Activation, l.RecurrentActivation, kernel, recurrentKernel, bias, mask, x, y, state, workspace);
        }
        else
        {
            Gru.Step(
                l.Inputs, l.Units, l.Options, l.Kind == RecurrentKind.GruResetAfter, l.Activation, l.RecurrentActivation,
                kernel, recurrentKernel, bias, mask, x, y, state, workspace);
        }
    }
}
