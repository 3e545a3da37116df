using System;
using System.Diagnostics.CodeAnalysis;

namespace StaticNets.Runtime;

/// <summary>Entry checks shared by the layer kernels: window geometry, sample sizes and span lengths, each message written once.</summary>
internal static class KernelChecks
{
    /// <summary>
    /// Throws unless every size of <paramref name="window"/> (both strides and dilations included) is positive and both
    /// paddings are non-negative.
    /// </summary>
    public static void Window(in Window2D window, int samples)
    {
        if (samples < 0) ThrowPositive("samples", samples, allowZero: true);
        if (window.Height <= 0 || window.Width <= 0 || window.Channels <= 0
            || window.WindowHeight <= 0 || window.WindowWidth <= 0 || window.StrideHeight <= 0 || window.StrideWidth <= 0
            || window.DilationHeight <= 0 || window.DilationWidth <= 0
            || window.OutputHeight <= 0 || window.OutputWidth <= 0 || window.PadTop < 0 || window.PadLeft < 0)
        {
            throw new ArgumentException(
                $"Invalid window geometry: input {window.Height}×{window.Width}×{window.Channels}, window {window.WindowHeight}×{window.WindowWidth}, " +
                $"strides {window.StrideHeight}×{window.StrideWidth}, dilations {window.DilationHeight}×{window.DilationWidth}, " +
                $"padding ({window.PadTop}, {window.PadLeft}), output {window.OutputHeight}×{window.OutputWidth}; " +
                "sizes must be positive and paddings non-negative.",
                nameof(window));
        }

        // Window2D's sizes are int products, and a window's rows and columns are reached as oh·StrideHeight + i·DilationHeight
        // and ow·StrideWidth + j·DilationWidth: geometry whose products or extents do not fit an int would index past the spans.
        if (Product(window.Height, window.Width, window.Channels) > int.MaxValue
            || Product(window.WindowHeight, window.WindowWidth, window.Channels) > int.MaxValue
            || Product(window.OutputHeight, window.OutputWidth, window.Channels) > int.MaxValue
            || Product(window.OutputHeight, window.OutputWidth, window.WindowHeight, window.WindowWidth) > int.MaxValue
            || (long)(window.OutputHeight - 1) * window.StrideHeight + (long)(window.WindowHeight - 1) * window.DilationHeight + 1 > int.MaxValue
            || (long)(window.OutputWidth - 1) * window.StrideWidth + (long)(window.WindowWidth - 1) * window.DilationWidth + 1 > int.MaxValue)
        {
            throw new ArgumentException(
                $"Window geometry too large: input {window.Height}×{window.Width}×{window.Channels}, window {window.WindowHeight}×{window.WindowWidth}, " +
                $"strides {window.StrideHeight}×{window.StrideWidth}, dilations {window.DilationHeight}×{window.DilationWidth}, " +
                $"output {window.OutputHeight}×{window.OutputWidth}; its sizes must fit an int.",
                nameof(window));
        }
    }

    /// <summary>Throws unless both dilations of <paramref name="window"/> are 1 (pooling windows are dense, as in Keras).</summary>
    public static void Dense(in Window2D window)
    {
        if (!window.IsDense)
        {
            throw new ArgumentException(
                $"A pooling window is dense, but this one has dilations {window.DilationHeight}×{window.DilationWidth}.", nameof(window));
        }
    }

    /// <summary>Throws unless <paramref name="samples"/> is non-negative and the image sizes are positive.</summary>
    public static void Image(int samples, int height, int width, int channels)
    {
        Positive(samples, nameof(samples), allowZero: true);
        Positive(height, nameof(height));
        Positive(width, nameof(width));
        Positive(channels, nameof(channels));
    }

    /// <summary>Throws unless every border (rows added or removed above and below, columns left and right) is non-negative.</summary>
    public static void Borders(int top, int bottom, int left, int right)
    {
        Positive(top, nameof(top), allowZero: true);
        Positive(bottom, nameof(bottom), allowZero: true);
        Positive(left, nameof(left), allowZero: true);
        Positive(right, nameof(right), allowZero: true);
    }

    /// <summary>
    /// Returns the floats in one channels-last sample of <c>rows × columns × channels</c> (non-negative sizes, rows and
    /// columns possibly computed in 64 bits), or throws when that does not fit an int. Kernels index within a sample in
    /// int arithmetic, and <c>samples ×</c> this size then cannot wrap the long a length is compared with.
    /// </summary>
    public static int SampleSize(long rows, long columns, int channels, string shape)
    {
        if (rows > int.MaxValue || columns > int.MaxValue || rows * columns > int.MaxValue || rows * columns * channels > int.MaxValue)
        {
            throw new ArgumentException($"One sample of {shape} = {rows}×{columns}×{channels} floats is too large: its size must fit an int.");
        }

        return (int)(rows * columns * channels);
    }

    /// <summary>Throws unless <paramref name="value"/> is positive (or zero, when allowed).</summary>
    public static void Positive(int value, string name, bool allowZero = false)
    {
        if (value < 0 || (value == 0 && !allowZero)) ThrowPositive(name, value, allowZero);
    }

    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/> (computed in 64 bits so it cannot wrap).</summary>
    public static void Length(int actual, long expected, string name, string shape)
    {
        if (actual != expected) ThrowLength(actual, expected, name, shape);
    }

    /// <summary>Like <see cref="Length"/>, but an empty span is also accepted (an optional operand such as a bias).</summary>
    public static void LengthOrEmpty(int actual, long expected, string name, string shape)
    {
        if (actual != 0 && actual != expected) ThrowLength(actual, expected, name, shape + " or empty");
    }

    /// <summary>
    /// The product of positive factors, or a value above <see cref="int.MaxValue"/> once a partial product passes it:
    /// each step multiplies two values below 2³¹, so nothing wraps.
    /// </summary>
    private static long Product(int a, int b, int c, int d = 1)
    {
        long product = (long)a * b;
        if (product > int.MaxValue) return product;
        product *= c;
        return product > int.MaxValue ? product : product * d;
    }

    [DoesNotReturn]
    private static void ThrowLength(int actual, long expected, string name, string shape)
        => throw new ArgumentException($"Expected {expected} values in {name} ({shape}), but got {actual}.", name);

    [DoesNotReturn]
    private static void ThrowPositive(string name, int value, bool allowZero)
        => throw new ArgumentOutOfRangeException(name, value, allowZero ? $"{name} must not be negative." : $"{name} must be positive.");
}
