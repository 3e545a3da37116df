using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// The activations generated forward kernels apply in a register to a single float (a unit computed on its own rather
/// than in a vector). Each runs the vector formula of the span kernel in <see cref="Activations"/> on one lane of a
/// <see cref="Vector128{T}"/>, so it returns the same bits as that kernel and as the <see cref="Simd512"/>,
/// <see cref="Simd256"/> and <see cref="Simd128"/> versions, signed zeros and NaN payloads included; the JIT reduces
/// each call to a compare and a mask or two on the float's register, without a branch.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SimdScalar
{
    /// <summary><c>max(x, 0)</c>, bit for bit <see cref="Activations.Relu(Span{float})"/>: NaN stays NaN, relu(−0) = +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Relu(float x) => ReluActivation.Forward<Vector128Ops, Vector128<float>>(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <summary>
    /// <c>min(max(x, 0), 6)</c>, bit for bit <see cref="Activations.Relu6(Span{float})"/>: NaN stays NaN, relu6(−0) = +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Relu6(float x) => Relu6Activation.Forward<Vector128Ops, Vector128<float>>(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <summary>
    /// <c>x</c> for x ≥ 0, else <c>0.2 x</c>, bit for bit <see cref="Activations.LeakyRelu(Span{float})"/>: NaN stays NaN,
    /// −0 stays −0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyRelu(float x)
        => LeakyReluActivation.Forward<Vector128Ops, Vector128<float>>(Vector128.CreateScalarUnsafe(x)).ToScalar();
}
