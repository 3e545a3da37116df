using System.Runtime.CompilerServices;

namespace StaticNets.Runtime;

// Self-gated activations z · gate(z), gate in [0, 1]. The gate is computed without cancellation in the lower tail
// (for example GELU uses Φ(z) directly instead of 0.5·(1 + erf), which is 0 in float below z ≈ −5.5), so results
// keep their relative accuracy until they underflow. For z below a cut-off the gate is exactly 0 in float; clamping
// z there keeps −∞ · 0 from turning into NaN (the limit is −0) without changing any finite result.

/// <summary>Exact GELU <c>z · Φ(z) = 0.5 z (1 + erf(z / √2))</c>.</summary>
internal readonly struct GeluActivation : IElementwiseActivation
{
    // Φ(z) is exactly 0 in float below −14.5, so the product is −0 from there on.
    private const float GateCutoff = 20f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Multiply(
            VectorMath.ClampBelow<TOps, TVector>(z, -GateCutoff),
            ErrorFunction.NormalCdf<TOps, TVector>(z));

    /// <summary>gelu′(z) = Φ(z) + z·φ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
    {
        ErrorFunction.NormalCdfAndDensity<TOps, TVector>(z, out TVector cdf, out TVector density);
        TVector clamped = VectorMath.ClampAbove<TOps, TVector>(VectorMath.ClampBelow<TOps, TVector>(z, -GateCutoff), GateCutoff);
        return TOps.Multiply(gradient, TOps.MultiplyAdd(clamped, density, cdf));
    }
}

/// <summary>
/// Tanh-approximated GELU <c>0.5 z (1 + tanh(u))</c>, u = √(2/π)(z + 0.044715 z³), evaluated as the identical
/// <c>z · σ(2u)</c> (1 + tanh(u) = 2σ(2u)), which does not cancel for negative z.
/// </summary>
internal readonly struct GeluTanhActivation : IElementwiseActivation
{
    private const float TwoC = (float)(2 * 0.7978845608028654);
    private const float TwoCK = (float)(2 * 0.7978845608028654 * 0.044715);
    private const float ThreeTwoCK = (float)(3 * 2 * 0.7978845608028654 * 0.044715);
    // σ(2u) is exactly 0 in float below z ≈ −11.
    private const float GateCutoff = 20f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Multiply(
            VectorMath.ClampBelow<TOps, TVector>(z, -GateCutoff),
            VectorMath.Sigmoid<TOps, TVector>(TwoU<TOps, TVector>(z)));

    /// <summary>d/dz [z·σ(2u)] = σ(2u) + z·σ(2u)·σ(−2u)·(2u)′, (2u)′ = 2c(1 + 3·0.044715 z²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector twoU = TwoU<TOps, TVector>(z);
        TVector e = VectorMath.ExpOfMinusAbs<TOps, TVector>(twoU);
        TVector denominator = TOps.Add(TOps.Create(1f), e);
        TVector numerator = TOps.Select(TOps.CompareGreaterThanOrEqual(twoU, TOps.Create(0f)), TOps.Create(1f), e);
        TVector gate = TOps.Divide(numerator, denominator);
        TVector gateSlope = TOps.Divide(e, TOps.Multiply(denominator, denominator));
        // Beyond |z| = 20 the slope term is exactly 0; clamping keeps z·(2u)′ finite.
        TVector clamped = VectorMath.ClampAbove<TOps, TVector>(VectorMath.ClampBelow<TOps, TVector>(z, -GateCutoff), GateCutoff);
        TVector twoUSlope = TOps.MultiplyAdd(TOps.Multiply(clamped, clamped), TOps.Create(ThreeTwoCK), TOps.Create(TwoC));
        TVector derivative = TOps.MultiplyAdd(TOps.Multiply(clamped, twoUSlope), gateSlope, gate);
        return TOps.Multiply(gradient, derivative);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector TwoU<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        => TOps.Multiply(z, TOps.MultiplyAdd(TOps.Multiply(z, z), TOps.Create(TwoCK), TOps.Create(TwoC)));
}

