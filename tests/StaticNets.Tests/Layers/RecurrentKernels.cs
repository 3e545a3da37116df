using StaticNets.Runtime;

namespace StaticNets.Tests.Layers;

/// <summary>Calls the runtime kernel of a <see cref="RecurrentLayer"/>'s kind, so one test covers every recurrent layer.</summary>
internal static class RecurrentKernels
{
    public static int WorkspacePerSample(RecurrentLayer l) => l.Kind switch
    {
        RecurrentKind.SimpleRnn => SimpleRnn.WorkspacePerSample(l.Steps, l.Units),
        RecurrentKind.Lstm => Lstm.WorkspacePerSample(l.Steps, l.Units),
        _ => Gru.WorkspacePerSample(l.Steps, l.Units),
    };

    public static int TrainingPerSample(RecurrentLayer l) => l.Kind switch
    {
        RecurrentKind.SimpleRnn => SimpleRnn.TrainingPerSample(l.Steps, l.Units),
        RecurrentKind.Lstm => Lstm.TrainingPerSample(l.Steps, l.Units),
        _ => Gru.TrainingPerSample(l.Steps, l.Units),
    };

    public static int TransposedSize(RecurrentLayer l) => l.Kind switch
    {
        RecurrentKind.SimpleRnn => SimpleRnn.TransposedSize(l.Inputs, l.Units),
        RecurrentKind.Lstm => Lstm.TransposedSize(l.Inputs, l.Units),
        _ => Gru.TransposedSize(l.Inputs, l.Units),
    };

    public static void Forward(
        RecurrentLayer l, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> state, Span<float> workspace)
    {
        switch (l.Kind)
        {
            case RecurrentKind.SimpleRnn:
                SimpleRnn.Forward(l.Samples, l.Steps, l.Inputs, l.Units, l.Options, l.Activation, kernel, recurrentKernel, bias, mask, x, y, state, workspace);
                break;
            case RecurrentKind.Lstm:
                Lstm.Forward(
                    l.Samples, l.Steps, l.Inputs, l.Units, l.Options, l.Activation, l.RecurrentActivation,
                    kernel, recurrentKernel, bias, mask, x, y, state, workspace);
                break;
            default:
                Gru.Forward(
                    l.Samples, l.Steps, l.Inputs, l.Units, l.Options, l.Kind == RecurrentKind.GruResetAfter, l.Activation, l.RecurrentActivation,
                    kernel, recurrentKernel, bias, mask, x, y, state, workspace);
                break;
        }
    }

    public static void TrainingForward(
        RecurrentLayer l, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, Span<float> y, Span<float> saved)
    {
        switch (l.Kind)
        {
            case RecurrentKind.SimpleRnn:
                SimpleRnn.TrainingForward(l.Samples, l.Steps, l.Inputs, l.Units, l.Options, l.Activation, kernel, recurrentKernel, bias, mask, x, y, saved);
                break;
            case RecurrentKind.Lstm:
                Lstm.TrainingForward(
                    l.Samples, l.Steps, l.Inputs, l.Units, l.Options, l.Activation, l.RecurrentActivation,
                    kernel, recurrentKernel, bias, mask, x, y, saved);
                break;
            default:
                Gru.TrainingForward(
                    l.Samples, l.Steps, l.Inputs, l.Units, l.Options, l.Kind == RecurrentKind.GruResetAfter, l.Activation, l.RecurrentActivation,
                    kernel, recurrentKernel, bias, mask, x, y, saved);
                break;
        }
    }

    public static void Backward(
        RecurrentLayer l, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel,
        ReadOnlySpan<float> mask, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> saved,
        Span<float> dx, Span<float> dKernel, Span<float> dRecurrentKernel, Span<float> dBias, Span<float> transposed)
    {
        switch (l.Kind)
        {
            case RecurrentKind.SimpleRnn:
                SimpleRnn.Backward(
                    l.Samples, l.Steps, l.Inputs, l.Units, l.Options, l.Activation,
                    kernel, recurrentKernel, mask, x, dy, saved, dx, dKernel, dRecurrentKernel, dBias, transposed);
                break;
            case RecurrentKind.Lstm:
                Lstm.Backward(
                    l.Samples, l.Steps, l.Inputs, l.Units, l.Options, l.Activation, l.RecurrentActivation,
                    kernel, recurrentKernel, mask, x, dy, saved, dx, dKernel, dRecurrentKernel, dBias, transposed);
                break;
            default:
                Gru.Backward(
                    l.Samples, l.Steps, l.Inputs, l.Units, l.Options, l.Kind == RecurrentKind.GruResetAfter, l.Activation, l.RecurrentActivation,
                    kernel, recurrentKernel, mask, x, dy, saved, dx, dKernel, dRecurrentKernel, dBias, transposed);
                break;
        }
    }
}

