using System.Collections.Generic;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>UpSampling1D</c> and <c>UpSampling2D</c> (nearest): each step, or each pixel, repeated <c>size</c> times
/// along each axis. ∂x of a cell is the sum of ∂y over its block. A 1-D layer is a 2-D one of height 1.
/// </summary>
internal sealed record UpSamplingLayer(LayerPlace Place, bool TwoDimensional, int Size) : LayerSpec(Place)
{
    public override string KerasClass => TwoDimensional ? "UpSampling2D" : "UpSampling1D";

    public static LayerSpec? Build1D(LayerArguments arguments, LayerContext context) => Build(arguments, context, twoDimensional: false);

    public static LayerSpec? Build2D(LayerArguments arguments, LayerContext context) => Build(arguments, context, twoDimensional: true);

    private static LayerSpec? Build(LayerArguments arguments, LayerContext context, bool twoDimensional)
    {
        Argument<int> size = arguments.Constructor("size", 2).Or(arguments.Location);
        context.Positive(size, "Size");
        if (!context.CanInfer(out EquatableArray<int> input) || !context.RequireRank(input, twoDimensional ? 3 : 2, twoDimensional ? "UpSampling2D" : "UpSampling1D"))
        {
            return null;
        }

        // Each repeated axis must fit an int before the output shape can be built.
        long rows = (long)input[0] * size.Value, columns = twoDimensional ? (long)input[1] * size.Value : 1;
        if (System.Math.Max(rows, columns) > LayerContext.MaxSampleSize)
        {
            return context.Overflow($"The output size of layer '{context.Name}'", Numbers.SaturatingProduct(rows, columns, input[input.Count - 1]), LayerContext.MaxSampleSize);
        }

        int[] output = twoDimensional
            ? new[] { (int)rows, (int)columns, input[2] }
            : new[] { (int)rows, input[1] };
        return context.Finish(new UpSamplingLayer(context.Place(input, output), twoDimensional, size.Value));
    }

    private int Height => TwoDimensional ? InputShape[0] : 1;

    private int Width => TwoDimensional ? InputShape[1] : InputShape[0];

    private int SizeHeight => TwoDimensional ? Size : 1;

    public override IReadOnlyList<WeightSpec> Weights() => NoWeights;

    public override IEnumerable<LayerField> Fields()
    {
        yield return TwoDimensional
            ? new LayerField(Invariant.Text($"{Size}×{Size}"), Invariant.Text($"{Size}x{Size}"))
            : LayerField.Same(Invariant.Text($"{Size}"));
    }

    /// <summary><c>UpSampling.Forward(n, height, width, channels, sizeHeight, sizeWidth, x, y);</c></summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => writer.Line($"{Emitter.Runtime}.UpSampling.Forward({call.Samples}, {Height}, {Width}, {InputFeatures}, {SizeHeight}, {Size}, {call.Input}, {call.Output});");

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call) => WriteInference(writer, call.AsInference());

    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        writer.Line($"{Emitter.Runtime}.UpSampling.Backward(n, {Height}, {Width}, {InputFeatures}, {SizeHeight}, {Size}, {call.Dz}, {call.Dx});");
        return GradientRoute.NewBuffer;
    }
}
