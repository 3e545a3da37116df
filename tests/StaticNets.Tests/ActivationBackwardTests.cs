using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Runtime;
using StaticNets.Tests.Reference;
using StaticNets.Tests.Support;

namespace StaticNets.Tests;

/// <summary>
/// Backward steps (dL/da → dL/dz) against the analytic double derivatives, central finite differences of the double
/// forward functions, and the softmax Jacobian.
/// </summary>
public sealed class ActivationBackwardTests
{
    private static readonly float[] GradientPattern = { 1f, -0.75f, 1.5f, 0.3125f, -2f, 1e-3f, 64f };

    private delegate void BackwardAction(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient);

    public static TheoryData<Activation, int> ElementwiseActivationsByWidth() => ActivationTests.ElementwiseActivationsByWidth();

    public static TheoryData<int> Widths => VectorWidth.Theory;

    [Theory]
    [MemberData(nameof(ElementwiseActivationsByWidth))]
    public void Backward_matches_the_analytic_double_derivative(Activation activation, int width)
    {
        float[] z = ActivationInputs.All;
        float[] a = z.Select(x => (float)ActivationReference.Forward(activation, x)).ToArray();
        float[] gradient = Enumerable.Range(0, z.Length).Select(i => GradientPattern[i % GradientPattern.Length]).ToArray();
        float[] upstream = (float[])gradient.Clone();

        VectorWidth.Backward(width, activation, z, a, gradient, rowLength: 1);

        var errors = new FloatErrors();
        for (int i = 0; i < z.Length; i++)
        {
            // exponential′ = a: once the forward pass overflowed to ∞, the given a is ∞ and so is the gradient (as in Keras).
            double derivative = activation == Activation.Exponential && float.IsInfinity(a[i]) ? a[i] : ActivationReference.Derivative(activation, z[i]);
            double expected = upstream[i] * derivative;
            errors.Check(gradient[i], expected, ActivationTolerance.Backward(activation, z[i], upstream[i], expected), $"{activation}′({z[i]:R}) · {upstream[i]}");
        }

        errors.AssertNone($"{activation} backward, width {width}");
    }

    [Theory]
    [MemberData(nameof(ElementwiseActivationsByWidth))]
    public void Backward_matches_central_finite_differences_of_the_double_forward_function(Activation activation, int width)
    {
        IReadOnlyList<double> kinks = ActivationReference.Kinks(activation);
        float[] z = ActivationInputs.Grid
            .Where(x => !kinks.Any(kink => Math.Abs(x - kink) <= 2 * Step(x)))
            .ToArray();
        float[] a = z.Select(x => (float)ActivationReference.Forward(activation, x)).ToArray();
        float[] gradient = Enumerable.Repeat(1f, z.Length).ToArray();

        VectorWidth.Backward(width, activation, z, a, gradient, rowLength: 1);

        var errors = new FloatErrors();
        for (int i = 0; i < z.Length; i++)
        {
            double h = Step(z[i]);
            double above = ActivationReference.Forward(activation, z[i] + h);
            double below = ActivationReference.Forward(activation, z[i] - h);
            if (double.IsInfinity(above) || double.IsInfinity(below)) continue; // e^z beyond double: no difference to take
            double difference = (above - below) / (2 * h);
            // Truncation (h² f‴/6) stays below 1e-9 relative to the derivative's scale here; the subtraction of the two
            // double values adds their rounding, 2^-53 (|above| + |below|) / 2h.
            double differenceNoise = 1e-9 * ActivationReference.DerivativeTermMagnitude(activation, z[i])
                + Math.Pow(2, -52) * (Math.Abs(above) + Math.Abs(below)) / (2 * h);
            double allowed = ActivationTolerance.Backward(activation, z[i], 1.0, difference) + differenceNoise;
            errors.Check(gradient[i], difference, allowed, $"{activation}′({z[i]:R}) by central difference");
        }

        errors.AssertNone($"{activation} backward vs finite differences, width {width}");
    }

