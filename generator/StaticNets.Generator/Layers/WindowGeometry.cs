using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>A sliding window's arguments as written: its size and strides per axis and its padding.</summary>
internal readonly record struct WindowArguments(
    Argument<int> Height,
    Argument<int> Width,
    Argument<int> StrideHeight,
    Argument<int> StrideWidth,
    Argument<int> Padding,
    bool TwoDimensional);

/// <summary>
/// Keras's geometry of a sliding window (convolutions and pooling), shared by the layers that slide one:
/// Valid <c>out = floor((n − k) / s) + 1</c>; Same <c>out = ceil(n / s)</c> with <c>total = max(0, (out − 1)·s + k − n)</c>
/// padding, <c>total / 2</c> before and the rest after (bottom/right).
/// </summary>
internal static class WindowGeometry
{
    /// <summary>Window sizes and strides positive, padding a Padding member; one report per written argument.</summary>
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
        context.KnownPadding(window.Padding, Padding.Valid, Padding.Same);
    }

    /// <summary>The window over <paramref name="input"/>, or null after SN0016 when a Valid window does not fit.</summary>
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
        bool same = window.Padding.Value == (int)Padding.Same;

        (int Output, int Before)? rows = Axis(height, windowHeight, strideHeight, same);
        (int Output, int Before)? columns = Axis(width, windowWidth, strideWidth, same);
        if (rows is null || columns is null)
        {
            bool rowsFail = rows is null;
            context.Report(
                DiagnosticDescriptors.WindowLargerThanInput,
                rowsFail ? window.Height.Location : window.Width.Location,
                what,
                context.Name,
                twoDimensional ? Invariant.Text($"{windowHeight}×{windowWidth}") : Invariant.Text($"{windowWidth}"),
                twoDimensional ? "height × width" : "steps",
                twoDimensional ? Invariant.Text($"{height}×{width}") : Invariant.Text($"{width}"),
                Invariant.Text($"{(rowsFail ? height - windowHeight + 1 : width - windowWidth + 1)}"),
                !twoDimensional ? "steps" : rowsFail ? "rows" : "columns");
            return null;
        }

        return new WindowSpec(height, width, channels, windowHeight, windowWidth, strideHeight, strideWidth, rows.Value.Before, columns.Value.Before, rows.Value.Output, columns.Value.Output);
    }

    /// <summary>The output shape of a window layer: <c>(steps, c)</c> or <c>(height, width, c)</c>.</summary>
    public static int[] OutputShape(WindowSpec window, bool twoDimensional, int channels)
        => twoDimensional ? new[] { window.OutputHeight, window.OutputWidth, channels } : new[] { window.OutputWidth, channels };

    /// <summary>The window's size, stride and padding as comments and architecture keys show them.</summary>
    public static IEnumerable<LayerField> Fields(WindowSpec window, bool twoDimensional, Padding padding)
    {
        yield return new LayerField(
            twoDimensional ? Invariant.Text($"{window.WindowHeight}×{window.WindowWidth}") : Invariant.Text($"{window.WindowWidth}"),
            Invariant.Text($"{window.WindowHeight}x{window.WindowWidth}"));
        // One number when the strides agree: the key of every network from before per-axis strides stays the same.
        yield return window.StrideHeight == window.StrideWidth || !twoDimensional
            ? new LayerField(Invariant.Text($"stride {window.StrideWidth}"), Invariant.Text($"s{window.StrideWidth}"))
            : new LayerField(Invariant.Text($"stride {window.StrideHeight}×{window.StrideWidth}"), Invariant.Text($"s{window.StrideHeight}x{window.StrideWidth}"));
        yield return LayerField.Same(padding.ToString());
    }

    private static (int Output, int Before)? Axis(int n, int k, int stride, bool same)
    {
        if (same)
        {
            int output = (int)(((long)n + stride - 1) / stride);
            long total = System.Math.Max(0, (long)(output - 1) * stride + k - n);
            return (output, (int)(total / 2));
        }

        return n >= k ? ((n - k) / stride + 1, 0) : null;
    }
}
