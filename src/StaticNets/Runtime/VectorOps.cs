using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// The vector operations the activation kernels are written against, implemented once per vector width, so each
/// kernel is written once and the JIT specialises it for <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and
/// <see cref="Vector512{T}"/> (the implementations are structs, so every call is resolved and inlined at JIT time).
/// </summary>
/// <remarks>
/// Comparisons return all-ones / all-zeros lane masks. <c>Min</c>/<c>Max</c> are deliberately absent: their NaN and
/// signed-zero behaviour changed between .NET 8 and .NET 9, so kernels spell out clamps with compare-and-select,
/// which keeps a NaN lane NaN on every runtime.
/// </remarks>
internal interface IVectorOps<TVector> where TVector : struct
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Load(ref float source);
    static abstract void Store(TVector value, ref float destination);
    static abstract TVector Create(float value);
    /// <summary>Every lane holds the float whose bit pattern is <paramref name="bits"/>.</summary>
    static abstract TVector CreateFromBits(int bits);

    static abstract TVector Add(TVector left, TVector right);
    static abstract TVector Subtract(TVector left, TVector right);
    static abstract TVector Multiply(TVector left, TVector right);
    static abstract TVector Divide(TVector left, TVector right);
    /// <summary><c>a · b + c</c>, fused where the hardware can (<see cref="Simd"/>).</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
    /// <summary>Clears the sign bit (NaN stays NaN).</summary>
    static abstract TVector Abs(TVector value);

    static abstract TVector CompareEqual(TVector left, TVector right);
    static abstract TVector CompareLessThan(TVector left, TVector right);
    static abstract TVector CompareLessThanOrEqual(TVector left, TVector right);
    static abstract TVector CompareGreaterThan(TVector left, TVector right);
    static abstract TVector CompareGreaterThanOrEqual(TVector left, TVector right);
    /// <summary>Per bit: <paramref name="whenTrue"/> where <paramref name="mask"/> is set, else <paramref name="whenFalse"/>.</summary>
    static abstract TVector Select(TVector mask, TVector whenTrue, TVector whenFalse);
    static abstract TVector And(TVector left, TVector right);
    static abstract TVector Or(TVector left, TVector right);
    /// <summary><c>value &amp; ~mask</c>.</summary>
    static abstract TVector AndNot(TVector value, TVector mask);

    /// <summary>Lane-wise 32-bit integer addition of the bit patterns.</summary>
    static abstract TVector AddInt32(TVector left, TVector right);
    /// <summary>Lane-wise 32-bit integer subtraction of the bit patterns.</summary>
    static abstract TVector SubtractInt32(TVector left, TVector right);
    static abstract TVector ShiftLeftInt32(TVector value, int count);
    static abstract TVector ShiftRightArithmeticInt32(TVector value, int count);

    /// <summary>The sum of all lanes.</summary>
    static abstract float Sum(TVector value);
}

