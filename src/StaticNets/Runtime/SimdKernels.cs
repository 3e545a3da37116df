using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

// Simd512, Simd256 and Simd128 are the same operations at three widths: C# cannot abstract over the vector type
// without generic calls, which would bring back the binding cost these classes exist to avoid.

/// <summary>
/// The 512-bit operations generated forward kernels are written in: one non-generic, non-overloaded method per
/// operation, so the compiler binds each generated line without overload resolution or type inference (this keeps
/// builds of large networks fast), and the JIT inlines each into a single instruction or two.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd512
{
    /// <summary>
    /// <c>Σ x[i] · source[offset + i]</c> for i &lt; <paramref name="count"/>: a one-unit Dense layer. Both operands are
    /// read in whole vectors, up to one vector past <paramref name="count"/> (generated code passes scratch and weights,
    /// which have that slack); the lanes past it are masked off, so whatever they hold (even NaN) adds nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ref float x, ref float source, int offset, int count)
    {
        Vector512<float> sum = Vector512<float>.Zero;
        int i = 0;
        for (; i + 16 <= count; i += 16)
        {
            sum = Simd.MultiplyAdd(Vector512.LoadUnsafe(ref x, (nuint)i), Vector512.LoadUnsafe(ref source, (nuint)(offset + i)), sum);
        }

        if (i < count)
        {
            Vector512<float> keep = Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(count - i)).AsSingle();
            sum += Vector512.LoadUnsafe(ref x, (nuint)i) * Vector512.LoadUnsafe(ref source, (nuint)(offset + i)) & keep;
        }

        return Sum(sum);
    }

    /// <summary>
    /// <c>Σ x[i] · source[offset + i]</c> for i &lt; <paramref name="count"/> (at most one vector), with x already in a
    /// register: a layer that fits one vector feeding a one-unit layer never goes through memory. Lanes of x from
    /// <paramref name="count"/> on are masked off; the weights are read a whole vector (generated code has the slack).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(Vector512<float> x, ref float source, int offset, int count)
    {
        Vector512<float> keep = Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(count)).AsSingle();
        return Sum(x * Vector512.LoadUnsafe(ref source, (nuint)offset) & keep);
    }

    /// <summary>
    /// <c>Σ x[i] · source[offset + i]</c> for i &lt; <paramref name="count"/> (16 &lt; count ≤ 32), with x in two
    /// registers (a layer of two vectors feeding a one-unit layer): the same operations, in the same order, as
    /// <see cref="Dot(ref float, ref float, int, int)"/> reading them from memory, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(Vector512<float> x0, Vector512<float> x1, ref float source, int offset, int count)
    {
        Vector512<float> sum = Simd.MultiplyAdd(x0, Vector512.LoadUnsafe(ref source, (nuint)offset), Vector512<float>.Zero);
        Vector512<float> weights = Vector512.LoadUnsafe(ref source, (nuint)(offset + 16));
        if (count == 32)
        {
            sum = Simd.MultiplyAdd(x1, weights, sum);
        }
        else
        {
            Vector512<float> keep = Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(count - 16)).AsSingle();
            sum += x1 * weights & keep;
        }

        return Sum(sum);
    }

    /// <summary>The sum of the lanes, by halves (much faster than the library's lane-by-lane sum here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Sum(Vector512<float> value)
    {
        Vector256<float> half = value.GetLower() + value.GetUpper();
        Vector128<float> quarter = half.GetLower() + half.GetUpper();
        return Vector128.Sum(quarter);
    }

    /// <summary>Loads a vector from <c>source[offset..]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, int offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);

    /// <summary>A vector with every lane set to <c>source[index]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(ref float source, int index) => Vector512.Create(Unsafe.Add(ref source, index));

    /// <summary><c>x · source[offset..] + accumulator</c>, fused where the hardware can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> x, ref float source, int offset, Vector512<float> accumulator)
        => Simd.MultiplyAdd(x, Vector512.LoadUnsafe(ref source, (nuint)offset), accumulator);

    /// <summary>Stores <paramref name="value"/> to <c>destination[offset..]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination, int offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    /// <summary>
    /// <c>max(x, 0)</c> in a register, bit for bit <see cref="Activations.Relu(Span{float})"/> (the same formula):
    /// NaN stays NaN, relu(−0) = +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu(Vector512<float> x) => ReluActivation.Forward<Vector512Ops, Vector512<float>>(x);

    /// <summary>
    /// <c>min(max(x, 0), 6)</c> in a register, bit for bit <see cref="Activations.Relu6(Span{float})"/> (the same
    /// formula): NaN stays NaN, relu6(−0) = +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu6(Vector512<float> x) => Relu6Activation.Forward<Vector512Ops, Vector512<float>>(x);

    /// <summary>
    /// <c>x</c> for x ≥ 0, else <c>0.2 x</c>, in a register, bit for bit <see cref="Activations.LeakyRelu(Span{float})"/>
    /// (the same formula): NaN stays NaN, −0 stays −0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LeakyRelu(Vector512<float> x) => LeakyReluActivation.Forward<Vector512Ops, Vector512<float>>(x);
}

