using StaticNets.Runtime;
using StaticNets.Tests.Support;

namespace StaticNets.Tests.Layers;

/// <summary>The layer kernels run on every training step, so none of them may allocate.</summary>
public class LayerKernelAllocationTests
{
    [Fact]
    public void Convolution_pooling_normalization_and_dropout_kernels_do_not_allocate()
    {
        // 300 channels takes the multi-block paths of the stack-staged kernels.
        var w = new Window2D(6, 5, 300, 3, 2, 2, 2, 1, 0, 3, 2);
        // The same sizes with the columns two apart (a dilated window takes the per-tap copy paths).
        Window2D dilated = w with { DilationWidth = 2 };
        var small = new Window2D(3, 2, 1, 3, 3, 1, 1, 1, 1, 3, 2);
        const int Samples = 2, Filters = 4;
        int inputs = Samples * w.InputSize, rows = Samples * w.OutputPositions, cols = rows * w.PatchSize, pooled = rows * w.Channels;
        var random = new Random(1);
        float[] x = LayerMath.Uniform(random, inputs), kernel = LayerMath.Uniform(random, w.PatchSize * Filters), bias = new float[Filters];
        float[] columns = new float[cols], y = new float[rows * Filters], dKernel = new float[kernel.Length], dBias = new float[Filters];
        float[] transposed = new float[kernel.Length], dColumns = new float[cols], dx = new float[inputs], pool = new float[pooled], dPool = new float[pooled];
        float[] channels = Enumerable.Repeat(1f, w.Channels).ToArray(), mean = new float[w.Channels], variance = new float[w.Channels];
        float[] normalized = new float[inputs], mask = new float[inputs];
        var stream = new NetworkRandom(3);

        void RunAll()
        {
            Convolution.Forward(Samples, w, Filters, x, kernel, bias, columns, y);
            Convolution.Backward(Samples, w, Filters, columns, kernel, y, dKernel, dBias, transposed, dColumns, dx);
            Convolution.Forward(Samples, dilated, Filters, x, kernel, bias, columns, y);
            Convolution.Backward(Samples, dilated, Filters, columns, kernel, y, dKernel, dBias, transposed, dColumns, dx);
            Convolution.BackwardFromInput(Samples, w, Filters, x, kernel, y, dKernel, dBias, transposed, columns, dx);
            Convolution.BackwardFromInput(Samples, dilated, Filters, x, kernel, y, dKernel, dBias, default, columns, default);
            Convolution.Infer(Samples, w, Filters, x, kernel, bias, columns, y);
            // A one-channel 3×3 window with padding takes the direct kernel and its padded-border path.
            Convolution.Infer(Samples, small, Filters, x.AsSpan(0, Samples * small.InputSize), kernel.AsSpan(0, small.PatchSize * Filters), bias, default, y.AsSpan(0, Samples * small.OutputPositions * Filters));
            Convolution.CausalStep(2, 2, 300, Filters, x.AsSpan(0, 300), kernel.AsSpan(0, 600 * Filters), bias, dx.AsSpan(0, 600), columns.AsSpan(0, 600), y.AsSpan(0, Filters));
            Pooling.MaxForward(Samples, w, x, pool);
            Pooling.MaxBackward(Samples, w, x, pool, pool, dx);
            Pooling.AverageForward(Samples, w, x, dPool);
            Pooling.AverageBackward(Samples, w, dPool, dx);
            GlobalPooling.MaxForward(Samples, 30, 300, x, dPool.AsSpan(0, 600));
            GlobalPooling.MaxBackward(Samples, 30, 300, x, dPool.AsSpan(0, 600), dPool.AsSpan(0, 600), dx);
            GlobalPooling.AverageForward(Samples, 30, 300, x, dPool.AsSpan(0, 600));
            GlobalPooling.AverageBackward(Samples, 30, 300, dPool.AsSpan(0, 600), dx);
            BatchNormalization.TrainingForward(60, 300, 1e-3f, channels, channels, x, normalized, dx, mean, variance);
            BatchNormalization.Backward(60, 300, 1e-3f, channels, variance, normalized, x, dx, mean, variance);
            BatchNormalization.Inference(60, 300, 1e-3f, channels, channels, channels, channels, x, dx);
            BatchNormalization.UpdateMovingStatistics(300, 0.99f, mean, variance, channels, channels);
            Dropout.TrainingForward(0.5f, ref stream, x, mask, dx);
            Dropout.Backward(mask, dx, dx);
        }

        RunAll(); // warm-up: JIT compilation and type loading
        Assert.Equal(0, Allocations.LeastPerRound(RunAll, callsPerRound: 5));
    }

    [Fact]
    public void Upsampling_padding_cropping_and_rescaling_kernels_do_not_allocate()
    {
        // 33 channels: whole vectors and a scalar tail in every channel run.
        const int Samples = 2, Height = 5, Width = 6, Channels = 33;
        int inputs = Samples * Height * Width * Channels;
        var random = new Random(2);
        float[] x = LayerMath.Uniform(random, inputs), dx = new float[inputs];
        float[] upsampled = new float[inputs * 2 * 3], padded = new float[Samples * (Height + 3) * (Width + 1) * Channels];
        float[] cropped = new float[Samples * (Height - 3) * (Width - 1) * Channels];

        void RunAll()
        {
            UpSampling.Forward(Samples, Height, Width, Channels, 2, 3, x, upsampled);
            UpSampling.Backward(Samples, Height, Width, Channels, 2, 3, upsampled, dx);
            ZeroPadding.Forward(Samples, Height, Width, Channels, 1, 2, 0, 1, x, padded);
            ZeroPadding.Backward(Samples, Height, Width, Channels, 1, 2, 0, 1, padded, dx);
            Cropping.Forward(Samples, Height, Width, Channels, 1, 2, 0, 1, x, cropped);
            Cropping.Backward(Samples, Height, Width, Channels, 1, 2, 0, 1, cropped, dx);
            Rescaling.Forward(1f / 255, -0.5f, x, dx);
            Rescaling.Forward(2f, 1f, dx, dx);
            Rescaling.Backward(0.5f, dx, dx);
        }

        RunAll(); // warm-up: JIT compilation and type loading
        Assert.Equal(0, Allocations.LeastPerRound(RunAll, callsPerRound: 5));
    }
}
