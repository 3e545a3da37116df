using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Runtime;

/// <summary>
/// Keras UpSampling1D/UpSampling2D (nearest neighbour), channels last: <c>x</c>/<c>dx</c> hold
/// <c>samples × height × width × channels</c> floats and <c>y</c>/<c>dy</c>
/// <c>samples × (height · sizeHeight) × (width · sizeWidth) × channels</c>; input cell <c>(r, c)</c> fills the output
/// block of rows <c>r · sizeHeight + i</c> and columns <c>c · sizeWidth + j</c>. 1-D layers use
/// <c>height = sizeHeight = 1</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class UpSampling
{
    /// <summary>Overwrites <paramref name="y"/>: every cell of <paramref name="x"/> repeated over its <c>sizeHeight × sizeWidth</c> block.</summary>
    public static void Forward(int samples, int height, int width, int channels, int sizeHeight, int sizeWidth, ReadOnlySpan<float> x, Span<float> y)
    {
        Check(samples, height, width, channels, sizeHeight, sizeWidth, x.Length, nameof(x), y.Length, nameof(y));
        if (samples == 0) return;
        int inputRow = width * channels, outputRow = inputRow * sizeWidth;
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(y);
        for (int row = 0; row < samples * height; row++)
        {
            // The block's first row: each cell's channels sizeWidth times; the block's other rows repeat it whole.
            ref float cell = ref target;
            for (int col = 0; col < width; col++)
            {
                ref float channelsOfCell = ref Unsafe.Add(ref source, col * channels);
                for (int j = 0; j < sizeWidth; j++, cell = ref Unsafe.Add(ref cell, channels))
                {
                    ChannelRuns.Copy(ref cell, ref channelsOfCell, channels);
                }
            }

            for (int i = 1; i < sizeHeight; i++)
            {
                ChannelRuns.Copy(ref Unsafe.Add(ref target, i * outputRow), ref target, outputRow);
            }

            source = ref Unsafe.Add(ref source, inputRow);
            target = ref Unsafe.Add(ref target, sizeHeight * outputRow);
        }
    }

    /// <summary>
    /// Overwrites <paramref name="dx"/>: each cell gets the sum of <paramref name="dy"/> over its block, added in
    /// row-major block order (<c>(0, 0)</c>, <c>(0, 1)</c>, …, <c>(1, 0)</c>, …) whatever the vector width, so results are
    /// the same on every machine.
    /// </summary>
    public static void Backward(int samples, int height, int width, int channels, int sizeHeight, int sizeWidth, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Check(samples, height, width, channels, sizeHeight, sizeWidth, dx.Length, nameof(dx), dy.Length, nameof(dy));
        if (samples == 0) return;
        int inputRow = width * channels, outputRow = inputRow * sizeWidth;
        ref float gradient = ref MemoryMarshal.GetReference(dy);
        ref float target = ref MemoryMarshal.GetReference(dx);
        for (int row = 0; row < samples * height; row++)
        {
            // Block row by block row, so dy streams through once; each cell still adds its block in row-major order.
            for (int i = 0; i < sizeHeight; i++)
            {
                ref float block = ref gradient;
                for (int col = 0; col < width; col++)
                {
                    ref float cell = ref Unsafe.Add(ref target, col * channels);
                    int j = 0;
                    if (i == 0)
                    {
                        ChannelRuns.Copy(ref cell, ref block, channels);
                        j = 1;
                    }

                    for (; j < sizeWidth; j++)
                    {
                        ChannelRuns.Add(ref cell, ref Unsafe.Add(ref block, j * channels), channels);
                    }

                    block = ref Unsafe.Add(ref block, sizeWidth * channels);
                }

                gradient = ref Unsafe.Add(ref gradient, outputRow);
            }

            target = ref Unsafe.Add(ref target, inputRow);
        }
    }

    private static void Check(int samples, int height, int width, int channels, int sizeHeight, int sizeWidth,
        int inputLength, string inputName, int outputLength, string outputName)
    {
        KernelChecks.Image(samples, height, width, channels);
        KernelChecks.Positive(sizeHeight, nameof(sizeHeight));
        KernelChecks.Positive(sizeWidth, nameof(sizeWidth));
        int input = KernelChecks.SampleSize(height, width, channels, "height × width × channels");
        const string OutputShape = "(height · sizeHeight) × (width · sizeWidth) × channels";
        int output = KernelChecks.SampleSize((long)height * sizeHeight, (long)width * sizeWidth, channels, OutputShape);
        KernelChecks.Length(inputLength, (long)samples * input, inputName, "samples × height × width × channels");
        KernelChecks.Length(outputLength, (long)samples * output, outputName, "samples × " + OutputShape);
    }
}
