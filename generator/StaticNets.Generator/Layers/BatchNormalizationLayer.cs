using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>BatchNormalization</c> over the last axis: <c>gamma · (x − mean) / sqrt(variance + epsilon) + beta</c>, with
/// the batch's mean and biased variance in training and the moving statistics at inference. Weights gamma, beta
/// (trainable), moving_mean, moving_variance (not); <c>TrainOnBatch</c>/<c>Fit</c> fold each step's batch statistics
/// into the moving ones (<c>moving · momentum + batch · (1 − momentum)</c>).
/// </summary>
internal sealed record BatchNormalizationLayer(LayerPlace Place, double Momentum, double Epsilon) : LayerSpec(Place)
{
    public override string KerasClass => "BatchNormalization";

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        Argument<double> momentum = arguments.Named("Momentum", 0.99);
        Argument<double> epsilon = arguments.Named("Epsilon", 1e-3);
        if (!(momentum.Value >= 0 && momentum.Value <= 1))
        {
            context.OutOfRange("Momentum", "in [0, 1]", Numbers.Text(momentum.Value), momentum.Location);
        }

        // The kernels compute in float: an epsilon that is 0 or infinite as a float is no epsilon.
        if (!(epsilon.Value > 0 && (float)epsilon.Value > 0 && (float)epsilon.Value <= float.MaxValue))
        {
            context.OutOfRange("Epsilon", "positive and finite as a float (at most 3.4E+38)", Numbers.Text(epsilon.Value), epsilon.Location);
        }

        return context.CanInfer(out EquatableArray<int> input)
            ? context.Finish(new BatchNormalizationLayer(context.Place(input, input.AsSpan().ToArray()), momentum.Value, epsilon.Value))
            : null;
    }

    private int Channels => InputFeatures;

    /// <summary>Rows of channels per sample: BatchNormalization normalises each channel over the batch and all positions.</summary>
    private int Positions => InputSize / Channels;

    public override IReadOnlyList<WeightSpec> Weights()
    {
        EquatableArray<int> shape = new[] { Channels }.ToEquatableArray();
        return new[]
        {
            new WeightSpec("gamma", shape, Initializer.Ones),
            new WeightSpec("beta", shape, Initializer.Zeros),
            new WeightSpec("moving_mean", shape, Initializer.Zeros, Trainable: false),
            new WeightSpec("moving_variance", shape, Initializer.Ones, Trainable: false),
        };
    }

    public override IEnumerable<LayerField> Fields()
    {
        yield return new LayerField("momentum " + Numbers.Text(Momentum), Numbers.Text(Momentum));
        yield return new LayerField("epsilon " + Numbers.Text(Epsilon), Numbers.Text(Epsilon));
    }

    public override int BatchStatisticsSize => 2 * Channels;

    public override bool NeedsWholeBatch => true;

    /// <summary>At inference each position on its own, with the moving statistics: streams in <c>Step</c>.</summary>
    public override bool StreamsSteps => true;

    /// <summary>With the moving statistics: <c>BatchNormalization.Inference(rows, channels, epsilon, gamma, beta, mean, variance, x, y);</c></summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => writer.Line($"{Emitter.Runtime}.BatchNormalization.Inference({call.Rows(Positions)}, {Channels}, {Numbers.FloatLiteral(Epsilon)}, {Slice(call.Weights, "gamma")}, {Slice(call.Weights, "beta")}, {Slice(call.Weights, "moving_mean")}, {Slice(call.Weights, "moving_variance")}, {call.Input}, {call.Output});");

    public override IEnumerable<(string Prefix, int PerSample)> TrainingScratch()
    {
        yield return ("h", OutputSize);
    }

    /// <summary>With the batch's statistics, kept in <c>_batchStatistics</c> (mean, then variance) and the normalised values in <c>h</c>.</summary>
    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call)
    {
        var w = new WeightsSource("w");
        string mean = Invariant.Text($"new global::System.Span<float>(_batchStatistics, {call.StatisticsOffset}, {Channels})");
        string variance = Invariant.Text($"new global::System.Span<float>(_batchStatistics, {call.StatisticsOffset + Channels}, {Channels})");
        writer.Line($"{Emitter.Runtime}.BatchNormalization.TrainingForward({Emitter.Times("n", Positions)}, {Channels}, {Numbers.FloatLiteral(Epsilon)}, {Slice(w, "gamma")}, {Slice(w, "beta")}, {call.Input}, {call.Scratch("h")}, {call.Z}, {mean}, {variance});");
    }

    /// <summary>∂gamma, ∂beta and ∂x through the batch statistics; the moving statistics' gradients are exactly 0.</summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        PlacedWeight gamma = Weight("gamma"), beta = Weight("beta"), mean = Weight("moving_mean");
        string variance = Invariant.Text($"new global::System.ReadOnlySpan<float>(_batchStatistics, {call.StatisticsOffset + Channels}, {Channels})");
        writer.Line($"{Emitter.Runtime}.BatchNormalization.Backward({Emitter.Times("n", Positions)}, {Channels}, {Numbers.FloatLiteral(Epsilon)}, w.Slice({gamma.Offset}, {Channels}), {variance}, {call.Scratch("h")}, {call.Dz}, {call.Dx}, gradients.Slice({gamma.Offset}, {Channels}), gradients.Slice({beta.Offset}, {Channels}));");
        writer.Line($"gradients.Slice({mean.Offset}, {2 * Channels}).Clear(); // moving statistics: not trained");
        return GradientRoute.NewBuffer;
    }

    /// <summary><c>BatchNormalization.UpdateMovingStatistics(channels, momentum, batch mean, batch variance, moving mean, moving variance);</c></summary>
    public override void WriteMovingStatisticsUpdate(IndentedTextWriter writer, int statisticsOffset)
    {
        PlacedWeight mean = Weight("moving_mean"), variance = Weight("moving_variance");
        writer.Line($"{Emitter.Runtime}.BatchNormalization.UpdateMovingStatistics({Channels}, {Numbers.FloatLiteral(Momentum)}, new global::System.ReadOnlySpan<float>(_batchStatistics, {statisticsOffset}, {Channels}), new global::System.ReadOnlySpan<float>(_batchStatistics, {statisticsOffset + Channels}, {Channels}), _parameters.Slice({mean.Offset}, {Channels}), _parameters.Slice({variance.Offset}, {Channels})); // {Name}");
    }

    /// <summary>A bias that reaches the normalisation unchanged is wasted: Dense/conv with a bias and a Linear activation right before.</summary>
    public override void Lint(LintContext context)
    {
        bool wastedBias = context.Previous switch
        {
            DenseLayer dense => dense.UseBias && dense.Activation == Activation.Linear,
            ConvolutionLayer convolution => convolution.UseBias && convolution.Activation == Activation.Linear,
            _ => false,
        };
        if (wastedBias)
        {
            context.Report(DiagnosticDescriptors.BiasBeforeBatchNormalization, context.PreviousArguments!.Location, context.Previous!.Name, Name);
        }
    }

    private string Slice(WeightsSource weights, string name) => weights.Slice(Weight(name).Offset, Channels);
}
