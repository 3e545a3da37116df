using System.Runtime.CompilerServices;

namespace StaticNets.Runtime;

/// <summary>
/// Float32 elementary functions on vectors (exp, expm1, log1p, tanh, sigmoid), written once against
/// <see cref="IVectorOps{TVector}"/>. .NET 8 has no vector exp/log, and the activations need fused, overflow-safe forms
/// that TensorPrimitives cannot express without temporary buffers. TensorPrimitives 9.0.0 is also not accurate
/// enough at the extremes: its SoftMax does not subtract the maximum (NaN for [100, 101]), its Tanh gives −0 for
/// 1e-8, and its Sigmoid flushes to 0 below −88 instead of underflowing gradually.
/// </summary>
/// <remarks>
/// Accuracy (measured against double references over every 4096th float): exp within 1 ulp, expm1 within 1.5 ulp,
/// log1p and tanh within 2.2 ulp, exp with gradual underflow into the subnormals. Every function maps NaN to NaN.
/// </remarks>
internal static class VectorMath
{
    private const float Log2E = 1.44269504f;
    // ln 2 split so that n · Ln2Hi is exact for |n| < 2^12 (Cody–Waite): Ln2Hi has 12 significant bits.
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    // 1.5 · 2^23: adding it rounds a float with |v| < 2^22 to an integer and leaves that integer in the low mantissa bits.
    private const float RoundingShift = 12582912f;
    private const int RoundingShiftBits = 0x4B400000;
    private const int ExponentBias = 127;
    private const int MantissaBits = 23;

    // exp(x) = 2^n · e^r needs n in [-150, 128] for every float result; beyond these bounds the result is 0 or +∞ anyway.
    private const float ExpMaxArgument = 89f;
    private const float ExpMinArgument = -104f;

    // Cephes expf: e^r ≈ 1 + r + r² · P(r) on |r| ≤ ln2 / 2, relative error below 2^-24.
    private const float ExpP0 = 1.9875691500e-4f;
    private const float ExpP1 = 1.3981999507e-3f;
    private const float ExpP2 = 8.3334519073e-3f;
    private const float ExpP3 = 4.1665795894e-2f;
    private const float ExpP4 = 1.6666665459e-1f;
    private const float ExpP5 = 5.0000001201e-1f;

    /// <summary><c>e^x</c>; overflows to +∞ above ≈ 88.72 and underflows gradually (subnormals) to 0 below ≈ −103.97.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Exp<TOps, TVector>(TVector x)
        where TOps : IVectorOps<TVector> where TVector : struct
        => ExpInRange<TOps, TVector>(ClampForExp<TOps, TVector>(x));

