using StaticNets.Runtime;
using StaticNets.Tests.Support;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary>
/// The SimpleRNN, LSTM and GRU kernels (<see cref="SimpleRnn"/>, <see cref="Lstm"/>, <see cref="Gru"/> in both variants)
/// against <see cref="RecurrentReference"/>, finite differences of its loss, and each other (state carried over, batches).
/// </summary>
public class RecurrentKernelTests
{
    private const RecurrentOptions Sequences = RecurrentOptions.ReturnSequences;
    private const RecurrentOptions Backwards = RecurrentOptions.GoBackwards;
    private const RecurrentOptions ZeroMasked = RecurrentOptions.ZeroMaskedOutputs;

    private static readonly RecurrentKind[] Kinds = Enum.GetValues<RecurrentKind>();

    /// <summary>Every kind with every option, masks (the first and last step of sample 0 masked) and no bias.</summary>
    public static TheoryData<RecurrentKind, RecurrentOptions, bool, bool> OptionCases()
    {
        (RecurrentOptions Options, bool Masked, bool UseBias)[] variants =
        [
            (RecurrentOptions.None, false, true),
            (Sequences, false, true),
            (Backwards, false, false),
            (Sequences | Backwards, true, true),
            (RecurrentOptions.None, true, true),
            (Backwards, true, true),
            (Sequences, true, false),
            (Sequences | ZeroMasked, true, true),
            (Sequences | Backwards | ZeroMasked, true, true),
        ];
        var data = new TheoryData<RecurrentKind, RecurrentOptions, bool, bool>();
        foreach (RecurrentKind kind in Kinds)
        {
            foreach (var (options, masked, useBias) in variants) data.Add(kind, options, masked, useBias);
        }

        return data;
    }

    public static TheoryData<RecurrentKind> KindCases() => new(Kinds);

    /// <summary>Units 2 to 5 over the cases: below, at and past a vector of four.</summary>
    private static RecurrentLayer Layer(RecurrentKind kind, RecurrentOptions options, int samples = 3, int steps = 5)
        => new(kind, samples, steps, 3, 2 + ((int)options + 3 * (int)kind) % 4, options);

    [Theory]
    [MemberData(nameof(OptionCases))]
    public void Forward_and_training_forward_match_the_double_reference(RecurrentKind kind, RecurrentOptions options, bool masked, bool useBias)
    {
        var run = new RecurrentRun(Layer(kind, options), 11 + (int)options, masked, useBias);
        AssertMatchesReference(run);
    }

    [Theory]
    [MemberData(nameof(KindCases))]
    public void Other_activations_and_single_steps_match_the_double_reference(RecurrentKind kind)
    {
        // One step: training then starts from zeros with nothing before it.
        AssertMatchesReference(new RecurrentRun(Layer(kind, Sequences, steps: 1), 6, masked: false));
        AssertMatchesReference(new RecurrentRun(Layer(kind, RecurrentOptions.None, steps: 1), 7, masked: false));

        // Softmax as the recurrent activation works on each gate's units, as Keras's last axis.
        (Activation Activation, Activation Recurrent)[] pairs =
            [(Activation.Relu, Activation.HardSigmoid), (Activation.Softsign, Activation.Softmax), (Activation.Linear, Activation.Tanh)];
        foreach (var (activation, recurrent) in pairs)
        {
            var layer = Layer(kind, Sequences) with { Activation = activation, RecurrentActivation = recurrent };
            AssertMatchesReference(new RecurrentRun(layer, 5, masked: true));
        }
    }

    [Theory]
    [InlineData(RecurrentKind.Lstm, 16)]
    [InlineData(RecurrentKind.Lstm, 33)]
    [InlineData(RecurrentKind.GruResetAfter, 20)]
    [InlineData(RecurrentKind.GruResetAfter, 32)]
    [InlineData(RecurrentKind.GruResetBefore, 24)]
    [InlineData(RecurrentKind.SimpleRnn, 17)]
    public void Layers_of_whole_vectors_of_units_match_the_double_reference(RecurrentKind kind, int units)
    {
        // Units filling whole vectors at every width, and a remainder past them (the cells' one-pass updates and the
        // products' column blocks).
        AssertMatchesReference(new RecurrentRun(new RecurrentLayer(kind, 3, 6, 2, units, Sequences), 8, masked: true));
        AssertMatchesReference(new RecurrentRun(new RecurrentLayer(kind, 2, 5, 3, units, RecurrentOptions.None), 9, masked: false, useBias: false));
    }

