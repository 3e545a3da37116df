using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Benchmarks;

/// <summary>
/// The hand-written reference for net B (784 → 128 relu → 64 relu → 10): kernels kept <c>[in][out]</c>
/// with the 10-unit layer padded to 16, each input broadcast and FMA'd into output-wide accumulators held in
/// registers (8 for the 128-unit layer, inputs unrolled by two; two sets of 4 for the 64-unit layer; four for the
/// last layer), sizes as constants. <see cref="Vector256{T}"/> fallback (output blocks of 64), then scalar.
/// </summary>
public sealed class HandSimdNetB
{
    private const int In = 784, H1 = 128, H2 = 64, Out = 10, OutPadded = 16;
    private const int Kernel1 = 0, Bias1 = Kernel1 + In * H1, Kernel2 = Bias1 + H1, Bias2 = Kernel2 + H1 * H2;
    private const int Kernel3 = Bias2 + H2, Bias3 = Kernel3 + H2 * OutPadded, PackedSize = Bias3 + OutPadded;
    private readonly float[] _packed = new float[PackedSize];

    /// <summary>Packs <paramref name="parameters"/> (Keras order), padding the last layer's rows to 16.</summary>
    public HandSimdNetB(ReadOnlySpan<float> parameters)
    {
        MlpShape shape = MlpShape.NetB;
        if (parameters.Length != shape.ParameterCount)
        {
            throw new ArgumentException($"Expected {shape.ParameterCount} parameters, got {parameters.Length}.", nameof(parameters));
        }

        // Layers 1 and 2 are already [in][out] with out a multiple of 16, and their bias follows the kernel.
        parameters.Slice(0, shape.KernelOffset(2)).CopyTo(_packed);
        for (int i = 0; i < H2; i++)
        {
            parameters.Slice(shape.KernelOffset(2) + i * Out, Out).CopyTo(_packed.AsSpan(Kernel3 + i * OutPadded));
        }

        parameters.Slice(shape.BiasOffset(2), Out).CopyTo(_packed.AsSpan(Bias3));
    }

    /// <summary>One sample: 784 inputs, 10 outputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != In || output.Length != Out)
        {
            throw new ArgumentException($"Net B takes {In} inputs and writes {Out} outputs.");
        }

        ref float p = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref float x = ref MemoryMarshal.GetReference(input);
        Span<float> scratch = stackalloc float[H1 + H2 + OutPadded];
        ref float h1 = ref MemoryMarshal.GetReference(scratch);
        ref float h2 = ref Unsafe.Add(ref h1, H1);
        ref float y = ref Unsafe.Add(ref h2, H2);
        if (Vector512.IsHardwareAccelerated)
        {
            Layer1With512(ref p, ref x, ref h1);
            Layer2With512(ref p, ref h1, ref h2);
            Layer3With512(ref p, ref h2, ref y);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Layer1With256(ref p, ref x, ref h1);
            Layer2With256(ref p, ref h1, ref h2);
            Layer3With256(ref p, ref h2, ref y);
        }
        else
        {
            LayerScalar(ref p, Kernel1, Bias1, In, H1, true, ref x, ref h1);
            LayerScalar(ref p, Kernel2, Bias2, H1, H2, true, ref h1, ref h2);
            LayerScalar(ref p, Kernel3, Bias3, H2, OutPadded, false, ref h2, ref y);
        }

