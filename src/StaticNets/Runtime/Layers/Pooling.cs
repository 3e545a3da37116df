using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Runtime;

/// <summary>
/// Windowed max and average pooling, channels last (global pooling is <see cref="GlobalPooling"/>): <c>x</c>/<c>dx</c>
/// hold <c>samples · InputSize</c> floats and <c>y</c>/<c>dy</c> <c>samples · OutputPositions · Channels</c>, rows in
/// <c>(n, oh, ow)</c> order. Every loop runs over the contiguous channel axis, so wide layers vectorise.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Pooling
{
    /// <summary>
    /// <c>y[n, oh, ow, c]</c> = the maximum of <c>x</c> over the window's input cells; padding cells count as −∞ and never
    /// win (a window with no input cell, impossible with Keras geometry, gives −∞).
    /// </summary>
    public static void MaxForward(int samples, in Window2D window, ReadOnlySpan<float> x, Span<float> y)
    {
        CheckWindowed(samples, window, x.Length, nameof(x), y.Length, nameof(y));
        int c = window.Channels;
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float out0 = ref MemoryMarshal.GetReference(y);
        for (int n = 0; n < samples; n++)
        {
            ref float sample = ref Unsafe.Add(ref px, (nint)n * window.InputSize);
            for (int oh = 0; oh < window.OutputHeight; oh++)
            {
                for (int ow = 0; ow < window.OutputWidth; ow++)
                {
                    ref float target = ref Unsafe.Add(ref out0, ((nint)n * window.OutputPositions + oh * window.OutputWidth + ow) * c);
                    Cells cells = new(window, oh, ow);
                    if (cells.IsEmpty)
                    {
                        MemoryMarshal.CreateSpan(ref target, c).Fill(float.NegativeInfinity);
                        continue;
                    }

                    // All channels of a window at once, one register per vector of channels: no pass over the output per cell.
                    ChannelRuns.WindowMax(
                        ref target, ref Unsafe.Add(ref sample, (cells.Row0 * window.Width + cells.Col0) * c),
                        cells.Row1 - cells.Row0, cells.Col1 - cells.Col0, window.Width * c, c);
                }
            }
        }
    }

    /// <summary>
    /// Overwrites <paramref name="dx"/> with the max-pooling gradient: each <c>dy[n, oh, ow, c]</c> goes to the first
    /// input cell of its window, in row-major window order, whose value equals <c>y[n, oh, ow, c]</c> (TensorFlow routes
    /// to one argmax). Overlapping windows add up. A window whose maximum is NaN (so no cell equals it) routes nothing.
    /// </summary>
    public static void MaxBackward(int samples, in Window2D window, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        CheckWindowed(samples, window, x.Length, nameof(x), y.Length, nameof(y));
        CheckWindowed(samples, window, dx.Length, nameof(dx), dy.Length, nameof(dy));
        int c = window.Channels;
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float pdx = ref MemoryMarshal.GetReference(dx);
        ref float py = ref MemoryMarshal.GetReference(y);
        ref float pdy = ref MemoryMarshal.GetReference(dy);
        for (int n = 0; n < samples; n++)
        {
            nint sampleOffset = (nint)n * window.InputSize;
            ClearSample(ref Unsafe.Add(ref pdx, sampleOffset), window.InputSize);
            for (int oh = 0; oh < window.OutputHeight; oh++)
            {
                for (int ow = 0; ow < window.OutputWidth; ow++)
                {
                    nint outOffset = ((nint)n * window.OutputPositions + oh * window.OutputWidth + ow) * c;
                    Cells cells = new(window, oh, ow);
                    if (cells.IsEmpty) continue;
                    nint origin = sampleOffset + (cells.Row0 * window.Width + cells.Col0) * c;
                    ChannelRuns.RouteWindowToFirstMax(
                        ref Unsafe.Add(ref pdx, origin), ref Unsafe.Add(ref px, origin),
                        cells.Row1 - cells.Row0, cells.Col1 - cells.Col0, window.Width * c,
                        ref Unsafe.Add(ref py, outOffset), ref Unsafe.Add(ref pdy, outOffset), c);
                }
            }
        }
    }

    /// <summary>
    /// <c>y[n, oh, ow, c]</c> = the mean of <c>x</c> over the window's input cells only: padding cells are neither added
    /// nor counted (Keras "same" average pooling). A window with no input cell gives 0.
    /// </summary>
    public static void AverageForward(int samples, in Window2D window, ReadOnlySpan<float> x, Span<float> y)
    {
        CheckWindowed(samples, window, x.Length, nameof(x), y.Length, nameof(y));
        y.Clear();
        int c = window.Channels;
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float out0 = ref MemoryMarshal.GetReference(y);
        for (int n = 0; n < samples; n++)
        {
            ref float sample = ref Unsafe.Add(ref px, (nint)n * window.InputSize);
            for (int oh = 0; oh < window.OutputHeight; oh++)
            {
                for (int ow = 0; ow < window.OutputWidth; ow++)
                {
                    ref float target = ref Unsafe.Add(ref out0, ((nint)n * window.OutputPositions + oh * window.OutputWidth + ow) * c);
                    Cells cells = new(window, oh, ow);
                    if (cells.IsEmpty) continue;
                    for (int r = cells.Row0; r < cells.Row1; r++)
                    {
                        // A window row of real cells is one contiguous run of channels, summed as one vector run per cell.
                        for (int col = cells.Col0; col < cells.Col1; col++)
                        {
                            ChannelRuns.Add(ref target, ref Unsafe.Add(ref sample, (r * window.Width + col) * c), c);
                        }
                    }

                    ChannelRuns.Scale(ref target, ref target, 1f / cells.Count, c);
                }
            }
        }
    }

    /// <summary>
    /// Overwrites <paramref name="dx"/> with the average-pooling gradient: each input cell of a window receives
    /// <c>dy / (number of input cells in that window)</c>; overlapping windows add up.
    /// </summary>
    public static void AverageBackward(int samples, in Window2D window, ReadOnlySpan<float> dy, Span<float> dx)
    {
        CheckWindowed(samples, window, dx.Length, nameof(dx), dy.Length, nameof(dy));
        int c = window.Channels;
        ref float pdx = ref MemoryMarshal.GetReference(dx);
        ref float pdy = ref MemoryMarshal.GetReference(dy);
        for (int n = 0; n < samples; n++)
        {
            ref float sample = ref Unsafe.Add(ref pdx, (nint)n * window.InputSize);
            ClearSample(ref sample, window.InputSize);
            for (int oh = 0; oh < window.OutputHeight; oh++)
            {
                for (int ow = 0; ow < window.OutputWidth; ow++)
                {
                    ref float gradient = ref Unsafe.Add(ref pdy, ((nint)n * window.OutputPositions + oh * window.OutputWidth + ow) * c);
                    Cells cells = new(window, oh, ow);
                    if (cells.IsEmpty) continue;
                    float share = 1f / cells.Count;
                    for (int r = cells.Row0; r < cells.Row1; r++)
                    {
                        for (int col = cells.Col0; col < cells.Col1; col++)
                        {
                            ChannelRuns.AddScaled(ref Unsafe.Add(ref sample, (r * window.Width + col) * c), ref gradient, share, c);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Zeroes one sample of ∂x just before its windows add into it, so the cleared lines are still in cache (clearing a
    /// whole large batch first streams it through memory twice); windows never reach into another sample.
    /// </summary>
    private static void ClearSample(ref float sample, int inputSize) => MemoryMarshal.CreateSpan(ref sample, inputSize).Clear();

    private static void CheckWindowed(int samples, in Window2D window, int inputLength, string inputName, int outputLength, string outputName)
    {
        KernelChecks.Window(window, samples);
        KernelChecks.Dense(window);
        KernelChecks.Length(inputLength, (long)samples * window.InputSize, inputName, "samples × InputSize");
        KernelChecks.Length(outputLength, (long)samples * window.OutputPositions * window.Channels, outputName, "samples × OutputPositions × Channels");
    }

    /// <summary>The input cells <c>[Row0, Row1) × [Col0, Col1)</c> that one output position's window covers.</summary>
    private readonly struct Cells
    {
        public readonly int Row0, Row1, Col0, Col1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Cells(in Window2D w, int oh, int ow)
        {
            int top = oh * w.StrideHeight - w.PadTop, left = ow * w.StrideWidth - w.PadLeft;
            (int i0, int i1) = Convolution.ClipRange(top, w.WindowHeight, w.Height);
            (int j0, int j1) = Convolution.ClipRange(left, w.WindowWidth, w.Width);
            (Row0, Row1, Col0, Col1) = (top + i0, top + i1, left + j0, left + j1);
        }

        public bool IsEmpty => Row0 >= Row1 || Col0 >= Col1;

        public int Count => (Row1 - Row0) * (Col1 - Col0);
    }
}
