using System.Runtime.CompilerServices;

namespace StaticNets.Runtime;

// Piecewise-linear activations. Forward: NaN stays NaN, payload and sign included (every test is written so that a
// NaN compare picks x itself), relu(−0) = relu6(−0) = +0, and leaky_relu(−0) = −0. These structs are the only
// definition: the span kernels, the in-register Simd512/Simd256/Simd128.Relu, Relu6 and LeakyRelu of generated kernels,
// and SimdScalar's one-float versions all evaluate them, so every path gives the same bits. Backward follows
// TensorFlow's gradient kernels: the derivative at a kink is the one of the flat side (relu′(0) = 0,
// leaky_relu′(0) = 0.2, relu6′(0) = relu6′(6) = 0, hard_sigmoid′(±3) = 0, and Keras 2's hard_sigmoid′(±2.5) = 0).

/// <summary><c>max(0, z)</c>, relu(−0) = +0: a select of zero, which the JIT turns into one compare and one blend or and-not.</summary>
internal readonly struct ReluActivation : IElementwiseActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Select(TOps.CompareLessThanOrEqual(z, TOps.Create(0f)), TOps.Create(0f), z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.And(gradient, TOps.CompareGreaterThan(z, TOps.Create(0f)));
}

/// <summary><c>z</c> for z ≥ 0, else <c>0.2 z</c>.</summary>
internal readonly struct LeakyReluActivation : IElementwiseActivation
{
    private const float Slope = 0.2f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Select(TOps.CompareLessThan(z, TOps.Create(0f)), TOps.Multiply(z, TOps.Create(Slope)), z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Select(TOps.CompareGreaterThan(z, TOps.Create(0f)), gradient, TOps.Multiply(gradient, TOps.Create(Slope)));
}

/// <summary><c>min(max(z, 0), 6)</c>; both compares read z, so they do not wait for each other.</summary>
internal readonly struct Relu6Activation : IElementwiseActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Select(TOps.CompareGreaterThan(z, TOps.Create(6f)), TOps.Create(6f), ReluActivation.Forward<TOps, TVector>(z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector inside = TOps.And(TOps.CompareGreaterThan(z, TOps.Create(0f)), TOps.CompareLessThan(z, TOps.Create(6f)));
        return TOps.And(gradient, inside);
    }
}

/// <summary>
/// Keras 3 <c>clip(z / 6 + 0.5, 0, 1)</c>, evaluated as the identical <c>clip((z + 3) / 6, 0, 1)</c>: near z = −3
/// z + 3 is exact, so the small outputs there are correctly rounded instead of carrying the rounding of z / 6.
/// </summary>
internal readonly struct HardSigmoidActivation : IElementwiseActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector linear = TOps.Divide(TOps.Add(z, TOps.Create(3f)), TOps.Create(6f));
        return VectorMath.ClampAbove<TOps, TVector>(VectorMath.ClampBelow<TOps, TVector>(linear, 0f), 1f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector inside = TOps.And(TOps.CompareGreaterThan(z, TOps.Create(-3f)), TOps.CompareLessThan(z, TOps.Create(3f)));
        return TOps.And(TOps.Divide(gradient, TOps.Create(6f)), inside);
    }
}

/// <summary>
/// Keras 2 <c>clip(0.2 z + 0.5, 0, 1)</c>, evaluated as the identical <c>clip((z + 2.5) / 5, 0, 1)</c> for the reason
/// <see cref="HardSigmoidActivation"/> gives (near z = −2.5, z + 2.5 is exact; 0.2 has no exact float).
/// </summary>
internal readonly struct HardSigmoidKeras2Activation : IElementwiseActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector linear = TOps.Divide(TOps.Add(z, TOps.Create(2.5f)), TOps.Create(5f));
        return VectorMath.ClampAbove<TOps, TVector>(VectorMath.ClampBelow<TOps, TVector>(linear, 0f), 1f);
    }

    /// <summary>∂/5 strictly inside (−2.5, 2.5), 0 at and beyond the corners, as <see cref="HardSigmoidActivation"/> does at ±3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector inside = TOps.And(TOps.CompareGreaterThan(z, TOps.Create(-2.5f)), TOps.CompareLessThan(z, TOps.Create(2.5f)));
        return TOps.And(TOps.Divide(gradient, TOps.Create(5f)), inside);
    }
}