/// <summary>SiLU / swish <c>z · σ(z)</c>.</summary>
internal readonly struct SiluActivation : IElementwiseActivation
{
    // σ(z)·z is exactly 0 in float below z ≈ −110.
    private const float GateCutoff = 120f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector e = VectorMath.ExpOfMinusAbs<TOps, TVector>(z);
        TVector numerator = TOps.Select(TOps.CompareGreaterThanOrEqual(z, TOps.Create(0f)), TOps.Create(1f), e);
        TVector clamped = VectorMath.ClampBelow<TOps, TVector>(z, -GateCutoff);
        return TOps.Divide(TOps.Multiply(clamped, numerator), TOps.Add(TOps.Create(1f), e));
    }

    /// <summary>silu′(z) = σ(z)·(1 + z·σ(−z)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector e = VectorMath.ExpOfMinusAbs<TOps, TVector>(z);
        TVector reciprocal = TOps.Divide(TOps.Create(1f), TOps.Add(TOps.Create(1f), e));
        TVector nonNegative = TOps.CompareGreaterThanOrEqual(z, TOps.Create(0f));
        TVector sigmoid = TOps.Multiply(TOps.Select(nonNegative, TOps.Create(1f), e), reciprocal);
        TVector sigmoidOfMinus = TOps.Multiply(TOps.Select(nonNegative, e, TOps.Create(1f)), reciprocal);
        TVector clamped = VectorMath.ClampAbove<TOps, TVector>(VectorMath.ClampBelow<TOps, TVector>(z, -GateCutoff), GateCutoff);
        TVector derivative = TOps.MultiplyAdd(TOps.Multiply(clamped, sigmoidOfMinus), sigmoid, sigmoid);
        return TOps.Multiply(gradient, derivative);
    }
}

/// <summary>
/// Mish <c>z · tanh(softplus(z))</c>, using the identity tanh(log(1 + e^z)) = n / (n + 2) with n = e^z (e^z + 2):
/// one exp, no cancellation for negative z.
/// </summary>
internal readonly struct MishActivation : IElementwiseActivation
{
    // tanh(softplus(z)) rounds to 1 above z ≈ 9; capping e^z at e^20 keeps n finite.
    private const float SaturationLimit = 20f;
    // z·tanh(softplus(z)) is exactly 0 in float below z ≈ −110.
    private const float GateCutoff = 120f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector e = VectorMath.Exp<TOps, TVector>(VectorMath.ClampAbove<TOps, TVector>(z, SaturationLimit));
        TVector n = TOps.Multiply(e, TOps.Add(e, TOps.Create(2f)));
        TVector gate = TOps.Divide(n, TOps.Add(n, TOps.Create(2f)));
        return TOps.Multiply(VectorMath.ClampBelow<TOps, TVector>(z, -GateCutoff), gate);
    }

    /// <summary>mish′(z) = t + z·σ(z)·(1 − t²), t = n/(n + 2), 1 − t² = 4(n + 1)/(n + 2)²; exactly 1 above z = 20.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector e = VectorMath.Exp<TOps, TVector>(VectorMath.ClampAbove<TOps, TVector>(z, SaturationLimit));
        TVector n = TOps.Multiply(e, TOps.Add(e, TOps.Create(2f)));
        TVector nPlusTwo = TOps.Add(n, TOps.Create(2f));
        TVector gate = TOps.Divide(n, nPlusTwo);
        TVector sigmoid = TOps.Divide(e, TOps.Add(e, TOps.Create(1f)));
        TVector sechSquared = TOps.Divide(
            TOps.Multiply(TOps.Add(n, TOps.Create(1f)), TOps.Create(4f)), TOps.Multiply(nPlusTwo, nPlusTwo));
        TVector clamped = VectorMath.ClampBelow<TOps, TVector>(z, -GateCutoff);
        TVector derivative = TOps.MultiplyAdd(TOps.Multiply(clamped, sigmoid), sechSquared, gate);
        derivative = TOps.Select(TOps.CompareGreaterThan(z, TOps.Create(SaturationLimit)), TOps.Create(1f), derivative);
        return TOps.Multiply(gradient, derivative);
    }
}
