using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Runtime;

/// <summary>
/// Conv1D/Conv2D as im2col + <see cref="Gemm"/>, channels last. <c>samples</c> is the batch size; <c>x</c> holds
/// <c>samples · InputSize</c> floats, <c>y</c> and <c>dz</c> hold <c>samples · OutputPositions · filters</c> floats
/// (rows in <c>(n, oh, ow)</c> order, <c>filters</c> contiguous). The kernel is Keras's <c>(kh, kw, cin, filters)</c>
/// array flattened: a <c>PatchSize × filters</c> row-major matrix.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Convolution
{
    /// <summary>
    /// Unfolds every window into one row of <paramref name="columns"/>: <c>samples · OutputPositions</c> rows of
    /// <c>PatchSize</c> floats, rows in <c>(n, oh, ow)</c> order and each row in <c>(i, j, c)</c> order; padding cells are 0.
    /// </summary>
    public static void Im2Col(int samples, in Window2D window, ReadOnlySpan<float> x, Span<float> columns)
    {
        KernelChecks.Window(window, samples);
        KernelChecks.Length(x.Length, (long)samples * window.InputSize, nameof(x), "samples × InputSize");
        KernelChecks.Length(columns.Length, (long)samples * window.OutputPositions * window.PatchSize, nameof(columns), "samples × OutputPositions × PatchSize");
        if (samples == 0) return;
        Unfold(samples, window, ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(columns));
    }

    /// <summary>
    /// The adjoint of <see cref="Im2Col"/>: overwrites <paramref name="dx"/> (<c>samples · InputSize</c>) with the sum, for
    /// each input cell, of every <paramref name="columns"/> entry that <see cref="Im2Col"/> would have copied from it.
    /// Entries that fall on padding are dropped.
    /// </summary>
    public static void Col2Im(int samples, in Window2D window, ReadOnlySpan<float> columns, Span<float> dx)
    {
        KernelChecks.Window(window, samples);
        KernelChecks.Length(columns.Length, (long)samples * window.OutputPositions * window.PatchSize, nameof(columns), "samples × OutputPositions × PatchSize");
        KernelChecks.Length(dx.Length, (long)samples * window.InputSize, nameof(dx), "samples × InputSize");
        if (samples == 0) return;
        Fold(samples, window, ref MemoryMarshal.GetReference(columns), ref MemoryMarshal.GetReference(dx));
    }

    /// <summary>
    /// <c>y = im2col(x) · kernel + bias</c>: <paramref name="y"/> is <c>samples · OutputPositions × filters</c>,
    /// <paramref name="kernel"/> <c>PatchSize × filters</c>, <paramref name="bias"/> <c>filters</c> floats or empty (none).
    /// <paramref name="columns"/> is scratch of <c>samples · OutputPositions · PatchSize</c> floats that keeps the unfolded
    /// input for <see cref="Backward"/>; a 1×1 window with both strides 1 and no padding multiplies <paramref name="x"/> directly
    /// and ignores <paramref name="columns"/> (which may then be empty).
    /// </summary>
    public static void Forward(int samples, in Window2D window, int filters, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> bias, Span<float> columns, Span<float> y)
    {
        CheckForward(samples, window, filters, x, kernel, bias, columns, y);
        if (samples == 0) return;
        if (IsPointwise(window))
        {
            // Each input cell is already a one-cell patch: x is the im2col matrix.
            int patch = window.PatchSize;
            Gemm.Multiply(samples * window.OutputPositions, patch, filters, x, patch, 1, kernel, filters, bias, y, filters);
            return;
        }

        UnfoldAndMultiply(samples, window, filters, x, kernel, bias, columns, keepColumns: true, y);
    }

    /// <summary>The argument checks of <see cref="Forward"/>.</summary>
    private static void CheckForward(int samples, in Window2D window, int filters, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> bias, Span<float> columns, Span<float> y)
    {
        KernelChecks.Window(window, samples);
        KernelChecks.Positive(filters, nameof(filters));
        long rows = (long)samples * window.OutputPositions;
        int patch = window.PatchSize;
        KernelChecks.Length(x.Length, (long)samples * window.InputSize, nameof(x), "samples × InputSize");
        KernelChecks.Length(kernel.Length, (long)patch * filters, nameof(kernel), "PatchSize × filters");
        KernelChecks.LengthOrEmpty(bias.Length, filters, nameof(bias), "filters");
        KernelChecks.Length(y.Length, rows * filters, nameof(y), "samples × OutputPositions × filters");
        if (!IsPointwise(window))
        {
            KernelChecks.Length(columns.Length, rows * patch, nameof(columns), "samples × OutputPositions × PatchSize");
        }
    }

    /// <summary>
    /// Im2col and GEMM a few samples at a time, so the rows the GEMM reads (once per column panel) are still in L2 from
    /// being written rather than streamed from memory for each panel. With <paramref name="keepColumns"/> every
    /// sample's rows stay in <paramref name="columns"/> (for <see cref="Backward"/>); without, each chunk reuses the
    /// start of it. Every output row is computed alone in the same order, so the bits do not depend on the chunking.
    /// </summary>
    private static void UnfoldAndMultiply(int samples, in Window2D window, int filters, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> bias, Span<float> columns, bool keepColumns, Span<float> y)
    {
        int positions = window.OutputPositions, patch = window.PatchSize;
        int chunk = SamplesPerChunk(positions, patch);
        for (int n0 = 0; n0 < samples; n0 += chunk)
        {
            int count = Math.Min(chunk, samples - n0);
            Span<float> chunkColumns = columns.Slice(keepColumns ? n0 * positions * patch : 0, count * positions * patch);
            Unfold(count, window, ref Unsafe.Add(ref MemoryMarshal.GetReference(x), (nint)n0 * window.InputSize), ref MemoryMarshal.GetReference(chunkColumns));
            Gemm.Multiply(count * positions, patch, filters, chunkColumns, patch, 1, kernel, filters, bias, y.Slice(n0 * positions * filters), filters);
        }
    }

    /// <summary>Im2col bytes per GEMM call: about half of a 512 KB L2, leaving room for the kernel and the output.</summary>
    private const int ChunkBytes = 256 * 1024;

    /// <summary>Samples whose im2col rows fit in <see cref="ChunkBytes"/> (at least one).</summary>
    private static int SamplesPerChunk(int positions, int patch) => Math.Max(1, ChunkBytes / Math.Max(1, positions * patch * sizeof(float)));

    /// <summary>
    /// <see cref="Forward"/> for inference: the same bits, but a window with few channels and taps (a first layer on an
    /// image) is computed directly from <paramref name="x"/> without writing im2col rows, so <paramref name="columns"/>
    /// is then not written (training calls <see cref="Forward"/> when <see cref="Backward"/> reads its rows, or this
    /// when <see cref="BackwardFromInput"/> unfolds them again).
    /// </summary>
    public static void Infer(int samples, in Window2D window, int filters, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> bias, Span<float> columns, Span<float> y)
    {
        if (IsPointwise(window))
        {
            Forward(samples, window, filters, x, kernel, bias, columns, y);
            return;
        }

        if (!DirectConvolution.Takes(window))
        {
            // Forward's checks and GEMM, but nothing reads the rows afterwards: each chunk of samples reuses the same
            // (L2-resident) start of the columns.
            CheckForward(samples, window, filters, x, kernel, bias, columns, y);
            if (samples == 0) return;
            UnfoldAndMultiply(samples, window, filters, x, kernel, bias, columns, keepColumns: false, y);
            return;
        }

        KernelChecks.Window(window, samples);
        KernelChecks.Positive(filters, nameof(filters));
        KernelChecks.Length(x.Length, (long)samples * window.InputSize, nameof(x), "samples × InputSize");
        KernelChecks.Length(kernel.Length, (long)window.PatchSize * filters, nameof(kernel), "PatchSize × filters");
        KernelChecks.LengthOrEmpty(bias.Length, filters, nameof(bias), "filters");
        KernelChecks.Length(y.Length, (long)samples * window.OutputPositions * filters, nameof(y), "samples × OutputPositions × filters");
        if (samples == 0) return;
        DirectConvolution.Forward(samples, window, filters, ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(kernel),
            !bias.IsEmpty, ref MemoryMarshal.GetReference(bias), ref MemoryMarshal.GetReference(y));
    }

    /// <summary>
    /// One time step of a causal Conv1D (stride 1) in a stream: the output at step <c>t</c> from that step's input
    /// <paramref name="x"/> (<c>channels</c> floats) and <paramref name="history"/>, the stream's last
    /// <c>dilation · (kernelWidth − 1)</c> inputs, oldest first (zeros at the start, which is the causal padding). Tap
    /// <c>j</c> reads step <c>t − dilation · (kernelWidth − 1 − j)</c>. The window is gathered into
    /// <paramref name="columns"/> (<c>kernelWidth · channels</c>) and multiplied as one im2col row, so the output has
    /// the bits of that step's row in <see cref="Forward"/>; then <paramref name="history"/> moves on by one step.
    /// </summary>
    public static void CausalStep(int kernelWidth, int dilation, int channels, int filters, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> bias, Span<float> history, Span<float> columns, Span<float> y)
    {
        KernelChecks.Positive(kernelWidth, nameof(kernelWidth));
        KernelChecks.Positive(dilation, nameof(dilation));
        KernelChecks.Positive(channels, nameof(channels));
        KernelChecks.Positive(filters, nameof(filters));
        long kept = (long)dilation * (kernelWidth - 1) * channels, patch = (long)kernelWidth * channels;
        KernelChecks.Length(x.Length, channels, nameof(x), "channels");
        KernelChecks.Length(kernel.Length, patch * filters, nameof(kernel), "kernelWidth × channels × filters");
        KernelChecks.LengthOrEmpty(bias.Length, filters, nameof(bias), "filters");
        KernelChecks.Length(history.Length, kept, nameof(history), "dilation × (kernelWidth − 1) × channels");
        KernelChecks.Length(columns.Length, patch, nameof(columns), "kernelWidth × channels");
        KernelChecks.Length(y.Length, filters, nameof(y), "filters");

        // Taps 0 .. k−2 lie in the history (step j·d of it); the last tap is this step's input.
        for (int j = 0; j < kernelWidth - 1; j++)
        {
            history.Slice(j * dilation * channels, channels).CopyTo(columns.Slice(j * channels, channels));
        }

        x.CopyTo(columns.Slice((kernelWidth - 1) * channels));
        Gemm.Multiply(1, (int)patch, filters, columns, (int)patch, 1, kernel, filters, bias, y, filters);
        if (kept == 0) return;
        history.Slice(channels).CopyTo(history);
        x.CopyTo(history.Slice((int)kept - channels));
    }

    /// <summary>
    /// Gradients of <see cref="Forward"/> given <paramref name="dz"/> = ∂loss/∂(conv + bias)
    /// (<c>samples · OutputPositions × filters</c>) and <paramref name="columns"/> as <see cref="Forward"/> left it (for a
    /// pointwise window, pass <c>x</c>). Overwrites <paramref name="dKernel"/> (<c>PatchSize × filters</c>) with
    /// <c>columnsᵀ · dz</c> and <paramref name="dBias"/> (<c>filters</c>, or empty when there is no bias) with the column
    /// sums of <paramref name="dz"/>. When <paramref name="dx"/> is non-empty, it is overwritten with
    /// <c>col2im(dz · kernelᵀ)</c>, using <paramref name="transposedKernel"/> (<c>filters × PatchSize</c> scratch) and
    /// <paramref name="dColumns"/> (<c>samples · OutputPositions · PatchSize</c> scratch; ignored, may be empty, for a
    /// pointwise window). When <paramref name="dx"/> is empty both scratch spans are ignored.
    /// </summary>
    public static void Backward(int samples, in Window2D window, int filters, ReadOnlySpan<float> columns, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> dz, Span<float> dKernel, Span<float> dBias, Span<float> transposedKernel, Span<float> dColumns, Span<float> dx)
    {
        KernelChecks.Window(window, samples);
        KernelChecks.Positive(filters, nameof(filters));
        long rows = (long)samples * window.OutputPositions;
        int patch = window.PatchSize;
        KernelChecks.Length(columns.Length, rows * patch, nameof(columns), "samples × OutputPositions × PatchSize");
        CheckGradients(samples, window, filters, kernel.Length, dz.Length, dKernel.Length, dBias.Length, transposedKernel.Length, dx.Length);
        bool pointwise = IsPointwise(window);
        bool wantsDx = !dx.IsEmpty;
        if (wantsDx && !pointwise)
        {
            KernelChecks.Length(dColumns.Length, rows * patch, nameof(dColumns), "samples × OutputPositions × PatchSize");
        }

        int m = (int)rows;
        if (m == 0)
        {
            // An empty batch contributes nothing.
            dKernel.Clear();
            dBias.Clear();
            return;
        }

        if (!wantsDx || pointwise)
        {
            // dKernel = columnsᵀ · dz: A(p, r) = columns[r · patch + p].
            Gemm.Multiply(patch, m, filters, columns, 1, patch, dz, filters, default, dKernel, filters);
            if (!dBias.IsEmpty)
            {
                Gemm.SumRows(m, filters, dz, filters, dBias);
            }

            if (!wantsDx) return;
            Gemm.Transpose(patch, filters, kernel, transposedKernel);
            Gemm.Multiply(m, filters, patch, dz, filters, 1, transposedKernel, patch, default, dx, patch);
            return;
        }

        Gemm.Transpose(patch, filters, kernel, transposedKernel);
        BackwardInChunks(samples, window, filters, default, columns, dz, dKernel, dBias, transposedKernel, dColumns, dx);
    }

    /// <summary>
    /// <see cref="Backward"/> from the layer's input <paramref name="x"/> rather than from stored im2col rows: each chunk
    /// of samples is unfolded again into the start of <paramref name="columns"/> (scratch of
    /// <c>samples · OutputPositions · PatchSize</c> floats, of which only an L2-sized start is written; ignored, may be
    /// empty, for a pointwise window), used for ∂kernel and ∂bias, then overwritten with that chunk's ∂columns for
    /// col2im. Re-unfolding a chunk costs less than reading rows that a large batch's forward pass left in memory, and
    /// the forward pass then need not keep them (training may call <see cref="Infer"/>). The same bits as
    /// <see cref="Forward"/> + <see cref="Backward"/>. <paramref name="dx"/> and <paramref name="transposedKernel"/> as
    /// in <see cref="Backward"/>: both empty when ∂x is not wanted.
    /// </summary>
    public static void BackwardFromInput(int samples, in Window2D window, int filters, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> dz, Span<float> dKernel, Span<float> dBias, Span<float> transposedKernel, Span<float> columns, Span<float> dx)
    {
        KernelChecks.Window(window, samples);
        KernelChecks.Length(x.Length, (long)samples * window.InputSize, nameof(x), "samples × InputSize");
        if (IsPointwise(window))
        {
            // x is its own im2col matrix.
            Backward(samples, window, filters, x, kernel, dz, dKernel, dBias, transposedKernel, default, dx);
            return;
        }

        KernelChecks.Positive(filters, nameof(filters));
        long rows = (long)samples * window.OutputPositions;
        int patch = window.PatchSize;
        KernelChecks.Length(columns.Length, rows * patch, nameof(columns), "samples × OutputPositions × PatchSize");
        CheckGradients(samples, window, filters, kernel.Length, dz.Length, dKernel.Length, dBias.Length, transposedKernel.Length, dx.Length);
        bool wantsDx = !dx.IsEmpty;

        if (rows == 0)
        {
            // An empty batch contributes nothing.
            dKernel.Clear();
            dBias.Clear();
            return;
        }

        if (wantsDx)
        {
            Gemm.Transpose(patch, filters, kernel, transposedKernel);
        }

        BackwardInChunks(samples, window, filters, x, columns, dz, dKernel, dBias, transposedKernel, columns, dx);
    }

    /// <summary>
    /// The lengths <see cref="Backward"/> and <see cref="BackwardFromInput"/> both take: the kernel, ∂z, ∂kernel and ∂bias
    /// (or none), and, when ∂x is wanted (a non-empty <paramref name="dx"/>), ∂x and the transposed-kernel scratch.
    /// </summary>
    private static void CheckGradients(int samples, in Window2D window, int filters, int kernel, int dz, int dKernel, int dBias, int transposedKernel, int dx)
    {
        long rows = (long)samples * window.OutputPositions, weights = (long)window.PatchSize * filters;
        KernelChecks.Length(kernel, weights, nameof(kernel), "PatchSize × filters");
        KernelChecks.Length(dz, rows * filters, nameof(dz), "samples × OutputPositions × filters");
        KernelChecks.Length(dKernel, weights, nameof(dKernel), "PatchSize × filters");
        KernelChecks.LengthOrEmpty(dBias, filters, nameof(dBias), "filters");
        if (dx != 0)
        {
            KernelChecks.Length(dx, (long)samples * window.InputSize, nameof(dx), "samples × InputSize");
            KernelChecks.Length(transposedKernel, weights, nameof(transposedKernel), "filters × PatchSize");
        }
    }

    /// <summary>
    /// The non-pointwise backward a few samples at a time: each chunk's im2col rows and rows of <paramref name="dz"/> are
    /// read once for ∂kernel, ∂bias and ∂columns while they are in cache, and its ∂columns go through col2im while they
    /// are in L2 (every chunk reuses the start of <paramref name="dColumns"/>), instead of ∂columns for the whole batch
    /// being written to memory and read back. With a non-empty <paramref name="x"/> each chunk's rows are first unfolded
    /// from it into the start of <paramref name="columns"/> (which may then be <paramref name="dColumns"/> itself: the
    /// rows are used up before ∂columns overwrite them); otherwise <paramref name="columns"/> holds every sample's rows.
    /// ∂kernel and ∂bias add the chunks in row order onto what the earlier chunks left, so every sum runs over the rows in
    /// the same order as one pass: the same bits. No ∂x (an empty <paramref name="dx"/>) needs an <paramref name="x"/>.
    /// </summary>
    private static void BackwardInChunks(int samples, in Window2D window, int filters, ReadOnlySpan<float> x, ReadOnlySpan<float> columns, ReadOnlySpan<float> dz,
        Span<float> dKernel, Span<float> dBias, ReadOnlySpan<float> transposedKernel, Span<float> dColumns, Span<float> dx)
    {
        int positions = window.OutputPositions, patch = window.PatchSize;
        int chunk = SamplesPerChunk(positions, patch);
        bool unfold = !x.IsEmpty;
        dBias.Clear();
        for (int n0 = 0; n0 < samples; n0 += chunk)
        {
            int count = Math.Min(chunk, samples - n0), rows = count * positions;
            ReadOnlySpan<float> chunkColumns = columns.Slice(unfold ? 0 : n0 * positions * patch, rows * patch);
            if (unfold)
            {
                Unfold(count, window, ref Unsafe.Add(ref MemoryMarshal.GetReference(x), (nint)n0 * window.InputSize), ref MemoryMarshal.GetReference(chunkColumns));
            }

            ReadOnlySpan<float> chunkDz = dz.Slice(n0 * positions * filters, rows * filters);
            if (n0 == 0)
            {
                Gemm.Multiply(patch, rows, filters, chunkColumns, 1, patch, chunkDz, filters, default, dKernel, filters);
            }
            else
            {
                Gemm.MultiplyAdd(patch, rows, filters, chunkColumns, 1, patch, chunkDz, filters, dKernel, filters);
            }

            if (!dBias.IsEmpty)
            {
                AddRows(rows, filters, chunkDz, dBias);
            }

            if (dx.IsEmpty) continue;
            Span<float> chunkDColumns = dColumns.Slice(0, rows * patch);
            Gemm.Multiply(rows, filters, patch, chunkDz, filters, 1, transposedKernel, patch, default, chunkDColumns, patch);
            Fold(count, window, ref MemoryMarshal.GetReference(chunkDColumns), ref Unsafe.Add(ref MemoryMarshal.GetReference(dx), (nint)n0 * window.InputSize));
        }
    }

    /// <summary><c>sums[j] += Σ_i rows[i · n + j]</c>, rows in order: <see cref="Gemm.SumRows"/> continued over a further block of rows.</summary>
    private static void AddRows(int m, int n, ReadOnlySpan<float> rows, Span<float> sums)
    {
        Span<float> target = sums.Slice(0, n);
        for (int i = 0; i < m; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(target, rows.Slice(i * n, n), target);
        }
    }

    /// <summary>A 1×1 window (its dilations do not matter), both strides 1, no padding, output the size of the input: the input is its own im2col matrix.</summary>
    private static bool IsPointwise(in Window2D w)
        => w.WindowHeight == 1 && w.WindowWidth == 1 && w.StrideHeight == 1 && w.StrideWidth == 1 && w.PadTop == 0 && w.PadLeft == 0
           && w.OutputHeight == w.Height && w.OutputWidth == w.Width;

    /// <summary>
    /// The im2col copy; lengths already checked. Each window row is at most three runs: zeros, input, zeros; with a
    /// column dilation the input run is one channel run per tap instead of one contiguous run.
    /// </summary>
    private static void Unfold(int samples, in Window2D w, ref float x, ref float columns)
    {
        // Geometry in locals: w is a reference, and the stores below would otherwise force the JIT to reload it.
        int height = w.Height, width = w.Width, c = w.Channels, kh = w.WindowHeight, kw = w.WindowWidth, strideH = w.StrideHeight, strideW = w.StrideWidth;
        int dilationH = w.DilationHeight, dilationW = w.DilationWidth;
        int padTop = w.PadTop, padLeft = w.PadLeft, outH = w.OutputHeight, outW = w.OutputWidth, inputSize = w.InputSize;
        int rowLength = width * c, windowRow = kw * c;
        ref float cell = ref columns;
        for (int n = 0; n < samples; n++)
        {
            ref float sample = ref Unsafe.Add(ref x, (nint)n * inputSize);
            for (int oh = 0; oh < outH; oh++)
            {
                int top = oh * strideH - padTop;
                for (int ow = 0; ow < outW; ow++)
                {
                    int left = ow * strideW - padLeft;
                    (int j0, int j1) = ClipRange(left, kw, width, dilationW);
                    int before = j0 * c, run = Math.Max(0, j1 - j0) * c, after = windowRow - before - run;
                    if (run == windowRow && dilationW == 1 && top >= 0 && top + (kh - 1) * dilationH < height)
                    {
                        // The whole window lies inside: one copy per window row, no padding runs (most windows of a valid convolution).
                        ref float corner = ref Unsafe.Add(ref sample, top * rowLength + left * c);
                        for (int i = 0; i < kh; i++, cell = ref Unsafe.Add(ref cell, windowRow))
                        {
                            ChannelRuns.Copy(ref cell, ref Unsafe.Add(ref corner, i * dilationH * rowLength), windowRow);
                        }

                        continue;
                    }

                    for (int i = 0; i < kh; i++, cell = ref Unsafe.Add(ref cell, windowRow))
                    {
                        int r = top + i * dilationH;
                        if ((uint)r >= (uint)height || run == 0)
                        {
                            ChannelRuns.Clear(ref cell, windowRow);
                            continue;
                        }

                        ChannelRuns.Clear(ref cell, before);
                        ref float inputRow = ref Unsafe.Add(ref sample, r * rowLength);
                        if (dilationW == 1)
                        {
                            ChannelRuns.Copy(ref Unsafe.Add(ref cell, before), ref Unsafe.Add(ref inputRow, (left + j0) * c), run);
                        }
                        else
                        {
                            for (int j = j0; j < j1; j++)
                            {
                                ChannelRuns.Copy(ref Unsafe.Add(ref cell, j * c), ref Unsafe.Add(ref inputRow, (left + j * dilationW) * c), c);
                            }
                        }

                        ChannelRuns.Clear(ref Unsafe.Add(ref cell, before + run), after);
                    }
                }
            }
        }
    }

    /// <summary>The col2im scatter-sum; lengths already checked.</summary>
    private static void Fold(int samples, in Window2D w, ref float columns, ref float dx)
    {
        int height = w.Height, width = w.Width, c = w.Channels, kh = w.WindowHeight, kw = w.WindowWidth, strideH = w.StrideHeight, strideW = w.StrideWidth;
        int dilationH = w.DilationHeight, dilationW = w.DilationWidth;
        int padTop = w.PadTop, padLeft = w.PadLeft, outH = w.OutputHeight, outW = w.OutputWidth, inputSize = w.InputSize;
        int rowLength = width * c, windowRow = kw * c, patch = w.PatchSize;
        MemoryMarshal.CreateSpan(ref dx, samples * inputSize).Clear();
        ref float row = ref columns;
        for (int n = 0; n < samples; n++)
        {
            ref float sample = ref Unsafe.Add(ref dx, (nint)n * inputSize);
            for (int oh = 0; oh < outH; oh++)
            {
                int top = oh * strideH - padTop;
                for (int ow = 0; ow < outW; ow++, row = ref Unsafe.Add(ref row, patch))
                {
                    int left = ow * strideW - padLeft;
                    (int j0, int j1) = ClipRange(left, kw, width, dilationW);
                    if (j0 >= j1) continue;
                    int run = (j1 - j0) * c;
                    for (int i = 0; i < kh; i++)
                    {
                        int r = top + i * dilationH;
                        if ((uint)r >= (uint)height) continue;
                        ref float inputRow = ref Unsafe.Add(ref sample, r * rowLength);
                        ref float windowCells = ref Unsafe.Add(ref row, i * windowRow);
                        if (dilationW == 1)
                        {
                            ChannelRuns.Add(ref Unsafe.Add(ref inputRow, (left + j0) * c), ref Unsafe.Add(ref windowCells, j0 * c), run);
                            continue;
                        }

                        for (int j = j0; j < j1; j++)
                        {
                            ChannelRuns.Add(ref Unsafe.Add(ref inputRow, (left + j * dilationW) * c), ref Unsafe.Add(ref windowCells, j * c), c);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The window offsets <c>[j0, j1)</c> whose cells <c>start + j</c> lie inside <c>[0, size)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (int First, int End) ClipRange(int start, int window, int size)
        => (Math.Max(0, -start), Math.Min(window, size - start));

    /// <summary>
    /// The window offsets <c>[j0, j1)</c> whose cells <c>start + j·dilation</c> lie inside <c>[0, size)</c> (j1 ≤ j0
    /// when none does); with dilation 1 the same as <see cref="ClipRange(int, int, int)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (int First, int End) ClipRange(int start, int window, int size, int dilation)
        => (start >= 0 ? 0 : (int)(((long)-start + dilation - 1) / dilation),
            start >= size ? 0 : (int)Math.Min(window, ((long)size - 1 - start) / dilation + 1));
}
