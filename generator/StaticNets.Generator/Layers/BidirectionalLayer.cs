using System.Collections.Generic;
using System.Linq;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>Mirror of <c>StaticNets.MergeMode</c> (read as its integer).</summary>
internal enum MergeMode
{
    Concat,
    Sum,
    Mul,
    Ave,
}

/// <summary>
/// Keras <c>Bidirectional</c>: the recurrent layer declared right after it (<see cref="Forward"/>) and a copy that reads
/// the sequence backwards (<see cref="Backward"/>, its weights right after the forward ones), merged step by step.
/// <code>
/// y = merge(forward(x), reverse(backward(x)))   (reverse only with ReturnSequences, to put the steps back in time order)
/// </code>
/// </summary>
internal sealed record BidirectionalLayer(LayerPlace Place, RecurrentLayer Forward, RecurrentLayer Backward, MergeMode Mode) : LayerSpec(Place)
{
    public override string KerasClass => "Bidirectional";

    /// <summary>Builds the pair from the wrapped layer the checker built just before (<see cref="LayerContext.Wrapped"/>).</summary>
    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        Argument<int> mode = arguments.Constructor("mergeMode", (int)MergeMode.Concat).Or(arguments.Location);
        if (mode.Value is < (int)MergeMode.Concat or > (int)MergeMode.Ave)
        {
            context.OutOfRange("MergeMode", "MergeMode.Concat, Sum, Mul or Ave", Numbers.WithSeparators(mode.Value), mode.Location);
        }

        if (context.Wrapped is not RecurrentLayer wrapped || !context.CanInfer(out EquatableArray<int> input))
        {
            return null;
        }

        // Both halves zero their masked outputs when the pair returns sequences, as Keras's Bidirectional makes them.
        RecurrentLayer forward = wrapped with { ZeroMaskedOutputs = wrapped.ReturnSequences };
        RecurrentLayer backward = forward with
        {
            Place = forward.Place with { ParameterOffset = forward.ParameterOffset + forward.ParameterCount },
            GoBackwards = true,
            ScratchPrefix = "rb",
        };
        forward = forward with { ScratchPrefix = "rf" };
        int[] output = wrapped.OutputShape.AsSpan().ToArray();
        if ((MergeMode)mode.Value == MergeMode.Concat)
        {
            output[output.Length - 1] *= 2;
        }

        return context.Finish(new BidirectionalLayer(context.Place(input, output), forward, backward, (MergeMode)mode.Value));
    }

    /// <summary>Floats of one half's output per sample.</summary>
    private int HalfSize => Forward.OutputSize;

    /// <summary>Rows of one half's output per sample: the steps when returning sequences, else one.</summary>
    private int Rows => Forward.ReturnSequences ? Forward.Steps : 1;

    public override IReadOnlyList<WeightSpec> Weights()
        => Forward.Weights().Select(w => w with { Name = "forward " + w.Name })
            .Concat(Backward.Weights().Select(w => w with { Name = "backward " + w.Name }))
            .ToArray();

    /// <summary>Both directions' kernels, as Keras regularises each copy of the wrapped layer.</summary>
    public override IEnumerable<RegularizedKernel> RegularizedKernels()
        => Forward.RegularizedKernels().Select(k => k with { Description = Name + " forward kernel" })
            .Concat(Backward.RegularizedKernels().Select(k => k with { Description = Name + " backward kernel" }));

    public override IEnumerable<LayerField> Fields()
    {
        yield return LayerField.Same(Mode.ToString());
        yield return new LayerField(Forward.Describe(), Forward.ArchitectureKey());
    }

    public override MaskUse MaskUse => Forward.MaskUse;

    public override bool PrefersBatchKernels => true;

    /// <summary>Both halves' outputs, then one half's own scratch (the halves run one after the other).</summary>
    public override int ColumnsPerSample => 2 * HalfSize + Forward.ColumnsPerSample;

    /// <summary>
    /// <code>
    /// Lstm.Forward(... forwards ..., yf);  Lstm.Forward(... GoBackwards ..., yb);  Bidirectional.Merge(n, rows, units, mode, reverse, yf, yb, y);
    /// </code>
    /// </summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
    {
        string forward = Part(call.Columns, call.Samples, 0, HalfSize), backward = Part(call.Columns, call.Samples, HalfSize, HalfSize);
        string scratch = Part(call.Columns, call.Samples, 2 * HalfSize, Forward.ColumnsPerSample);
        Forward.WriteInference(writer, call with { Output = forward, Columns = scratch });
        Backward.WriteInference(writer, call with { Output = backward, Columns = scratch });
        writer.Line($"{Emitter.Runtime}.Bidirectional.Merge({call.Samples}, {Rows}, {Forward.Units}, global::StaticNets.MergeMode.{Mode}, {Lower(Forward.ReturnSequences)}, {forward}, {backward}, {call.Output});");
    }

    public override IEnumerable<(string Prefix, int PerSample)> TrainingScratch()
        => Forward.TrainingScratch().Concat(Backward.TrainingScratch()).Concat(new[] { ("yf", HalfSize), ("yb", HalfSize), ("dyf", HalfSize), ("dyb", HalfSize), ("dxb", InputSize) });

    public override int TransposedKernelSize => Forward.TransposedKernelSize;

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call)
    {
        Forward.WriteTrainingForward(writer, call with { Z = call.Scratch("yf") });
        Backward.WriteTrainingForward(writer, call with { Z = call.Scratch("yb") });
        writer.Line($"{Emitter.Runtime}.Bidirectional.Merge(n, {Rows}, {Forward.Units}, global::StaticNets.MergeMode.{Mode}, {Lower(Forward.ReturnSequences)}, {call.Scratch("yf")}, {call.Scratch("yb")}, {call.Z});");
    }

    /// <summary>
    /// <code>
    /// ∂yf, ∂yb from ∂y (through the merge); each half's BPTT; ∂x = ∂x_forward + ∂x_backward
    /// </code>
    /// </summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        writer.Line($"{Emitter.Runtime}.Bidirectional.MergeBackward(n, {Rows}, {Forward.Units}, global::StaticNets.MergeMode.{Mode}, {Lower(Forward.ReturnSequences)}, {call.Scratch("yf")}, {call.Scratch("yb")}, {call.Dz}, {call.Scratch("dyf")}, {call.Scratch("dyb")});");
        Forward.WriteBackward(writer, call with { Dz = call.Scratch("dyf") });
        Backward.WriteBackward(writer, call with { Dz = call.Scratch("dyb"), Dx = call.Scratch("dxb") });
        if (!call.IsFirst)
        {
            writer.Line($"global::System.Numerics.Tensors.TensorPrimitives.Add({call.Dx}, {call.Scratch("dxb")}, {call.Dx});");
        }

        return call.IsFirst ? GradientRoute.InPlace : GradientRoute.NewBuffer;
    }

    private static string Part(string columns, string samples, int start, int perSample)
        => Invariant.Text($"{columns}.Slice({(start == 0 ? "0" : Emitter.Times(samples, start))}, {Emitter.Times(samples, perSample)})");

    private static string Lower(bool value) => value ? "true" : "false";
}
