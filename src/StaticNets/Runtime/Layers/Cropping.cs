using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace StaticNets.Runtime;

/// <summary>
/// Keras Cropping2D, channels last: <c>x</c>/<c>dx</c> hold <c>samples × height × width × channels</c> floats (the
/// input's sizes) and <c>y</c>/<c>dy</c> <c>samples × (height − top − bottom) × (width − left − right) × channels</c>:
/// the input without its <c>top</c> first and <c>bottom</c> last rows and its <c>left</c> first and <c>right</c> last
/// columns. It undoes <see cref="ZeroPadding"/> with the same borders.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Cropping
{
    /// <summary>Overwrites <paramref name="y"/> with the window of <paramref name="x"/> that starts at row <c>top</c>, column <c>left</c>.</summary>
    public static void Forward(int samples, int height, int width, int channels, int top, int bottom, int left, int right,
        ReadOnlySpan<float> x, Span<float> y)
    {
        Check(samples, height, width, channels, top, bottom, left, right, x.Length, nameof(x), y.Length, nameof(y));
        if (samples == 0) return;
        InnerWindow.Extract(samples, height - top - bottom, width - left - right, channels, top, bottom, left, right,
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y));
    }

    /// <summary>Overwrites <paramref name="dx"/>: <paramref name="dy"/> in the cropped window, zeros on the cropped borders.</summary>
    public static void Backward(int samples, int height, int width, int channels, int top, int bottom, int left, int right,
        ReadOnlySpan<float> dy, Span<float> dx)
    {
        Check(samples, height, width, channels, top, bottom, left, right, dx.Length, nameof(dx), dy.Length, nameof(dy));
        if (samples == 0) return;
        InnerWindow.Embed(samples, height - top - bottom, width - left - right, channels, top, bottom, left, right,
            ref MemoryMarshal.GetReference(dy), ref MemoryMarshal.GetReference(dx));
    }

    private static void Check(int samples, int height, int width, int channels, int top, int bottom, int left, int right,
        int inputLength, string inputName, int outputLength, string outputName)
    {
        KernelChecks.Image(samples, height, width, channels);
        KernelChecks.Borders(top, bottom, left, right);
        // The output keeps at least one row and one column, as Keras requires.
        if ((long)top + bottom >= height || (long)left + right >= width)
        {
            throw new ArgumentException(
                $"Cropping ({top}, {bottom}) rows and ({left}, {right}) columns off a {height}×{width} input leaves no cells; at least one row and one column must remain.");
        }

        int input = KernelChecks.SampleSize(height, width, channels, "height × width × channels");
        int output = (height - top - bottom) * (width - left - right) * channels;
        KernelChecks.Length(inputLength, (long)samples * input, inputName, "samples × height × width × channels");
        KernelChecks.Length(outputLength, (long)samples * output, outputName, "samples × (height − top − bottom) × (width − left − right) × channels");
    }
}