/// <summary>
/// The 256-bit operations generated forward kernels are written in: one non-generic, non-overloaded method per
/// operation, so the compiler binds each generated line without overload resolution or type inference (this keeps
/// builds of large networks fast), and the JIT inlines each into a single instruction or two.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd256
{
    /// <summary>
    /// <c>Σ x[i] · source[offset + i]</c> for i &lt; <paramref name="count"/>: a one-unit Dense layer. Both operands are
    /// read in whole vectors, up to one vector past <paramref name="count"/> (generated code passes scratch and weights,
    /// which have that slack); the lanes past it are masked off, so whatever they hold (even NaN) adds nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ref float x, ref float source, int offset, int count)
    {
        Vector256<float> sum = Vector256<float>.Zero;
        int i = 0;
        for (; i + 8 <= count; i += 8)
        {
            sum = Simd.MultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256.LoadUnsafe(ref source, (nuint)(offset + i)), sum);
        }

        if (i < count)
        {
            Vector256<float> keep = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(count - i)).AsSingle();
            sum += Vector256.LoadUnsafe(ref x, (nuint)i) * Vector256.LoadUnsafe(ref source, (nuint)(offset + i)) & keep;
        }

        return Sum(sum);
    }

    /// <summary>
    /// <c>Σ x[i] · source[offset + i]</c> for i &lt; <paramref name="count"/> (at most one vector), with x already in a
    /// register: a layer that fits one vector feeding a one-unit layer never goes through memory. Lanes of x from
    /// <paramref name="count"/> on are masked off; the weights are read a whole vector (generated code has the slack).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(Vector256<float> x, ref float source, int offset, int count)
    {
        Vector256<float> keep = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(count)).AsSingle();
        return Sum(x * Vector256.LoadUnsafe(ref source, (nuint)offset) & keep);
    }

    /// <summary>
    /// <c>Σ x[i] · source[offset + i]</c> for i &lt; <paramref name="count"/> (8 &lt; count ≤ 16), with x in two
    /// registers (a layer of two vectors feeding a one-unit layer): the same operations, in the same order, as
    /// <see cref="Dot(ref float, ref float, int, int)"/> reading them from memory, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(Vector256<float> x0, Vector256<float> x1, ref float source, int offset, int count)
    {
        Vector256<float> sum = Simd.MultiplyAdd(x0, Vector256.LoadUnsafe(ref source, (nuint)offset), Vector256<float>.Zero);
        Vector256<float> weights = Vector256.LoadUnsafe(ref source, (nuint)(offset + 8));
        if (count == 16)
        {
            sum = Simd.MultiplyAdd(x1, weights, sum);
        }
        else
        {
            Vector256<float> keep = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(count - 8)).AsSingle();
            sum += x1 * weights & keep;
        }

        return Sum(sum);
    }

    /// <summary>The sum of the lanes, by halves (much faster than the library's lane-by-lane sum here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Sum(Vector256<float> value)
    {
        Vector128<float> half = value.GetLower() + value.GetUpper();
        return Vector128.Sum(half);
    }

    /// <summary>Loads a vector from <c>source[offset..]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, int offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);

    /// <summary>A vector with every lane set to <c>source[index]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(ref float source, int index) => Vector256.Create(Unsafe.Add(ref source, index));

    /// <summary><c>x · source[offset..] + accumulator</c>, fused where the hardware can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> x, ref float source, int offset, Vector256<float> accumulator)
        => Simd.MultiplyAdd(x, Vector256.LoadUnsafe(ref source, (nuint)offset), accumulator);

    /// <summary>Stores <paramref name="value"/> to <c>destination[offset..]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination, int offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    /// <summary>
    /// <c>max(x, 0)</c> in a register, bit for bit <see cref="Activations.Relu(Span{float})"/> (the same formula):
    /// NaN stays NaN, relu(−0) = +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> x) => ReluActivation.Forward<Vector256Ops, Vector256<float>>(x);

    /// <summary>
    /// <c>min(max(x, 0), 6)</c> in a register, bit for bit <see cref="Activations.Relu6(Span{float})"/> (the same
    /// formula): NaN stays NaN, relu6(−0) = +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu6(Vector256<float> x) => Relu6Activation.Forward<Vector256Ops, Vector256<float>>(x);

    /// <summary>
    /// <c>x</c> for x ≥ 0, else <c>0.2 x</c>, in a register, bit for bit <see cref="Activations.LeakyRelu(Span{float})"/>
    /// (the same formula): NaN stays NaN, −0 stays −0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyRelu(Vector256<float> x) => LeakyReluActivation.Forward<Vector256Ops, Vector256<float>>(x);
}

