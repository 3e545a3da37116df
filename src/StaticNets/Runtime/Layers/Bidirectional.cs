using System;
using System.ComponentModel;

namespace StaticNets.Runtime;

/// <summary>
/// Keras <c>Bidirectional</c>'s merge of its two halves' outputs, <c>samples × rows × units</c> floats each (rows: the
/// steps with <c>ReturnSequences</c>, else 1). With <c>reverseBackward</c> (returning sequences) the backward half's rows,
/// which come in processing order, are put back in time order first, as Keras does.
/// <code>
/// Concat: y[t] = [f[t], b[t]];  Sum: f[t] + b[t];  Mul: f[t] ⊙ b[t];  Ave: (f[t] + b[t]) / 2
/// </code>
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Bidirectional
{
    /// <summary>Writes the merged output <paramref name="y"/> (twice the units for Concat).</summary>
    public static void Merge(int samples, int rows, int units, MergeMode mode, bool reverseBackward, ReadOnlySpan<float> forward, ReadOnlySpan<float> backward, Span<float> y)
    {
        Check(samples, rows, units, mode, forward.Length, backward.Length, y.Length);
        int width = mode == MergeMode.Concat ? 2 * units : units;
        for (int s = 0; s < samples; s++)
        {
            for (int t = 0; t < rows; t++)
            {
                ReadOnlySpan<float> f = forward.Slice((s * rows + t) * units, units);
                ReadOnlySpan<float> b = backward.Slice((s * rows + (reverseBackward ? rows - 1 - t : t)) * units, units);
                Span<float> output = y.Slice((s * rows + t) * width, width);
                switch (mode)
                {
                    case MergeMode.Concat:
                        f.CopyTo(output);
                        b.CopyTo(output.Slice(units));
                        break;
                    case MergeMode.Sum:
                        System.Numerics.Tensors.TensorPrimitives.Add(f, b, output);
                        break;
                    case MergeMode.Mul:
                        System.Numerics.Tensors.TensorPrimitives.Multiply(f, b, output);
                        break;
                    default:
                        System.Numerics.Tensors.TensorPrimitives.Add(f, b, output);
                        System.Numerics.Tensors.TensorPrimitives.Multiply(output, 0.5f, output);
                        break;
                }
            }
        }
    }

    /// <summary>Splits ∂y into the halves' ∂outputs (Mul needs both halves' outputs), in each half's own row order.</summary>
    public static void MergeBackward(
        int samples, int rows, int units, MergeMode mode, bool reverseBackward,
        ReadOnlySpan<float> forward, ReadOnlySpan<float> backward, ReadOnlySpan<float> dy, Span<float> dForward, Span<float> dBackward)
    {
        Check(samples, rows, units, mode, forward.Length, backward.Length, dy.Length);
        KernelChecks.Length(dForward.Length, forward.Length, nameof(dForward), "samples × rows × units");
        KernelChecks.Length(dBackward.Length, backward.Length, nameof(dBackward), "samples × rows × units");
        int width = mode == MergeMode.Concat ? 2 * units : units;
        for (int s = 0; s < samples; s++)
        {
            for (int t = 0; t < rows; t++)
            {
                int backwardRow = (s * rows + (reverseBackward ? rows - 1 - t : t)) * units;
                ReadOnlySpan<float> gradient = dy.Slice((s * rows + t) * width, width);
                Span<float> df = dForward.Slice((s * rows + t) * units, units), db = dBackward.Slice(backwardRow, units);
                switch (mode)
                {
                    case MergeMode.Concat:
                        gradient.Slice(0, units).CopyTo(df);
                        gradient.Slice(units).CopyTo(db);
                        break;
                    case MergeMode.Sum:
                        gradient.CopyTo(df);
                        gradient.CopyTo(db);
                        break;
                    case MergeMode.Mul:
                        System.Numerics.Tensors.TensorPrimitives.Multiply(gradient, backward.Slice(backwardRow, units), df);
                        System.Numerics.Tensors.TensorPrimitives.Multiply(gradient, forward.Slice((s * rows + t) * units, units), db);
                        break;
                    default:
                        System.Numerics.Tensors.TensorPrimitives.Multiply(gradient, 0.5f, df);
                        System.Numerics.Tensors.TensorPrimitives.Multiply(gradient, 0.5f, db);
                        break;
                }
            }
        }
    }

    private static void Check(int samples, int rows, int units, MergeMode mode, int forward, int backward, int y)
    {
        KernelChecks.Positive(samples, nameof(samples), allowZero: true);
        KernelChecks.Positive(rows, nameof(rows));
        KernelChecks.Positive(units, nameof(units));
        if (mode is < MergeMode.Concat or > MergeMode.Ave)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a MergeMode.");
        }

        KernelChecks.Length(forward, (long)samples * rows * units, nameof(forward), "samples × rows × units");
        KernelChecks.Length(backward, (long)samples * rows * units, nameof(backward), "samples × rows × units");
        KernelChecks.Length(y, (long)samples * rows * units * (mode == MergeMode.Concat ? 2 : 1), "y", "samples × rows × merged units");
    }
}
