using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using StaticNets.Runtime;
using StaticNets.Tests.Reference;
using StaticNets.Tests.Support;

namespace StaticNets.Tests;

/// <summary>Forward activation kernels against the double-precision Keras definitions, plus dispatch and argument checks.</summary>
public sealed class ActivationTests
{
    private const float SeluLimit = (float)(-ActivationReference.SeluScale * ActivationReference.SeluAlpha);
    private const float NegativeZero = -0f;

    private delegate void SpanAction(Span<float> values);

    public static TheoryData<Activation, int> ElementwiseActivationsByWidth()
    {
        var data = new TheoryData<Activation, int>();
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            if (activation == Activation.Softmax) continue;
            foreach (int width in VectorWidth.All) data.Add(activation, width);
        }

        return data;
    }

    public static TheoryData<Activation, int> ActivationsByWidth()
    {
        var data = new TheoryData<Activation, int>();
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            foreach (int width in VectorWidth.All) data.Add(activation, width);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ElementwiseActivationsByWidth))]
    public void Forward_matches_the_double_reference_on_the_grid_and_a_sweep_of_all_exponents(Activation activation, int width)
    {
        float[] inputs = ActivationInputs.All;
        float[] values = (float[])inputs.Clone();

        VectorWidth.Apply(width, activation, values, rowLength: 1);

        var errors = new FloatErrors();
        for (int i = 0; i < inputs.Length; i++)
        {
            double expected = ActivationReference.Forward(activation, inputs[i]);
            errors.Check(values[i], expected, ActivationTolerance.Forward(activation, inputs[i], expected), $"{activation}({inputs[i]:R})");
        }

        errors.AssertNone($"{activation}, width {width}");
    }

    [Theory]
    [InlineData(Activation.Sigmoid, -1000f, 0f)]
    [InlineData(Activation.Sigmoid, 1000f, 1f)]
    [InlineData(Activation.Sigmoid, -float.MaxValue, 0f)]
    [InlineData(Activation.Sigmoid, float.MaxValue, 1f)]
    [InlineData(Activation.Tanh, 1000f, 1f)]
    [InlineData(Activation.Tanh, -1000f, -1f)]
    [InlineData(Activation.Tanh, float.MaxValue, 1f)]
    [InlineData(Activation.Tanh, -float.MaxValue, -1f)]
    [InlineData(Activation.Softplus, 1000f, 1000f)]
    [InlineData(Activation.Softplus, -1000f, 0f)]
    [InlineData(Activation.Softplus, float.MaxValue, float.MaxValue)]
    [InlineData(Activation.Softplus, -float.MaxValue, 0f)]
    [InlineData(Activation.Softsign, float.MaxValue, 1f)]
    [InlineData(Activation.Softsign, -float.MaxValue, -1f)]
    [InlineData(Activation.Elu, -1000f, -1f)]
    [InlineData(Activation.Elu, -float.MaxValue, -1f)]
    [InlineData(Activation.Selu, -1000f, SeluLimit)]
    [InlineData(Activation.Selu, -float.MaxValue, SeluLimit)]
    [InlineData(Activation.Exponential, 1000f, float.PositiveInfinity)]
    [InlineData(Activation.Exponential, 89f, float.PositiveInfinity)]
    [InlineData(Activation.Exponential, -1000f, 0f)]
    [InlineData(Activation.Exponential, -float.MaxValue, 0f)]
    [InlineData(Activation.LeakyRelu, -1000f, -200f)]
    [InlineData(Activation.Relu6, 1000f, 6f)]
    [InlineData(Activation.HardSigmoid, -1000f, 0f)]
    [InlineData(Activation.HardSigmoid, 1000f, 1f)]
    [InlineData(Activation.HardSigmoidKeras2, -1000f, 0f)]
    [InlineData(Activation.HardSigmoidKeras2, 1000f, 1f)]
    [InlineData(Activation.HardSigmoidKeras2, -2.5f, 0f)]
    [InlineData(Activation.HardSigmoidKeras2, 2.5f, 1f)]
    [InlineData(Activation.Gelu, -1000f, NegativeZero)]
    [InlineData(Activation.Gelu, 1000f, 1000f)]
    [InlineData(Activation.Gelu, -float.MaxValue, NegativeZero)]
    [InlineData(Activation.Gelu, float.MaxValue, float.MaxValue)]
    [InlineData(Activation.GeluTanh, -1000f, NegativeZero)]
    [InlineData(Activation.GeluTanh, 1000f, 1000f)]
    [InlineData(Activation.GeluTanh, -float.MaxValue, NegativeZero)]
    [InlineData(Activation.GeluTanh, float.MaxValue, float.MaxValue)]
    [InlineData(Activation.Silu, -1000f, NegativeZero)]
    [InlineData(Activation.Silu, 1000f, 1000f)]
    [InlineData(Activation.Silu, -float.MaxValue, NegativeZero)]
    [InlineData(Activation.Silu, float.MaxValue, float.MaxValue)]
    [InlineData(Activation.Mish, -1000f, NegativeZero)]
    [InlineData(Activation.Mish, 1000f, 1000f)]
    [InlineData(Activation.Mish, -float.MaxValue, NegativeZero)]
    [InlineData(Activation.Mish, float.MaxValue, float.MaxValue)]
    public void Extreme_inputs_give_the_exact_saturated_values(Activation activation, float input, float expected)
        => AssertExactlyOnEveryWidth(activation, input, expected);

    [Theory]
    [InlineData(Activation.Linear, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(Activation.Linear, float.NegativeInfinity, float.NegativeInfinity)]
    [InlineData(Activation.Relu, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(Activation.Relu, float.NegativeInfinity, 0f)]
    [InlineData(Activation.Sigmoid, float.PositiveInfinity, 1f)]
    [InlineData(Activation.Sigmoid, float.NegativeInfinity, 0f)]
    [InlineData(Activation.Tanh, float.PositiveInfinity, 1f)]
    [InlineData(Activation.Tanh, float.NegativeInfinity, -1f)]
    [InlineData(Activation.Softplus, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(Activation.Softplus, float.NegativeInfinity, 0f)]
    [InlineData(Activation.Softsign, float.PositiveInfinity, 1f)]
    [InlineData(Activation.Softsign, float.NegativeInfinity, -1f)]
    [InlineData(Activation.Elu, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(Activation.Elu, float.NegativeInfinity, -1f)]
    [InlineData(Activation.Selu, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(Activation.Selu, float.NegativeInfinity, SeluLimit)]
    [InlineData(Activation.Exponential, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(Activation.Exponential, float.NegativeInfinity, 0f)]
    [InlineData(Activation.LeakyRelu, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(Activation.LeakyRelu, float.NegativeInfinity, float.NegativeInfinity)]
    [InlineData(Activation.Relu6, float.PositiveInfinity, 6f)]
    [InlineData(Activation.Relu6, float.NegativeInfinity, 0f)]
    [InlineData(Activation.Gelu, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(Activation.Gelu, float.NegativeInfinity, NegativeZero)]
    [InlineData(Activation.GeluTanh, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(Activation.GeluTanh, float.NegativeInfinity, NegativeZero)]
    [InlineData(Activation.Silu, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(Activation.Silu, float.NegativeInfinity, NegativeZero)]
    [InlineData(Activation.HardSigmoid, float.PositiveInfinity, 1f)]
    [InlineData(Activation.HardSigmoid, float.NegativeInfinity, 0f)]
    [InlineData(Activation.HardSigmoidKeras2, float.PositiveInfinity, 1f)]
    [InlineData(Activation.HardSigmoidKeras2, float.NegativeInfinity, 0f)]
    [InlineData(Activation.Mish, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(Activation.Mish, float.NegativeInfinity, NegativeZero)]
    public void Infinite_inputs_give_the_mathematical_limit_not_NaN(Activation activation, float input, float expected)
        => AssertExactlyOnEveryWidth(activation, input, expected);

    [Theory]
    [InlineData(Activation.Linear, 0f, NegativeZero)]
    [InlineData(Activation.Relu, 0f, 0f)]
    [InlineData(Activation.Relu6, 0f, 0f)]
    [InlineData(Activation.Tanh, 0f, NegativeZero)]
    [InlineData(Activation.Softsign, 0f, NegativeZero)]
    [InlineData(Activation.Elu, 0f, NegativeZero)]
    [InlineData(Activation.Selu, 0f, NegativeZero)]
    [InlineData(Activation.LeakyRelu, 0f, NegativeZero)]
    [InlineData(Activation.Gelu, 0f, NegativeZero)]
    [InlineData(Activation.GeluTanh, 0f, NegativeZero)]
    [InlineData(Activation.Silu, 0f, NegativeZero)]
    [InlineData(Activation.Mish, 0f, NegativeZero)]
    [InlineData(Activation.Sigmoid, 0.5f, 0.5f)]
    [InlineData(Activation.HardSigmoid, 0.5f, 0.5f)]
    [InlineData(Activation.HardSigmoidKeras2, 0.5f, 0.5f)]
    [InlineData(Activation.Softplus, 0.693147182f, 0.693147182f)]
    [InlineData(Activation.Exponential, 1f, 1f)]
    public void Signed_zeros_follow_the_documented_convention(Activation activation, float ofPositiveZero, float ofNegativeZero)
    {
        // relu and relu6 return +0 for −0; the other zero-preserving activations keep the sign of the zero.
        AssertExactlyOnEveryWidth(activation, 0f, ofPositiveZero);
        AssertExactlyOnEveryWidth(activation, NegativeZero, ofNegativeZero);
    }

    [Theory]
    [MemberData(nameof(ActivationsByWidth))]
    public void NaN_inputs_give_NaN_and_leave_their_neighbours_alone(Activation activation, int width)
    {
        float[] inputs = { 1f, float.NaN, -2f, 0.5f, float.NaN, 3f, -0.25f, 7f, float.NaN, 1.5f, -1f, 2f, 0.75f, -3f, 4f, float.NaN, -0.5f };
        float[] values = (float[])inputs.Clone();

        VectorWidth.Apply(width, activation, values, rowLength: activation == Activation.Softmax ? values.Length : 1);

        for (int i = 0; i < inputs.Length; i++)
        {
            // A NaN anywhere in a softmax row reaches every output through the sum, as in Keras.
            bool expectNaN = activation == Activation.Softmax || float.IsNaN(inputs[i]);
            Assert.True(expectNaN == float.IsNaN(values[i]), $"{activation}: element {i} ({inputs[i]}) gave {values[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(ActivationsByWidth))]
    public void Every_length_is_handled_in_place_without_touching_neighbouring_memory(Activation activation, int width)
    {
        const float Sentinel = 12345.678f;
        const int Padding = 5;
        foreach (int length in ActivationInputs.Lengths)
        {
            float[] inputs = Enumerable.Range(0, length).Select(i => (float)(Math.Sin(i * 1.7) * 6.0)).ToArray();
            float[] buffer = Enumerable.Repeat(Sentinel, length + 2 * Padding).ToArray();
            inputs.CopyTo(buffer, Padding);

            VectorWidth.Apply(width, activation, buffer.AsSpan(Padding, length), rowLength: Math.Max(length, 1));

            for (int i = 0; i < Padding; i++)
            {
                Assert.Equal(Sentinel, buffer[i]);
                Assert.Equal(Sentinel, buffer[Padding + length + i]);
            }

            double[] expected = activation == Activation.Softmax
                ? ActivationReference.Softmax(inputs.Select(x => (double)x).ToArray())
                : inputs.Select(x => ActivationReference.Forward(activation, x)).ToArray();
            var errors = new FloatErrors();
            for (int i = 0; i < length; i++)
            {
                double allowed = activation == Activation.Softmax
                    ? ActivationSoftmaxTests.AllowedError(expected[i], length)
                    : ActivationTolerance.Forward(activation, inputs[i], expected[i]);
                errors.Check(buffer[Padding + i], expected[i], allowed, $"length {length}, element {i} ({inputs[i]:R})");
            }

            if (length > 0) errors.AssertNone($"{activation}, width {width}, length {length}");
        }
    }

    [Theory]
    [MemberData(nameof(ElementwiseActivationsByWidth))]
    public void An_element_gives_the_same_bits_wherever_it_sits_in_the_span(Activation activation, int width)
    {
        float[] inputs = ActivationInputs.Grid.Take(100).ToArray();
        float[] together = (float[])inputs.Clone();
        VectorWidth.Apply(width, activation, together, rowLength: 1);

        for (int i = 0; i < inputs.Length; i++)
        {
            float[] alone = { inputs[i] };
            VectorWidth.Apply(width, activation, alone, rowLength: 1);
            Assert.Equal(BitConverter.SingleToInt32Bits(alone[0]), BitConverter.SingleToInt32Bits(together[i]));
        }
    }

    [Fact]
    public void Every_activation_has_forward_and_backward_kernels_named_after_it()
    {
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            string name = activation.ToString();
            MethodInfo? forward = typeof(Activations).GetMethod(name, new[] { typeof(Span<float>) });
            Type[] backwardParameters = activation == Activation.Softmax
                ? new[] { typeof(ReadOnlySpan<float>), typeof(Span<float>) }
                : new[] { typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>), typeof(Span<float>) };
            MethodInfo? backward = typeof(Activations).GetMethod(name + "Backward", backwardParameters);

            Assert.True(forward is { IsStatic: true, IsPublic: true }, $"Activations.{name}(Span<float>) is missing.");
            Assert.True(backward is { IsStatic: true, IsPublic: true }, $"Activations.{name}Backward is missing.");
        }
    }

    [Fact]
    public void Named_kernels_give_the_same_bits_as_Apply_for_every_activation()
    {
        var kernels = new Dictionary<Activation, SpanAction>
        {
            [Activation.Linear] = Activations.Linear,
            [Activation.Relu] = Activations.Relu,
            [Activation.Sigmoid] = Activations.Sigmoid,
            [Activation.Tanh] = Activations.Tanh,
            [Activation.Softmax] = Activations.Softmax,
            [Activation.Softplus] = Activations.Softplus,
            [Activation.Softsign] = Activations.Softsign,
            [Activation.Elu] = Activations.Elu,
            [Activation.Selu] = Activations.Selu,
            [Activation.Exponential] = Activations.Exponential,
            [Activation.LeakyRelu] = Activations.LeakyRelu,
            [Activation.Relu6] = Activations.Relu6,
            [Activation.Gelu] = Activations.Gelu,
            [Activation.GeluTanh] = Activations.GeluTanh,
            [Activation.Silu] = Activations.Silu,
            [Activation.HardSigmoid] = Activations.HardSigmoid,
            [Activation.Mish] = Activations.Mish,
            [Activation.HardSigmoidKeras2] = Activations.HardSigmoidKeras2,
        };

        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            Assert.True(kernels.ContainsKey(activation), $"No named kernel listed for {activation}.");
            float[] inputs = ActivationInputs.Grid.Where(x => Math.Abs(x) < 50).Take(99).ToArray();
            float[] viaApply = (float[])inputs.Clone();
            float[] viaName = (float[])inputs.Clone();

            Activations.Apply(activation, viaApply, rowLength: inputs.Length);
            kernels[activation](viaName);

            Assert.Equal(viaApply.Select(BitConverter.SingleToInt32Bits), viaName.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void Apply_supports_every_member_of_the_Activation_enum()
    {
        float[] inputs = { -2.5f, -1f, -0.125f, 0f, 0.375f, 1f, 2f, 4.5f, -7f, 9f };
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            float[] values = (float[])inputs.Clone();
            Activations.Apply(activation, values, rowLength: 5);

            var errors = new FloatErrors();
            for (int row = 0; row < 2; row++)
            {
                double[] expected = activation == Activation.Softmax
                    ? ActivationReference.Softmax(inputs.Skip(5 * row).Take(5).Select(x => (double)x).ToArray())
                    : inputs.Skip(5 * row).Take(5).Select(x => ActivationReference.Forward(activation, x)).ToArray();
                for (int i = 0; i < 5; i++)
                {
                    double allowed = activation == Activation.Softmax
                        ? ActivationSoftmaxTests.AllowedError(expected[i], 5)
                        : ActivationTolerance.Forward(activation, inputs[5 * row + i], expected[i]);
                    errors.Check(values[5 * row + i], expected[i], allowed, $"{activation} row {row} element {i}");
                }
            }

            errors.AssertNone(activation.ToString());
        }
    }

    [Fact]
    public void Apply_rejects_bad_row_lengths_and_undefined_activations()
    {
        var values = new float[6];
        Assert.Throws<ArgumentOutOfRangeException>("rowLength", () => Activations.Apply(Activation.Relu, values, 0));
        Assert.Throws<ArgumentOutOfRangeException>("rowLength", () => Activations.Apply(Activation.Softmax, values, -3));
        Assert.Throws<ArgumentException>("values", () => Activations.Apply(Activation.Softmax, values, 4));
        Assert.Throws<ArgumentOutOfRangeException>("activation", () => Activations.Apply((Activation)999, values, 3));
        Assert.Throws<ArgumentOutOfRangeException>("activation", () => Activations.Apply((Activation)(-1), Span<float>.Empty, 1));
    }

    [Fact]
    public void Empty_spans_are_accepted_by_every_kernel()
    {
        Exception? error = Record.Exception(() =>
        {
            foreach (Activation activation in Enum.GetValues<Activation>())
            {
                Activations.Apply(activation, Span<float>.Empty, rowLength: 4);
                Activations.Backward(activation, ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, Span<float>.Empty, rowLength: 4);
            }

            Activations.Softmax(Span<float>.Empty);
            Activations.SoftmaxBackward(ReadOnlySpan<float>.Empty, Span<float>.Empty);
        });

        Assert.Null(error);
    }

    private static void AssertExactlyOnEveryWidth(Activation activation, float input, float expected)
    {
        foreach (int width in VectorWidth.All)
        {
            // A whole vector of copies and a lone element (tail path) must both give exactly the expected bits.
            foreach (int length in new[] { 1, 16 })
            {
                float[] values = Enumerable.Repeat(input, length).ToArray();
                VectorWidth.Apply(width, activation, values, rowLength: 1);
                Assert.All(values, value => Assert.True(
                    BitConverter.SingleToInt32Bits(value) == BitConverter.SingleToInt32Bits(expected),
                    $"{activation}({input:R}) = {value:R}, expected {expected:R} (width {width}, length {length})"));
            }
        }
    }
}