/// <summary>
/// The 128-bit operations generated forward kernels are written in: one non-generic, non-overloaded method per
/// operation, so the compiler binds each generated line without overload resolution or type inference (this keeps
/// builds of large networks fast), and the JIT inlines each into a single instruction or two.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd128
{
    /// <summary>
    /// <c>Σ x[i] · source[offset + i]</c> for i &lt; <paramref name="count"/>: a one-unit Dense layer. Both operands are
    /// read in whole vectors, up to one vector past <paramref name="count"/> (generated code passes scratch and weights,
    /// which have that slack); the lanes past it are masked off, so whatever they hold (even NaN) adds nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ref float x, ref float source, int offset, int count)
    {
        Vector128<float> sum = Vector128<float>.Zero;
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            sum = Simd.MultiplyAdd(Vector128.LoadUnsafe(ref x, (nuint)i), Vector128.LoadUnsafe(ref source, (nuint)(offset + i)), sum);
        }

        if (i < count)
        {
            Vector128<float> keep = Vector128.LessThan(Vector128.Create(0, 1, 2, 3), Vector128.Create(count - i)).AsSingle();
            sum += Vector128.LoadUnsafe(ref x, (nuint)i) * Vector128.LoadUnsafe(ref source, (nuint)(offset + i)) & keep;
        }

        return Sum(sum);
    }

    /// <summary>
    /// <c>Σ x[i] · source[offset + i]</c> for i &lt; <paramref name="count"/> (at most one vector), with x already in a
    /// register: a layer that fits one vector feeding a one-unit layer never goes through memory. Lanes of x from
    /// <paramref name="count"/> on are masked off; the weights are read a whole vector (generated code has the slack).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(Vector128<float> x, ref float source, int offset, int count)
    {
        Vector128<float> keep = Vector128.LessThan(Vector128.Create(0, 1, 2, 3), Vector128.Create(count)).AsSingle();
        return Sum(x * Vector128.LoadUnsafe(ref source, (nuint)offset) & keep);
    }

    /// <summary>
    /// <c>Σ x[i] · source[offset + i]</c> for i &lt; <paramref name="count"/> (4 &lt; count ≤ 8), with x in two
    /// registers (a layer of two vectors feeding a one-unit layer): the same operations, in the same order, as
    /// <see cref="Dot(ref float, ref float, int, int)"/> reading them from memory, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(Vector128<float> x0, Vector128<float> x1, ref float source, int offset, int count)
    {
        Vector128<float> sum = Simd.MultiplyAdd(x0, Vector128.LoadUnsafe(ref source, (nuint)offset), Vector128<float>.Zero);
        Vector128<float> weights = Vector128.LoadUnsafe(ref source, (nuint)(offset + 4));
        if (count == 8)
        {
            sum = Simd.MultiplyAdd(x1, weights, sum);
        }
        else
        {
            Vector128<float> keep = Vector128.LessThan(Vector128.Create(0, 1, 2, 3), Vector128.Create(count - 4)).AsSingle();
            sum += x1 * weights & keep;
        }

        return Sum(sum);
    }

    /// <summary>The sum of the lanes, by halves (much faster than the library's lane-by-lane sum here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Sum(Vector128<float> value)
    {
        return Vector128.Sum(value);
    }

    /// <summary>Loads a vector from <c>source[offset..]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, int offset) => Vector128.LoadUnsafe(ref source, (nuint)offset);

    /// <summary>A vector with every lane set to <c>source[index]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(ref float source, int index) => Vector128.Create(Unsafe.Add(ref source, index));

    /// <summary><c>x · source[offset..] + accumulator</c>, fused where the hardware can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> x, ref float source, int offset, Vector128<float> accumulator)
        => Simd.MultiplyAdd(x, Vector128.LoadUnsafe(ref source, (nuint)offset), accumulator);

    /// <summary>Stores <paramref name="value"/> to <c>destination[offset..]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination, int offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    /// <summary>
    /// <c>max(x, 0)</c> in a register, bit for bit <see cref="Activations.Relu(Span{float})"/> (the same formula):
    /// NaN stays NaN, relu(−0) = +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Relu(Vector128<float> x) => ReluActivation.Forward<Vector128Ops, Vector128<float>>(x);

    /// <summary>
    /// <c>min(max(x, 0), 6)</c> in a register, bit for bit <see cref="Activations.Relu6(Span{float})"/> (the same
    /// formula): NaN stays NaN, relu6(−0) = +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Relu6(Vector128<float> x) => Relu6Activation.Forward<Vector128Ops, Vector128<float>>(x);

    /// <summary>
    /// <c>x</c> for x ≥ 0, else <c>0.2 x</c>, in a register, bit for bit <see cref="Activations.LeakyRelu(Span{float})"/>
    /// (the same formula): NaN stays NaN, −0 stays −0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyRelu(Vector128<float> x) => LeakyReluActivation.Forward<Vector128Ops, Vector128<float>>(x);
}