    /// <summary>Inference (from zeros, and from a given state, which receives the final one) and training forward.</summary>
    private static void AssertMatchesReference(RecurrentRun run)
    {
        RecurrentLayer layer = run.Layer;
        run.Forward(default);
        AssertClose($"{layer} Forward y", run.Reference(), run.Y);

        Array.Fill(run.Y, float.NaN);
        run.TrainingForward();
        AssertClose($"{layer} TrainingForward y", run.Reference(), run.Y);

        float[] state = Uniform(new Random(3), layer.Samples * layer.StateSize);
        double[] expectedState = ToDouble(state);
        Array.Fill(run.Y, float.NaN);
        run.Forward(state);
        AssertClose($"{layer} Forward y from a state", run.Reference(expectedState), run.Y);
        AssertClose($"{layer} final state", expectedState, state);
    }

    [Theory]
    [InlineData(RecurrentKind.SimpleRnn, RecurrentOptions.None)]
    [InlineData(RecurrentKind.SimpleRnn, Sequences)]
    [InlineData(RecurrentKind.Lstm, RecurrentOptions.None)]
    [InlineData(RecurrentKind.Lstm, Sequences)]
    [InlineData(RecurrentKind.GruResetAfter, Sequences)]
    [InlineData(RecurrentKind.GruResetBefore, RecurrentOptions.None)]
    [InlineData(RecurrentKind.GruResetBefore, Sequences | ZeroMasked)]
    public void Two_halves_with_the_state_carried_over_equal_one_run(RecurrentKind kind, RecurrentOptions options)
    {
        const int Half = 3;
        var whole = new RecurrentRun(Layer(kind, options, steps: 2 * Half), 21, masked: true);
        RecurrentLayer layer = whole.Layer;
        var state = new float[layer.Samples * layer.StateSize];
        whole.Forward(state);

        var halfLayer = layer with { Steps = Half };
        var halfState = new float[state.Length];
        var outputs = new List<float[]>();
        for (int part = 0; part < 2; part++)
        {
            var half = new RecurrentRun(halfLayer, 22, masked: false);
            CopySteps(whole.X, half.X, layer.Samples, layer.Steps, Half, part * Half, layer.Inputs);
            float[] mask = new float[layer.Samples * Half];
            CopySteps(whole.Mask, mask, layer.Samples, layer.Steps, Half, part * Half, 1);
            RecurrentKernels.Forward(halfLayer, whole.Kernel, whole.RecurrentKernel, whole.Bias, mask, half.X, half.Y, halfState, half.Workspace);
            outputs.Add(half.Y);
        }

        Assert.Equal(state, halfState);
        if ((options & Sequences) == 0)
        {
            Assert.Equal(whole.Y, outputs[1]);
            return;
        }

        var joined = new float[whole.Y.Length];
        for (int part = 0; part < 2; part++)
        {
            for (int s = 0; s < layer.Samples; s++)
            {
                Array.Copy(outputs[part], s * Half * layer.Units, joined, (s * layer.Steps + part * Half) * layer.Units, Half * layer.Units);
            }
        }

        Assert.Equal(whole.Y, joined);
    }

    /// <summary>Copies steps [first, first + count) of every sample's (steps × width) rows into (count × width) rows.</summary>
    private static void CopySteps(float[] source, float[] destination, int samples, int steps, int count, int first, int width)
    {
        for (int s = 0; s < samples; s++)
        {
            Array.Copy(source, (s * steps + first) * width, destination, s * count * width, count * width);
        }
    }

