using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>Embedding</c>: each token id of the input (floats holding integers, as Keras casts them) becomes its row of
/// the table <c>(inputDim, outputDim)</c>, so <c>(steps)</c> → <c>(steps, outputDim)</c>. Only first: its input is the
/// network's ids, and nothing before it could produce ids. With <c>MaskZero</c>, id 0 masks its step for the layers
/// after it (<see cref="MaskUse"/>).
/// </summary>
internal sealed record EmbeddingLayer(LayerPlace Place, int InputDim, int OutputDim, bool MaskZero) : LayerSpec(Place)
{
    public override string KerasClass => "Embedding";

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        Argument<int> inputDim = arguments.Constructor("inputDim", 0).Or(arguments.Location);
        Argument<int> outputDim = arguments.Constructor("outputDim", 0).Or(arguments.Location);
        context.Positive(inputDim, "InputDim");
        context.Positive(outputDim, "OutputDim");
        KernelRegularizer regularizer = KernelRegularizer.Read(arguments, context);
        if (!context.IsFirst)
        {
            context.Report(DiagnosticDescriptors.EmbeddingNotFirst, arguments.Location, context.Name);
        }

        if (!context.CanInfer(out EquatableArray<int> input))
        {
            return null;
        }

        if (Shapes.SaturatingProduct(input) * outputDim.Value > LayerContext.MaxSampleSize)
        {
            return context.Overflow($"The output size of layer '{context.Name}'", Shapes.SaturatingProduct(input) * outputDim.Value, LayerContext.MaxSampleSize);
        }

        var output = new int[input.Count + 1];
        input.AsSpan().CopyTo(output);
        output[input.Count] = outputDim.Value;
        return context.Finish(new EmbeddingLayer(context.Place(input, output), inputDim.Value, outputDim.Value, arguments.Named("MaskZero", false).Value) { KernelRegularizer = regularizer });
    }

    /// <summary>Ids per sample.</summary>
    private int Positions => InputSize;

    public override IReadOnlyList<WeightSpec> Weights()
        => new[] { new WeightSpec("embeddings", new[] { InputDim, OutputDim }.ToEquatableArray(), Initializer.Uniform) };

    public override IEnumerable<LayerField> Fields()
    {
        yield return new LayerField(Invariant.Text($"{InputDim}×{OutputDim}"), Invariant.Text($"{InputDim}x{OutputDim}"));
        if (MaskZero)
        {
            yield return new LayerField("mask zero", "mask0");
        }
    }

    public override MaskUse MaskUse => MaskZero ? MaskUse.Produces : MaskUse.Drops;

    public override bool StreamsSteps => true;

    /// <summary><c>Embedding.Forward(n, positions, inputDim, outputDim, table, ids, y);</c></summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => writer.Line($"{Emitter.Runtime}.Embedding.Forward({call.Samples}, {Positions}, {InputDim}, {OutputDim}, {call.Weights.Slice(ParameterOffset, ParameterCount)}, {call.Input}, {call.Output});");

    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call) => WriteInference(writer, call.AsInference());

    /// <summary>∂table: each id's row sums ∂y where the id appears. The first layer: no ∂input.</summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        writer.Line($"{Emitter.Runtime}.Embedding.Backward(n, {Positions}, {InputDim}, {OutputDim}, {call.Input}, {call.Dz}, gradients.Slice({ParameterOffset}, {ParameterCount}));");
        return GradientRoute.InPlace;
    }
}