        MemoryMarshal.CreateReadOnlySpan(ref y, Out).CopyTo(output);
    }

    // 784 → 128: 8 accumulators (the whole output row), two inputs per iteration.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Layer1With512(ref float p, ref float x, ref float h1)
    {
        ref float b = ref Unsafe.Add(ref p, Bias1);
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b, 0), a1 = Vector512.LoadUnsafe(ref b, 16);
        Vector512<float> a2 = Vector512.LoadUnsafe(ref b, 32), a3 = Vector512.LoadUnsafe(ref b, 48);
        Vector512<float> a4 = Vector512.LoadUnsafe(ref b, 64), a5 = Vector512.LoadUnsafe(ref b, 80);
        Vector512<float> a6 = Vector512.LoadUnsafe(ref b, 96), a7 = Vector512.LoadUnsafe(ref b, 112);
        ref float row = ref Unsafe.Add(ref p, Kernel1);
        for (int i = 0; i < In; i += 2)
        {
            Vector512<float> xi = Vector512.Create(Unsafe.Add(ref x, i));
            a0 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 0), a0);
            a1 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 16), a1);
            a2 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 32), a2);
            a3 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 48), a3);
            a4 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 64), a4);
            a5 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 80), a5);
            a6 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 96), a6);
            a7 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 112), a7);
            xi = Vector512.Create(Unsafe.Add(ref x, i + 1));
            a0 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 128), a0);
            a1 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 144), a1);
            a2 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 160), a2);
            a3 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 176), a3);
            a4 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 192), a4);
            a5 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 208), a5);
            a6 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 224), a6);
            a7 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 240), a7);
            row = ref Unsafe.Add(ref row, 2 * H1);
        }

        Vector512<float> zero = Vector512<float>.Zero;
        Vector512.MaxNative(a0, zero).StoreUnsafe(ref h1, 0);
        Vector512.MaxNative(a1, zero).StoreUnsafe(ref h1, 16);
        Vector512.MaxNative(a2, zero).StoreUnsafe(ref h1, 32);
        Vector512.MaxNative(a3, zero).StoreUnsafe(ref h1, 48);
        Vector512.MaxNative(a4, zero).StoreUnsafe(ref h1, 64);
        Vector512.MaxNative(a5, zero).StoreUnsafe(ref h1, 80);
        Vector512.MaxNative(a6, zero).StoreUnsafe(ref h1, 96);
        Vector512.MaxNative(a7, zero).StoreUnsafe(ref h1, 112);
    }

    // 128 → 64: even inputs into a0..a3, odd inputs into c0..c3, so eight FMA chains are in flight.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Layer2With512(ref float p, ref float h1, ref float h2)
    {
        ref float b = ref Unsafe.Add(ref p, Bias2);
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b, 0), a1 = Vector512.LoadUnsafe(ref b, 16);
        Vector512<float> a2 = Vector512.LoadUnsafe(ref b, 32), a3 = Vector512.LoadUnsafe(ref b, 48);
        Vector512<float> c0 = Vector512<float>.Zero, c1 = c0, c2 = c0, c3 = c0;
        ref float row = ref Unsafe.Add(ref p, Kernel2);
        for (int i = 0; i < H1; i += 2)
        {
            Vector512<float> xi = Vector512.Create(Unsafe.Add(ref h1, i));
            a0 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 0), a0);
            a1 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 16), a1);
            a2 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 32), a2);
            a3 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 48), a3);
            xi = Vector512.Create(Unsafe.Add(ref h1, i + 1));
            c0 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 64), c0);
            c1 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 80), c1);
            c2 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 96), c2);
            c3 = Vector512.FusedMultiplyAdd(xi, Vector512.LoadUnsafe(ref row, 112), c3);
            row = ref Unsafe.Add(ref row, 2 * H2);
        }

        Vector512<float> zero = Vector512<float>.Zero;
        Vector512.MaxNative(a0 + c0, zero).StoreUnsafe(ref h2, 0);
        Vector512.MaxNative(a1 + c1, zero).StoreUnsafe(ref h2, 16);
        Vector512.MaxNative(a2 + c2, zero).StoreUnsafe(ref h2, 32);
        Vector512.MaxNative(a3 + c3, zero).StoreUnsafe(ref h2, 48);
    }

    // 64 → 10 (padded 16): one output vector, four accumulators over the inputs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Layer3With512(ref float p, ref float h2, ref float y)
    {
        Vector512<float> a0 = Vector512.LoadUnsafe(ref p, Bias3);
        Vector512<float> a1 = Vector512<float>.Zero, a2 = a1, a3 = a1;
        ref float row = ref Unsafe.Add(ref p, Kernel3);
        for (int i = 0; i < H2; i += 4)
        {
            a0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref h2, i)), Vector512.LoadUnsafe(ref row, 0), a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref h2, i + 1)), Vector512.LoadUnsafe(ref row, 16), a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref h2, i + 2)), Vector512.LoadUnsafe(ref row, 32), a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref h2, i + 3)), Vector512.LoadUnsafe(ref row, 48), a3);
            row = ref Unsafe.Add(ref row, 4 * OutPadded);
        }

        ((a0 + a1) + (a2 + a3)).StoreUnsafe(ref y);
    }

    // 784 → 128 in two blocks of 64 outputs (8 accumulators: AVX2 has 16 registers).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Layer1With256(ref float p, ref float x, ref float h1)
    {
        for (int block = 0; block < H1; block += 64)
        {
            DenseBlock256(ref Unsafe.Add(ref p, Kernel1 + block), H1, In, ref Unsafe.Add(ref p, Bias1 + block), ref x, ref Unsafe.Add(ref h1, block));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Layer2With256(ref float p, ref float h1, ref float h2)
        => DenseBlock256(ref Unsafe.Add(ref p, Kernel2), H2, H1, ref Unsafe.Add(ref p, Bias2), ref h1, ref h2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Layer3With256(ref float p, ref float h2, ref float y)
    {
        Vector256<float> a0 = Vector256.LoadUnsafe(ref p, Bias3), a1 = Vector256.LoadUnsafe(ref p, Bias3 + 8);
        Vector256<float> c0 = Vector256<float>.Zero, c1 = c0;
        ref float row = ref Unsafe.Add(ref p, Kernel3);
        for (int i = 0; i < H2; i += 2)
        {
            Vector256<float> xi = Vector256.Create(Unsafe.Add(ref h2, i));
            a0 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 0), a0);
            a1 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 8), a1);
            xi = Vector256.Create(Unsafe.Add(ref h2, i + 1));
            c0 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 16), c0);
            c1 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 24), c1);
            row = ref Unsafe.Add(ref row, 2 * OutPadded);
        }

        (a0 + c0).StoreUnsafe(ref y);
        (a1 + c1).StoreUnsafe(ref y, 8);
    }

    // 64 ReLU outputs (8 × Vector256) of a layer whose kernel rows are `stride` floats apart.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DenseBlock256(ref float kernel, int stride, int inputs, ref float bias, ref float x, ref float y)
    {
        Vector256<float> a0 = Vector256.LoadUnsafe(ref bias, 0), a1 = Vector256.LoadUnsafe(ref bias, 8);
        Vector256<float> a2 = Vector256.LoadUnsafe(ref bias, 16), a3 = Vector256.LoadUnsafe(ref bias, 24);
        Vector256<float> a4 = Vector256.LoadUnsafe(ref bias, 32), a5 = Vector256.LoadUnsafe(ref bias, 40);
        Vector256<float> a6 = Vector256.LoadUnsafe(ref bias, 48), a7 = Vector256.LoadUnsafe(ref bias, 56);
        ref float row = ref kernel;
        for (int i = 0; i < inputs; i++)
        {
            Vector256<float> xi = Vector256.Create(Unsafe.Add(ref x, i));
            a0 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 0), a0);
            a1 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 8), a1);
            a2 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 16), a2);
            a3 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 24), a3);
            a4 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 32), a4);
            a5 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 40), a5);
            a6 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 48), a6);
            a7 = Vector256.FusedMultiplyAdd(xi, Vector256.LoadUnsafe(ref row, 56), a7);
            row = ref Unsafe.Add(ref row, stride);
        }

        Vector256<float> zero = Vector256<float>.Zero;
        Vector256.MaxNative(a0, zero).StoreUnsafe(ref y, 0);
        Vector256.MaxNative(a1, zero).StoreUnsafe(ref y, 8);
        Vector256.MaxNative(a2, zero).StoreUnsafe(ref y, 16);
        Vector256.MaxNative(a3, zero).StoreUnsafe(ref y, 24);
        Vector256.MaxNative(a4, zero).StoreUnsafe(ref y, 32);
        Vector256.MaxNative(a5, zero).StoreUnsafe(ref y, 40);
        Vector256.MaxNative(a6, zero).StoreUnsafe(ref y, 48);
        Vector256.MaxNative(a7, zero).StoreUnsafe(ref y, 56);
    }

    private static void LayerScalar(ref float p, int kernel, int bias, int inputs, int units, bool relu, ref float x, ref float y)
    {
        for (int j = 0; j < units; j++) Unsafe.Add(ref y, j) = Unsafe.Add(ref p, bias + j);
        for (int i = 0; i < inputs; i++)
        {
            float xi = Unsafe.Add(ref x, i);
            for (int j = 0; j < units; j++) Unsafe.Add(ref y, j) += xi * Unsafe.Add(ref p, kernel + i * units + j);
        }

        if (relu)
        {
            for (int j = 0; j < units; j++) Unsafe.Add(ref y, j) = MathF.Max(Unsafe.Add(ref y, j), 0f);
        }
    }
}
