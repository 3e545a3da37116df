using System.Collections.Generic;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>Rescaling</c>: <c>x · scale + offset</c> in float, the product rounded before the offset is added, as Keras
/// computes it (no fused multiply-add). No weights; ∂x = ∂y · scale.
/// </summary>
internal sealed record RescalingLayer(LayerPlace Place, double Scale, double Offset) : LayerSpec(Place)
{
    public override string KerasClass => "Rescaling";

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        Argument<double> scale = arguments.Constructor("scale", 1.0).Or(arguments.Location);
        Argument<double> offset = arguments.Constructor("offset", 0.0).Or(arguments.Location);
        FiniteAsFloat(context, scale, "The scale");
        FiniteAsFloat(context, offset, "The offset");
        return context.CanInfer(out EquatableArray<int> input)
            ? context.Finish(new RescalingLayer(context.Place(input, input.AsSpan().ToArray()), scale.Value, offset.Value))
            : null;
    }

    /// <summary>The kernels compute in float: a value that is not finite there would turn every output into ±∞ or NaN.</summary>
    private static void FiniteAsFloat(LayerContext context, Argument<double> value, string what)
    {
        float single = (float)value.Value;
        if (float.IsNaN(single) || float.IsInfinity(single))
        {
            context.OutOfRange(what, "finite as a float (at most 3.4E+38 in size)", Numbers.Text(value.Value), value.Location);
        }
    }

    public override IReadOnlyList<WeightSpec> Weights() => NoWeights;

    /// <summary>Works on each step (position) on its own: passes a mask on and streams in <c>Step</c>.</summary>
    public override MaskUse MaskUse => MaskUse.Passes;

    public override bool StreamsSteps => true;

    public override IEnumerable<LayerField> Fields()
    {
        yield return new LayerField("scale " + Numbers.Text(Scale), Numbers.Text(Scale));
        yield return new LayerField("offset " + Numbers.Text(Offset), Numbers.Text(Offset));
    }

    /// <summary><c>Rescaling.Forward(scale, offset, x, y);</c></summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => writer.Line($"{Emitter.Runtime}.Rescaling.Forward({Numbers.FloatLiteral(Scale)}, {Numbers.FloatLiteral(Offset)}, {call.Input}, {call.Output});");

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call) => WriteInference(writer, call.AsInference());

    /// <summary><c>∂x = ∂z · scale</c>, in place.</summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        writer.Line($"{Emitter.Runtime}.Rescaling.Backward({Numbers.FloatLiteral(Scale)}, {call.Dz}, {call.Dz});");
        return GradientRoute.InPlace;
    }
}