    [Theory]
    [MemberData(nameof(KindCases))]
    public void Several_samples_at_once_equal_one_by_one(RecurrentKind kind)
    {
        var batch = new RecurrentRun(Layer(kind, Sequences | Backwards), 31, masked: true);
        RecurrentLayer layer = batch.Layer, single = layer with { Samples = 1 };
        float[] dy = Uniform(new Random(32), batch.Y.Length);
        var state = new float[layer.Samples * layer.StateSize];
        batch.Forward(state);
        float[] inferred = (float[])batch.Y.Clone();
        batch.TrainingForward();
        Assert.Equal(inferred, batch.Y);
        batch.Backward(dy);

        var dKernelSum = new double[batch.DKernel.Length];
        var dRecurrentSum = new double[batch.DRecurrentKernel.Length];
        var dBiasSum = new double[batch.DBias.Length];
        for (int s = 0; s < layer.Samples; s++)
        {
            var one = new RecurrentRun(single, 33, masked: false);
            float[] mask = batch.Mask.AsSpan(s * layer.Steps, layer.Steps).ToArray();
            ReadOnlySpan<float> x = batch.X.AsSpan(s * layer.Steps * layer.Inputs, layer.Steps * layer.Inputs);
            var oneState = new float[layer.StateSize];
            RecurrentKernels.Forward(single, batch.Kernel, batch.RecurrentKernel, batch.Bias, mask, x, one.Y, oneState, one.Workspace);
            Assert.Equal(batch.Y.AsSpan(s * layer.OutputSize, layer.OutputSize).ToArray(), one.Y);
            Assert.Equal(state.AsSpan(s * layer.StateSize, layer.StateSize).ToArray(), oneState);

            RecurrentKernels.TrainingForward(single, batch.Kernel, batch.RecurrentKernel, batch.Bias, mask, x, one.Y, one.Saved);
            Assert.Equal(batch.Y.AsSpan(s * layer.OutputSize, layer.OutputSize).ToArray(), one.Y);
            RecurrentKernels.Backward(
                single, batch.Kernel, batch.RecurrentKernel, mask, x, dy.AsSpan(s * layer.OutputSize, layer.OutputSize), one.Saved,
                one.Dx, one.DKernel, one.DRecurrentKernel, one.DBias, one.Transposed);
            Assert.Equal(batch.Dx.AsSpan(s * layer.Steps * layer.Inputs, layer.Steps * layer.Inputs).ToArray(), one.Dx);
            Accumulate(dKernelSum, one.DKernel);
            Accumulate(dRecurrentSum, one.DRecurrentKernel);
            Accumulate(dBiasSum, one.DBias);
        }

        // The weight gradients sum over samples inside the products, in another order than this sum.
        AssertClose("dKernel", dKernelSum, batch.DKernel);
        AssertClose("dRecurrentKernel", dRecurrentSum, batch.DRecurrentKernel);
        AssertClose("dBias", dBiasSum, batch.DBias);
    }

    private static void Accumulate(double[] sum, float[] values)
    {
        for (int i = 0; i < sum.Length; i++) sum[i] += values[i];
    }

    [Theory]
    [MemberData(nameof(OptionCases))]
    public void Backward_matches_finite_differences_of_the_reference_loss(RecurrentKind kind, RecurrentOptions options, bool masked, bool useBias)
    {
        var run = new RecurrentRun(Layer(kind, options, samples: 2), 41 + (int)options, masked, useBias);
        var random = new Random(42);
        float[] c = Uniform(random, run.Y.Length);
        double[] weights = ToDouble(c);
        run.TrainingForward();
        Array.Fill(run.Dx, float.NaN); // overwritten, not accumulated
        Array.Fill(run.DKernel, float.NaN);
        run.Backward(c);

        RecurrentLayer layer = run.Layer;
        double[] kernel = ToDouble(run.Kernel), recurrent = ToDouble(run.RecurrentKernel), bias = ToDouble(run.Bias), x = ToDouble(run.X);
        float[]? mask = masked ? run.Mask : null;
        double Loss() => Dot(weights, RecurrentReference.Forward(layer, kernel, recurrent, useBias ? bias : null, mask, x));
        AssertMatchesFiniteDifferences($"{layer} dKernel", _ => Loss(), kernel, run.DKernel, SampleIndices(random, kernel.Length));
        AssertMatchesFiniteDifferences($"{layer} dRecurrentKernel", _ => Loss(), recurrent, run.DRecurrentKernel, SampleIndices(random, recurrent.Length));
        AssertMatchesFiniteDifferences($"{layer} dBias", _ => Loss(), bias, run.DBias, SampleIndices(random, bias.Length));
        AssertMatchesFiniteDifferences($"{layer} dx", _ => Loss(), x, run.Dx, SampleIndices(random, x.Length));
    }

