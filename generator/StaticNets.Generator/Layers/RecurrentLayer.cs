using System.Collections.Generic;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>The recurrent cells, each with its runtime kernel class and its number of gate blocks.</summary>
internal enum RecurrentCell
{
    SimpleRNN,
    LSTM,
    GRU,
}

/// <summary>
/// Keras <c>SimpleRNN</c>, <c>LSTM</c> and <c>GRU</c> over a <c>(steps, features)</c> sample: kernel
/// <c>(features, gates·units)</c>, recurrent kernel <c>(units, gates·units)</c> (orthogonal at first), bias. Inference,
/// training and backpropagation through time are runtime calls (<c>Runtime/Layers/Lstm.cs</c>, <c>Gru.cs</c>,
/// <c>SimpleRnn.cs</c>); all time steps' input projections are one GEMM, then the recurrence runs over all samples of
/// a batch at once.
/// </summary>
/// <param name="Place">Where the layer sits.</param>
/// <param name="Cell">Which recurrence.</param>
/// <param name="Units">Units (state size).</param>
/// <param name="CellActivation">Keras <c>activation</c> (the candidate and the output), applied inside the kernel, not by the frame.</param>
/// <param name="RecurrentActivation">Keras <c>recurrent_activation</c> (the gates); Sigmoid for SimpleRNN, which has none.</param>
/// <param name="UseBias">Whether there are biases.</param>
/// <param name="ReturnSequences">Every step's output, not only the last.</param>
/// <param name="GoBackwards">Processes the sequence from its end.</param>
/// <param name="UnitForgetBias">LSTM: the forget gate's bias starts at 1.</param>
/// <param name="ResetAfter">GRU: the reset gate applies after the recurrent product (bias <c>(2, 3·units)</c>).</param>
/// <param name="ZeroMaskedOutputs">Masked steps output zeros (the halves of a Bidirectional layer returning sequences).</param>
/// <param name="ScratchPrefix">The name of its training workspace slice (the halves of a Bidirectional layer need two).</param>
internal sealed record RecurrentLayer(
    LayerPlace Place,
    RecurrentCell Cell,
    int Units,
    Activation CellActivation,
    Activation RecurrentActivation,
    bool UseBias,
    bool ReturnSequences,
    bool GoBackwards,
    bool UnitForgetBias,
    bool ResetAfter,
    bool ZeroMaskedOutputs = false,
    string ScratchPrefix = "r") : LayerSpec(Place)
{
    public override string KerasClass => Cell.ToString();

    public static LayerSpec? BuildSimpleRnn(LayerArguments arguments, LayerContext context) => Build(arguments, context, RecurrentCell.SimpleRNN);

    public static LayerSpec? BuildLstm(LayerArguments arguments, LayerContext context) => Build(arguments, context, RecurrentCell.LSTM);

    public static LayerSpec? BuildGru(LayerArguments arguments, LayerContext context) => Build(arguments, context, RecurrentCell.GRU);

    private static LayerSpec? Build(LayerArguments arguments, LayerContext context, RecurrentCell cell)
    {
        Argument<int> units = arguments.Constructor("units", 0).Or(arguments.Location);
        Argument<int> activation = arguments.Constructor("activation", (int)Activation.Tanh).Or(arguments.Location);
        Argument<int> recurrentActivation = arguments.Named("RecurrentActivation", (int)Activation.Sigmoid).Or(arguments.Location);
        context.Positive(units, "Units");
        context.KnownActivation(activation);
        if (cell != RecurrentCell.SimpleRNN)
        {
            context.KnownActivation(recurrentActivation);
        }

        bool returnSequences = arguments.Named("ReturnSequences", false).Value;
        KernelRegularizer regularizer = KernelRegularizer.Read(arguments, context);
        if (!context.CanInfer(out EquatableArray<int> input) || !context.RequireRank(input, 2, cell.ToString()))
        {
            return null;
        }

        // The gate blocks of every step are one row of floats: their count must fit as well as the output.
        int gates = GateCount(cell);
        if ((long)gates * units.Value * input[0] > LayerContext.MaxSampleSize)
        {
            return context.Overflow($"The gates of all steps of layer '{context.Name}'", (long)gates * units.Value * input[0], LayerContext.MaxSampleSize);
        }

        int[] output = returnSequences ? new[] { input[0], units.Value } : new[] { units.Value };
        return context.Finish(new RecurrentLayer(
            context.Place(input, output),
            cell,
            units.Value,
            (Activation)activation.Value,
            cell == RecurrentCell.SimpleRNN ? Activation.Sigmoid : (Activation)recurrentActivation.Value,
            arguments.Named("UseBias", true).Value,
            returnSequences,
            arguments.Named("GoBackwards", false).Value,
            cell == RecurrentCell.LSTM && arguments.Named("UnitForgetBias", true).Value,
            cell == RecurrentCell.GRU && arguments.Named("ResetAfter", true).Value) { KernelRegularizer = regularizer });
    }

    private static int GateCount(RecurrentCell cell) => cell switch
    {
        RecurrentCell.LSTM => 4,
        RecurrentCell.GRU => 3,
        _ => 1,
    };

    public int Steps => InputShape[0];

    private int Width => GateCount(Cell) * Units;

    /// <summary>The runtime kernel class: <c>global::StaticNets.Runtime.Lstm</c>.</summary>
    private string Kernel => Emitter.Runtime + "." + Cell switch
    {
        RecurrentCell.LSTM => "Lstm",
        RecurrentCell.GRU => "Gru",
        _ => "SimpleRnn",
    };

    public override IReadOnlyList<WeightSpec> Weights()
    {
        var weights = new List<WeightSpec>
        {
            WeightSpec.Kernel(InputFeatures, Width, InputFeatures, Width),
            new("recurrent_kernel", new[] { Units, Width }.ToEquatableArray(), Initializer.Orthogonal),
        };
        if (UseBias)
        {
            weights.Add(Cell == RecurrentCell.GRU && ResetAfter
                ? new WeightSpec("bias", new[] { 2, Width }.ToEquatableArray(), Initializer.Zeros)
                : new WeightSpec("bias", new[] { Width }.ToEquatableArray(), UnitForgetBias ? Initializer.UnitForgetBias : Initializer.Zeros));
        }

        return weights;
    }

    public override IEnumerable<LayerField> Fields()
    {
        yield return LayerField.Same(Invariant.Text($"{Units}"));
        yield return LayerField.Same(CellActivation.ToString());
        if (Cell != RecurrentCell.SimpleRNN)
        {
            yield return LayerField.Same(RecurrentActivation.ToString());
        }

        if (Cell == RecurrentCell.GRU)
        {
            yield return ResetAfter ? new LayerField("reset after", "resetafter") : new LayerField("reset before", "resetbefore");
        }

        yield return UseBias ? new LayerField(null, "bias") : new LayerField("no bias", "nobias");
        if (ReturnSequences)
        {
            yield return new LayerField("sequences", "seq");
        }

        if (GoBackwards)
        {
            yield return new LayerField("backwards", "back");
        }
    }

    // ---- Sequences ----

    public override MaskUse MaskUse => ReturnSequences ? MaskUse.UsesAndPasses : MaskUse.Uses;

    public override bool StreamsSteps => !GoBackwards;

    public override int StateSize => Cell == RecurrentCell.LSTM ? 2 * Units : Units;

    public override bool PrefersBatchKernels => true;

    // ---- Inference ----

    /// <summary>Inference scratch per sample (the runtime kernel's <c>WorkspacePerSample</c>).</summary>
    public override int ColumnsPerSample => Cell switch
    {
        RecurrentCell.LSTM => Steps * Width + 3 * Units,
        RecurrentCell.GRU => Steps * Width + 3 * Units,
        _ => Steps * Width + Units,
    };

    /// <summary>
    /// <code>
    /// Lstm.Forward(n, steps, features, units, options, activation, recurrentActivation, kernel, recurrentKernel, bias, mask, x, y, state, workspace);
    /// Lstm.Step(features, units, options, activation, recurrentActivation, kernel, recurrentKernel, bias, mask, x, y, state, workspace);   // Step's one step
    /// </code>
    /// </summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
    {
        string operands = $"{Slice(call.Weights, "kernel")}, {Slice(call.Weights, "recurrent_kernel")}, {BiasSlice(call.Weights)}, {call.Mask}, {call.Input}, {call.Output}, {call.State}, {call.Columns}";
        if (IsStreamedStep(call))
        {
            writer.Line($"{Kernel}.Step({StepGeometry()}, {operands});");
            return;
        }

        writer.Line($"{Kernel}.Forward({Geometry(call.Samples)}, {operands});");
    }

    /// <summary>
    /// Whether the call is one step of a <c>Step</c> stream (a state to carry, one step) of a layer with a one-step kernel,
    /// which skips the batch path's bookkeeping.
    /// </summary>
    private bool IsStreamedStep(InferenceCall call) => call.State != "default" && Steps == 1 && Cell != RecurrentCell.SimpleRNN;

    // ---- Training ----

    /// <summary>The floats the training forward keeps for backpropagation through time (the runtime kernel's <c>TrainingPerSample</c>).</summary>
    private int TrainingPerSample => Cell switch
    {
        RecurrentCell.LSTM => Steps * (2 * Width + 3 * Units) + 3 * Units + Width,
        RecurrentCell.GRU => Steps * 8 * Units + 6 * Units,
        _ => Steps * 2 * Units + 2 * Units,
    };

    public override int TransposedKernelSize => Width * System.Math.Max(InputFeatures, Units);

    public override IEnumerable<(string Prefix, int PerSample)> TrainingScratch()
    {
        yield return (ScratchPrefix, TrainingPerSample);
    }

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call)
    {
        var w = new WeightsSource("w");
        writer.Line($"{Kernel}.TrainingForward({Geometry("n")}, {Slice(w, "kernel")}, {Slice(w, "recurrent_kernel")}, {BiasSlice(w)}, {call.Mask}, {call.Input}, {call.Z}, {call.Scratch(ScratchPrefix)});");
    }

    /// <summary>
    /// Backpropagation through time:
    /// <code>
    /// per step, last to first: ∂gates from ∂h (and ∂c); ∂recurrentKernel += h_prevᵀ·∂gates; ∂h_prev = ∂gates·recurrentKernelᵀ
    /// then at once: ∂kernel = xᵀ·∂gates; ∂bias = Σ ∂gates; ∂x = ∂gates·kernelᵀ
    /// </code>
    /// </summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        var w = new WeightsSource("w");
        PlacedWeight kernel = Weight("kernel"), recurrent = Weight("recurrent_kernel");
        string bias = UseBias ? Invariant.Text($"gradients.Slice({Weight("bias").Offset}, {Weight("bias").Length})") : "default";
        writer.Line($"{Kernel}.Backward({Geometry("n")}, {Slice(w, "kernel")}, {Slice(w, "recurrent_kernel")}, {call.Mask}, {call.Input}, {call.Dz}, {call.Scratch(ScratchPrefix)}, {(call.IsFirst ? "default" : call.Dx)}, gradients.Slice({kernel.Offset}, {kernel.Length}), gradients.Slice({recurrent.Offset}, {recurrent.Length}), {bias}, transposed);");
        return call.IsFirst ? GradientRoute.InPlace : GradientRoute.NewBuffer;
    }

    /// <summary>The arguments every batch kernel call starts with: <c>n, steps, features, units, options, [resetAfter,] activation, recurrentActivation</c>.</summary>
    private string Geometry(string samples) => Invariant.Text($"{samples}, {Steps}, ") + StepGeometry();

    /// <summary>The arguments a one-step kernel call starts with: <c>features, units, options, [resetAfter,] activation, recurrentActivation</c>.</summary>
    private string StepGeometry()
    {
        var options = new List<string>();
        if (ReturnSequences) options.Add("ReturnSequences");
        if (GoBackwards) options.Add("GoBackwards");
        if (ZeroMaskedOutputs) options.Add("ZeroMaskedOutputs");
        string flags = options.Count == 0
            ? Emitter.Runtime + ".RecurrentOptions.None"
            : string.Join(" | ", options.ConvertAll(o => Emitter.Runtime + ".RecurrentOptions." + o));
        string resetAfter = Cell == RecurrentCell.GRU ? (ResetAfter ? "resetAfter: true, " : "resetAfter: false, ") : "";
        string recurrent = Cell == RecurrentCell.SimpleRNN ? "" : Invariant.Text($", global::StaticNets.Activation.{RecurrentActivation}");
        return Invariant.Text($"{InputFeatures}, {Units}, {flags}, {resetAfter}global::StaticNets.Activation.{CellActivation}{recurrent}");
    }

    private string Slice(WeightsSource weights, string name)
    {
        PlacedWeight weight = Weight(name);
        return weights.Slice(weight.Offset, weight.Length);
    }

    private string BiasSlice(WeightsSource weights) => UseBias ? Slice(weights, "bias") : "default";
}
