using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>Cropping2D</c>: rows and columns removed at the borders of each sample (at least one of each must remain,
/// as Keras requires); ∂x is ∂y placed back among zeros.
/// </summary>
internal sealed record Cropping2DLayer(LayerPlace Place, Borders Borders) : LayerSpec(Place)
{
    public override string KerasClass => "Cropping2D";

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        var sides = Borders.Read(arguments, "cropping");
        Borders.CheckNotNegative(context, sides, "Cropping");
        if (!context.CanInfer(out EquatableArray<int> input) || !context.RequireRank(input, 3, "Cropping2D"))
        {
            return null;
        }

        long rows = (long)sides.Top.Value + sides.Bottom.Value, columns = (long)sides.Left.Value + sides.Right.Value;
        if (rows >= input[0])
        {
            context.Report(
                DiagnosticDescriptors.CroppingLeavesNothing,
                sides.Top.Value > 0 ? sides.Top.Location : sides.Bottom.Location,
                context.Name,
                Numbers.WithSeparators(rows),
                Invariant.Text($"top {sides.Top.Value} + bottom {sides.Bottom.Value}"),
                Numbers.WithSeparators(input[0]),
                "rows");
        }

        if (columns >= input[1])
        {
            context.Report(
                DiagnosticDescriptors.CroppingLeavesNothing,
                sides.Left.Value > 0 ? sides.Left.Location : sides.Right.Location,
                context.Name,
                Numbers.WithSeparators(columns),
                Invariant.Text($"left {sides.Left.Value} + right {sides.Right.Value}"),
                Numbers.WithSeparators(input[1]),
                "columns");
        }

        if (context.HasErrors)
        {
            return null;
        }

        return context.Finish(new Cropping2DLayer(
            context.Place(input, input[0] - (int)rows, input[1] - (int)columns, input[2]),
            new Borders(sides.Top.Value, sides.Bottom.Value, sides.Left.Value, sides.Right.Value)));
    }

    public override IReadOnlyList<WeightSpec> Weights() => NoWeights;

    public override IEnumerable<LayerField> Fields() => Borders.Fields();

    /// <summary><c>Cropping.Forward(n, height, width, channels, top, bottom, left, right, x, y);</c> (the input's height and width).</summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => writer.Line($"{Emitter.Runtime}.Cropping.Forward({call.Samples}, {Borders.Geometry(InputShape)}, {call.Input}, {call.Output});");

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call) => WriteInference(writer, call.AsInference());

    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        writer.Line($"{Emitter.Runtime}.Cropping.Backward(n, {Borders.Geometry(InputShape)}, {call.Dz}, {call.Dx});");
        return GradientRoute.NewBuffer;
    }
}