/// <summary>
/// A layer with random weights and inputs, and every buffer its kernels take, sized by the kernels' own formulas.
/// Scratch starts as NaN, so a kernel that reads scratch it did not write shows it.
/// </summary>
internal sealed class RecurrentRun
{
    public RecurrentRun(RecurrentLayer layer, int seed, bool masked, bool useBias = true)
    {
        Layer = layer;
        var random = new Random(seed);
        int w = layer.Gates * layer.Units;
        Kernel = LayerMath.Uniform(random, layer.Inputs * w, -0.8, 0.8);
        RecurrentKernel = LayerMath.Uniform(random, layer.Units * w, -0.8, 0.8);
        Bias = useBias ? LayerMath.Uniform(random, layer.BiasLength, -0.5, 0.5) : [];
        X = LayerMath.Uniform(random, layer.Samples * layer.Steps * layer.Inputs);
        Mask = masked ? MaskWithGaps(random, layer.Samples, layer.Steps) : [];
        Y = new float[layer.Samples * layer.OutputSize];
        Workspace = NaNs(layer.Samples * RecurrentKernels.WorkspacePerSample(layer));
        Saved = NaNs(layer.Samples * RecurrentKernels.TrainingPerSample(layer));
        Transposed = NaNs(RecurrentKernels.TransposedSize(layer));
        Dx = new float[X.Length];
        DKernel = new float[Kernel.Length];
        DRecurrentKernel = new float[RecurrentKernel.Length];
        DBias = new float[Bias.Length];
    }

    public RecurrentLayer Layer { get; }

    public float[] Kernel { get; }

    public float[] RecurrentKernel { get; }

    public float[] Bias { get; }

    public float[] X { get; }

    public float[] Mask { get; }

    public float[] Y { get; }

    public float[] Workspace { get; }

    public float[] Saved { get; }

    public float[] Transposed { get; }

    public float[] Dx { get; }

    public float[] DKernel { get; }

    public float[] DRecurrentKernel { get; }

    public float[] DBias { get; }

    public void Forward(Span<float> state) => RecurrentKernels.Forward(Layer, Kernel, RecurrentKernel, Bias, Mask, X, Y, state, Workspace);

    public void TrainingForward() => RecurrentKernels.TrainingForward(Layer, Kernel, RecurrentKernel, Bias, Mask, X, Y, Saved);

    public void Backward(ReadOnlySpan<float> dy)
        => RecurrentKernels.Backward(Layer, Kernel, RecurrentKernel, Mask, X, dy, Saved, Dx, DKernel, DRecurrentKernel, DBias, Transposed);

    /// <summary>The double reference's outputs for these weights and inputs (from <paramref name="state"/>, updated, when given).</summary>
    public double[] Reference(double[]? state = null)
        => RecurrentReference.Forward(
            Layer, LayerMath.ToDouble(Kernel), LayerMath.ToDouble(RecurrentKernel), Bias.Length == 0 ? null : LayerMath.ToDouble(Bias),
            Mask.Length == 0 ? null : Mask, LayerMath.ToDouble(X), state);

    /// <summary>
    /// Token-id-like mask values (0 = masked): sample 0 has its first and last steps masked, the others a random
    /// quarter of their steps; every sample keeps at least one unmasked step in the middle.
    /// </summary>
    private static float[] MaskWithGaps(Random random, int samples, int steps)
    {
        var mask = new float[samples * steps];
        for (int s = 0; s < samples; s++)
        {
            for (int t = 0; t < steps; t++)
            {
                bool masked = s == 0 ? t == 0 || t == steps - 1 : random.NextDouble() < 0.25;
                mask[s * steps + t] = masked && steps > 2 ? 0f : 1 + random.Next(9);
            }
        }

        return mask;
    }

    private static float[] NaNs(int length) => Enumerable.Repeat(float.NaN, length).ToArray();
}
