using System;
using StaticNets.Tests.Reference;

namespace StaticNets.Tests.Support;

/// <summary>
/// How far the float kernels may be from the double references. Measured maxima over 2 million inputs (every 4096th
/// float bit pattern plus a dense random set): forward ≤ 2.8 ulp, backward ≤ 4.0 ulp away from cancellation; the
/// allowances below leave headroom for other FMA-capable CPUs without hiding real regressions (a wrong constant or
/// branch costs thousands of ulps).
/// </summary>
internal static class ActivationTolerance
{
    public const double ForwardUlps = 4;
    public const double BackwardUlps = 6;

    /// <summary>
    /// Extra ulps per unit of conditioning for GeluTanh: its gate argument 2u = 2√(2/π)(x + 0.044715 x³) is itself
    /// rounded to float (constants included, ≈ 2.5 ulp), and the gate σ(2u) turns that into |2u|·σ(−2u) times as many
    /// ulps (≈ |2u| in the lower tail). This is the conditioning of the formula, shared by any float32 evaluation,
    /// Keras's included. Capped where e^(2u) underflows and the conditioning stops mattering.
    /// </summary>
    private const double GeluTanhUlpsPerConditioning = 3;
    private const double MaxGeluTanhConditioning = 110;

    public static double Forward(Activation activation, double x, double expected)
        => ForwardUlpsAt(activation, x) * FloatErrors.Ulp(expected) + FloatErrors.SubnormalFloor;

    /// <summary>
    /// For g · f′(x): ulps of the result, plus the rounding of the derivative's terms where they cancel
    /// (<see cref="ActivationReference.DerivativeTermMagnitude"/>), plus a subnormal floor scaled by |g|·(1 + |x|):
    /// in the far tails f′ is built from a subnormal e^−|x| (absolute precision 2^-149) times factors up to |x|, and
    /// the product with g scales that absolute error.
    /// </summary>
    public static double Backward(Activation activation, double x, double gradient, double expected)
    {
        double ulps = BackwardUlps + GateConditioningUlps(activation, x);
        double cancellation = 4 * FloatErrors.UnitRoundoff * Math.Abs(gradient) * ActivationReference.DerivativeTermMagnitude(activation, x);
        double subnormal = FloatErrors.SubnormalFloor * Math.Max(1, Math.Abs(gradient)) * (1 + Math.Min(Math.Abs(x), 128));
        return ulps * FloatErrors.Ulp(expected) + cancellation + subnormal;
    }

    private static double ForwardUlpsAt(Activation activation, double x) => ForwardUlps + GateConditioningUlps(activation, x);

    private static double GateConditioningUlps(Activation activation, double x)
    {
        if (activation != Activation.GeluTanh) return 0;
        double twoU = ActivationReference.GeluTanhTwoU(x);
        return GeluTanhUlpsPerConditioning * Math.Min(Math.Abs(twoU) * ActivationReference.Sigmoid(-twoU), MaxGeluTanhConditioning);
    }
}
