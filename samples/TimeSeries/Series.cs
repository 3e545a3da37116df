using System;

namespace TimeSeries;

/// <summary>
/// A noisy series with two periods, like a sensor with a daily and a weekly cycle:
/// <c>x(t) = sin(2πt / 50) + 0.5·sin(2πt / 12) + noise</c>, noise normal with σ = 0.1 from a seeded stream.
/// </summary>
public static class Series
{
    public static float[] Make(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int t = 0; t < length; t++)
        {
            double noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[t] = (float)(Math.Sin(2 * Math.PI * t / 50) + 0.5 * Math.Sin(2 * Math.PI * t / 12) + 0.1 * noise);
        }

        return values;
    }

    /// <summary>
    /// Training pairs for a next-step forecaster: <paramref name="count"/> windows of <paramref name="steps"/> values at
    /// random starts, each with the window shifted by one as its targets (the value that follows each step).
    /// </summary>
    public static (float[] X, float[] Y) Windows(float[] series, int steps, int count, int seed)
    {
        var random = new Random(seed);
        var x = new float[count * steps];
        var y = new float[count * steps];
        for (int i = 0; i < count; i++)
        {
            int start = random.Next(0, series.Length - steps - 1);
            Array.Copy(series, start, x, i * steps, steps);
            Array.Copy(series, start + 1, y, i * steps, steps);
        }

        return (x, y);
    }
}
