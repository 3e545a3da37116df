using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Runtime;

/// <summary>
/// Global average and max pooling, channels last: <c>x</c>/<c>dx</c> hold <c>samples × positions × channels</c> floats
/// (the positions of a 1-D sequence or a flattened 2-D image) and <c>y</c>/<c>dy</c> <c>samples × channels</c>. Every
/// loop runs over the contiguous channel axis, so wide layers vectorise.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GlobalPooling
{
    /// <summary><c>y[n, c] = (1 / positions) · Σ_p x[n, p, c]</c>.</summary>
    public static void AverageForward(int samples, int positions, int channels, ReadOnlySpan<float> x, Span<float> y)
    {
        Check(samples, positions, channels, x.Length, nameof(x), y.Length, nameof(y));
        y.Clear();
        float scale = 1f / positions;
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        for (int n = 0; n < samples; n++)
        {
            ref float target = ref Unsafe.Add(ref py, (nint)n * channels);
            ref float sample = ref Unsafe.Add(ref px, (nint)n * positions * channels);
            for (int p = 0; p < positions; p++)
            {
                ChannelRuns.Add(ref target, ref Unsafe.Add(ref sample, (nint)p * channels), channels);
            }

            ChannelRuns.Scale(ref target, ref target, scale, channels);
        }
    }

    /// <summary>Overwrites <paramref name="dx"/>: <c>dx[n, p, c] = dy[n, c] / positions</c>.</summary>
    public static void AverageBackward(int samples, int positions, int channels, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Check(samples, positions, channels, dx.Length, nameof(dx), dy.Length, nameof(dy));
        float scale = 1f / positions;
        ref float pdx = ref MemoryMarshal.GetReference(dx);
        ref float pdy = ref MemoryMarshal.GetReference(dy);
        for (int n = 0; n < samples; n++)
        {
            ref float gradient = ref Unsafe.Add(ref pdy, (nint)n * channels);
            ref float sample = ref Unsafe.Add(ref pdx, (nint)n * positions * channels);
            for (int p = 0; p < positions; p++)
            {
                ChannelRuns.Scale(ref Unsafe.Add(ref sample, (nint)p * channels), ref gradient, scale, channels);
            }
        }
    }

    /// <summary>
    /// With an Embedding's mask (<paramref name="mask"/>: <c>samples × positions</c> ids, 0 = masked), as Keras:
    /// <c>y[n, c] = Σ_p m[n, p] · x[n, p, c] / Σ_p m[n, p]</c>, so a sample whose steps are all masked gives NaN (0 / 0).
    /// </summary>
    public static void AverageForwardMasked(int samples, int positions, int channels, ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y)
    {
        Check(samples, positions, channels, x.Length, nameof(x), y.Length, nameof(y));
        KernelChecks.Length(mask.Length, (long)samples * positions, nameof(mask), "samples × positions");
        y.Clear();
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        for (int n = 0; n < samples; n++)
        {
            ref float target = ref Unsafe.Add(ref py, (nint)n * channels);
            ref float sample = ref Unsafe.Add(ref px, (nint)n * positions * channels);
            int kept = 0;
            for (int p = 0; p < positions; p++)
            {
                if (mask[n * positions + p] != 0f)
                {
                    kept++;
                    ChannelRuns.Add(ref target, ref Unsafe.Add(ref sample, (nint)p * channels), channels);
                }
            }

            ChannelRuns.Scale(ref target, ref target, 1f / kept, channels);
        }
    }

    /// <summary>Overwrites <paramref name="dx"/>: <c>dx[n, p, c] = m[n, p] · dy[n, c] / Σ_p m[n, p]</c>.</summary>
    public static void AverageBackwardMasked(int samples, int positions, int channels, ReadOnlySpan<float> mask, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Check(samples, positions, channels, dx.Length, nameof(dx), dy.Length, nameof(dy));
        KernelChecks.Length(mask.Length, (long)samples * positions, nameof(mask), "samples × positions");
        ref float pdx = ref MemoryMarshal.GetReference(dx);
        ref float pdy = ref MemoryMarshal.GetReference(dy);
        for (int n = 0; n < samples; n++)
        {
            int kept = 0;
            for (int p = 0; p < positions; p++)
            {
                kept += mask[n * positions + p] != 0f ? 1 : 0;
            }

            ref float gradient = ref Unsafe.Add(ref pdy, (nint)n * channels);
            ref float sample = ref Unsafe.Add(ref pdx, (nint)n * positions * channels);
            for (int p = 0; p < positions; p++)
            {
                ChannelRuns.Scale(ref Unsafe.Add(ref sample, (nint)p * channels), ref gradient, mask[n * positions + p] != 0f ? 1f / kept : 0f, channels);
            }
        }
    }

    /// <summary><c>y[n, c] = max_p x[n, p, c]</c>.</summary>
    public static void MaxForward(int samples, int positions, int channels, ReadOnlySpan<float> x, Span<float> y)
    {
        Check(samples, positions, channels, x.Length, nameof(x), y.Length, nameof(y));
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        for (int n = 0; n < samples; n++)
        {
            // The positions as one window of `positions` rows and one column.
            ChannelRuns.WindowMax(ref Unsafe.Add(ref py, (nint)n * channels), ref Unsafe.Add(ref px, (nint)n * positions * channels), positions, 1, channels, channels);
        }
    }

    /// <summary>
    /// Overwrites <paramref name="dx"/>: each <c>dy[n, c]</c> goes to the first position <c>p</c> with
    /// <c>x[n, p, c] == y[n, c]</c>; every other entry is 0 (a NaN maximum routes nothing).
    /// </summary>
    public static void MaxBackward(int samples, int positions, int channels, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Check(samples, positions, channels, x.Length, nameof(x), y.Length, nameof(y));
        Check(samples, positions, channels, dx.Length, nameof(dx), dy.Length, nameof(dy));
        dx.Clear();
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float pdx = ref MemoryMarshal.GetReference(dx);
        ref float py = ref MemoryMarshal.GetReference(y);
        ref float pdy = ref MemoryMarshal.GetReference(dy);
        for (int n = 0; n < samples; n++)
        {
            nint sampleOffset = (nint)n * positions * channels;
            nint outOffset = (nint)n * channels;
            ChannelRuns.RouteWindowToFirstMax(
                ref Unsafe.Add(ref pdx, sampleOffset), ref Unsafe.Add(ref px, sampleOffset), positions, 1, channels,
                ref Unsafe.Add(ref py, outOffset), ref Unsafe.Add(ref pdy, outOffset), channels);
        }
    }

    private static void Check(int samples, int positions, int channels, int inputLength, string inputName, int outputLength, string outputName)
    {
        KernelChecks.Positive(samples, nameof(samples), allowZero: true);
        KernelChecks.Positive(positions, nameof(positions));
        KernelChecks.Positive(channels, nameof(channels));
        KernelChecks.Length(inputLength, (long)samples * positions * channels, inputName, "samples × positions × channels");
        KernelChecks.Length(outputLength, (long)samples * channels, outputName, "samples × channels");
    }
}
