using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>Conv1D</c> and <c>Conv2D</c>, channels last: <c>activation(conv(x, kernel) + bias)</c> with kernel
/// <c>(k, cin, filters)</c> or <c>(kh, kw, cin, filters)</c>. Runs as im2col rows times the kernel in the runtime's GEMM
/// (a 1×1 stride-1 window multiplies the input directly); a 1-D layer is a 2-D one of height 1, whose window may be
/// dilated (<c>DilationRate</c>, the window's <c>DilationWidth</c>) and causally padded.
/// </summary>
internal sealed record ConvolutionLayer(LayerPlace Place, bool TwoDimensional, int Filters, WindowSpec Window, Padding Padding, Activation Activation, bool UseBias)
    : LayerSpec(Place)
{
    public override string KerasClass => TwoDimensional ? "Conv2D" : "Conv1D";

    public override Activation Activation { get; } = Activation;

    public int KernelSize => Window.PatchSize * Filters;

    public static LayerSpec? Build1D(LayerArguments arguments, LayerContext context) => Build(arguments, context, twoDimensional: false);

    public static LayerSpec? Build2D(LayerArguments arguments, LayerContext context) => Build(arguments, context, twoDimensional: true);

    private static LayerSpec? Build(LayerArguments arguments, LayerContext context, bool twoDimensional)
    {
        Argument<int> filters = arguments.Constructor("filters", 0).Or(arguments.Location);
        Argument<int> size = arguments.Constructor("kernelSize", 0).Or(arguments.Location);
        Argument<int> activation = arguments.Constructor("activation", 0).Or(arguments.Location);
        Argument<int> strides = arguments.Named("Strides", 1).Or(arguments.Location);
        var window = new WindowArguments(
            twoDimensional ? arguments.Named("KernelHeight", size.Value).Or(size.Location) : new Argument<int>(1, size.Location),
            twoDimensional ? arguments.Named("KernelWidth", size.Value).Or(size.Location) : size,
            twoDimensional ? arguments.Named("StridesHeight", strides.Value).Or(strides.Location) : strides,
            twoDimensional ? arguments.Named("StridesWidth", strides.Value).Or(strides.Location) : strides,
            arguments.Named("Padding", (int)Padding.Valid),
            twoDimensional)
        {
            // Conv1D only, as Keras's dilation_rate and padding="causal" are offered here.
            Dilation = twoDimensional ? new Argument<int>(1, null) : arguments.Named("DilationRate", 1),
            AllowsCausal = !twoDimensional,
        };
        bool useBias = arguments.Named("UseBias", true).Value;
        KernelRegularizer regularizer = KernelRegularizer.Read(arguments, context);

        context.Positive(filters, "Filters");
        context.KnownActivation(activation);
        WindowGeometry.CheckArguments(context, window, "Kernel");
        if (!context.CanInfer(out EquatableArray<int> input) || !context.RequireRank(input, twoDimensional ? 3 : 2, twoDimensional ? "Conv2D" : "Conv1D"))
        {
            return null;
        }

        WindowSpec? geometry = WindowGeometry.Infer(context, input, window, "kernel");
        if (geometry is null)
        {
            return null;
        }

        // Same padding lets a window exceed its input, so these products can pass long: they saturate instead.
        long columns = Numbers.SaturatingProduct(geometry.OutputHeight, geometry.OutputWidth, geometry.WindowHeight, geometry.WindowWidth, geometry.Channels);
        if (columns > LayerContext.MaxSampleSize)
        {
            return context.Overflow($"The im2col buffer of layer '{context.Name}' (windows × window size)", columns, LayerContext.MaxSampleSize);
        }

        return context.Finish(new ConvolutionLayer(
            context.Place(input, WindowGeometry.OutputShape(geometry, twoDimensional, filters.Value)),
            twoDimensional,
            filters.Value,
            geometry,
            (Padding)window.Padding.Value,
            (Activation)activation.Value,
            useBias) { KernelRegularizer = regularizer });
    }

    public override IReadOnlyList<WeightSpec> Weights()
    {
        // Keras glorot_uniform: fan_in = receptive field × input channels, fan_out = receptive field × filters.
        int receptive = Window.WindowHeight * Window.WindowWidth;
        int[] shape = TwoDimensional
            ? new[] { Window.WindowHeight, Window.WindowWidth, Window.Channels, Filters }
            : new[] { Window.WindowWidth, Window.Channels, Filters };
        WeightSpec kernel = WeightSpec.Kernel(Window.PatchSize, receptive * Filters, shape);
        return UseBias ? new[] { kernel, WeightSpec.Bias(Filters) } : new[] { kernel };
    }

    public override IEnumerable<LayerField> Fields()
    {
        yield return LayerField.Same(Invariant.Text($"{Filters}"));
        foreach (LayerField field in WindowGeometry.Fields(Window, TwoDimensional, Padding))
        {
            yield return field;
        }

        yield return LayerField.Same(Activation.ToString());
        yield return UseBias ? new LayerField(null, "bias") : new LayerField("no bias", "nobias");
    }

    /// <summary>im2col floats per sample; 0 for a pointwise convolution, which multiplies its input directly.</summary>
    public override int ColumnsPerSample => Window.IsPointwise ? 0 : Window.OutputPositions * Window.PatchSize;

    public override int TransposedKernelSize => KernelSize;

    public override bool PrefersBatchKernels => true;

    /// <summary>
    /// A Conv1D streams when a step's output needs no later step and the steps keep their rate: causal padding or a
    /// one-tap window, stride 1.
    /// </summary>
    public override bool StreamsSteps => !TwoDimensional && Window.StrideWidth == 1 && (Padding == Padding.Causal || Window.WindowWidth == 1);

    /// <summary>A causal Conv1D's stream keeps its last <c>d·(k − 1)</c> inputs: the window's reach into the past.</summary>
    public override int StateSize => StreamsSteps && Padding == Padding.Causal ? Window.DilationWidth * (Window.WindowWidth - 1) * Window.Channels : 0;

    /// <summary>
    /// <c>Convolution.Infer(n, new Window2D(...), filters, x, kernel, bias, columns, y);</c>, or in <c>Step</c>
    /// <c>Convolution.CausalStep(k, d, cin, filters, x, kernel, bias, state, columns, y);</c>
    /// </summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
    {
        if (call.State != "default")
        {
            writer.Line($"{Emitter.Runtime}.Convolution.CausalStep({Window.WindowWidth}, {Window.DilationWidth}, {Window.Channels}, {Filters}, {call.Input}, {call.Weights.Slice(Weight("kernel").Offset, KernelSize)}, {BiasSlice(call.Weights)}, {call.State}, {call.Columns}, {call.Output});");
            return;
        }

        WriteForward(writer, "Infer", call.Samples, call.Input, call.Output, ColumnsPerSample == 0 ? "default" : call.Columns, call.Weights);
    }

    /// <summary>
    /// As inference: the backward pass unfolds the im2col rows again from the layer's input, so nothing is kept
    /// (<c>c3</c> is scratch for a chunk of rows here and in the backward pass).
    /// </summary>
    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call)
        => WriteForward(writer, "Infer", "n", call.Input, call.Z, ColumnsPerSample > 0 ? call.Scratch("c") : "default", new WeightsSource("w"));

    public override IEnumerable<(string Prefix, int PerSample)> TrainingScratch()
    {
        if (ColumnsPerSample > 0)
        {
            yield return ("c", ColumnsPerSample);
        }
    }

    /// <summary><paramref name="method"/>: <c>Infer</c> (may skip im2col) or <c>Forward</c> (keeps the rows for backward).</summary>
    private void WriteForward(IndentedTextWriter writer, string method, string samples, string x, string y, string columns, WeightsSource weights)
    {
        PlacedWeight kernel = Weight("kernel");
        writer.Line($"{Emitter.Runtime}.Convolution.{method}({samples}, {Window.Expression}, {Filters}, {x}, {weights.Slice(kernel.Offset, kernel.Length)}, {BiasSlice(weights)}, {columns}, {y});");
    }

    private string BiasSlice(WeightsSource weights) => UseBias ? weights.Slice(Weight("bias").Offset, Filters) : "default";

    /// <summary>
    /// <code>
    /// Convolution.BackwardFromInput(n, window, filters, x, kernel, ∂z, ∂kernel, ∂bias, transposed kernel, columns, ∂x);
    /// </code>
    /// </summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        PlacedWeight kernel = Weight("kernel");
        string columns = ColumnsPerSample > 0 ? call.Scratch("c") : "default";
        string biasGradient = UseBias ? Invariant.Text($"gradients.Slice({Weight("bias").Offset}, {Filters})") : "default";
        string transposed = call.IsFirst ? "default" : Invariant.Text($"transposed.Slice(0, {KernelSize})");
        string inputGradient = call.IsFirst ? "default" : call.Dx;
        writer.Line($"{Emitter.Runtime}.Convolution.BackwardFromInput(n, {Window.Expression}, {Filters}, {call.Input}, w.Slice({kernel.Offset}, {kernel.Length}), {call.Dz}, gradients.Slice({kernel.Offset}, {kernel.Length}), {biasGradient}, {transposed}, {columns}, {inputGradient});");
        return GradientRoute.NewBuffer;
    }

    public override void Lint(LintContext context)
    {
        if (Activation == Activation.Softmax && OutputFeatures == 1)
        {
            context.Report(DiagnosticDescriptors.SoftmaxOnSingleUnit, context.Arguments.Constructor("activation", 0).Location, Name);
        }
    }
}
