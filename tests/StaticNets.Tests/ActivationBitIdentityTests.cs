using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Text;
using StaticNets.Runtime;
using StaticNets.Tests.Support;

namespace StaticNets.Tests;

/// <summary>
/// Every way the library evaluates an activation gives the same bits for the same input: the span kernels at each
/// vector width, on whole vectors and in the padded tail, the named public kernels, the in-register relu, relu6 and
/// leaky_relu of generated kernels (<see cref="Simd512"/>, <see cref="Simd256"/>, <see cref="Simd128"/>) and their
/// one-float versions (<see cref="SimdScalar"/>); likewise for the backward steps and for softmax row by row. Every
/// NaN input gives a NaN; linear, relu, relu6 and leaky_relu give back the input NaN's very bits on every path, while
/// for the other formulas a NaN's sign and payload are not pinned down (see <see cref="PassesNaNThrough"/>).
/// </summary>
public sealed class ActivationBitIdentityTests
{
    private const int QuietNaNWithPayload = 0x7FC12345;
    private const int NegativeQuietNaN = unchecked((int)0xFFC00000);
    private const int NegativeNaNWithPayload = unchecked((int)0xFFC54321);
    private const int SignallingNaN = 0x7F800001;

    private static readonly int[] Widths = { 128, 256, 512 };

    private delegate void SpanAction(Span<float> values);

    private delegate void BackwardAction(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient);

    /// <summary>
    /// Signed zeros, the extreme subnormals, ±float.MaxValue, ±∞, NaNs (quiet, with a payload, negative, signalling),
    /// a few ulp either side of every kink (0, ±3, ±6), a grid of 4001 values over [−100, 100], 8192 random bit patterns
    /// and the shared activation inputs (a dense grid on [−10, 10] and a sweep of every exponent).
    /// </summary>
    private static readonly float[] Inputs = BuildInputs();

    public static TheoryData<Activation> ElementwiseActivations()
    {
        var data = new TheoryData<Activation>();
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            if (activation != Activation.Softmax) data.Add(activation);
        }

