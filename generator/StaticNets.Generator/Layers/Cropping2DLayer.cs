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

        // Keras needs at least one row and one column to remain.
        void AtLeastOneLeft(Argument<int> first, Argument<int> second, string firstSide, string secondSide, int size, string what)
        {
            long removed = (long)first.Value + second.Value;
            if (removed >= size)
            {
                context.Report(
                    DiagnosticDescriptors.CroppingLeavesNothing,
                    first.Value > 0 ? first.Location : second.Location,
                    context.Name,
                    Numbers.WithSeparators(removed),
                    Invariant.Text($"{firstSide} {first.Value} + {secondSide} {second.Value}"),
                    Numbers.WithSeparators(size),
                    what);
            }
        }

        AtLeastOneLeft(sides.Top, sides.Bottom, "top", "bottom", input[0], "rows");
        AtLeastOneLeft(sides.Left, sides.Right, "left", "right", input[1], "columns");
        if (context.HasErrors)
        {
            return null;
        }

        return context.Finish(new Cropping2DLayer(
            context.Place(input, input[0] - sides.Top.Value - sides.Bottom.Value, input[1] - sides.Left.Value - sides.Right.Value, input[2]),
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
