using StaticNets.Runtime;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary><see cref="Dropout"/>: Keras inverted dropout, one uniform draw per element in order.</summary>
public class DropoutTests
{
    [Theory]
    [InlineData(0.3f, 1)]
    [InlineData(0.5f, 17)]
    [InlineData(0.9f, 1000)]
    public void Keeps_exactly_the_elements_whose_draw_is_below_one_minus_rate_and_scales_them(float rate, int length)
    {
        var random = new Random(length);
        float[] x = Uniform(random, length, -3, 3);
        var mask = new float[length];
        var y = new float[length];
        var stream = new NetworkRandom(1234);
        Dropout.TrainingForward(rate, ref stream, x, mask, y);

        // The same stream, drawn independently: element i uses the i-th draw.
        var draws = new NetworkRandom(1234);
        double scale = 1.0 / (1.0 - rate);
        for (int i = 0; i < length; i++)
        {
            bool kept = draws.NextSingle() < 1.0 - rate;
            Assert.True(Math.Abs(mask[i] - (kept ? scale : 0)) <= 1e-6 * scale, $"mask[{i}] = {mask[i]}");
            Assert.True(Math.Abs(y[i] - (kept ? x[i] * scale : 0)) <= 1e-6 * (1 + Math.Abs(x[i] * scale)), $"y[{i}] = {y[i]}");
        }

        // Exactly one draw per element was consumed.
        Assert.Equal(draws.NextUInt64(), stream.NextUInt64());
    }

    [Fact]
    public void Keeps_about_one_minus_rate_of_a_large_batch()
    {
        var stream = new NetworkRandom(7);
        float[] x = Enumerable.Repeat(1f, 20000).ToArray();
        var mask = new float[x.Length];
        var y = new float[x.Length];
        Dropout.TrainingForward(0.25f, ref stream, x, mask, y);
        double kept = mask.Count(m => m != 0) / (double)x.Length;
        Assert.InRange(kept, 0.74, 0.76);
        Assert.InRange(y.Average(v => (double)v), 0.97, 1.03); // inverted dropout preserves the mean
    }

    [Fact]
    public void Rate_zero_is_the_identity_and_consumes_no_draws()
    {
        var stream = new NetworkRandom(5);
        float[] x = [1, -2, 3, float.PositiveInfinity];
        var mask = new float[4];
        var y = new float[4];
        Dropout.TrainingForward(0f, ref stream, x, mask, y);
        Assert.Equal(new float[] { 1, 1, 1, 1 }, mask);
        Assert.Equal(x, y);
        Assert.Equal(new NetworkRandom(5).NextUInt64(), stream.NextUInt64());
    }

    [Fact]
    public void Rate_one_drops_everything_to_exact_zeros()
    {
        var stream = new NetworkRandom(5);
        float[] x = [1, -2, float.NaN, float.PositiveInfinity];
        var mask = new float[4];
        var y = new float[4];
        Dropout.TrainingForward(1f, ref stream, x, mask, y);
        Assert.Equal(new float[4], mask);
        Assert.Equal(new float[4], y);
    }

    [Fact]
    public void Backward_multiplies_by_the_mask_in_place_and_matches_finite_differences()
    {
        var random = new Random(2);
        var stream = new NetworkRandom(2);
        float[] x = Uniform(random, 37);
        var mask = new float[x.Length];
        var y = new float[x.Length];
        Dropout.TrainingForward(0.4f, ref stream, x, mask, y);
        float[] dy = Uniform(random, x.Length);
        var dx = new float[x.Length];
        Dropout.Backward(mask, dy, dx);
        AssertClose("dx", dy.Select((g, i) => (double)g * mask[i]).ToArray(), dx, 1e-7);

        double[] m = ToDouble(mask), r = ToDouble(dy);
        AssertMatchesFiniteDifferences("dx", p => Dot(p.Select((v, i) => v * m[i]).ToArray(), r), ToDouble(x), dx, SampleIndices(random, x.Length), 1e-6);

        Dropout.Backward(mask, dy, dy); // dx aliasing dy
        Assert.Equal(dx, dy);
    }

    [Fact]
    public void Bad_rate_or_lengths_throw()
    {
        var stream = new NetworkRandom(1);
        var four = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => Dropout.TrainingForward(-0.1f, ref stream, four, new float[4], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dropout.TrainingForward(float.NaN, ref stream, four, new float[4], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dropout.TrainingForward(1.5f, ref stream, four, new float[4], new float[4]));
        var e = Assert.Throws<ArgumentException>(() => Dropout.TrainingForward(0.5f, ref stream, four, new float[3], new float[4]));
        Assert.Contains("Expected 4 values", e.Message);
        Assert.Throws<ArgumentException>(() => Dropout.TrainingForward(0.5f, ref stream, four, new float[4], new float[5]));
        Assert.Throws<ArgumentException>(() => Dropout.Backward(four, new float[3], new float[4]));
        Assert.Throws<ArgumentException>(() => Dropout.Backward(four, new float[4], new float[3]));
    }
}
