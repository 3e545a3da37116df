using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Runtime;

/// <summary>
/// Conv2DTranspose as a GEMM and a col2im scatter-add, channels last. The layer is the adjoint of a convolution, so it is
/// described by that convolution's <see cref="Window2D"/>: its input is the transposed layer's output
/// <c>(Height, Width, Channels = filters)</c>, its outputs are the transposed layer's input cells
/// <c>(OutputHeight, OutputWidth)</c>, and its padding is where Keras crops the full scatter. <c>x</c> holds
/// <c>samples · OutputPositions · inputChannels</c> floats; <c>y</c> and <c>dz</c> hold <c>samples · InputSize</c>.
/// The kernel is Keras's <c>(kh, kw, filters, inputChannels)</c> array flattened: a <c>PatchSize × inputChannels</c>
/// row-major matrix, which is exactly the convolution's kernel from <c>filters</c> to <c>inputChannels</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConvolutionTranspose
{
    /// <summary>
    /// <c>y = col2im(x · kernelᵀ) + bias</c>. <paramref name="columns"/> is scratch of
    /// <c>samples · OutputPositions · PatchSize</c> floats and <paramref name="transposedKernel"/> of
    /// <c>inputChannels · PatchSize</c>; <paramref name="bias"/> is <c>Channels</c> floats or empty (none).
    /// </summary>
    public static void Forward(int samples, in Window2D window, int inputChannels, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> bias, Span<float> transposedKernel, Span<float> columns, Span<float> y)
    {
        KernelChecks.Window(window, samples);
        KernelChecks.Positive(inputChannels, nameof(inputChannels));
        long rows = (long)samples * window.OutputPositions;
        int patch = window.PatchSize;
        int filters = window.Channels;
        KernelChecks.Length(x.Length, rows * inputChannels, nameof(x), "samples × OutputPositions × inputChannels");
        KernelChecks.Length(kernel.Length, (long)patch * inputChannels, nameof(kernel), "PatchSize × inputChannels");
        KernelChecks.LengthOrEmpty(bias.Length, filters, nameof(bias), "Channels");
        KernelChecks.Length(transposedKernel.Length, (long)patch * inputChannels, nameof(transposedKernel), "inputChannels × PatchSize");
        KernelChecks.Length(columns.Length, rows * patch, nameof(columns), "samples × OutputPositions × PatchSize");
        KernelChecks.Length(y.Length, (long)samples * window.InputSize, nameof(y), "samples × InputSize");
        if (samples == 0) return;

        // Each input cell's contribution to its window: one row of x times the kernel, as an im2col row.
        Gemm.Transpose(patch, inputChannels, kernel, transposedKernel);
        Gemm.Multiply((int)rows, inputChannels, patch, x, inputChannels, 1, transposedKernel, patch, default, columns, patch);
        Convolution.Col2Im(samples, window, columns, y);
        if (bias.IsEmpty) return;
        ref float cell = ref MemoryMarshal.GetReference(y);
        ref float b = ref MemoryMarshal.GetReference(bias);
        int cells = samples * window.Height * window.Width;
        for (int i = 0; i < cells; i++, cell = ref Unsafe.Add(ref cell, filters))
        {
            ChannelRuns.Add(ref cell, ref b, filters);
        }
    }

    /// <summary>
    /// Gradients of <see cref="Forward"/> given <paramref name="dz"/> = ∂loss/∂(output + bias) (<c>samples · InputSize</c>)
    /// and the layer's input <paramref name="x"/>. With <c>D = im2col(dz)</c> (written to <paramref name="columns"/>,
    /// <c>samples · OutputPositions · PatchSize</c> scratch): overwrites <paramref name="dKernel"/> with <c>Dᵀ · x</c>,
    /// <paramref name="dBias"/> (<c>Channels</c> floats, or empty) with the per-channel sums of <paramref name="dz"/>,
    /// and, when non-empty, <paramref name="dx"/> with <c>D · kernel</c> (a plain convolution of <paramref name="dz"/>).
    /// </summary>
    public static void Backward(int samples, in Window2D window, int inputChannels, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> dz, Span<float> dKernel, Span<float> dBias, Span<float> columns, Span<float> dx)
    {
        KernelChecks.Window(window, samples);
        KernelChecks.Positive(inputChannels, nameof(inputChannels));
        long rows = (long)samples * window.OutputPositions;
        int patch = window.PatchSize;
        int filters = window.Channels;
        KernelChecks.Length(x.Length, rows * inputChannels, nameof(x), "samples × OutputPositions × inputChannels");
        KernelChecks.Length(kernel.Length, (long)patch * inputChannels, nameof(kernel), "PatchSize × inputChannels");
        KernelChecks.Length(dz.Length, (long)samples * window.InputSize, nameof(dz), "samples × InputSize");
        KernelChecks.Length(dKernel.Length, (long)patch * inputChannels, nameof(dKernel), "PatchSize × inputChannels");
        KernelChecks.LengthOrEmpty(dBias.Length, filters, nameof(dBias), "Channels");
        KernelChecks.Length(columns.Length, rows * patch, nameof(columns), "samples × OutputPositions × PatchSize");
        if (!dx.IsEmpty)
        {
            KernelChecks.Length(dx.Length, rows * inputChannels, nameof(dx), "samples × OutputPositions × inputChannels");
        }

        if (samples == 0)
        {
            // An empty batch contributes nothing.
            dKernel.Clear();
            dBias.Clear();
            return;
        }

        int m = (int)rows;
        Convolution.Im2Col(samples, window, dz, columns);

        // dKernel = Dᵀ · x: A(p, r) = columns[r · patch + p].
        Gemm.Multiply(patch, m, inputChannels, columns, 1, patch, x, inputChannels, default, dKernel, inputChannels);
        if (!dBias.IsEmpty)
        {
            Gemm.SumRows(samples * window.Height * window.Width, filters, dz, filters, dBias);
        }

        if (!dx.IsEmpty)
        {
            Gemm.Multiply(m, patch, inputChannels, columns, patch, 1, kernel, inputChannels, default, dx, inputChannels);
        }
    }
}