    /// <summary><see cref="Exp"/> for x already in [<see cref="ExpMinArgument"/>, <see cref="ExpMaxArgument"/>] (or NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpInRange<TOps, TVector>(TVector x)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector shifted = TOps.MultiplyAdd(x, TOps.Create(Log2E), TOps.Create(RoundingShift));
        TVector n = TOps.Subtract(shifted, TOps.Create(RoundingShift));
        TVector r = TOps.MultiplyAdd(n, TOps.Create(-Ln2Hi), x);
        r = TOps.MultiplyAdd(n, TOps.Create(-Ln2Lo), r);
        TVector p = TOps.Add(TOps.Create(1f), ExpMinusOneReduced<TOps, TVector>(r));
        return ScaleByPowerOfTwo<TOps, TVector>(p, shifted);
    }

    /// <summary>
    /// <c>e^(hi + lo)</c> for an argument carried as an unevaluated sum with |lo| ≪ 1, so that an argument known to more
    /// than float precision (for example −x²/2 split exactly) keeps its accuracy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ExpOfSum<TOps, TVector>(TVector hi, TVector lo)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        hi = ClampForExp<TOps, TVector>(hi);
        TVector shifted = TOps.MultiplyAdd(TOps.Add(hi, lo), TOps.Create(Log2E), TOps.Create(RoundingShift));
        TVector n = TOps.Subtract(shifted, TOps.Create(RoundingShift));
        // hi − n·Ln2Hi is exact (|result| < 1 and both terms are multiples of its last bit), so lo is added unrounded.
        TVector r = TOps.MultiplyAdd(n, TOps.Create(-Ln2Hi), hi);
        r = TOps.Add(r, lo);
        r = TOps.MultiplyAdd(n, TOps.Create(-Ln2Lo), r);
        TVector p = TOps.Add(TOps.Create(1f), ExpMinusOneReduced<TOps, TVector>(r));
        return ScaleByPowerOfTwo<TOps, TVector>(p, shifted);
    }

    /// <summary><c>e^(−c·x²)</c> for <paramref name="scale"/> c = 1 or 0.5, accurate even where c·x² is large.</summary>
    /// <remarks>
    /// Rounding x² to float would cost a relative error of c·x²·2^-24 (≈ 6e-6 at x² = 100). Instead x = hi + lo with
    /// hi holding 12 significant bits, so hi² is exact and x² = hi² + lo·(x + hi) with only the small second term rounded.
    /// Needs |x| small enough that c·x² stays below the exp underflow bound (callers clamp).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ExpMinusScaledSquare<TOps, TVector>(TVector x, float scale)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector hi = TOps.And(x, TOps.CreateFromBits(unchecked((int)0xFFFFF000)));
        TVector lo = TOps.Subtract(x, hi);
        TVector minusScale = TOps.Create(-scale);
        TVector argumentHi = TOps.Multiply(TOps.Multiply(hi, hi), minusScale);
        TVector argumentLo = TOps.Multiply(TOps.Multiply(lo, TOps.Add(x, hi)), minusScale);
        return ExpOfSum<TOps, TVector>(argumentHi, argumentLo);
    }

    /// <summary><c>e^x − 1</c>, accurate to a few ulp relative to the result also for tiny |x| (where e^x − 1 would cancel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Expm1<TOps, TVector>(TVector x)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        // Below −30 the result is −1 in float; the lower clamp keeps 2^n a normal float in the small-n branch.
        x = TOps.Select(TOps.CompareLessThan(x, TOps.Create(-30f)), TOps.Create(-30f), x);
        x = TOps.Select(TOps.CompareGreaterThan(x, TOps.Create(ExpMaxArgument)), TOps.Create(ExpMaxArgument), x);
        var reduced = new ReducedExp<TOps, TVector>(x);
        // For large n the −1 is far below the last bit, and 2^n alone may overflow: use the exp path.
        TVector large = ScaleByPowerOfTwo<TOps, TVector>(TOps.Add(reduced.Q, TOps.Create(1f)), reduced.Shifted);
        return TOps.Select(TOps.CompareGreaterThan(reduced.N, TOps.Create(60f)), large, reduced.SmallExpm1());
    }

    /// <summary>
    /// <see cref="Expm1"/> for x in [−30, 41] (or NaN), where n ≤ 60 and neither clamp nor the large-n path applies:
    /// the same bits with less work (tanh's argument 2|x| ≤ 20).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Expm1Moderate<TOps, TVector>(TVector x)
        where TOps : IVectorOps<TVector> where TVector : struct
        => new ReducedExp<TOps, TVector>(x).SmallExpm1();

    /// <summary>x = n·ln2 + r with |r| ≤ ln2 / 2, and q = e^r − 1: what <see cref="Expm1"/>'s two paths share.</summary>
    private readonly struct ReducedExp<TOps, TVector>
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        /// <summary>n in the low mantissa bits (see <see cref="RoundingShift"/>).</summary>
        public readonly TVector Shifted;
        public readonly TVector N;
        public readonly TVector Q;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ReducedExp(TVector x)
        {
            Shifted = TOps.MultiplyAdd(x, TOps.Create(Log2E), TOps.Create(RoundingShift));
            N = TOps.Subtract(Shifted, TOps.Create(RoundingShift));
            TVector r = TOps.MultiplyAdd(N, TOps.Create(-Ln2Hi), x);
            r = TOps.MultiplyAdd(N, TOps.Create(-Ln2Lo), r);
            Q = ExpMinusOneReduced<TOps, TVector>(r);
        }

        /// <summary>e^x − 1 = q·2^n + (2^n − 1): q·2^n is exact and 2^n − 1 is exact for |n| ≤ 24, so only the sum rounds.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVector SmallExpm1()
        {
            TVector powerOfTwo = PowerOfTwo<TOps, TVector>(Shifted);
            return TOps.MultiplyAdd(Q, powerOfTwo, TOps.Subtract(powerOfTwo, TOps.Create(1f)));
        }
    }

    /// <summary><c>log(1 + y)</c> for 0 ≤ y ≤ 1 (the range softplus needs), accurate relative to the result for tiny y.</summary>
    /// <remarks>
    /// log(1 + y) = 2·atanh(t) with t = y / (2 + y) ≤ 1/3, and 2·atanh(t) = 2t·(1 + t²/3 + t⁴/5 + …): the series,
    /// cut after t¹⁴/15, is off by less than 2e-9 relative. Writing 2t as y·(2 / (2 + y)) keeps subnormal y exact.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Log1pUnitInterval<TOps, TVector>(TVector y)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector twoOverDenominator = TOps.Divide(TOps.Create(2f), TOps.Add(TOps.Create(2f), y));
        TVector twoT = TOps.Multiply(y, twoOverDenominator);
        TVector t = TOps.Multiply(twoT, TOps.Create(0.5f));
        TVector s = TOps.Multiply(t, t);
        TVector series = TOps.MultiplyAdd(s, TOps.Create(1f / 15f), TOps.Create(1f / 13f));
        series = TOps.MultiplyAdd(series, s, TOps.Create(1f / 11f));
        series = TOps.MultiplyAdd(series, s, TOps.Create(1f / 9f));
        series = TOps.MultiplyAdd(series, s, TOps.Create(1f / 7f));
        series = TOps.MultiplyAdd(series, s, TOps.Create(1f / 5f));
        series = TOps.MultiplyAdd(series, s, TOps.Create(1f / 3f));
        series = TOps.Multiply(series, s);
        return TOps.MultiplyAdd(twoT, series, twoT);
    }

    /// <summary><c>tanh(x)</c> as expm1(2|x|) / (expm1(2|x|) + 2) with the sign of x: no cancellation near 0, ±1 beyond |x| = 10.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Tanh<TOps, TVector>(TVector x)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector magnitude = TOps.Abs(x);
        // tanh(10) rounds to 1 in float; clamping keeps expm1 finite so the quotient never becomes ∞/∞.
        magnitude = TOps.Select(TOps.CompareGreaterThan(magnitude, TOps.Create(10f)), TOps.Create(10f), magnitude);
        TVector e = Expm1Moderate<TOps, TVector>(TOps.Add(magnitude, magnitude));
        TVector result = TOps.Divide(e, TOps.Add(e, TOps.Create(2f)));
        return CopySign<TOps, TVector>(result, x);
    }

    /// <summary><c>1 / (1 + e^−x)</c> from e = e^−|x| (never overflows): 1/(1+e) for x ≥ 0, e/(1+e) for x &lt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Sigmoid<TOps, TVector>(TVector x)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector e = ExpOfMinusAbs<TOps, TVector>(x);
        TVector numerator = TOps.Select(TOps.CompareGreaterThanOrEqual(x, TOps.Create(0f)), TOps.Create(1f), e);
        return TOps.Divide(numerator, TOps.Add(TOps.Create(1f), e));
    }

    /// <summary><c>e^−|x|</c>, in (0, 1]: the overflow-free building block of sigmoid, softplus and their derivatives.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ExpOfMinusAbs<TOps, TVector>(TVector x)
        where TOps : IVectorOps<TVector> where TVector : struct
        => ExpInRange<TOps, TVector>(ClampBelow<TOps, TVector>(TOps.Or(x, TOps.Create(-0f)), ExpMinArgument));   // −|x| ≤ 0: no upper clamp

    /// <summary>The magnitude of <paramref name="magnitude"/> with the sign bit of <paramref name="sign"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector CopySign<TOps, TVector>(TVector magnitude, TVector sign)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector signBit = TOps.Create(-0f);
        return TOps.Or(TOps.AndNot(magnitude, signBit), TOps.And(sign, signBit));
    }

    /// <summary>Replaces lanes below <paramref name="bound"/> by it; NaN lanes stay NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ClampBelow<TOps, TVector>(TVector x, float bound)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector boundVector = TOps.Create(bound);
        return TOps.Select(TOps.CompareLessThan(x, boundVector), boundVector, x);
    }

    /// <summary>Replaces lanes above <paramref name="bound"/> by it; NaN lanes stay NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ClampAbove<TOps, TVector>(TVector x, float bound)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector boundVector = TOps.Create(bound);
        return TOps.Select(TOps.CompareGreaterThan(x, boundVector), boundVector, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ClampForExp<TOps, TVector>(TVector x)
        where TOps : IVectorOps<TVector> where TVector : struct
        => ClampAbove<TOps, TVector>(ClampBelow<TOps, TVector>(x, ExpMinArgument), ExpMaxArgument);

    /// <summary><c>e^r − 1 = r + r²·P(r)</c> for |r| ≤ ln2 / 2 (the Cephes polynomial without its leading 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpMinusOneReduced<TOps, TVector>(TVector r)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector p = TOps.MultiplyAdd(r, TOps.Create(ExpP0), TOps.Create(ExpP1));
        p = TOps.MultiplyAdd(p, r, TOps.Create(ExpP2));
        p = TOps.MultiplyAdd(p, r, TOps.Create(ExpP3));
        p = TOps.MultiplyAdd(p, r, TOps.Create(ExpP4));
        p = TOps.MultiplyAdd(p, r, TOps.Create(ExpP5));
        return TOps.MultiplyAdd(TOps.Multiply(r, r), p, r);
    }

    /// <summary>
    /// <c>value · 2^n</c> for the integer n held in <paramref name="shifted"/> (see <see cref="RoundingShift"/>), n in
    /// [−150, 128]. Two normal-float factors 2^⌊n/2⌋ and 2^⌈n/2⌉ reach the subnormal and overflow ranges with one rounding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ScaleByPowerOfTwo<TOps, TVector>(TVector value, TVector shifted)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector n = TOps.SubtractInt32(shifted, TOps.CreateFromBits(RoundingShiftBits));
        TVector firstHalf = TOps.ShiftRightArithmeticInt32(n, 1);
        TVector secondHalf = TOps.SubtractInt32(n, firstHalf);
        TVector bias = TOps.CreateFromBits(ExponentBias);
        TVector first = TOps.ShiftLeftInt32(TOps.AddInt32(firstHalf, bias), MantissaBits);
        TVector second = TOps.ShiftLeftInt32(TOps.AddInt32(secondHalf, bias), MantissaBits);
        return TOps.Multiply(TOps.Multiply(value, first), second);
    }

    /// <summary><c>2^n</c> as one float for the integer n in <paramref name="shifted"/>; only meaningful for n in [−126, 127].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector PowerOfTwo<TOps, TVector>(TVector shifted)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        TVector n = TOps.SubtractInt32(shifted, TOps.CreateFromBits(RoundingShiftBits));
        return TOps.ShiftLeftInt32(TOps.AddInt32(n, TOps.CreateFromBits(ExponentBias)), MantissaBits);
    }
}
