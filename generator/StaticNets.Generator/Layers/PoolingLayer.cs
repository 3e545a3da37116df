using System.Collections.Generic;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>MaxPooling1D/2D</c> and <c>AveragePooling1D/2D</c>: the maximum or mean of each window, per channel.
/// Max pooling pads with −∞ (padding never wins) and routes each gradient to the first maximum; Same-padded average
/// pooling divides by the real cells only.
/// </summary>
internal sealed record PoolingLayer(LayerPlace Place, bool Max, bool TwoDimensional, WindowSpec Window, Padding Padding) : LayerSpec(Place)
{
    public override string KerasClass => (Max ? "MaxPooling" : "AveragePooling") + (TwoDimensional ? "2D" : "1D");

    public static LayerSpec? BuildMax1D(LayerArguments arguments, LayerContext context) => Build(arguments, context, max: true, twoDimensional: false);

    public static LayerSpec? BuildMax2D(LayerArguments arguments, LayerContext context) => Build(arguments, context, max: true, twoDimensional: true);

    public static LayerSpec? BuildAverage1D(LayerArguments arguments, LayerContext context) => Build(arguments, context, max: false, twoDimensional: false);

    public static LayerSpec? BuildAverage2D(LayerArguments arguments, LayerContext context) => Build(arguments, context, max: false, twoDimensional: true);

    private static LayerSpec? Build(LayerArguments arguments, LayerContext context, bool max, bool twoDimensional)
    {
        // Strides default to the pool size, reported at the pool size's argument when not written.
        Argument<int> pool = arguments.Constructor("poolSize", 2).Or(arguments.Location);
        Argument<int> strides = arguments.Named("Strides", pool.Value).Or(pool.Location);
        var window = new WindowArguments(
            pool,
            pool,
            twoDimensional ? arguments.Named("StridesHeight", strides.Value).Or(strides.Location) : strides,
            twoDimensional ? arguments.Named("StridesWidth", strides.Value).Or(strides.Location) : strides,
            arguments.Named("Padding", (int)Padding.Valid),
            twoDimensional);
        string kind = (max ? "MaxPooling" : "AveragePooling") + (twoDimensional ? "2D" : "1D");

        WindowGeometry.CheckArguments(context, window, "Pool");
        if (!context.CanInfer(out EquatableArray<int> input) || !context.RequireRank(input, twoDimensional ? 3 : 2, kind))
        {
            return null;
        }

        WindowSpec? geometry = WindowGeometry.Infer(context, input, window, "pooling");
        return geometry is null
            ? null
            : context.Finish(new PoolingLayer(
                context.Place(input, WindowGeometry.OutputShape(geometry, twoDimensional, geometry.Channels)),
                max,
                twoDimensional,
                geometry,
                (Padding)window.Padding.Value));
    }

    public override IReadOnlyList<WeightSpec> Weights() => NoWeights;

    public override IEnumerable<LayerField> Fields() => WindowGeometry.Fields(Window, TwoDimensional, Padding);

    /// <summary><c>Pooling.MaxForward(n, new Window2D(...), x, y);</c></summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => writer.Line($"{Emitter.Runtime}.Pooling.{(Max ? "Max" : "Average")}Forward({call.Samples}, {Window.Expression}, {call.Input}, {call.Output});");

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call) => WriteInference(writer, call.AsInference());

    /// <summary>Max: the gradient goes to each window's first maximum (found again from x and y); average: spread over the real cells.</summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        writer.Line(Max
            ? Helpers.Invariant.Text($"{Emitter.Runtime}.Pooling.MaxBackward(n, {Window.Expression}, {call.Input}, {call.Z}, {call.Dz}, {call.Dx});")
            : Helpers.Invariant.Text($"{Emitter.Runtime}.Pooling.AverageBackward(n, {Window.Expression}, {call.Dz}, {call.Dx});"));
        return GradientRoute.NewBuffer;
    }
}
