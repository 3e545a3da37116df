using StaticNets.Runtime;
using StaticNets.Tests.Support;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary>
/// <see cref="Rescaling"/> at every vector width, to the bit against scalar C#: the product stored to a float, then the
/// offset added (two roundings, as Keras computes it in float32).
/// </summary>
public class RescalingTests
{
    // Lengths around every vector width (4, 8, 16 floats), so whole vectors and scalar tails both run.
    private static readonly int[] Lengths = [0, 1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 64, 100];

    // 1/255 and 1/127.5 − 1 are the usual image scalings; the others have an offset and a negative scale.
    private static readonly (float Scale, float Offset)[] Parameters = [(1f / 255, 0f), (1f / 127.5f, -1f), (2.5f, 0.1f), (-3f, 7f)];

    public static TheoryData<int> Widths => VectorWidth.Theory;

    [Theory]
    [MemberData(nameof(Widths))]
    public void Forward_rounds_the_product_before_adding_the_offset(int width)
    {
        var random = new Random(width + 1);
        foreach (int length in Lengths)
        foreach ((float scale, float offset) in Parameters)
        {
            float[] x = Uniform(random, length, -300, 300);
            float[] y = Guarded(length);
            VectorWidth.RescalingForward(width, scale, offset, x, Inside(y));
            AssertGuardsKept($"y (length {length})", y);
            AssertBits($"y (length {length}, scale {scale}, offset {offset})", Expected(x, scale, offset), Inside(y));
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Forward_is_not_a_fused_multiply_add(int width)
    {
        // (1 + 2⁻¹²)² = 1 + 2⁻¹¹ + 2⁻²⁴: the product rounds (to even) to 1 + 2⁻¹¹, so adding −1 gives 2⁻¹¹, where one
        // fused rounding would keep 2⁻¹¹ + 2⁻²⁴.
        const float Value = 1f + 1f / 4096, Offset = -1f;
        float twoRoundings = Expected([Value], Value, Offset)[0];
        Assert.Equal(1f / 2048, twoRoundings);
        Assert.NotEqual(twoRoundings, MathF.FusedMultiplyAdd(Value, Value, Offset));

        foreach (int length in Lengths)
        {
            float[] x = Enumerable.Repeat(Value, length).ToArray();
            var y = new float[length];
            VectorWidth.RescalingForward(width, Value, Offset, x, y);
            Assert.All(y, v => Assert.Equal(BitConverter.SingleToInt32Bits(twoRoundings), BitConverter.SingleToInt32Bits(v)));
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Forward_and_backward_work_in_place(int width)
    {
        var random = new Random(width + 2);
        foreach (int length in Lengths)
        {
            float[] values = Uniform(random, length, -300, 300);
            float[] expected = Expected(values, 1f / 127.5f, -1f);
            VectorWidth.RescalingForward(width, 1f / 127.5f, -1f, values, values);
            AssertBits($"in-place y (length {length})", expected, values);

            expected = values.Select(v => v * -0.75f).ToArray();
            VectorWidth.RescalingBackward(width, -0.75f, values, values);
            AssertBits($"in-place dx (length {length})", expected, values);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Special_values_go_through_the_same_two_operations(int width)
    {
        // −0 · 2 + 0 = +0 (not −0), infinities times 0 are NaN, and NaN stays NaN.
        float[] x = [-0f, 0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.MaxValue, float.Epsilon, -1e-30f, 3f, -5f, 1e30f, 7f, 2f, -2f, 0.5f, 9f, 11f];
        foreach ((float scale, float offset) in new[] { (2f, 0f), (0f, 1f), (1e10f, -3f), (-1f, float.PositiveInfinity) })
        {
            var y = new float[x.Length];
            VectorWidth.RescalingForward(width, scale, offset, x, y);
            AssertBits($"y (scale {scale}, offset {offset})", Expected(x, scale, offset), y);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Backward_multiplies_by_the_scale_and_is_the_adjoint_of_the_linear_part(int width)
    {
        var random = new Random(width + 3);
        foreach (int length in Lengths)
        foreach ((float scale, _) in Parameters)
        {
            float[] dy = Uniform(random, length);
            float[] dx = Guarded(length);
            VectorWidth.RescalingBackward(width, scale, dy, Inside(dx));
            AssertGuardsKept($"dx (length {length})", dx);
            AssertBits($"dx (length {length}, scale {scale})", dy.Select(g => g * scale).ToArray(), Inside(dx));

            // The offset has no gradient: the backward pass is the adjoint of x ↦ x · scale.
            float[] x = Uniform(random, length);
            var y = new float[length];
            VectorWidth.RescalingForward(width, scale, 0f, x, y);
            AssertAdjoint($"Rescaling (length {length}, scale {scale})", x, y, dy, Inside(dx).ToArray());
        }
    }

    [Fact]
    public void Wrong_span_lengths_throw_before_any_work()
    {
        float[] untouched = Enumerable.Repeat(7f, 9).ToArray();
        var e = Assert.Throws<ArgumentException>(() => Rescaling.Forward(2f, 1f, new float[10], untouched));
        Assert.Contains("Expected 10 values", e.Message);
        Assert.All(untouched, v => Assert.Equal(7f, v));
        Assert.Throws<ArgumentException>(() => Rescaling.Forward(2f, 1f, new float[8], untouched));
        Assert.Throws<ArgumentException>(() => Rescaling.Backward(2f, new float[10], untouched));
        Assert.All(untouched, v => Assert.Equal(7f, v));
    }

    /// <summary>The Keras float32 result written as scalar C#: the product stored to a float, then the offset added.</summary>
    private static float[] Expected(float[] x, float scale, float offset)
    {
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            float product = x[i] * scale;
            y[i] = product + offset;
        }

        return y;
    }

    private static void AssertBits(string what, float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what}[{i}] = {actual[i]:R}, expected {expected[i]:R}");
        }
    }
}
