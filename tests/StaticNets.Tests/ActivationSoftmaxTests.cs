using System;
using System.Linq;
using StaticNets.Runtime;
using StaticNets.Tests.Reference;
using StaticNets.Tests.Support;

namespace StaticNets.Tests;

/// <summary>Softmax forward: stability near float overflow, normalisation, and agreement with the double reference.</summary>
public sealed class ActivationSoftmaxTests
{
    public static TheoryData<int> Widths => VectorWidth.Theory;

    /// <summary>
    /// Per element: exp and the division each cost ≲ 1 ulp, and the float sum of n terms (summed lane-wise) up to
    /// about n/8 more; 8 ulps plus that leaves headroom.
    /// </summary>
    internal static double AllowedError(double expected, int rowLength)
        => (8 + rowLength / 8.0) * FloatErrors.Ulp(expected) + FloatErrors.SubnormalFloor;

    [Theory]
    [MemberData(nameof(Widths))]
    public void Rows_near_float_overflow_stay_finite_match_the_reference_and_sum_to_one(int width)
    {
        float[][] rows =
        {
            new[] { 88f, 89f, 1e30f, -1e30f },
            new[] { 88f, 89f, 87f, 88.5f },
            new[] { float.MaxValue, -float.MaxValue, 0f },
            new[] { -1e30f, -1e30f, -1e30f + 1e24f },
            new[] { 100f, 99f, 98f, 97f, 96f, 95f, 94f, 93f, 92f, 91f, 90f, 89f, 88f, 87f, 86f, 85f, 84f },
            new[] { -float.MaxValue, -float.MaxValue },
        };

        foreach (float[] row in rows)
        {
            AssertSoftmaxMatchesReference(width, row);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Rows_of_equal_values_give_equal_probabilities(int width)
    {
        foreach (int length in ActivationInputs.Lengths.Where(n => n > 0))
        {
            foreach (float value in new[] { -50f, 0f, 3.7f, 88f, 1e30f, -1e30f, float.MaxValue })
            {
                float[] row = Enumerable.Repeat(value, length).ToArray();
                VectorWidth.Apply(width, Activation.Softmax, row, length);
                Assert.All(row, p => Assert.True(
                    Math.Abs(p - 1.0 / length) <= 2 * FloatErrors.Ulp(1.0 / length),
                    $"softmax of {length} × {value:R} gave {p:R}, expected {1.0 / length:R}"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void One_huge_value_takes_all_the_probability(int width)
    {
        foreach (int length in ActivationInputs.Lengths.Where(n => n > 0))
        {
            for (int hot = 0; hot < length; hot += Math.Max(1, length / 5))
            {
                float[] row = Enumerable.Range(0, length).Select(i => i == hot ? 1e30f : (float)(i % 7 - 3)).ToArray();
                VectorWidth.Apply(width, Activation.Softmax, row, length);
                for (int i = 0; i < length; i++)
                {
                    Assert.Equal(i == hot ? 1f : 0f, row[i]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Random_rows_of_every_length_match_the_reference_and_sum_to_one(int width)
    {
        var random = new Random(20240611);
        foreach (int length in ActivationInputs.Lengths.Where(n => n > 0).Append(1000))
        {
            for (int trial = 0; trial < 5; trial++)
            {
                float[] row = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 60 - 30)).ToArray();
                AssertSoftmaxMatchesReference(width, row);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Apply_normalises_each_row_on_its_own(int width)
    {
        const int RowLength = 7;
        float[] offsets = { 0f, 80f, -80f, 1e20f };
        float[] values = new float[offsets.Length * RowLength];
        for (int row = 0; row < offsets.Length; row++)
        {
            for (int i = 0; i < RowLength; i++) values[row * RowLength + i] = offsets[row] + (i - 3) * (row + 1) * 0.75f;
        }

        float[] inputs = (float[])values.Clone();
        VectorWidth.Apply(width, Activation.Softmax, values, RowLength);

        var errors = new FloatErrors();
        for (int row = 0; row < offsets.Length; row++)
        {
            double[] expected = ActivationReference.Softmax(inputs.Skip(row * RowLength).Take(RowLength).Select(x => (double)x).ToArray());
            double sum = 0;
            for (int i = 0; i < RowLength; i++)
            {
                errors.Check(values[row * RowLength + i], expected[i], AllowedError(expected[i], RowLength), $"row {row} element {i}");
                sum += values[row * RowLength + i];
            }

            Assert.InRange(sum, 1 - 1e-6, 1 + 1e-6);
        }

        errors.AssertNone($"softmax rows, width {width}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Negative_infinity_masks_an_entry_but_positive_infinity_or_an_all_masked_row_gives_NaN(int width)
    {
        float[] masked = { 0f, float.NegativeInfinity, 0f, float.NegativeInfinity, 0f };
        VectorWidth.Apply(width, Activation.Softmax, masked, masked.Length);
        Assert.Equal(new[] { 1f / 3, 0f, 1f / 3, 0f, 1f / 3 }, masked);

        // As in Keras/TensorFlow: +∞ − max(row) = ∞ − ∞, and an all −∞ row has −∞ − (−∞); both are NaN.
        float[] infinite = { 0f, float.PositiveInfinity, 1f };
        VectorWidth.Apply(width, Activation.Softmax, infinite, infinite.Length);
        Assert.All(infinite, p => Assert.True(float.IsNaN(p)));

        float[] allMasked = { float.NegativeInfinity, float.NegativeInfinity };
        VectorWidth.Apply(width, Activation.Softmax, allMasked, allMasked.Length);
        Assert.All(allMasked, p => Assert.True(float.IsNaN(p)));
    }

    private static void AssertSoftmaxMatchesReference(int width, float[] row)
    {
        double[] expected = ActivationReference.Softmax(row.Select(x => (double)x).ToArray());
        float[] values = (float[])row.Clone();
        VectorWidth.Apply(width, Activation.Softmax, values, values.Length);

        var errors = new FloatErrors();
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(float.IsFinite(values[i]), $"softmax([{string.Join(", ", row)}]) has a non-finite output at {i}.");
            errors.Check(values[i], expected[i], AllowedError(expected[i], values.Length), $"element {i} of a row of {values.Length}");
            sum += values[i];
        }

        errors.AssertNone($"softmax, width {width}");
        Assert.InRange(sum, 1 - 1e-6, 1 + 1e-6);
    }
}
