using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// A sliding window's arguments as written: its size and strides per axis and its padding; for a Conv1D also its
/// dilation (along the steps) and the right to <c>Padding.Causal</c>.
/// </summary>
internal readonly record struct WindowArguments(
    Argument<int> Height,
    Argument<int> Width,
    Argument<int> StrideHeight,
    Argument<int> StrideWidth,
    Argument<int> Padding,
    bool TwoDimensional)
{
    /// <summary>Conv1D's <c>DilationRate</c>: steps between the window's taps. 1 (not written) for every other window.</summary>
    public Argument<int> Dilation { get; init; } = new(1, null);

    /// <summary>Whether <c>Padding.Causal</c> is allowed (Conv1D); elsewhere it is SN0021.</summary>
    public bool AllowsCausal { get; init; }
}

/// <summary>
/// Keras's geometry of a sliding window (convolutions and pooling), shared by the layers that slide one. With the
/// window's extent <c>e = d·(k − 1) + 1</c> (<c>e = k</c> unless a Conv1D is dilated): Valid
/// <c>out = floor((n − e) / s) + 1</c>; Same <c>out = ceil(n / s)</c> with <c>total = max(0, (out − 1)·s + e − n)</c>
/// padding, <c>total / 2</c> before and the rest after (bottom/right); Causal (Conv1D) <c>out = ceil(n / s)</c> with
/// all <c>e − 1</c> padding before.
/// </summary>
internal static class WindowGeometry
{
    /// <summary>
    /// Window sizes, strides and dilation positive (SN0004), padding a Padding member the layer takes (SN0019, or SN0021
    /// for <c>Padding.Causal</c> outside Conv1D); one report per written argument.
    /// </summary>
    public static void CheckArguments(LayerContext context, WindowArguments window, string what)
    {
        var reported = new HashSet<LocationInfo?>();
        void Check(Argument<int> value, string label)
        {
            if (value.Value <= 0 && reported.Add(value.Location))
            {
                context.Positive(value, label);
            }
        }

        // [Conv2D(8, 0)] sets height and width (and a pool size the strides) from one argument: report it once.
        bool oneSize = window.Height.Location == window.Width.Location;
        if (window.TwoDimensional)
        {
            Check(window.Height, what + (oneSize ? " size" : " height"));
        }

        Check(window.Width, window.TwoDimensional && !oneSize ? what + " width" : what + " size");
        bool oneStride = window.StrideHeight.Location == window.StrideWidth.Location;
        if (window.TwoDimensional)
        {
            Check(window.StrideHeight, oneStride ? "Strides" : "StridesHeight");
        }

        Check(window.StrideWidth, window.TwoDimensional && !oneStride ? "StridesWidth" : "Strides");
        Check(window.Dilation, "DilationRate");
        if (window.Padding.Value == (int)Padding.Causal && !window.AllowsCausal)
        {
            string kind = context.Arguments.AttributeName.EndsWith("Attribute", System.StringComparison.Ordinal)
                ? context.Arguments.AttributeName.Substring(0, context.Arguments.AttributeName.Length - "Attribute".Length)
                : context.Arguments.AttributeName;
            context.Report(DiagnosticDescriptors.CausalPaddingOutsideConv1D, window.Padding.Location, context.Name, kind);
        }
        else if (window.AllowsCausal)
        {
            context.KnownPadding(window.Padding, Padding.Valid, Padding.Same, Padding.Causal);
        }
        else
        {
            context.KnownPadding(window.Padding, Padding.Valid, Padding.Same);
        }
    }

