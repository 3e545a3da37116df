using System.Collections.Generic;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras's <c>Activation</c> layer: an activation on its own (Softmax over the last axis), the same shape out. Its
/// pre-activation is its input, so the frames' activation code (the same as after Dense or a convolution) is all it
/// does: the same definitions, and a loss fuses its gradient through a last Softmax or Sigmoid layer just the same.
/// </summary>
internal sealed record ActivationLayer(LayerPlace Place, Activation Activation) : LayerSpec(Place)
{
    public override string KerasClass => "Activation";

    public override Activation Activation { get; } = Activation;

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        Argument<int> activation = arguments.Constructor("activation", 0).Or(arguments.Location);
        context.KnownActivation(activation);
        return context.CanInfer(out EquatableArray<int> input)
            ? context.Finish(new ActivationLayer(context.Place(input, input.AsSpan().ToArray()), (Activation)activation.Value))
            : null;
    }

    public override IReadOnlyList<WeightSpec> Weights() => NoWeights;

    /// <summary>Works on each step (position) on its own: passes a mask on and streams in <c>Step</c>.</summary>
    public override MaskUse MaskUse => MaskUse.Passes;

    public override bool StreamsSteps => true;

    public override IEnumerable<LayerField> Fields()
    {
        yield return LayerField.Same(Activation.ToString());
    }

    /// <summary>The input copied to the output, which the frame then activates in place.</summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call) => writer.Line($"{call.Input}.CopyTo({call.Output});");

    /// <summary>The pre-activation is the input itself: the frame names it <c>z</c> and writes the activated <c>a</c>.</summary>
    public override bool WritesTrainingOutput => false;

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call)
    {
    }

    /// <summary>The frame has taken ∂a through the activation to ∂z, which is ∂input.</summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call) => GradientRoute.SameFloats;

    public override void Lint(LintContext context)
    {
        if (Activation == Activation.Softmax && OutputFeatures == 1)
        {
            context.Report(DiagnosticDescriptors.SoftmaxOnSingleUnit, context.Arguments.Constructor("activation", 0).Location, Name);
        }
    }
}
