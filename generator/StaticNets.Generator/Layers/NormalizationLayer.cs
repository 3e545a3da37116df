using System.Collections.Generic;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>Normalization</c> over the last axis: <c>(x − mean) / max(sqrt(variance), 1e-7)</c>, the same in training
/// and at inference. Weights mean <c>(features)</c> (zeros), variance <c>(features)</c> (ones) and count (one float,
/// zero), none trainable: the generated <c>Adapt</c> sets them from data, and backward only divides ∂z by the deviation.
/// </summary>
internal sealed record NormalizationLayer(LayerPlace Place) : LayerSpec(Place)
{
    public override string KerasClass => "Normalization";

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
        => context.CanInfer(out EquatableArray<int> input)
            ? context.Finish(new NormalizationLayer(context.Place(input, input.AsSpan().ToArray())))
            : null;

    public int Features => InputFeatures;

    /// <summary>Positions per sample: every position of the leading axes is normalised with the same statistics.</summary>
    public int Positions => InputSize / Features;

    public override IReadOnlyList<WeightSpec> Weights()
    {
        EquatableArray<int> shape = new[] { Features }.ToEquatableArray();
        return new[]
        {
            new WeightSpec("mean", shape, Initializer.Zeros, Trainable: false),
            new WeightSpec("variance", shape, Initializer.Ones, Trainable: false),
            new WeightSpec("count", System.Array.Empty<int>().ToEquatableArray(), Initializer.Zeros, Trainable: false),
        };
    }

    public override IEnumerable<LayerField> Fields() => System.Array.Empty<LayerField>();

    /// <summary>Each position on its own: passes a mask on and streams in <c>Step</c>.</summary>
    public override MaskUse MaskUse => MaskUse.Passes;

    public override bool StreamsSteps => true;

    /// <summary><c>Normalization.Forward(rows, features, mean, variance, x, y);</c></summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => writer.Line($"{Emitter.Runtime}.Normalization.Forward({call.Rows(Positions)}, {Features}, {call.Weights.Slice(Weight("mean").Offset, Features)}, {call.Weights.Slice(Weight("variance").Offset, Features)}, {call.Input}, {call.Output});");

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call) => WriteInference(writer, call.AsInference());

    /// <summary>The statistics' gradients are 0 (they are not trained); ∂x = ∂z / deviation, in place (none for a first layer).</summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        writer.Line($"gradients.Slice({ParameterOffset}, {ParameterCount}).Clear();");
        if (!call.IsFirst)
        {
            writer.Line($"{Emitter.Runtime}.Normalization.Backward({Emitter.Times("n", Positions)}, {Features}, w.Slice({Weight("variance").Offset}, {Features}), {call.Dz});");
        }

        return GradientRoute.InPlace;
    }

    /// <summary>
    /// <c>Normalization.Adapt(rows, features, data, mean, variance, count);</c> over <paramref name="samples"/> samples of
    /// the data reaching the layer, writing the statistics into <c>_parameters</c>.
    /// </summary>
    public void WriteAdapt(IndentedTextWriter writer, string samples, string data)
    {
        writer.Line($"{Emitter.Runtime}.Normalization.Adapt({Emitter.Times(samples, Positions)}, {Features}, {data}, _parameters.Slice({Weight("mean").Offset}, {Features}), _parameters.Slice({Weight("variance").Offset}, {Features}), _parameters.Slice({Weight("count").Offset}, 1));");
    }
}
