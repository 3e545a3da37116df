using System.Runtime.CompilerServices;

namespace StaticNets.Runtime;

// Smooth activations built on exp. Each derivative is computed from z in a form without cancellation (for example
// tanh′ = 4e/(1+e)² with e = e^(−2|z|) rather than 1 − a², which is 0 in float for |z| > 9), so gradients keep their
// relative accuracy in the saturated tails.

/// <summary><c>1 / (1 + e^−z)</c>.</summary>
internal readonly struct SigmoidActivation : IElementwiseActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        => VectorMath.Sigmoid<TOps, TVector>(z);

    /// <summary>σ′(z) = σ(z)·σ(−z) = e/(1+e)², e = e^−|z|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector e = VectorMath.ExpOfMinusAbs<TOps, TVector>(z);
        TVector denominator = TOps.Add(TOps.Create(1f), e);
        return TOps.Multiply(gradient, TOps.Divide(e, TOps.Multiply(denominator, denominator)));
    }
}

/// <summary><c>tanh(z)</c>.</summary>
internal readonly struct TanhActivation : IElementwiseActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        => VectorMath.Tanh<TOps, TVector>(z);

    /// <summary>tanh′(z) = 1/cosh²(z) = 4e/(1+e)², e = e^(−2|z|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector e = VectorMath.ExpOfMinusAbs<TOps, TVector>(TOps.Add(z, z));
        TVector denominator = TOps.Add(TOps.Create(1f), e);
        TVector derivative = TOps.Divide(TOps.Multiply(e, TOps.Create(4f)), TOps.Multiply(denominator, denominator));
        return TOps.Multiply(gradient, derivative);
    }
}

/// <summary><c>log(1 + e^z)</c>, as max(z, 0) + log1p(e^−|z|) so it never overflows.</summary>
internal readonly struct SoftplusActivation : IElementwiseActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector positivePart = ReluActivation.Forward<TOps, TVector>(z);
        return TOps.Add(positivePart, VectorMath.Log1pUnitInterval<TOps, TVector>(VectorMath.ExpOfMinusAbs<TOps, TVector>(z)));
    }

    /// <summary>softplus′(z) = σ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Multiply(gradient, VectorMath.Sigmoid<TOps, TVector>(z));
}

/// <summary><c>z / (1 + |z|)</c>; ±1 at ±∞.</summary>
internal readonly struct SoftsignActivation : IElementwiseActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector magnitude = TOps.Abs(z);
        TVector quotient = TOps.Divide(z, TOps.Add(TOps.Create(1f), magnitude));
        TVector infinite = TOps.CompareEqual(magnitude, TOps.Create(float.PositiveInfinity));
        return TOps.Select(infinite, VectorMath.CopySign<TOps, TVector>(TOps.Create(1f), z), quotient);
    }

    /// <summary>softsign′(z) = 1 / (1 + |z|)², divided twice so (1 + |z|)² cannot overflow for |z| &gt; 1.8e19.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector denominator = TOps.Add(TOps.Create(1f), TOps.Abs(z));
        return TOps.Divide(TOps.Divide(gradient, denominator), denominator);
    }
}

/// <summary><c>z</c> for z ≥ 0, else <c>e^z − 1</c> (α = 1), via expm1 so small negative z keep their precision.</summary>
internal readonly struct EluActivation : IElementwiseActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Select(TOps.CompareGreaterThanOrEqual(z, TOps.Create(0f)), z, VectorMath.Expm1<TOps, TVector>(z));

    /// <summary>elu′(z) = e^z for z &lt; 0, else 1 (computed from z: a + 1 would lose the tail).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Select(
            TOps.CompareLessThan(z, TOps.Create(0f)),
            TOps.Multiply(gradient, VectorMath.Exp<TOps, TVector>(z)),
            gradient);
}

/// <summary><c>scale · elu(z, α)</c>, α = 1.6732632423543772, scale = 1.0507009873554805.</summary>
internal readonly struct SeluActivation : IElementwiseActivation
{
    private const float Scale = (float)1.0507009873554805;
    private const float ScaleTimesAlpha = (float)(1.0507009873554805 * 1.6732632423543772);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Select(
            TOps.CompareGreaterThanOrEqual(z, TOps.Create(0f)),
            TOps.Multiply(z, TOps.Create(Scale)),
            TOps.Multiply(VectorMath.Expm1<TOps, TVector>(z), TOps.Create(ScaleTimesAlpha)));

    /// <summary>selu′(z) = scale·α·e^z for z &lt; 0, else scale (TensorFlow's choice at 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Multiply(gradient, TOps.Select(
            TOps.CompareLessThan(z, TOps.Create(0f)),
            TOps.Multiply(VectorMath.Exp<TOps, TVector>(z), TOps.Create(ScaleTimesAlpha)),
            TOps.Create(Scale)));
}

/// <summary><c>e^z</c> (overflows to +∞ above ≈ 88.72, like Keras in float32).</summary>
internal readonly struct ExponentialActivation : IElementwiseActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        => VectorMath.Exp<TOps, TVector>(z);

    /// <summary>exp′ = exp = a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Multiply(gradient, a);
}
