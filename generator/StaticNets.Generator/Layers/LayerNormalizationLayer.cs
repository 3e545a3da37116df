using System.Collections.Generic;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>LayerNormalization</c> over the last axis: <c>gamma · (x − mean) / sqrt(variance + epsilon) + beta</c> with
/// each position's own mean and biased variance, the same in training and at inference. Weights gamma (ones) and beta
/// (zeros), both <c>(features)</c> and trainable. Training keeps the normalised values and each row's
/// <c>1 / sqrt(variance + epsilon)</c> for the exact gradient through the statistics.
/// </summary>
internal sealed record LayerNormalizationLayer(LayerPlace Place, double Epsilon) : LayerSpec(Place)
{
    public override string KerasClass => "LayerNormalization";

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        Argument<double> epsilon = arguments.Named("Epsilon", 1e-3);

        // The kernels compute in float: an epsilon that is 0 or infinite as a float is no epsilon.
        if (!(epsilon.Value > 0 && (float)epsilon.Value > 0 && (float)epsilon.Value <= float.MaxValue))
        {
            context.OutOfRange("Epsilon", "positive and finite as a float (at most 3.4E+38)", Numbers.Text(epsilon.Value), epsilon.Location);
        }

        return context.CanInfer(out EquatableArray<int> input)
            ? context.Finish(new LayerNormalizationLayer(context.Place(input, input.AsSpan().ToArray()), epsilon.Value))
            : null;
    }

    private int Features => InputFeatures;

    /// <summary>Rows of features per sample: each position of the leading axes is normalised on its own.</summary>
    private int Positions => InputSize / Features;

    public override IReadOnlyList<WeightSpec> Weights()
    {
        EquatableArray<int> shape = new[] { Features }.ToEquatableArray();
        return new[]
        {
            new WeightSpec("gamma", shape, Initializer.Ones),
            new WeightSpec("beta", shape, Initializer.Zeros),
        };
    }

    public override IEnumerable<LayerField> Fields()
    {
        yield return new LayerField("epsilon " + Numbers.Text(Epsilon), Numbers.Text(Epsilon));
    }

    /// <summary><c>LayerNormalization.Forward(rows, features, epsilon, gamma, beta, x, y);</c></summary>
    /// <summary>Each position on its own statistics: passes a mask on and streams in <c>Step</c>.</summary>
    public override MaskUse MaskUse => MaskUse.Passes;

    public override bool StreamsSteps => true;

    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => writer.Line($"{Emitter.Runtime}.LayerNormalization.Forward({call.Rows(Positions)}, {Features}, {Numbers.FloatLiteral(Epsilon)}, {Slice(call.Weights, "gamma")}, {Slice(call.Weights, "beta")}, {call.Input}, {call.Output});");

    /// <summary>The normalised values (<c>h</c>) and each row's inverse deviation (<c>r</c>), for backward.</summary>
    public override IEnumerable<(string Prefix, int PerSample)> TrainingScratch()
    {
        yield return ("h", OutputSize);
        yield return ("r", Positions);
    }

    /// <summary>The same numbers as inference, keeping <c>h</c> and <c>r</c>.</summary>
    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call)
    {
        var w = new WeightsSource("w");
        writer.Line($"{Emitter.Runtime}.LayerNormalization.TrainingForward({Emitter.Times("n", Positions)}, {Features}, {Numbers.FloatLiteral(Epsilon)}, {Slice(w, "gamma")}, {Slice(w, "beta")}, {call.Input}, {call.Scratch("h")}, {call.Scratch("r")}, {call.Z});");
    }

    /// <summary>∂gamma, ∂beta, and ∂x through each row's mean and variance, in place in ∂z (none for a first layer).</summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        PlacedWeight gamma = Weight("gamma"), beta = Weight("beta");
        string dx = call.IsFirst ? "default" : call.Dz;
        writer.Line($"{Emitter.Runtime}.LayerNormalization.Backward({Emitter.Times("n", Positions)}, {Features}, w.Slice({gamma.Offset}, {Features}), {call.Scratch("h")}, {call.Scratch("r")}, {call.Dz}, {dx}, gradients.Slice({gamma.Offset}, {Features}), gradients.Slice({beta.Offset}, {Features}));");
        return GradientRoute.InPlace;
    }

    private string Slice(WeightsSource weights, string name) => weights.Slice(Weight(name).Offset, Features);
}
