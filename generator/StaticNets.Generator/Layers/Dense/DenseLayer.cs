using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>Dense</c>: <c>activation(x · kernel + bias)</c> with kernel <c>(in, units)</c>, applied along the last axis
/// (at every position of the leading axes on a rank &gt; 1 input, as Keras does). One sample runs as unrolled
/// broadcast-FMA vector code (<c>DenseLayer.Simd.cs</c>); batches and training as GEMMs.
/// </summary>
internal sealed partial record DenseLayer(LayerPlace Place, int Units, Activation Activation, bool UseBias) : LayerSpec(Place)
{
    public override string KerasClass => "Dense";

    public override Activation Activation { get; } = Activation;

    /// <summary>How many times the kernel is applied per sample (the product of the leading input axes).</summary>
    public int Positions => InputSize / InputFeatures;

    public int KernelSize => InputFeatures * Units;

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        Argument<int> units = arguments.Constructor("units", 0).Or(arguments.Location);
        Argument<int> activation = arguments.Constructor("activation", 0).Or(arguments.Location);
        bool useBias = arguments.Named("UseBias", true).Value;
        KernelRegularizer regularizer = KernelRegularizer.Read(arguments, context);
        context.Positive(units, "Units");
        context.KnownActivation(activation);
        if (!context.CanInfer(out EquatableArray<int> input))
        {
            return null;
        }

        int[] output = input.AsSpan().ToArray();
        output[output.Length - 1] = units.Value;
        return context.Finish(new DenseLayer(context.Place(input, output), units.Value, (Activation)activation.Value, useBias) { KernelRegularizer = regularizer });
    }

    public override IReadOnlyList<WeightSpec> Weights() => UseBias
        ? new[] { WeightSpec.Kernel(InputFeatures, Units, InputFeatures, Units), WeightSpec.Bias(Units) }
        : new[] { WeightSpec.Kernel(InputFeatures, Units, InputFeatures, Units) };

    public override IEnumerable<LayerField> Fields()
    {
        yield return LayerField.Same(Invariant.Text($"{Units}"));
        yield return LayerField.Same(Activation.ToString());
        yield return UseBias ? new LayerField(null, "bias") : new LayerField("no bias", "nobias");
    }

    public override int TransposedKernelSize => KernelSize;

    /// <summary>Works on each step (position) on its own: passes a mask on and streams in <c>Step</c>.</summary>
    public override MaskUse MaskUse => MaskUse.Passes;

    public override bool StreamsSteps => true;

    /// <summary><c>z = x · kernel + bias</c> as one GEMM over every sample's positions.</summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => WriteProduct(writer, call.Rows(Positions), call.Input, call.Output, call.Weights);

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call)
        => WriteProduct(writer, Emitter.Times("n", Positions), call.Input, call.Z, new WeightsSource("w"));

    private void WriteProduct(IndentedTextWriter writer, string rows, string x, string z, WeightsSource weights)
    {
        PlacedWeight kernel = Weight("kernel");
        string bias = UseBias ? weights.Slice(Weight("bias").Offset, Units) : "default";
        writer.Line($"{Emitter.Gemm}.Multiply({rows}, {InputFeatures}, {Units}, {x}, {InputFeatures}, 1, {weights.Slice(kernel.Offset, kernel.Length)}, {Units}, {bias}, {z}, {Units});");
    }

    /// <summary>
    /// <code>
    /// ∂kernel = xᵀ · ∂z;  ∂bias = Σ rows ∂z;  ∂x = ∂z · kernelᵀ (unless first)
    /// </code>
    /// </summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        PlacedWeight kernel = Weight("kernel");
        string rows = Emitter.Times("n", Positions);
        writer.Line($"{Emitter.Gemm}.Multiply({InputFeatures}, {rows}, {Units}, {call.Input}, 1, {InputFeatures}, {call.Dz}, {Units}, default, gradients.Slice({kernel.Offset}, {kernel.Length}), {Units});");
        if (UseBias)
        {
            writer.Line($"{Emitter.Gemm}.SumRows({rows}, {Units}, {call.Dz}, {Units}, gradients.Slice({Weight("bias").Offset}, {Units}));");
        }

        if (call.IsFirst)
        {
            return GradientRoute.InPlace;
        }

        writer.Line($"{Emitter.Gemm}.Transpose({InputFeatures}, {Units}, w.Slice({kernel.Offset}, {kernel.Length}), transposed);");
        writer.Line($"{Emitter.Gemm}.Multiply({rows}, {Units}, {InputFeatures}, {call.Dz}, {Units}, 1, transposed, {InputFeatures}, default, {call.Dx}, {InputFeatures});");
        return GradientRoute.NewBuffer;
    }

    public override void Lint(LintContext context)
    {
        if (Activation == Activation.Softmax && OutputFeatures == 1)
        {
            Argument<int> activation = context.Arguments.Constructor("activation", 0);
            context.Report(DiagnosticDescriptors.SoftmaxOnSingleUnit, activation.Location, Name);
        }

        // Only the first Dense of a per-position run: the ones after it follow from it. A sequence's steps (after an
        // Embedding or a recurrent layer) are meant to get one Dense each, as Keras's time-distributed Dense.
        bool previousPerPosition = context.Previous is DenseLayer previous && previous.InputShape.Count > 1;
        bool onSequence = context.Previous is EmbeddingLayer or RecurrentLayer or BidirectionalLayer;
        if (InputShape.Count > 1 && !previousPerPosition && !onSequence)
        {
            context.Report(
                DiagnosticDescriptors.DensePerPosition,
                context.Arguments.Location,
                Name,
                Shapes.Join(InputShape),
                Numbers.WithSeparators(Positions),
                Invariant.Text($"{InputSize}"));
        }
    }
}
