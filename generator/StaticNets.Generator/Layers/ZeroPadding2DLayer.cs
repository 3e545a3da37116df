using System.Collections.Generic;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>Keras <c>ZeroPadding2D</c>: rows and columns of zeros around each sample; ∂x is the inner window of ∂y.</summary>
internal sealed record ZeroPadding2DLayer(LayerPlace Place, Borders Borders) : LayerSpec(Place)
{
    public override string KerasClass => "ZeroPadding2D";

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        var sides = Borders.Read(arguments, "padding");
        Borders.CheckNotNegative(context, sides, "Padding");
        if (!context.CanInfer(out EquatableArray<int> input) || !context.RequireRank(input, 3, "ZeroPadding2D"))
        {
            return null;
        }

        long height = (long)input[0] + sides.Top.Value + sides.Bottom.Value, width = (long)input[1] + sides.Left.Value + sides.Right.Value;
        if (System.Math.Max(height, width) > LayerContext.MaxSampleSize)
        {
            return context.Overflow($"The output size of layer '{context.Name}'", Helpers.Numbers.SaturatingProduct(height, width, input[2]), LayerContext.MaxSampleSize);
        }

        return context.Finish(new ZeroPadding2DLayer(
            context.Place(input, (int)height, (int)width, input[2]),
            new Borders(sides.Top.Value, sides.Bottom.Value, sides.Left.Value, sides.Right.Value)));
    }

    public override IReadOnlyList<WeightSpec> Weights() => NoWeights;

    public override IEnumerable<LayerField> Fields() => Borders.Fields();

    /// <summary><c>ZeroPadding.Forward(n, height, width, channels, top, bottom, left, right, x, y);</c></summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => writer.Line($"{Emitter.Runtime}.ZeroPadding.Forward({call.Samples}, {Borders.Geometry(InputShape)}, {call.Input}, {call.Output});");

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call) => WriteInference(writer, call.AsInference());

    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        writer.Line($"{Emitter.Runtime}.ZeroPadding.Backward(n, {Borders.Geometry(InputShape)}, {call.Dz}, {call.Dx});");
        return GradientRoute.NewBuffer;
    }
}
