using StaticNets.Runtime;
using static StaticNets.Tests.Layers.LayerMath;

namespace StaticNets.Tests.Layers;

/// <summary><see cref="GlobalPooling"/> against double references and finite differences.</summary>
public class GlobalPoolingTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int samples in new[] { 1, 3 })
        foreach (int positions in new[] { 1, 7, 36 })
        foreach (int channels in new[] { 1, 5, 17, 32 })
        {
            data.Add(samples, positions, channels);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Global_average_matches_the_mean_over_positions_forward_and_backward(int samples, int positions, int channels)
    {
        var random = new Random(samples * 10000 + positions * 100 + channels);
        float[] x = Uniform(random, samples * positions * channels);
        var expected = new double[samples * channels];
        for (int n = 0; n < samples; n++)
        for (int p = 0; p < positions; p++)
        for (int c = 0; c < channels; c++)
        {
            expected[n * channels + c] += (double)x[(n * positions + p) * channels + c] / positions;
        }

        float[] y = Enumerable.Repeat(float.NaN, expected.Length).ToArray();
        GlobalPooling.AverageForward(samples, positions, channels, x, y);
        AssertClose("y", expected, y, 1e-6);

        float[] dy = Uniform(random, y.Length);
        float[] dx = Enumerable.Repeat(9f, x.Length).ToArray();
        GlobalPooling.AverageBackward(samples, positions, channels, dy, dx);
        var expectedDx = new double[x.Length];
        for (int i = 0; i < x.Length; i++) expectedDx[i] = (double)dy[(i / (positions * channels)) * channels + i % channels] / positions;
        AssertClose("dx", expectedDx, dx, 1e-6);

        double[] r = ToDouble(dy);
        AssertMatchesFiniteDifferences("dx", p => Dot(Average(samples, positions, channels, p), r), ToDouble(x), dx, SampleIndices(random, x.Length), 1e-5, 1e-7);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Global_max_matches_the_max_over_positions_and_routes_to_the_first_maximum(int samples, int positions, int channels)
    {
        var random = new Random(samples * 10000 + positions * 100 + channels + 1);
        float[] x = Uniform(random, samples * positions * channels, -3, -1);
        // A planted tie: position 0 repeated at the last position, so the gradient must stay with position 0 where it wins.
        for (int n = 0; n < samples; n++)
        for (int c = 0; c < channels; c++)
        {
            x[((n * positions) + positions - 1) * channels + c] = x[n * positions * channels + c];
        }

        (double[] expected, int[] argMax) = Max(samples, positions, channels, ToDouble(x));
        float[] y = Enumerable.Repeat(float.NaN, expected.Length).ToArray();
        GlobalPooling.MaxForward(samples, positions, channels, x, y);
        AssertClose("y", expected, y, 0);

        float[] dy = Uniform(random, y.Length);
        float[] dx = Enumerable.Repeat(9f, x.Length).ToArray();
        GlobalPooling.MaxBackward(samples, positions, channels, x, y, dy, dx);
        var expectedDx = new double[x.Length];
        for (int o = 0; o < dy.Length; o++) expectedDx[argMax[o]] += dy[o];
        AssertClose("dx", expectedDx, dx, 0);

        if (positions > 1) return; // with the planted tie the max is not differentiable; covered above
        double[] r = ToDouble(dy);
        AssertMatchesFiniteDifferences("dx", p => Dot(Max(samples, positions, channels, p).Y, r), ToDouble(x), dx, SampleIndices(random, x.Length), 1e-5, 1e-7);
    }

    [Fact]
    public void Global_max_backward_matches_finite_differences_without_ties()
    {
        const int Samples = 3, Positions = 25, Channels = 17;
        var random = new Random(99);
        float[] x = Uniform(random, Samples * Positions * Channels);
        var y = new float[Samples * Channels];
        GlobalPooling.MaxForward(Samples, Positions, Channels, x, y);
        float[] dy = Uniform(random, y.Length);
        var dx = new float[x.Length];
        GlobalPooling.MaxBackward(Samples, Positions, Channels, x, y, dy, dx);
        double[] r = ToDouble(dy);
        AssertMatchesFiniteDifferences("dx", p => Dot(Max(Samples, Positions, Channels, p).Y, r), ToDouble(x), dx, SampleIndices(random, x.Length, 80), 1e-5, 1e-7);
    }

    [Fact]
    public void Wrong_span_lengths_throw_ArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => GlobalPooling.AverageForward(2, 4, 3, new float[23], new float[6]));
        Assert.Contains("Expected 24 values", e.Message);
        Assert.Throws<ArgumentException>(() => GlobalPooling.AverageForward(2, 4, 3, new float[24], new float[7]));
        Assert.Throws<ArgumentException>(() => GlobalPooling.AverageBackward(2, 4, 3, new float[5], new float[24]));
        Assert.Throws<ArgumentException>(() => GlobalPooling.MaxForward(2, 4, 3, new float[25], new float[6]));
        Assert.Throws<ArgumentException>(() => GlobalPooling.MaxBackward(2, 4, 3, new float[24], new float[6], new float[6], new float[23]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GlobalPooling.AverageForward(2, 0, 3, [], new float[6]));
    }

    private static double[] Average(int samples, int positions, int channels, double[] x)
    {
        var y = new double[samples * channels];
        for (int i = 0; i < x.Length; i++) y[(i / (positions * channels)) * channels + i % channels] += x[i] / positions;
        return y;
    }

    private static (double[] Y, int[] ArgMax) Max(int samples, int positions, int channels, double[] x)
    {
        var y = new double[samples * channels];
        var argMax = new int[samples * channels];
        for (int n = 0; n < samples; n++)
        for (int c = 0; c < channels; c++)
        {
            int at = n * positions * channels + c;
            for (int p = 1; p < positions; p++)
            {
                int i = (n * positions + p) * channels + c;
                if (x[i] > x[at]) at = i;
            }

            (y[n * channels + c], argMax[n * channels + c]) = (x[at], at);
        }

        return (y, argMax);
    }
}
