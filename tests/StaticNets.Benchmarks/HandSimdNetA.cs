using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Benchmarks;

/// <summary>
/// The hand-written reference for net A (2 → 10 relu → 1): the 10 hidden units live in one
/// <see cref="Vector512{T}"/> (rows padded to 16 with zeros), two broadcast-FMAs, ReLU, then the 10 → 1 layer as a
/// dot product with the transposed (padded) kernel and a halving horizontal sum. Nothing touches memory but the weights.
/// <see cref="Vector256{T}"/> fallback, then scalar.
/// </summary>
public sealed class HandSimdNetA
{
    // Packed: [0,16) kernel row 0, [16,32) kernel row 1, [32,48) bias 1, [48,64) kernel 2 as a row, [64] bias 2.
    private const int Row0 = 0, Row1 = 16, Bias1 = 32, Kernel2 = 48, Bias2 = 64;
    private readonly float[] _packed = new float[65];

    /// <summary>Packs <paramref name="parameters"/> (Keras order: kernel (2, 10), bias (10), kernel (10, 1), bias (1)).</summary>
    public HandSimdNetA(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != MlpShape.NetA.ParameterCount)
        {
            throw new ArgumentException($"Expected {MlpShape.NetA.ParameterCount} parameters, got {parameters.Length}.", nameof(parameters));
        }

        parameters.Slice(0, 10).CopyTo(_packed.AsSpan(Row0));
        parameters.Slice(10, 10).CopyTo(_packed.AsSpan(Row1));
        parameters.Slice(20, 10).CopyTo(_packed.AsSpan(Bias1));
        parameters.Slice(30, 10).CopyTo(_packed.AsSpan(Kernel2));
        _packed[Bias2] = parameters[40];
    }

    /// <summary>One sample: 2 inputs, 1 output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != 2 || output.Length != 1)
        {
            throw new ArgumentException("Net A takes 2 inputs and writes 1 output.");
        }

        ref float p = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref float x = ref MemoryMarshal.GetReference(input);
        float x0 = x, x1 = Unsafe.Add(ref x, 1);
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> h = Vector512.LoadUnsafe(ref p, Bias1);
            h = Vector512.FusedMultiplyAdd(Vector512.Create(x0), Vector512.LoadUnsafe(ref p, Row0), h);
            h = Vector512.FusedMultiplyAdd(Vector512.Create(x1), Vector512.LoadUnsafe(ref p, Row1), h);
            h = Vector512.MaxNative(h, Vector512<float>.Zero);
            // Halve and add down to 4 lanes, then sum those: the JIT's Vector512.Sum sums two 256-bit halves with
            // four shuffles each and measured ~1.6x slower for the whole prediction.
            Vector512<float> products = h * Vector512.LoadUnsafe(ref p, Kernel2);
            Vector256<float> eight = products.GetLower() + products.GetUpper();
            MemoryMarshal.GetReference(output) = Vector128.Sum(eight.GetLower() + eight.GetUpper()) + Unsafe.Add(ref p, Bias2);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> lo = Vector256.LoadUnsafe(ref p, Bias1);
            Vector256<float> hi = Vector256.LoadUnsafe(ref p, Bias1 + 8);
            Vector256<float> b0 = Vector256.Create(x0), b1 = Vector256.Create(x1);
            lo = Vector256.FusedMultiplyAdd(b0, Vector256.LoadUnsafe(ref p, Row0), lo);
            hi = Vector256.FusedMultiplyAdd(b0, Vector256.LoadUnsafe(ref p, Row0 + 8), hi);
            lo = Vector256.FusedMultiplyAdd(b1, Vector256.LoadUnsafe(ref p, Row1), lo);
            hi = Vector256.FusedMultiplyAdd(b1, Vector256.LoadUnsafe(ref p, Row1 + 8), hi);
            lo = Vector256.MaxNative(lo, Vector256<float>.Zero);
            hi = Vector256.MaxNative(hi, Vector256<float>.Zero);
            Vector256<float> products = lo * Vector256.LoadUnsafe(ref p, Kernel2);
            products = Vector256.FusedMultiplyAdd(hi, Vector256.LoadUnsafe(ref p, Kernel2 + 8), products);
            MemoryMarshal.GetReference(output) = Vector256.Sum(products) + Unsafe.Add(ref p, Bias2);
        }
        else
        {
            float sum = Unsafe.Add(ref p, Bias2);
            for (int j = 0; j < 10; j++)
            {
                float h = Unsafe.Add(ref p, Bias1 + j) + x0 * Unsafe.Add(ref p, Row0 + j) + x1 * Unsafe.Add(ref p, Row1 + j);
                sum += MathF.Max(h, 0f) * Unsafe.Add(ref p, Kernel2 + j);
            }

            MemoryMarshal.GetReference(output) = sum;
        }
    }
}
