using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace StaticNets.Runtime;

/// <summary>
/// Keras ZeroPadding2D, channels last: <c>x</c>/<c>dx</c> hold <c>samples × height × width × channels</c> floats (the
/// input's sizes) and <c>y</c>/<c>dy</c> <c>samples × (height + top + bottom) × (width + left + right) × channels</c>,
/// with <c>top</c> zero rows above the input, <c>bottom</c> below, <c>left</c> zero columns before it and <c>right</c>
/// after. <see cref="Cropping"/> with the same borders undoes it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ZeroPadding
{
    /// <summary>Overwrites <paramref name="y"/>: <paramref name="x"/> at row <c>top</c>, column <c>left</c>, zeros around it.</summary>
    public static void Forward(int samples, int height, int width, int channels, int top, int bottom, int left, int right,
        ReadOnlySpan<float> x, Span<float> y)
    {
        Check(samples, height, width, channels, top, bottom, left, right, x.Length, nameof(x), y.Length, nameof(y));
        if (samples == 0) return;
        InnerWindow.Embed(samples, height, width, channels, top, bottom, left, right,
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y));
    }

    /// <summary>Overwrites <paramref name="dx"/> with the inner window of <paramref name="dy"/>: the gradient of the padding is dropped.</summary>
    public static void Backward(int samples, int height, int width, int channels, int top, int bottom, int left, int right,
        ReadOnlySpan<float> dy, Span<float> dx)
    {
        Check(samples, height, width, channels, top, bottom, left, right, dx.Length, nameof(dx), dy.Length, nameof(dy));
        if (samples == 0) return;
        InnerWindow.Extract(samples, height, width, channels, top, bottom, left, right,
            ref MemoryMarshal.GetReference(dy), ref MemoryMarshal.GetReference(dx));
    }

    private static void Check(int samples, int height, int width, int channels, int top, int bottom, int left, int right,
        int inputLength, string inputName, int outputLength, string outputName)
    {
        KernelChecks.Image(samples, height, width, channels);
        KernelChecks.Borders(top, bottom, left, right);
        int input = KernelChecks.SampleSize(height, width, channels, "height × width × channels");
        const string OutputShape = "(height + top + bottom) × (width + left + right) × channels";
        int output = KernelChecks.SampleSize((long)height + top + bottom, (long)width + left + right, channels, OutputShape);
        KernelChecks.Length(inputLength, (long)samples * input, inputName, "samples × height × width × channels");
        KernelChecks.Length(outputLength, (long)samples * output, outputName, "samples × " + OutputShape);
    }
}