    [Theory]
    [InlineData(Activation.Relu, 0f, 0f)]
    [InlineData(Activation.LeakyRelu, 0f, 0.2f)]
    [InlineData(Activation.Relu6, 0f, 0f)]
    [InlineData(Activation.Relu6, 6f, 0f)]
    [InlineData(Activation.HardSigmoid, -3f, 0f)]
    [InlineData(Activation.HardSigmoid, 3f, 0f)]
    [InlineData(Activation.HardSigmoidKeras2, -2.5f, 0f)]
    [InlineData(Activation.HardSigmoidKeras2, 2.5f, 0f)]
    [InlineData(Activation.Elu, 0f, 1f)]
    [InlineData(Activation.Selu, 0f, (float)ActivationReference.SeluScale)]
    public void Derivatives_at_kinks_are_the_ones_TensorFlow_uses(Activation activation, float z, float expected)
    {
        foreach (int width in VectorWidth.All)
        {
            float[] gradient = { 1f };
            VectorWidth.Backward(width, activation, new[] { z }, new[] { (float)ActivationReference.Forward(activation, z) }, gradient, 1);
            Assert.Equal(expected, gradient[0]);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Softmax_backward_matches_the_Jacobian_vector_product(int width)
    {
        var random = new Random(7);
        foreach (int length in ActivationInputs.Lengths.Where(n => n > 0))
        {
            for (int trial = 0; trial < 4; trial++)
            {
                float[] z = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 10 - 5)).ToArray();
                float[] a = ActivationReference.Softmax(z.Select(x => (double)x).ToArray()).Select(p => (float)p).ToArray();
                float[] upstream = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
                float[] gradient = (float[])upstream.Clone();

                VectorWidth.Backward(width, Activation.Softmax, z, a, gradient, length);

                double[,] jacobian = ActivationReference.SoftmaxJacobian(a.Select(p => (double)p).ToArray());
                var errors = new FloatErrors();
                for (int j = 0; j < length; j++)
                {
                    double expected = 0;
                    for (int i = 0; i < length; i++) expected += jacobian[i, j] * upstream[i];
                    errors.Check(gradient[j], expected, SoftmaxAllowedError(a, upstream, j), $"row of {length}, element {j}");
                }

                errors.AssertNone($"softmax backward, width {width}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Softmax_backward_matches_finite_differences_of_the_double_softmax(int width)
    {
        var random = new Random(11);
        foreach (int length in new[] { 1, 3, 7, 17, 33 })
        {
            double[] z = Enumerable.Range(0, length).Select(_ => (double)(float)(random.NextDouble() * 8 - 4)).ToArray();
            float[] upstream = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            float[] a = ActivationReference.Softmax(z).Select(p => (float)p).ToArray();
            float[] gradient = (float[])upstream.Clone();

            VectorWidth.Backward(width, Activation.Softmax, z.Select(x => (float)x).ToArray(), a, gradient, length);

            // dL/dz_j of L(z) = Σ upstream_i · softmax(z)_i.
            const double H = 1e-6;
            var errors = new FloatErrors();
            for (int j = 0; j < length; j++)
            {
                double[] plus = (double[])z.Clone(), minus = (double[])z.Clone();
                plus[j] += H;
                minus[j] -= H;
                double difference = (Loss(plus, upstream) - Loss(minus, upstream)) / (2 * H);
                errors.Check(gradient[j], difference, SoftmaxAllowedError(a, upstream, j) + 1e-8, $"row of {length}, element {j}");
            }

            errors.AssertNone($"softmax backward vs finite differences, width {width}");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Backward_treats_each_softmax_row_on_its_own(int width)
    {
        const int RowLength = 5, Rows = 3;
        var random = new Random(3);
        float[] z = Enumerable.Range(0, RowLength * Rows).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
        float[] a = new float[z.Length];
        for (int row = 0; row < Rows; row++)
        {
            double[] softmax = ActivationReference.Softmax(z.Skip(row * RowLength).Take(RowLength).Select(x => (double)x).ToArray());
            for (int i = 0; i < RowLength; i++) a[row * RowLength + i] = (float)softmax[i];
        }

        float[] upstream = Enumerable.Range(0, z.Length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] gradient = (float[])upstream.Clone();

        VectorWidth.Backward(width, Activation.Softmax, z, a, gradient, RowLength);

        var errors = new FloatErrors();
        for (int row = 0; row < Rows; row++)
        {
            float[] rowA = a.Skip(row * RowLength).Take(RowLength).ToArray();
            float[] rowUpstream = upstream.Skip(row * RowLength).Take(RowLength).ToArray();
            double[,] jacobian = ActivationReference.SoftmaxJacobian(rowA.Select(p => (double)p).ToArray());
            for (int j = 0; j < RowLength; j++)
            {
                double expected = 0;
                for (int i = 0; i < RowLength; i++) expected += jacobian[i, j] * rowUpstream[i];
                errors.Check(gradient[row * RowLength + j], expected, SoftmaxAllowedError(rowA, rowUpstream, j), $"row {row}, element {j}");
            }
        }

        errors.AssertNone($"softmax backward rows, width {width}");
    }

    [Fact]
    public void Backward_supports_every_member_of_the_Activation_enum()
    {
        float[] z = { -2.5f, -1f, -0.125f, 0.5f, 0.375f, 1f, 2f, 4.5f, -7f, 9f };
        float[] upstream = { 0.5f, -1f, 2f, 0.25f, -0.75f, 1f, 1.5f, -2f, 0.125f, 1f };
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            float[] a = new float[z.Length];
            double[] expected = new double[z.Length];
            for (int row = 0; row < 2; row++)
            {
                double[] rowZ = z.Skip(5 * row).Take(5).Select(x => (double)x).ToArray();
                if (activation == Activation.Softmax)
                {
                    double[] softmax = ActivationReference.Softmax(rowZ);
                    double dot = Enumerable.Range(0, 5).Sum(i => softmax[i] * upstream[5 * row + i]);
                    for (int i = 0; i < 5; i++)
                    {
                        a[5 * row + i] = (float)softmax[i];
                        expected[5 * row + i] = softmax[i] * (upstream[5 * row + i] - dot);
                    }
                }
                else
                {
                    for (int i = 0; i < 5; i++)
                    {
                        a[5 * row + i] = (float)ActivationReference.Forward(activation, rowZ[i]);
                        expected[5 * row + i] = upstream[5 * row + i] * ActivationReference.Derivative(activation, rowZ[i]);
                    }
                }
            }

            float[] gradient = (float[])upstream.Clone();
            Activations.Backward(activation, z, a, gradient, rowLength: 5);

            var errors = new FloatErrors();
            for (int i = 0; i < z.Length; i++) errors.Check(gradient[i], expected[i], 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"{activation} element {i}");
            errors.AssertNone($"{activation} backward");
        }
    }

    [Fact]
    public void Named_backward_kernels_give_the_same_bits_as_Backward_for_every_activation()
    {
        var kernels = new Dictionary<Activation, BackwardAction>
        {
            [Activation.Linear] = Activations.LinearBackward,
            [Activation.Relu] = Activations.ReluBackward,
            [Activation.Sigmoid] = Activations.SigmoidBackward,
            [Activation.Tanh] = Activations.TanhBackward,
            [Activation.Softmax] = (z, a, gradient) => Activations.SoftmaxBackward(a, gradient),
            [Activation.Softplus] = Activations.SoftplusBackward,
            [Activation.Softsign] = Activations.SoftsignBackward,
            [Activation.Elu] = Activations.EluBackward,
            [Activation.Selu] = Activations.SeluBackward,
            [Activation.Exponential] = Activations.ExponentialBackward,
            [Activation.LeakyRelu] = Activations.LeakyReluBackward,
            [Activation.Relu6] = Activations.Relu6Backward,
            [Activation.Gelu] = Activations.GeluBackward,
            [Activation.GeluTanh] = Activations.GeluTanhBackward,
            [Activation.Silu] = Activations.SiluBackward,
            [Activation.HardSigmoid] = Activations.HardSigmoidBackward,
            [Activation.Mish] = Activations.MishBackward,
            [Activation.HardSigmoidKeras2] = Activations.HardSigmoidKeras2Backward,
        };

        float[] z = ActivationInputs.Grid.Where(x => Math.Abs(x) < 50).Take(99).ToArray();
        float[] upstream = Enumerable.Range(0, z.Length).Select(i => GradientPattern[i % GradientPattern.Length]).ToArray();
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            Assert.True(kernels.ContainsKey(activation), $"No named backward kernel listed for {activation}.");
            float[] a = (float[])z.Clone();
            Activations.Apply(activation, a, rowLength: z.Length);
            float[] viaDispatch = (float[])upstream.Clone();
            float[] viaName = (float[])upstream.Clone();

            Activations.Backward(activation, z, a, viaDispatch, rowLength: z.Length);
            kernels[activation](z, a, viaName);

            Assert.Equal(viaDispatch.Select(BitConverter.SingleToInt32Bits), viaName.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void Backward_rejects_mismatched_lengths_overlapping_buffers_bad_rows_and_undefined_activations()
    {
        float[] z = new float[6], a = new float[6], gradient = new float[6];
        Assert.Throws<ArgumentException>("z", () => Activations.Backward(Activation.Relu, new float[5], a, gradient, 1));
        Assert.Throws<ArgumentException>("a", () => Activations.Backward(Activation.Relu, z, new float[7], gradient, 1));
        Assert.Throws<ArgumentException>("gradient", () => Activations.Backward(Activation.Tanh, gradient, a, gradient, 1));
        Assert.Throws<ArgumentException>("gradient", () => Activations.Backward(Activation.Tanh, z, gradient.AsSpan(0, 6), gradient.AsSpan(0, 6), 1));
        Assert.Throws<ArgumentException>("gradient", () => Activations.Backward(Activation.Softmax, z, a, gradient, 4));
        Assert.Throws<ArgumentOutOfRangeException>("rowLength", () => Activations.Backward(Activation.Softmax, z, a, gradient, 0));
        Assert.Throws<ArgumentOutOfRangeException>("activation", () => Activations.Backward((Activation)999, z, a, gradient, 1));
        Assert.Throws<ArgumentException>("z", () => Activations.SigmoidBackward(new float[5], a, gradient));
        Assert.Throws<ArgumentException>("gradient", () => Activations.SigmoidBackward(z, gradient, gradient));
        Assert.Throws<ArgumentException>("a", () => Activations.SoftmaxBackward(new float[5], gradient));
        float[] shared = new float[12];
        Assert.Throws<ArgumentException>("gradient", () => Activations.SoftmaxBackward(shared.AsSpan(0, 6), shared.AsSpan(3, 6)));
    }

    // Finite-difference step: relative, so that it is resolvable in double at every magnitude, and small near 0,
    // where softsign's second derivative jumps (a step of 1e-6 across it would be off by 1e-6).
    private static double Step(double x) => 1e-6 * Math.Max(1e-3, Math.Abs(x));

    private static double Loss(double[] z, float[] upstream)
    {
        double[] softmax = ActivationReference.Softmax(z);
        double loss = 0;
        for (int i = 0; i < z.Length; i++) loss += upstream[i] * softmax[i];
        return loss;
    }

    /// <summary>a_j (g_j − Σ g·a): both terms and the float dot product round relative to a_j (|g_j| + Σ |g·a|).</summary>
    private static double SoftmaxAllowedError(float[] a, float[] upstream, int j)
    {
        double scale = 0;
        for (int i = 0; i < a.Length; i++) scale += Math.Abs((double)upstream[i] * a[i]);
        return 8 * FloatErrors.UnitRoundoff * a[j] * (Math.Abs(upstream[j]) + scale) + FloatErrors.SubnormalFloor;
    }
}