    /// <summary>
    /// The window over <paramref name="input"/>, or null after SN0016 when a Valid window does not fit (on the window
    /// size, or on the dilation when only the dilated window is too wide), or SN0009 when a padded window reaches past
    /// what the runtime's int indices address.
    /// </summary>
    public static WindowSpec? Infer(LayerContext context, EquatableArray<int> input, WindowArguments window, string what)
    {
        bool twoDimensional = window.TwoDimensional;
        int height = twoDimensional ? input[0] : 1;
        int width = twoDimensional ? input[1] : input[0];
        int channels = input[input.Count - 1];
        int windowHeight = twoDimensional ? window.Height.Value : 1;
        int windowWidth = window.Width.Value;
        int strideWidth = window.StrideWidth.Value;
        int strideHeight = twoDimensional ? window.StrideHeight.Value : strideWidth;
        int dilation = window.Dilation.Value;
        var padding = (Padding)window.Padding.Value;

        (int Output, int Before)? rows = Axis(height, windowHeight, strideHeight, 1, padding);
        (int Output, int Before)? columns = Axis(width, windowWidth, strideWidth, dilation, padding);
        if (rows is null || columns is null)
        {
            bool rowsFail = rows is null;
            long extent = Extent(windowWidth, dilation);
            bool dilationFails = !rowsFail && dilation != 1 && windowWidth <= width;
            context.Report(
                DiagnosticDescriptors.WindowLargerThanInput,
                rowsFail ? window.Height.Location : dilationFails ? window.Dilation.Location ?? window.Width.Location : window.Width.Location,
                what,
                context.Name,
                twoDimensional ? Invariant.Text($"{windowHeight}×{windowWidth}")
                    : dilation != 1 ? Invariant.Text($"{windowWidth} with DilationRate {Numbers.WithSeparators(dilation)}: {Numbers.WithSeparators(extent)} steps")
                    : Invariant.Text($"{windowWidth}"),
                twoDimensional ? "height × width" : "steps",
                twoDimensional ? Invariant.Text($"{height}×{width}") : Invariant.Text($"{width}"),
                Numbers.WithSeparators(rowsFail ? (long)height - windowHeight + 1 : width - extent + 1),
                !twoDimensional ? "steps" : rowsFail ? "rows" : "columns");
            return null;
        }

        // The runtime indexes the last cell of the last window as an int, (out − 1)·s + e along each axis, and refuses
        // geometry where that does not fit. A Same-padded pooling window of int.MaxValue at stride 1, or a dilated
        // window of a few taps int.MaxValue apart, passes every size limit but that one.
        long rowReach = (long)(rows.Value.Output - 1) * strideHeight + windowHeight;
        long columnReach = (long)(columns.Value.Output - 1) * strideWidth + Extent(windowWidth, dilation);
        if (rowReach > int.MaxValue || columnReach > int.MaxValue)
        {
            bool rowsFail = rowReach > int.MaxValue;
            bool dilationFails = !rowsFail && (long)(columns.Value.Output - 1) * strideWidth + windowWidth <= int.MaxValue;
            context.Report(
                DiagnosticDescriptors.SizeOverflow,
                rowsFail ? window.Height.Location : dilationFails ? window.Dilation.Location ?? window.Width.Location : window.Width.Location,
                $"The reach of the {what} window of layer '{context.Name}' ((outputs − 1) · stride + window span, along its {(!twoDimensional ? "steps" : rowsFail ? "rows" : "columns")})",
                context.NetworkName,
                Numbers.WithSeparators(rowsFail ? rowReach : columnReach),
                Numbers.WithSeparators(int.MaxValue));
            return null;
        }

        return new WindowSpec(height, width, channels, windowHeight, windowWidth, strideHeight, strideWidth, rows.Value.Before, columns.Value.Before, rows.Value.Output, columns.Value.Output, DilationWidth: dilation);
    }

    /// <summary>The output shape of a window layer: <c>(steps, c)</c> or <c>(height, width, c)</c>.</summary>
    public static int[] OutputShape(WindowSpec window, bool twoDimensional, int channels)
        => twoDimensional ? new[] { window.OutputHeight, window.OutputWidth, channels } : new[] { window.OutputWidth, channels };

    /// <summary>
    /// The window's size, stride, dilation (only when not 1) and padding as comments and architecture keys show them.
    /// A dense window's fields are the ones every network had before dilation: its key must not change.
    /// </summary>
    public static IEnumerable<LayerField> Fields(WindowSpec window, bool twoDimensional, Padding padding)
    {
        yield return new LayerField(
            twoDimensional ? Invariant.Text($"{window.WindowHeight}×{window.WindowWidth}") : Invariant.Text($"{window.WindowWidth}"),
            Invariant.Text($"{window.WindowHeight}x{window.WindowWidth}"));
        // One number when the strides agree: the key of every network from before per-axis strides stays the same.
        yield return window.StrideHeight == window.StrideWidth || !twoDimensional
            ? new LayerField(Invariant.Text($"stride {window.StrideWidth}"), Invariant.Text($"s{window.StrideWidth}"))
            : new LayerField(Invariant.Text($"stride {window.StrideHeight}×{window.StrideWidth}"), Invariant.Text($"s{window.StrideHeight}x{window.StrideWidth}"));
        if (window.DilationWidth != 1)
        {
            yield return new LayerField(Invariant.Text($"dilation {window.DilationWidth}"), Invariant.Text($"d{window.DilationWidth}"));
        }

        yield return LayerField.Same(padding.ToString());
    }

    /// <summary>The cells a window of <paramref name="k"/> taps <paramref name="dilation"/> apart spans: <c>d·(k − 1) + 1</c>.</summary>
    private static long Extent(int k, int dilation) => (long)dilation * (k - 1) + 1;

    private static (int Output, int Before)? Axis(int n, int k, int stride, int dilation, Padding padding)
    {
        long extent = Extent(k, dilation);
        if (padding == Padding.Valid)
        {
            return n >= extent ? ((int)((n - extent) / stride + 1), 0) : null;
        }

        int output = (int)(((long)n + stride - 1) / stride);
        if (padding == Padding.Causal)
        {
            // Everything before: output t sees input steps up to t·s only. Bounded by the reach check.
            return (output, (int)System.Math.Min(extent - 1, int.MaxValue));
        }

        long total = System.Math.Max(0, (long)(output - 1) * stride + extent - n);
        return (output, (int)System.Math.Min(total / 2, int.MaxValue));
    }
}
