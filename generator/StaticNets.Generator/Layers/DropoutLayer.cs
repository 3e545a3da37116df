using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>Dropout</c> (inverted): in training each value is kept with probability 1 − rate and scaled by
/// 1 / (1 − rate), with masks drawn from the network's seeded stream; at inference, the identity.
/// </summary>
internal sealed record DropoutLayer(LayerPlace Place, double Rate) : LayerSpec(Place)
{
    public override string KerasClass => "Dropout";

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        Argument<double> rate = arguments.Constructor("rate", 0.0).Or(arguments.Location);
        if (!(rate.Value >= 0 && rate.Value < 1))
        {
            context.OutOfRange("The rate", "in [0, 1)", Numbers.Text(rate.Value), rate.Location);
        }

        return context.CanInfer(out EquatableArray<int> input)
            ? context.Finish(new DropoutLayer(context.Place(input, input.AsSpan().ToArray()), rate.Value))
            : null;
    }

    public override IReadOnlyList<WeightSpec> Weights() => NoWeights;

    public override IEnumerable<LayerField> Fields()
    {
        yield return LayerField.Same(Numbers.Text(Rate));
    }

    public override bool IsIdentityAtInference => true;

    /// <summary>Works on each value on its own: passes a mask on and streams in <c>Step</c> (the identity there).</summary>
    public override MaskUse MaskUse => MaskUse.Passes;

    public override bool StreamsSteps => true;

    public override bool UsesRandom => true;

    /// <summary>The identity: the frames pass the same buffer on (<see cref="IsIdentityAtInference"/>).</summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
    {
    }

    public override IEnumerable<(string Prefix, int PerSample)> TrainingScratch()
    {
        yield return ("m", OutputSize);
    }

    /// <summary><c>Dropout.TrainingForward(rate, ref random, x, mask, z);</c> the mask (0 or 1 / (1 − rate)) is kept for backward.</summary>
    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call)
        => writer.Line($"{Emitter.Runtime}.Dropout.TrainingForward({Numbers.FloatLiteral(Rate)}, ref random, {call.Input}, {call.Scratch("m")}, {call.Z});");

    /// <summary><c>∂x = ∂z · mask</c>, in place.</summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        writer.Line($"{Emitter.Runtime}.Dropout.Backward({call.Scratch("m")}, {call.Dz}, {call.Dz});");
        return GradientRoute.InPlace;
    }

    public override void Lint(LintContext context)
    {
        if (context.IsLast)
        {
            context.Report(DiagnosticDescriptors.DropoutLast, context.Arguments.Location, Name);
        }
    }
}