/// <summary><see cref="IVectorOps{TVector}"/> for 128-bit vectors (also the portable fallback: correct, if slow, without SIMD).</summary>
internal readonly struct Vector128Ops : IVectorOps<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source) => Vector128.LoadUnsafe(ref source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination) => value.StoreUnsafe(ref destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CreateFromBits(int bits) => Vector128.Create(bits).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> left, Vector128<float> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Simd.MultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Abs(Vector128<float> value) => Vector128.AndNot(value, Vector128.Create(-0f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CompareEqual(Vector128<float> left, Vector128<float> right) => Vector128.Equals(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CompareLessThan(Vector128<float> left, Vector128<float> right) => Vector128.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CompareLessThanOrEqual(Vector128<float> left, Vector128<float> right) => Vector128.LessThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CompareGreaterThan(Vector128<float> left, Vector128<float> right) => Vector128.GreaterThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CompareGreaterThanOrEqual(Vector128<float> left, Vector128<float> right) => Vector128.GreaterThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Select(Vector128<float> mask, Vector128<float> whenTrue, Vector128<float> whenFalse)
        => Vector128.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> And(Vector128<float> left, Vector128<float> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Or(Vector128<float> left, Vector128<float> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> AndNot(Vector128<float> value, Vector128<float> mask) => Vector128.AndNot(value, mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> AddInt32(Vector128<float> left, Vector128<float> right) => (left.AsInt32() + right.AsInt32()).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SubtractInt32(Vector128<float> left, Vector128<float> right) => (left.AsInt32() - right.AsInt32()).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ShiftLeftInt32(Vector128<float> value, int count) => Vector128.ShiftLeft(value.AsInt32(), count).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ShiftRightArithmeticInt32(Vector128<float> value, int count)
        => Vector128.ShiftRightArithmetic(value.AsInt32(), count).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> value) => Vector128.Sum(value);
}

/// <summary><see cref="IVectorOps{TVector}"/> for 256-bit vectors.</summary>
internal readonly struct Vector256Ops : IVectorOps<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source) => Vector256.LoadUnsafe(ref source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination) => value.StoreUnsafe(ref destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Create(float value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CreateFromBits(int bits) => Vector256.Create(bits).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> left, Vector256<float> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Simd.MultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Abs(Vector256<float> value) => Vector256.AndNot(value, Vector256.Create(-0f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CompareEqual(Vector256<float> left, Vector256<float> right) => Vector256.Equals(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CompareLessThan(Vector256<float> left, Vector256<float> right) => Vector256.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CompareLessThanOrEqual(Vector256<float> left, Vector256<float> right) => Vector256.LessThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CompareGreaterThan(Vector256<float> left, Vector256<float> right) => Vector256.GreaterThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CompareGreaterThanOrEqual(Vector256<float> left, Vector256<float> right) => Vector256.GreaterThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Select(Vector256<float> mask, Vector256<float> whenTrue, Vector256<float> whenFalse)
        => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> And(Vector256<float> left, Vector256<float> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Or(Vector256<float> left, Vector256<float> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AndNot(Vector256<float> value, Vector256<float> mask) => Vector256.AndNot(value, mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AddInt32(Vector256<float> left, Vector256<float> right) => (left.AsInt32() + right.AsInt32()).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SubtractInt32(Vector256<float> left, Vector256<float> right) => (left.AsInt32() - right.AsInt32()).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ShiftLeftInt32(Vector256<float> value, int count) => Vector256.ShiftLeft(value.AsInt32(), count).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ShiftRightArithmeticInt32(Vector256<float> value, int count)
        => Vector256.ShiftRightArithmetic(value.AsInt32(), count).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);
}

/// <summary><see cref="IVectorOps{TVector}"/> for 512-bit vectors.</summary>
internal readonly struct Vector512Ops : IVectorOps<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source) => Vector512.LoadUnsafe(ref source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination) => value.StoreUnsafe(ref destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Create(float value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CreateFromBits(int bits) => Vector512.Create(bits).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> left, Vector512<float> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Simd.MultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Abs(Vector512<float> value) => Vector512.AndNot(value, Vector512.Create(-0f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CompareEqual(Vector512<float> left, Vector512<float> right) => Vector512.Equals(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CompareLessThan(Vector512<float> left, Vector512<float> right) => Vector512.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CompareLessThanOrEqual(Vector512<float> left, Vector512<float> right) => Vector512.LessThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CompareGreaterThan(Vector512<float> left, Vector512<float> right) => Vector512.GreaterThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CompareGreaterThanOrEqual(Vector512<float> left, Vector512<float> right) => Vector512.GreaterThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Select(Vector512<float> mask, Vector512<float> whenTrue, Vector512<float> whenFalse)
        => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> And(Vector512<float> left, Vector512<float> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Or(Vector512<float> left, Vector512<float> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> AndNot(Vector512<float> value, Vector512<float> mask) => Vector512.AndNot(value, mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> AddInt32(Vector512<float> left, Vector512<float> right) => (left.AsInt32() + right.AsInt32()).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SubtractInt32(Vector512<float> left, Vector512<float> right) => (left.AsInt32() - right.AsInt32()).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ShiftLeftInt32(Vector512<float> value, int count) => Vector512.ShiftLeft(value.AsInt32(), count).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ShiftRightArithmeticInt32(Vector512<float> value, int count)
        => Vector512.ShiftRightArithmetic(value.AsInt32(), count).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);
}
