using System.Collections.Generic;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>GlobalAveragePooling1D/2D</c> and <c>GlobalMaxPooling1D/2D</c>: the mean or maximum over all positions of
/// each channel, <c>(steps, c)</c> or <c>(height, width, c)</c> → <c>(c)</c>.
/// </summary>
internal sealed record GlobalPoolingLayer(LayerPlace Place, bool Max, bool TwoDimensional) : LayerSpec(Place)
{
    public override string KerasClass => (Max ? "GlobalMaxPooling" : "GlobalAveragePooling") + (TwoDimensional ? "2D" : "1D");

    public static LayerSpec? BuildAverage1D(LayerArguments arguments, LayerContext context) => Build(context, max: false, twoDimensional: false);

    public static LayerSpec? BuildAverage2D(LayerArguments arguments, LayerContext context) => Build(context, max: false, twoDimensional: true);

    public static LayerSpec? BuildMax1D(LayerArguments arguments, LayerContext context) => Build(context, max: true, twoDimensional: false);

    public static LayerSpec? BuildMax2D(LayerArguments arguments, LayerContext context) => Build(context, max: true, twoDimensional: true);

    private static LayerSpec? Build(LayerContext context, bool max, bool twoDimensional)
    {
        string kind = (max ? "GlobalMaxPooling" : "GlobalAveragePooling") + (twoDimensional ? "2D" : "1D");
        if (!context.CanInfer(out EquatableArray<int> input) || !context.RequireRank(input, twoDimensional ? 3 : 2, kind))
        {
            return null;
        }

        return context.Finish(new GlobalPoolingLayer(context.Place(input, input[input.Count - 1]), max, twoDimensional));
    }

    private int Positions => InputSize / InputFeatures;

    public override IReadOnlyList<WeightSpec> Weights() => NoWeights;

    public override IEnumerable<LayerField> Fields() => System.Array.Empty<LayerField>();

    /// <summary>GlobalAveragePooling1D averages the unmasked steps when an Embedding's mask reaches it, as in Keras.</summary>
    public override MaskUse MaskUse => !Max && !TwoDimensional ? MaskUse.Uses : MaskUse.Drops;

    /// <summary><c>GlobalPooling.AverageForward(n, positions, channels, x, y);</c> (with the mask: <c>AverageForwardMasked(n, positions, channels, mask, x, y)</c>).</summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => writer.Line(call.Mask != "default"
            ? Invariant.Text($"{Emitter.Runtime}.GlobalPooling.AverageForwardMasked({call.Samples}, {Positions}, {InputFeatures}, {call.Mask}, {call.Input}, {call.Output});")
            : Invariant.Text($"{Emitter.Runtime}.GlobalPooling.{(Max ? "Max" : "Average")}Forward({call.Samples}, {Positions}, {InputFeatures}, {call.Input}, {call.Output});"));

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call) => WriteInference(writer, call.AsInference());

    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        writer.Line(Max
            ? Invariant.Text($"{Emitter.Runtime}.GlobalPooling.MaxBackward(n, {Positions}, {InputFeatures}, {call.Input}, {call.Z}, {call.Dz}, {call.Dx});")
            : call.Mask != "default"
                ? Invariant.Text($"{Emitter.Runtime}.GlobalPooling.AverageBackwardMasked(n, {Positions}, {InputFeatures}, {call.Mask}, {call.Dz}, {call.Dx});")
                : Invariant.Text($"{Emitter.Runtime}.GlobalPooling.AverageBackward(n, {Positions}, {InputFeatures}, {call.Dz}, {call.Dx});"));
        return GradientRoute.NewBuffer;
    }
}
