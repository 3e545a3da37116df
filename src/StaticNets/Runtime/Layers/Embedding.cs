using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNets.Runtime;

/// <summary>
/// Keras <c>Embedding</c>: each id of <c>x</c> (<c>samples × positions</c> floats holding integers) is replaced by its
/// row of the table <c>(inputDim, outputDim)</c>, giving <c>samples × positions × outputDim</c> floats.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Embedding
{
    /// <summary><c>y[p] = table[id(x[p])]</c>; an id that is not in <c>[0, inputDim)</c> after Keras's cast to int throws.</summary>
    public static void Forward(int samples, int positions, int inputDim, int outputDim, ReadOnlySpan<float> table, ReadOnlySpan<float> x, Span<float> y)
    {
        Check(samples, positions, inputDim, outputDim, table.Length, x.Length, y.Length);
        for (int p = 0; p < x.Length; p++)
        {
            table.Slice(Id(x[p], inputDim) * outputDim, outputDim).CopyTo(y.Slice(p * outputDim, outputDim));
        }
    }

    /// <summary>Overwrites <paramref name="dTable"/>: each id's row gathers the sum of ∂y at the positions holding it.</summary>
    public static void Backward(int samples, int positions, int inputDim, int outputDim, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dTable)
    {
        Check(samples, positions, inputDim, outputDim, dTable.Length, x.Length, dy.Length);
        dTable.Clear();
        for (int p = 0; p < x.Length; p++)
        {
            Span<float> row = dTable.Slice(Id(x[p], inputDim) * outputDim, outputDim);
            TensorPrimitives.Add(row, dy.Slice(p * outputDim, outputDim), row);
        }
    }

    /// <summary>The id a float holds, truncated toward zero as Keras's cast does; throws outside <c>[0, inputDim)</c>.</summary>
    public static int Id(float value, int inputDim)
    {
        // Compared as floats first, so NaN and values far outside int's range fail here rather than wrapping in the cast.
        if (!(value > -1f && value < inputDim))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"An Embedding id must lie in [0, {inputDim}) (the layer's inputDim).");
        }

        return (int)value;
    }

    private static void Check(int samples, int positions, int inputDim, int outputDim, int tableLength, int xLength, int yLength)
    {
        KernelChecks.Positive(samples, nameof(samples), allowZero: true);
        KernelChecks.Positive(positions, nameof(positions));
        KernelChecks.Positive(inputDim, nameof(inputDim));
        KernelChecks.Positive(outputDim, nameof(outputDim));
        KernelChecks.Length(tableLength, (long)inputDim * outputDim, "table", "inputDim × outputDim");
        KernelChecks.Length(xLength, (long)samples * positions, "x", "samples × positions");
        KernelChecks.Length(yLength, (long)samples * positions * outputDim, "y", "samples × positions × outputDim");
    }
}
