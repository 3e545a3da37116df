using System.Runtime.CompilerServices;

namespace StaticNets.Runtime;

/// <summary>
/// Float32 error function and standard normal distribution on vectors (.NET has no <c>Math.Erf</c>), for exact GELU.
/// </summary>
/// <remarks>
/// Two pieces, Chebyshev fits (mpmath <c>chebyfit</c> at 40 digits) whose error was checked with the coefficients
/// rounded to float:
/// <list type="bullet">
/// <item>|t| ≤ 0.5: erf(t) = t·(2/√π + s·P(s)), s = t², P cubic, fitted to (erf(t)/t − 2/√π)/s on s in [0, 0.25];
/// relative error 8e-9.</item>
/// <item>t in [0.35, 10.5]: the scaled complement G(t) = e^(t²)·erfc(t) = Q(y) / (t + 3) with y = (t − 3)/(t + 3),
/// Q of degree 9 fitted to G(t)·(t + 3) in y; relative error 2e-8. erfc(t) = e^(−t²)·G(t) then keeps its relative
/// accuracy deep into the tail, because e^(−t²) is evaluated from an exactly split t²
/// (<see cref="VectorMath.ExpMinusScaledSquare"/>).</item>
/// </list>
/// GELU needs Φ (below), whose lower tail is erfc; <see cref="Erf"/> itself is built from the same two pieces.
/// </remarks>
internal static class ErrorFunction
{
    private const float TwoOverSqrtPiHi = 1.128379225730896f;
    private const float TwoOverSqrtPiLo = -5.8635382771399236e-08f;
    private const float SmallP0 = 0.0048165456391870975f;
    private const float SmallP1 = -0.026803458109498024f;
    private const float SmallP2 = 0.11283479630947113f;
    private const float SmallP3 = -0.37612637877464294f;
    private const float SmallLimit = 0.5f;

    private const float TailShift = 3f;
    private const float TailMin = 0.35f;
    private const float TailMax = 10.5f;
    private const float TailQ0 = -0.00032539013773202896f;
    private const float TailQ1 = -0.00048621048335917294f;
    private const float TailQ2 = 0.003079082118347287f;
    private const float TailQ3 = -0.0012236533220857382f;
    private const float TailQ4 = -0.026838989928364754f;
    private const float TailQ5 = 0.11952827125787735f;
    private const float TailQ6 = -0.31046614050865173f;
    private const float TailQ7 = 0.5902283787727356f;
    private const float TailQ8 = -0.8833944797515869f;
    private const float TailQ9 = 1.0740069150924683f;

    private const float InverseSqrt2 = 0.707106781f;
    private const float InverseSqrtTwoPi = 0.398942280f;
    // Φ(−14.5) ≈ 7e-48: beyond this |x| the normal tail is 0 in float, and clamping keeps x² far from overflow.
    private const float NormalTailLimit = 14.5f;
    // Φ's central polynomial is used for |x| ≤ 0.5 (Φ ≥ 0.31 there, so 0.5 + … does not cancel badly).
    private const float NormalCentralLimit = 0.5f;

    /// <summary>erf(t), within about 1 ulp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Erf<TOps, TVector>(TVector t)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector magnitude = VectorMath.ClampAbove<TOps, TVector>(TOps.Abs(t), TailMax);
        TVector small = ErfSmall<TOps, TVector>(t);
        TVector complement = TOps.Multiply(
            VectorMath.ExpMinusScaledSquare<TOps, TVector>(magnitude, 1f),
            ScaledComplement<TOps, TVector>(magnitude));
        TVector large = VectorMath.CopySign<TOps, TVector>(TOps.Subtract(TOps.Create(1f), complement), t);
        return TOps.Select(TOps.CompareLessThanOrEqual(TOps.Abs(t), TOps.Create(SmallLimit)), small, large);
    }

    /// <summary>The standard normal CDF Φ(x) = erfc(−x/√2) / 2, accurate relative to the result also in the lower tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector NormalCdf<TOps, TVector>(TVector x)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        NormalCdfAndDensity<TOps, TVector>(x, out TVector cdf, out _);
        return cdf;
    }

    /// <summary>Φ(x) and the density φ(x) = e^(−x²/2)/√(2π), sharing the exponential.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NormalCdfAndDensity<TOps, TVector>(TVector x, out TVector cdf, out TVector density)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector magnitude = VectorMath.ClampAbove<TOps, TVector>(TOps.Abs(x), NormalTailLimit);
        TVector gaussian = VectorMath.ExpMinusScaledSquare<TOps, TVector>(magnitude, 0.5f);
        density = TOps.Multiply(gaussian, TOps.Create(InverseSqrtTwoPi));

        TVector half = TOps.Create(0.5f);
        TVector central = TOps.MultiplyAdd(ErfSmall<TOps, TVector>(TOps.Multiply(x, TOps.Create(InverseSqrt2))), half, half);

        // Lower tail Φ(−|x|) = e^(−x²/2) · G(|x|/√2) / 2; G is insensitive to the rounding of |x|/√2.
        TVector t = VectorMath.ClampBelow<TOps, TVector>(TOps.Multiply(magnitude, TOps.Create(InverseSqrt2)), TailMin);
        TVector lowerTail = TOps.Multiply(TOps.Multiply(gaussian, half), ScaledComplement<TOps, TVector>(t));
        TVector tail = TOps.Select(
            TOps.CompareLessThan(x, TOps.Create(0f)), lowerTail, TOps.Subtract(TOps.Create(1f), lowerTail));
        cdf = TOps.Select(TOps.CompareLessThanOrEqual(magnitude, TOps.Create(NormalCentralLimit)), central, tail);
    }

    /// <summary>erf(t) for |t| ≤ 0.5; 2/√π is split in two floats so the leading term is rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ErfSmall<TOps, TVector>(TVector t)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector s = TOps.Multiply(t, t);
        TVector p = TOps.MultiplyAdd(s, TOps.Create(SmallP0), TOps.Create(SmallP1));
        p = TOps.MultiplyAdd(p, s, TOps.Create(SmallP2));
        p = TOps.MultiplyAdd(p, s, TOps.Create(SmallP3));
        TVector correction = TOps.MultiplyAdd(p, s, TOps.Create(TwoOverSqrtPiLo));
        return TOps.MultiplyAdd(t, TOps.Create(TwoOverSqrtPiHi), TOps.Multiply(t, correction));
    }

    /// <summary>G(t) = e^(t²)·erfc(t) for t in [0.35, 10.5] (callers clamp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ScaledComplement<TOps, TVector>(TVector t)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector reciprocal = TOps.Divide(TOps.Create(1f), TOps.Add(t, TOps.Create(TailShift)));
        TVector y = TOps.Multiply(TOps.Subtract(t, TOps.Create(TailShift)), reciprocal);
        TVector q = TOps.MultiplyAdd(y, TOps.Create(TailQ0), TOps.Create(TailQ1));
        q = TOps.MultiplyAdd(q, y, TOps.Create(TailQ2));
        q = TOps.MultiplyAdd(q, y, TOps.Create(TailQ3));
        q = TOps.MultiplyAdd(q, y, TOps.Create(TailQ4));
        q = TOps.MultiplyAdd(q, y, TOps.Create(TailQ5));
        q = TOps.MultiplyAdd(q, y, TOps.Create(TailQ6));
        q = TOps.MultiplyAdd(q, y, TOps.Create(TailQ7));
        q = TOps.MultiplyAdd(q, y, TOps.Create(TailQ8));
        q = TOps.MultiplyAdd(q, y, TOps.Create(TailQ9));
        return TOps.Multiply(q, reciprocal);
    }
}