        return data;
    }

    public static TheoryData<Activation> InRegisterActivations => new() { Activation.Relu, Activation.Relu6, Activation.LeakyRelu };

    [Theory]
    [MemberData(nameof(ElementwiseActivations))]
    public void Forward_gives_the_same_bits_at_every_width_on_whole_vectors_and_in_the_tail(Activation activation)
    {
        float[] reference = WholeVectors(Inputs, values => VectorWidth.Apply(128, activation, values, rowLength: 1));
        var paths = new List<(string Name, float[] Result)>();
        foreach (int width in Widths)
        {
            paths.Add(($"width {width}, whole vectors", WholeVectors(Inputs, values => VectorWidth.Apply(width, activation, values, rowLength: 1))));
            paths.Add(($"width {width}, tail", ThroughTails(Inputs, width / 32, values => VectorWidth.Apply(width, activation, values, rowLength: 1))));
        }

        paths.Add(("Activations.Apply (widest width)", WholeVectors(Inputs, values => Activations.Apply(activation, values, rowLength: 1))));
        paths.Add(("Activations.Apply (widest width), tail", ThroughTails(Inputs, LanesOfWidest, values => Activations.Apply(activation, values, rowLength: 1))));
        paths.Add(($"Activations.{activation}", WholeVectors(Inputs, values => NamedKernel(activation)(values))));

        bool exactNaN = PassesNaNThrough(activation);
        AssertNaNGivesNaN(activation.ToString(), Inputs, reference, exactNaN);
        foreach ((string name, float[] result) in paths) AssertSameBits($"{activation}: {name}", exactNaN, Inputs, reference, result);
    }

    [Theory]
    [MemberData(nameof(InRegisterActivations))]
    public void In_register_versions_give_the_same_bits_as_the_span_kernels(Activation activation)
    {
        float[] reference = WholeVectors(Inputs, values => VectorWidth.Apply(128, activation, values, rowLength: 1));
        Func<Vector512<float>, Vector512<float>> simd512 = activation switch
        {
            Activation.Relu => Simd512.Relu,
            Activation.Relu6 => Simd512.Relu6,
            _ => Simd512.LeakyRelu,
        };
        Func<Vector256<float>, Vector256<float>> simd256 = activation switch
        {
            Activation.Relu => Simd256.Relu,
            Activation.Relu6 => Simd256.Relu6,
            _ => Simd256.LeakyRelu,
        };
        Func<Vector128<float>, Vector128<float>> simd128 = activation switch
        {
            Activation.Relu => Simd128.Relu,
            Activation.Relu6 => Simd128.Relu6,
            _ => Simd128.LeakyRelu,
        };
        Func<float, float> scalar = activation switch
        {
            Activation.Relu => SimdScalar.Relu,
            Activation.Relu6 => SimdScalar.Relu6,
            _ => SimdScalar.LeakyRelu,
        };

        AssertNaNGivesNaN(activation.ToString(), Inputs, reference, sameNaN: true);
        AssertSameBits($"{activation}: Simd512", exactNaN: true, Inputs, reference, InRegister(Inputs, 16, values => Apply512(simd512, values)));
        AssertSameBits($"{activation}: Simd256", exactNaN: true, Inputs, reference, InRegister(Inputs, 8, values => Apply256(simd256, values)));
        AssertSameBits($"{activation}: Simd128", exactNaN: true, Inputs, reference, InRegister(Inputs, 4, values => Apply128(simd128, values)));
        AssertSameBits($"{activation}: SimdScalar", exactNaN: true, Inputs, reference, Inputs.Select(scalar).ToArray());
    }

    [Fact]
    public void In_register_versions_follow_the_signed_zero_and_NaN_convention()
    {
        // relu(−0) = relu6(−0) = +0 and leaky_relu(−0) = −0.2·0 = −0; a NaN comes out with its very bits.
        AssertBits(0, SimdScalar.Relu(-0f), "SimdScalar.Relu(−0)");
        AssertBits(0, SimdScalar.Relu6(-0f), "SimdScalar.Relu6(−0)");
        AssertBits(unchecked((int)0x80000000), SimdScalar.LeakyRelu(-0f), "SimdScalar.LeakyRelu(−0)");
        AssertBits(0, Simd512.Relu(Vector512.Create(-0f)).GetElement(15), "Simd512.Relu(−0)");
        AssertBits(0, Simd256.Relu6(Vector256.Create(-0f)).GetElement(7), "Simd256.Relu6(−0)");
        AssertBits(0, Simd128.Relu(Vector128.Create(-0f)).GetElement(3), "Simd128.Relu(−0)");
        foreach (int nan in new[] { BitConverter.SingleToInt32Bits(float.NaN), QuietNaNWithPayload, NegativeQuietNaN, NegativeNaNWithPayload })
        {
            float x = BitConverter.Int32BitsToSingle(nan);
            AssertBits(nan, SimdScalar.Relu(x), $"SimdScalar.Relu(NaN 0x{nan:X8})");
            AssertBits(nan, SimdScalar.Relu6(x), $"SimdScalar.Relu6(NaN 0x{nan:X8})");
            AssertBits(nan, SimdScalar.LeakyRelu(x), $"SimdScalar.LeakyRelu(NaN 0x{nan:X8})");
            AssertBits(nan, Simd512.Relu(Vector512.Create(x)).GetElement(9), $"Simd512.Relu(NaN 0x{nan:X8})");
            AssertBits(nan, Simd512.Relu6(Vector512.Create(x)).GetElement(9), $"Simd512.Relu6(NaN 0x{nan:X8})");
            AssertBits(nan, Simd512.LeakyRelu(Vector512.Create(x)).GetElement(9), $"Simd512.LeakyRelu(NaN 0x{nan:X8})");
        }
    }

    [Theory]
    [MemberData(nameof(ElementwiseActivations))]
    public void Backward_gives_the_same_bits_at_every_width_on_whole_vectors_and_in_the_tail(Activation activation)
    {
        float[] z = Inputs;
        float[] a = WholeVectors(z, values => VectorWidth.Apply(128, activation, values, rowLength: 1));
        float[] upstream = Upstream(z.Length);
        float[] reference = BackwardWholeVectors(z, a, upstream, (zs, az, g) => VectorWidth.Backward(128, activation, zs, az, g, rowLength: 1));

        var paths = new List<(string Name, float[] Result)>();
        foreach (int width in Widths)
        {
            paths.Add(($"width {width}, whole vectors", BackwardWholeVectors(z, a, upstream, (zs, az, g) => VectorWidth.Backward(width, activation, zs, az, g, rowLength: 1))));
            paths.Add(($"width {width}, tail", BackwardThroughTails(z, a, upstream, width / 32, (zs, az, g) => VectorWidth.Backward(width, activation, zs, az, g, rowLength: 1))));
        }

        paths.Add(("Activations.Backward (widest width)", BackwardWholeVectors(z, a, upstream, (zs, az, g) => Activations.Backward(activation, zs, az, g, rowLength: 1))));
        paths.Add(("Activations.Backward (widest width), tail", BackwardThroughTails(z, a, upstream, LanesOfWidest, (zs, az, g) => Activations.Backward(activation, zs, az, g, rowLength: 1))));
        paths.Add(($"Activations.{activation}Backward", BackwardWholeVectors(z, a, upstream, NamedBackwardKernel(activation))));

        foreach ((string name, float[] result) in paths) AssertSameBits($"{activation} backward: {name}", exactNaN: false, z, reference, result);
    }

    [Fact]
    public void Softmax_gives_the_same_bits_for_a_row_at_every_width()
    {
        foreach (float[] row in SoftmaxRows())
        {
            float[] reference = (float[])row.Clone();
            VectorWidth.Apply(128, Activation.Softmax, reference, reference.Length);

            var paths = new List<(string Name, float[] Result)>();
            foreach (int width in Widths.Append(0))
            {
                float[] alone = (float[])row.Clone();
                VectorWidth.Apply(width, Activation.Softmax, alone, alone.Length);
                paths.Add(($"width {width}", alone));
                paths.Add(($"width {width}, between other rows", MiddleRow(row, values => VectorWidth.Apply(width, Activation.Softmax, values, row.Length))));
            }

            float[] named = (float[])row.Clone();
            Activations.Softmax(named);
            paths.Add(("Activations.Softmax", named));

            foreach ((string name, float[] result) in paths) AssertSameBits($"softmax of a row of {row.Length}: {name}", exactNaN: false, row, reference, result);
        }
    }

    [Fact]
    public void Softmax_backward_gives_the_same_bits_for_a_row_at_every_width()
    {
        foreach (float[] row in SoftmaxRows())
        {
            float[] a = (float[])row.Clone();
            VectorWidth.Apply(128, Activation.Softmax, a, a.Length);
            float[] upstream = Upstream(row.Length);
            float[] reference = (float[])upstream.Clone();
            VectorWidth.Backward(128, Activation.Softmax, row, a, reference, row.Length);

            var paths = new List<(string Name, float[] Result)>();
            foreach (int width in Widths.Append(0))
            {
                float[] gradient = (float[])upstream.Clone();
                VectorWidth.Backward(width, Activation.Softmax, row, a, gradient, row.Length);
                paths.Add(($"width {width}", gradient));
            }

            float[] named = (float[])upstream.Clone();
            Activations.SoftmaxBackward(a, named);
            paths.Add(("Activations.SoftmaxBackward", named));

            foreach ((string name, float[] result) in paths) AssertSameBits($"softmax backward of a row of {row.Length}: {name}", exactNaN: false, row, reference, result);
        }
    }

    /// <summary>
    /// Whether the activation's formula hands a NaN input back unchanged (a select that picks z): then every path must
    /// return the input's very bits. The other formulas combine NaNs derived from the same input (z, −|z|, …) in
    /// commutative operations, and which operand's sign and payload survive is up to the JIT (tier-0 and optimised code
    /// of the same method differ), so for them NaN only has to give NaN, as IEEE 754 leaves open.
    /// </summary>
    private static bool PassesNaNThrough(Activation activation)
        => activation is Activation.Linear or Activation.Relu or Activation.Relu6 or Activation.LeakyRelu;

    private static int LanesOfWidest => Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 4;

    /// <summary>The inputs run through <paramref name="kernel"/> as one span padded to whole 512-bit vectors.</summary>
    private static float[] WholeVectors(float[] inputs, SpanAction kernel)
    {
        float[] values = new float[(inputs.Length + 15) / 16 * 16];
        inputs.CopyTo(values, 0);
        kernel(values);
        return values.AsSpan(0, inputs.Length).ToArray();
    }

    /// <summary>
    /// Each input run through <paramref name="kernel"/> in the tail of a span: groups of lanes − 1 values behind 0, 1 or
    /// 2 whole vectors, so every input lands in a partial vector (and some spans are shorter than one vector).
    /// </summary>
    private static float[] ThroughTails(float[] inputs, int lanes, SpanAction kernel)
    {
        float[] result = new float[inputs.Length];
        float[] buffer = new float[3 * lanes];
        int group = lanes - 1;
        for (int start = 0, round = 0; start < inputs.Length; start += group, round++)
        {
            int count = Math.Min(group, inputs.Length - start);
            int prefix = round % 3 * lanes;
            buffer.AsSpan(0, prefix).Fill(1.5f);
            inputs.AsSpan(start, count).CopyTo(buffer.AsSpan(prefix));
            kernel(buffer.AsSpan(0, prefix + count));
            buffer.AsSpan(prefix, count).CopyTo(result.AsSpan(start));
        }

        return result;
    }

    private static float[] BackwardWholeVectors(float[] z, float[] a, float[] upstream, BackwardAction kernel)
    {
        int length = (z.Length + 15) / 16 * 16;
        float[] zs = new float[length], az = new float[length], gradient = new float[length];
        z.CopyTo(zs, 0);
        a.CopyTo(az, 0);
        upstream.CopyTo(gradient, 0);
        kernel(zs, az, gradient);
        return gradient.AsSpan(0, z.Length).ToArray();
    }

    private static float[] BackwardThroughTails(float[] z, float[] a, float[] upstream, int lanes, BackwardAction kernel)
    {
        float[] result = new float[z.Length];
        float[] zs = new float[3 * lanes], az = new float[3 * lanes], gradient = new float[3 * lanes];
        int group = lanes - 1;
        for (int start = 0, round = 0; start < z.Length; start += group, round++)
        {
            int count = Math.Min(group, z.Length - start);
            int prefix = round % 3 * lanes;
            zs.AsSpan(0, prefix).Fill(1.5f);
            az.AsSpan(0, prefix).Fill(0.75f);
            gradient.AsSpan(0, prefix).Fill(1f);
            z.AsSpan(start, count).CopyTo(zs.AsSpan(prefix));
            a.AsSpan(start, count).CopyTo(az.AsSpan(prefix));
            upstream.AsSpan(start, count).CopyTo(gradient.AsSpan(prefix));
            kernel(zs.AsSpan(0, prefix + count), az.AsSpan(0, prefix + count), gradient.AsSpan(0, prefix + count));
            gradient.AsSpan(prefix, count).CopyTo(result.AsSpan(start));
        }

        return result;
    }

    /// <summary>The inputs padded to whole vectors of <paramref name="lanes"/>, activated one register at a time.</summary>
    private static float[] InRegister(float[] inputs, int lanes, SpanAction perVector)
    {
        float[] values = new float[(inputs.Length + lanes - 1) / lanes * lanes];
        inputs.CopyTo(values, 0);
        for (int i = 0; i < values.Length; i += lanes) perVector(values.AsSpan(i, lanes));
        return values.AsSpan(0, inputs.Length).ToArray();
    }

    private static void Apply512(Func<Vector512<float>, Vector512<float>> activation, Span<float> lanes)
        => activation(Vector512.Create<float>(lanes)).CopyTo(lanes);

    private static void Apply256(Func<Vector256<float>, Vector256<float>> activation, Span<float> lanes)
        => activation(Vector256.Create<float>(lanes)).CopyTo(lanes);

    private static void Apply128(Func<Vector128<float>, Vector128<float>> activation, Span<float> lanes)
        => activation(Vector128.Create<float>(lanes)).CopyTo(lanes);

    /// <summary>The row run through <paramref name="kernel"/> as the middle of three rows, so it starts mid-span.</summary>
    private static float[] MiddleRow(float[] row, SpanAction kernel)
    {
        float[] values = new float[3 * row.Length];
        for (int i = 0; i < row.Length; i++)
        {
            values[i] = 0.25f * i;
            values[2 * row.Length + i] = -0.5f * i;
        }

        row.CopyTo(values, row.Length);
        kernel(values);
        return values.AsSpan(row.Length, row.Length).ToArray();
    }

    /// <summary>Upstream gradients: mostly ordinary values, with zeros, tiny, huge, infinite and NaN ones mixed in.</summary>
    private static float[] Upstream(int length)
    {
        float[] specials = { 0f, -0f, 1e-40f, -1e30f, float.PositiveInfinity, float.NaN, 3e38f };
        var random = new Random(17);
        float[] upstream = new float[length];
        for (int i = 0; i < length; i++)
        {
            upstream[i] = i % 11 == 5 ? specials[i / 11 % specials.Length] : (float)(random.NextDouble() * 8 - 4);
        }

        return upstream;
    }

    private static IEnumerable<float[]> SoftmaxRows()
    {
        var random = new Random(5);
        int[] lengths = Enumerable.Range(1, 40).Concat(new[] { 47, 48, 63, 64, 65, 100, 129, 257, 1000 }).ToArray();
        foreach (int length in lengths)
        {
            yield return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
            yield return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 200 - 100)).ToArray();
            // Special values: signed zeros, subnormals, huge and masked (−∞) entries, and a row that holds NaN or +∞.
            float[] specials = { 0f, -0f, float.Epsilon, -1e-40f, 80f, -3e38f, float.NegativeInfinity, float.MaxValue };
            yield return Enumerable.Range(0, length).Select(i => i % 3 == 1 ? specials[i / 3 % specials.Length] : (float)(random.NextDouble() * 4 - 2)).ToArray();
            float[] withNaN = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
            withNaN[random.Next(length)] = BitConverter.Int32BitsToSingle(QuietNaNWithPayload);
            yield return withNaN;
            float[] withInfinity = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
            withInfinity[random.Next(length)] = float.PositiveInfinity;
            yield return withInfinity;
            yield return Enumerable.Repeat(float.NegativeInfinity, length).ToArray();
            // A maximum of zero held by both +0 and −0, so widths that meet them in another order see another zero.
            yield return Enumerable.Range(0, length).Select(i => i % 3 == 0 ? (i % 2 == 0 ? -0f : 0f) : (float)(-random.NextDouble() * 5)).ToArray();
        }
    }

    private static SpanAction NamedKernel(Activation activation) => activation switch
    {
        Activation.Linear => Activations.Linear,
        Activation.Relu => Activations.Relu,
        Activation.Sigmoid => Activations.Sigmoid,
        Activation.Tanh => Activations.Tanh,
        Activation.Softplus => Activations.Softplus,
        Activation.Softsign => Activations.Softsign,
        Activation.Elu => Activations.Elu,
        Activation.Selu => Activations.Selu,
        Activation.Exponential => Activations.Exponential,
        Activation.LeakyRelu => Activations.LeakyRelu,
        Activation.Relu6 => Activations.Relu6,
        Activation.Gelu => Activations.Gelu,
        Activation.GeluTanh => Activations.GeluTanh,
        Activation.Silu => Activations.Silu,
        Activation.HardSigmoid => Activations.HardSigmoid,
        Activation.Mish => Activations.Mish,
        Activation.HardSigmoidKeras2 => Activations.HardSigmoidKeras2,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "No named element-wise kernel."),
    };

    private static BackwardAction NamedBackwardKernel(Activation activation) => activation switch
    {
        Activation.Linear => Activations.LinearBackward,
        Activation.Relu => Activations.ReluBackward,
        Activation.Sigmoid => Activations.SigmoidBackward,
        Activation.Tanh => Activations.TanhBackward,
        Activation.Softplus => Activations.SoftplusBackward,
        Activation.Softsign => Activations.SoftsignBackward,
        Activation.Elu => Activations.EluBackward,
        Activation.Selu => Activations.SeluBackward,
        Activation.Exponential => Activations.ExponentialBackward,
        Activation.LeakyRelu => Activations.LeakyReluBackward,
        Activation.Relu6 => Activations.Relu6Backward,
        Activation.Gelu => Activations.GeluBackward,
        Activation.GeluTanh => Activations.GeluTanhBackward,
        Activation.Silu => Activations.SiluBackward,
        Activation.HardSigmoid => Activations.HardSigmoidBackward,
        Activation.Mish => Activations.MishBackward,
        Activation.HardSigmoidKeras2 => Activations.HardSigmoidKeras2Backward,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "No named element-wise backward kernel."),
    };

    private static float[] BuildInputs()
    {
        var values = new List<float>
        {
            0f, -0f,
            float.Epsilon, -float.Epsilon,
            BitConverter.Int32BitsToSingle(0x007FFFFF), BitConverter.Int32BitsToSingle(unchecked((int)0x807FFFFF)),
            1.17549435e-38f, -1.17549435e-38f,
            float.MaxValue, -float.MaxValue,
            float.PositiveInfinity, float.NegativeInfinity,
            float.NaN,
            BitConverter.Int32BitsToSingle(QuietNaNWithPayload),
            BitConverter.Int32BitsToSingle(NegativeQuietNaN),
            BitConverter.Int32BitsToSingle(NegativeNaNWithPayload),
            BitConverter.Int32BitsToSingle(SignallingNaN),
        };

        foreach (float kink in new[] { 0f, 3f, -3f, 6f, -6f })
        {
            float below = kink, above = kink;
            values.Add(kink);
            for (int step = 0; step < 4; step++)
            {
                below = MathF.BitDecrement(below);
                above = MathF.BitIncrement(above);
                values.Add(below);
                values.Add(above);
            }
        }

        for (int i = 0; i <= 4000; i++) values.Add((float)(-100.0 + 0.05 * i));

        var random = new Random(20240917);
        for (int i = 0; i < 8192; i++) values.Add(BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31)));

        values.AddRange(ActivationInputs.All);
        return values.ToArray();
    }

    /// <summary>NaN in gives NaN out; with <paramref name="sameNaN"/>, the very NaN that went in.</summary>
    private static void AssertNaNGivesNaN(string what, float[] inputs, float[] outputs, bool sameNaN)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            if (!float.IsNaN(inputs[i])) continue;
            int input = BitConverter.SingleToInt32Bits(inputs[i]);
            int output = BitConverter.SingleToInt32Bits(outputs[i]);
            Assert.True(
                sameNaN ? output == input : float.IsNaN(outputs[i]),
                $"{what}: NaN 0x{input:X8} gave 0x{output:X8} ({outputs[i]:R}).");
        }
    }

    /// <summary>
    /// Asserts that <paramref name="actual"/> has the bits of <paramref name="expected"/>; where
    /// <paramref name="exactNaN"/> is false, a NaN only has to be a NaN (see <see cref="PassesNaNThrough"/>).
    /// </summary>
    private static void AssertSameBits(string what, bool exactNaN, float[] inputs, float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var report = new StringBuilder();
        int mismatches = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            int want = BitConverter.SingleToInt32Bits(expected[i]);
            int got = BitConverter.SingleToInt32Bits(actual[i]);
            if (want == got || (!exactNaN && float.IsNaN(expected[i]) && float.IsNaN(actual[i]))) continue;
            if (++mismatches <= 8)
            {
                string input = i < inputs.Length ? $"{inputs[i]:R} (0x{BitConverter.SingleToInt32Bits(inputs[i]):X8})" : "?";
                report.Append($"\n  element {i}, input {input}: expected 0x{want:X8} ({expected[i]:R}), got 0x{got:X8} ({actual[i]:R})");
            }
        }

        if (mismatches > 0) Assert.Fail($"{what}: {mismatches} of {expected.Length} results differ in their bits:{report}");
    }

    private static void AssertBits(int expected, float actual, string what)
    {
        int got = BitConverter.SingleToInt32Bits(actual);
        Assert.True(expected == got, $"{what}: expected 0x{expected:X8}, got 0x{got:X8} ({actual:R}).");
    }
}
