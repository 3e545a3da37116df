using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras <c>Conv2DTranspose</c>, channels last: every input cell scatters <c>kernel · x</c> over a kh×kw window of the
/// output, windows <c>s</c> apart, then <c>activation(sum + bias)</c>; kernel <c>(kh, kw, filters, cin)</c>. Output
/// <c>n·s</c> (Same) or <c>n·s + max(k − s, 0)</c> (Valid) per axis. The layer is the adjoint of the convolution from
/// its output to its input with the same kernel, strides and Keras "same" padding (<c>max(k − s, 0)</c> cells, half
/// before, the extra one after), so <see cref="Window"/> is that convolution's window: input = this layer's output,
/// outputs = this layer's input cells. Runs as a GEMM and a col2im scatter-add; backward is im2col of ∂z and two GEMMs.
/// </summary>
internal sealed record ConvolutionTransposeLayer(LayerPlace Place, int Filters, int InputChannels, WindowSpec Window, Padding Padding, Activation Activation, bool UseBias)
    : LayerSpec(Place)
{
    public override string KerasClass => "Conv2DTranspose";

    public override Activation Activation { get; } = Activation;

    /// <summary>Floats in the kernel: PatchSize (kh·kw·filters) × input channels.</summary>
    public int KernelSize => Window.PatchSize * InputChannels;

    /// <summary>Floats of im2col rows per sample: one window per input cell.</summary>
    private int RowsPerSample => Window.OutputPositions * Window.PatchSize;

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        Argument<int> filters = arguments.Constructor("filters", 0).Or(arguments.Location);
        Argument<int> size = arguments.Constructor("kernelSize", 0).Or(arguments.Location);
        Argument<int> activation = arguments.Constructor("activation", 0).Or(arguments.Location);
        Argument<int> strides = arguments.Named("Strides", 1).Or(arguments.Location);
        var window = new WindowArguments(
            arguments.Named("KernelHeight", size.Value).Or(size.Location),
            arguments.Named("KernelWidth", size.Value).Or(size.Location),
            arguments.Named("StridesHeight", strides.Value).Or(strides.Location),
            arguments.Named("StridesWidth", strides.Value).Or(strides.Location),
            arguments.Named("Padding", (int)Padding.Valid),
            TwoDimensional: true);
        bool useBias = arguments.Named("UseBias", true).Value;
        KernelRegularizer regularizer = KernelRegularizer.Read(arguments, context);

        context.Positive(filters, "Filters");
        context.KnownActivation(activation);
        WindowGeometry.CheckArguments(context, window, "Kernel");
        if (!context.CanInfer(out EquatableArray<int> input) || !context.RequireRank(input, 3, "Conv2DTranspose"))
        {
            return null;
        }

        var padding = (Padding)window.Padding.Value;
        (long height, int top) = Axis(input[0], window.Height.Value, window.StrideHeight.Value, padding);
        (long width, int left) = Axis(input[1], window.Width.Value, window.StrideWidth.Value, padding);
        if (System.Math.Max(height, width) > LayerContext.MaxSampleSize)
        {
            return context.Overflow($"The output size of layer '{context.Name}'", Numbers.SaturatingProduct(height, width, filters.Value), LayerContext.MaxSampleSize);
        }

        // Scratch per sample: one im2col row per input cell, and the kernel transposed.
        long patch = Numbers.SaturatingProduct(window.Height.Value, window.Width.Value, filters.Value);
        long columns = System.Math.Min(long.MaxValue / 2, Numbers.SaturatingProduct(input[0], input[1], patch)) + Numbers.SaturatingProduct(patch, input[2]);
        if (columns > LayerContext.MaxSampleSize)
        {
            return context.Overflow($"The im2col buffer of layer '{context.Name}' (input cells × window size, and the kernel)", columns, LayerContext.MaxSampleSize);
        }

        var geometry = new WindowSpec(
            (int)height, (int)width, filters.Value, window.Height.Value, window.Width.Value, window.StrideHeight.Value, window.StrideWidth.Value,
            top, left, input[0], input[1]);
        return context.Finish(new ConvolutionTransposeLayer(
            context.Place(input, (int)height, (int)width, filters.Value),
            filters.Value,
            input[2],
            geometry,
            padding,
            (Activation)activation.Value,
            useBias) { KernelRegularizer = regularizer });
    }

    /// <summary>
    /// Keras's output length along one axis and the cells the full scatter is cropped by before it: Valid
    /// <c>n·s + max(k − s, 0)</c>, nothing cropped; Same <c>n·s</c>, <c>max(k − s, 0) / 2</c> cropped before.
    /// </summary>
    private static (long Output, int Before) Axis(int n, int k, int s, Padding padding)
    {
        long total = System.Math.Max(0, (long)k - s);
        return padding == Padding.Same ? ((long)n * s, (int)(total / 2)) : ((long)n * s + total, 0);
    }

    public override IReadOnlyList<WeightSpec> Weights()
    {
        // Keras's fans for a (kh, kw, filters, cin) kernel: fan_in = kh·kw·filters, fan_out = kh·kw·cin.
        int receptive = Window.WindowHeight * Window.WindowWidth;
        WeightSpec kernel = WeightSpec.Kernel(receptive * Filters, receptive * InputChannels, Window.WindowHeight, Window.WindowWidth, Filters, InputChannels);
        return UseBias ? new[] { kernel, WeightSpec.Bias(Filters) } : new[] { kernel };
    }

    public override IEnumerable<LayerField> Fields()
    {
        yield return LayerField.Same(Invariant.Text($"{Filters}"));
        foreach (LayerField field in WindowGeometry.Fields(Window, twoDimensional: true, Padding))
        {
            yield return field;
        }

        yield return LayerField.Same(Activation.ToString());
        yield return UseBias ? new LayerField(null, "bias") : new LayerField("no bias", "nobias");
    }

    /// <summary>im2col rows per sample, then room for the transposed kernel (the frames hand out scratch per sample).</summary>
    public override int ColumnsPerSample => RowsPerSample + KernelSize;

    public override bool PrefersBatchKernels => true;

    /// <summary><c>ConvolutionTranspose.Forward(n, new Window2D(...), cin, x, kernel, bias, transposed, columns, y);</c></summary>
    public override void WriteInference(IndentedTextWriter writer, InferenceCall call)
        => WriteForward(writer, call.Samples, call.Input, call.Output, call.Columns, call.Weights);

    /// <summary>As inference, into this layer's workspace slice <c>c3</c> (reused by backward for im2col of ∂z).</summary>
    public override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call)
        => WriteForward(writer, "n", call.Input, call.Z, call.Scratch("c"), new WeightsSource("w"));

    public override IEnumerable<(string Prefix, int PerSample)> TrainingScratch()
    {
        yield return ("c", ColumnsPerSample);
    }

    private void WriteForward(IndentedTextWriter writer, string samples, string x, string y, string scratch, WeightsSource weights)
    {
        PlacedWeight kernel = Weight("kernel");
        string bias = UseBias ? weights.Slice(Weight("bias").Offset, Filters) : "default";
        string rows = Emitter.Times(samples, RowsPerSample);
        writer.Line($"{Emitter.Runtime}.ConvolutionTranspose.Forward({samples}, {Window.Expression}, {InputChannels}, {x}, {weights.Slice(kernel.Offset, kernel.Length)}, {bias}, {scratch}.Slice({rows}, {KernelSize}), {scratch}.Slice(0, {rows}), {y});");
    }

    /// <summary>
    /// <code>
    /// ConvolutionTranspose.Backward(n, window, cin, x, kernel, ∂z, ∂kernel, ∂bias, columns, ∂x);
    /// </code>
    /// </summary>
    public override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call)
    {
        PlacedWeight kernel = Weight("kernel");
        string biasGradient = UseBias ? Invariant.Text($"gradients.Slice({Weight("bias").Offset}, {Filters})") : "default";
        string columns = Invariant.Text($"{call.Scratch("c")}.Slice(0, {Emitter.Times("n", RowsPerSample)})");
        writer.Line($"{Emitter.Runtime}.ConvolutionTranspose.Backward(n, {Window.Expression}, {InputChannels}, {call.Input}, w.Slice({kernel.Offset}, {kernel.Length}), {call.Dz}, gradients.Slice({kernel.Offset}, {kernel.Length}), {biasGradient}, {columns}, {(call.IsFirst ? "default" : call.Dx)});");
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
