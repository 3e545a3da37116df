using System;
using System.Linq;
using StaticNets.Runtime;
using StaticNets.Tests.Reference;
using StaticNets.Tests.Support;

namespace StaticNets.Tests;

/// <summary>
/// The float elementary functions behind the activations (erf, Φ, φ, expm1, log1p) on every vector width, and the
/// double references themselves against tabulated high-precision values.
/// </summary>
public sealed class ActivationMathTests
{
    public static TheoryData<int> Widths => VectorWidth.Theory;

    [Theory]
    [MemberData(nameof(Widths))]
    public void Erf_is_within_4_ulp_everywhere(int width)
        => AssertWithinUlps<ErfProbe>(width, ErrorFunctionReference.Erf, ActivationInputs.All, 4, "erf");

    [Theory]
    [MemberData(nameof(Widths))]
    public void Normal_cdf_keeps_its_relative_accuracy_deep_into_the_lower_tail(int width)
    {
        // Without a fused multiply-add (x64 below AVX2, as in default NativeAOT builds) 2/√π·t rounds twice near Φ = 0.25,
        // where the cancellation in 1/2 + erf/2 doubles it: 5 ulp at 3 of the 69,435 inputs (measured with AVX2 disabled).
        double ulps = VectorWidth.HasFusedMultiplyAdd(width) ? 4 : 6;
        AssertWithinUlps<NormalCdfProbe>(width, ErrorFunctionReference.NormalCdf, ActivationInputs.All, ulps, "Φ");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Normal_density_is_within_4_ulp(int width)
        => AssertWithinUlps<NormalDensityProbe>(width, ErrorFunctionReference.NormalDensity, ActivationInputs.All, 4, "φ");

    [Theory]
    [MemberData(nameof(Widths))]
    public void Expm1_is_within_2_ulp_including_tiny_arguments(int width)
        => AssertWithinUlps<Expm1Probe>(width, ActivationReference.Expm1, ActivationInputs.All, 2, "expm1");

    [Theory]
    [MemberData(nameof(Widths))]
    public void Log1p_is_within_2_ulp_on_the_unit_interval_including_subnormals(int width)
    {
        float[] inputs = ActivationInputs.All.Where(y => y >= 0 && y <= 1).ToArray();
        AssertWithinUlps<Log1pProbe>(width, ActivationReference.Log1p, inputs, 2, "log1p");
    }

    [Theory]
    [InlineData(1e-10, 1.1283791670955125739e-10)]
    [InlineData(0.1, 0.1124629160182848922)]
    [InlineData(0.5, 0.52049987781304653768)]
    [InlineData(1.0, 0.84270079294971486934)]
    [InlineData(2.0, 0.99532226501895273416)]
    [InlineData(2.5, 0.99959304798255504106)]
    [InlineData(4.0, 0.99999998458274209972)]
    public void Reference_erf_matches_tabulated_values(double x, double expected)
    {
        // Values from mpmath at 40 significant digits.
        Assert.Equal(expected, ErrorFunctionReference.Erf(x), 1e-15);
        Assert.Equal(-expected, ErrorFunctionReference.Erf(-x), 1e-15);
    }

    [Theory]
    [InlineData(0.5, 0.47950012218695346232)]
    [InlineData(2.0, 0.0046777349810472658379)]
    [InlineData(2.4, 0.00068851389664507856974)]
    [InlineData(2.5, 0.00040695201744495893956)]
    [InlineData(3.0, 0.000022090496998585441373)]
    [InlineData(5.0, 1.5374597944280348502e-12)]
    [InlineData(10.0, 2.088487583762544757e-45)]
    [InlineData(15.0, 7.2129941724512066666e-100)]
    [InlineData(26.0, 5.6631924088561428465e-296)]
    public void Reference_erfc_matches_tabulated_values_to_1e14_relative(double x, double expected)
        => Assert.InRange(Math.Abs(ErrorFunctionReference.Erfc(x) / expected - 1), 0, 1e-14);

    [Theory]
    [InlineData(-1.0, 0.15865525393145705141)]
    [InlineData(-5.0, 2.8665157187919391167e-7)]
    [InlineData(-10.0, 7.619853024160526066e-24)]
    [InlineData(-14.0, 7.7935368191928002544e-45)]
    [InlineData(-37.0, 5.7255712225245768227e-300)]
    public void Reference_normal_cdf_matches_tabulated_values_to_1e14_relative(double x, double expected)
        => Assert.InRange(Math.Abs(ErrorFunctionReference.NormalCdf(x) / expected - 1), 0, 1e-14);

    [Theory]
    [InlineData(1e-10, 1.00000000005e-10)]
    [InlineData(-1e-10, -9.9999999995e-11)]
    [InlineData(1e-5, 1.0000050000166667e-5)]
    [InlineData(-30.0, -0.99999999999990643)]
    [InlineData(1.0, 1.7182818284590452)]
    public void Reference_expm1_matches_tabulated_values(double x, double expected)
        => Assert.InRange(Math.Abs(ActivationReference.Expm1(x) / expected - 1), 0, 1e-15);

    [Theory]
    [InlineData(1e-10, 9.9999999995e-11)]
    [InlineData(1e-300, 1e-300)]
    [InlineData(0.5, 0.40546510810816438)]
    [InlineData(1.0, 0.69314718055994531)]
    public void Reference_log1p_matches_tabulated_values(double y, double expected)
        => Assert.InRange(Math.Abs(ActivationReference.Log1p(y) / expected - 1), 0, 1e-15);

    private static void AssertWithinUlps<TProbe>(int width, Func<double, double> reference, float[] inputs, double ulps, string name)
        where TProbe : IElementwiseActivation
    {
        float[] values = (float[])inputs.Clone();
        VectorWidth.Forward<TProbe>(width, values);

        var errors = new FloatErrors();
        for (int i = 0; i < inputs.Length; i++)
        {
            errors.CheckUlps(values[i], reference(inputs[i]), ulps, $"{name}({inputs[i]:R})");
        }

        errors.AssertNone($"{name}, width {width}");
    }

    // Probes: run one internal math function through the element-wise loop. They have no backward step.
    private readonly struct ErfProbe : IElementwiseActivation
    {
        public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
            => ErrorFunction.Erf<TOps, TVector>(z);

        public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
            => throw new NotSupportedException();
    }

    private readonly struct NormalCdfProbe : IElementwiseActivation
    {
        public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
            => ErrorFunction.NormalCdf<TOps, TVector>(z);

        public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
            => throw new NotSupportedException();
    }

    private readonly struct NormalDensityProbe : IElementwiseActivation
    {
        public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
        {
            ErrorFunction.NormalCdfAndDensity<TOps, TVector>(z, out _, out TVector density);
            return density;
        }

        public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
            => throw new NotSupportedException();
    }

    private readonly struct Expm1Probe : IElementwiseActivation
    {
        public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
            => VectorMath.Expm1<TOps, TVector>(z);

        public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
            => throw new NotSupportedException();
    }

    private readonly struct Log1pProbe : IElementwiseActivation
    {
        public static TVector Forward<TOps, TVector>(TVector z) where TOps : IVectorOps<TVector> where TVector : struct
            => VectorMath.Log1pUnitInterval<TOps, TVector>(z);

        public static TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient) where TOps : IVectorOps<TVector> where TVector : struct
            => throw new NotSupportedException();
    }
}