    /// <summary>Every operand of the three kernels, and the length change that makes it wrong.</summary>
    public static TheoryData<RecurrentKind, string> WrongLengthCases()
    {
        string[] operands =
        [
            "Forward kernel", "Forward recurrentKernel", "Forward bias", "Forward mask", "Forward x", "Forward y", "Forward state", "Forward workspace",
            "TrainingForward kernel", "TrainingForward bias", "TrainingForward x", "TrainingForward y", "TrainingForward saved",
            "Backward kernel", "Backward recurrentKernel", "Backward mask", "Backward x", "Backward dy", "Backward saved", "Backward dx",
            "Backward dKernel", "Backward dRecurrentKernel", "Backward dBias", "Backward transposed",
        ];
        var data = new TheoryData<RecurrentKind, string>();
        foreach (RecurrentKind kind in Kinds)
        {
            foreach (string operand in operands) data.Add(kind, operand);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongLengthCases))]
    public void A_wrong_length_throws_ArgumentException_before_anything_is_written(RecurrentKind kind, string operand)
    {
        var layer = new RecurrentLayer(kind, 2, 4, 3, 2, Sequences);
        string call = operand.Split(' ')[0], name = operand.Split(' ')[1];
        int w = layer.Gates * layer.Units;

        // One float too many, or, for scratch that only has to be large enough, one too few.
        float[] Make(string what, int length)
        {
            int delta = what != name ? 0 : what is "workspace" or "saved" or "transposed" ? -1 : 1;
            return Enumerable.Repeat(7f, length + delta).ToArray();
        }

        float[] kernel = Make("kernel", layer.Inputs * w), recurrent = Make("recurrentKernel", layer.Units * w);
        float[] bias = Make("bias", layer.BiasLength), mask = Make("mask", layer.Samples * layer.Steps);
        float[] x = Make("x", layer.Samples * layer.Steps * layer.Inputs), y = Make("y", layer.Samples * layer.OutputSize);
        float[] dy = Make("dy", y.Length), state = Make("state", layer.Samples * layer.StateSize);
        float[] workspace = Make("workspace", layer.Samples * RecurrentKernels.WorkspacePerSample(layer));
        float[] saved = Make("saved", layer.Samples * RecurrentKernels.TrainingPerSample(layer));
        float[] dx = Make("dx", layer.Samples * layer.Steps * layer.Inputs), dKernel = Make("dKernel", layer.Inputs * w);
        float[] dRecurrent = Make("dRecurrentKernel", layer.Units * w), dBias = Make("dBias", layer.BiasLength);
        float[] transposed = Make("transposed", RecurrentKernels.TransposedSize(layer));

        Action action = call switch
        {
            "Forward" => () => RecurrentKernels.Forward(layer, kernel, recurrent, bias, mask, x, y, state, workspace),
            "TrainingForward" => () => RecurrentKernels.TrainingForward(layer, kernel, recurrent, bias, mask, x, y, saved),
            _ => () => RecurrentKernels.Backward(layer, kernel, recurrent, mask, x, dy, saved, dx, dKernel, dRecurrent, dBias, transposed),
        };

        Assert.Throws<ArgumentException>(action);
        foreach (float[] written in new[] { y, state, workspace, saved, dx, dKernel, dRecurrent, dBias, transposed })
        {
            Assert.All(written, v => Assert.Equal(7f, v));
        }
    }

    [Theory]
    [MemberData(nameof(KindCases))]
    public void No_samples_is_nothing_to_do_and_zero_gradients(RecurrentKind kind)
    {
        var run = new RecurrentRun(Layer(kind, Sequences, samples: 0), 51, masked: false);
        run.Forward(default);
        run.TrainingForward();
        Array.Fill(run.DKernel, 7f);
        Array.Fill(run.DRecurrentKernel, 7f);
        Array.Fill(run.DBias, 7f);
        run.Backward([]);
        Assert.All(run.DKernel.Concat(run.DRecurrentKernel).Concat(run.DBias), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Recurrent_kernels_do_not_allocate()
    {
        // 20 units: whole vectors and a scalar tail in every gate row.
        RecurrentRun[] runs = Kinds.Select(kind => new RecurrentRun(new RecurrentLayer(kind, 3, 5, 7, 20, Sequences | Backwards), 61, masked: true)).ToArray();
        float[][] states = runs.Select(run => new float[run.Layer.Samples * run.Layer.StateSize]).ToArray();
        float[][] gradients = runs.Select(run => Uniform(new Random(62), run.Y.Length)).ToArray();

        void RunAll()
        {
            for (int i = 0; i < runs.Length; i++)
            {
                runs[i].Forward(states[i]);
                runs[i].TrainingForward();
                runs[i].Backward(gradients[i]);
            }
        }

        RunAll(); // warm-up: JIT compilation and type loading
        Assert.Equal(0, Allocations.LeastPerRound(RunAll, callsPerRound: 5));
    }
}
