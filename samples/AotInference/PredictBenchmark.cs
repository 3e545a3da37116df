using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;

namespace AotInference;

/// <summary>
/// <c>--bench</c>: times single-sample <c>Predict</c> of <see cref="BenchNet"/> in rounds and prints ns per call,
/// the vector widths the code runs with, and the bytes allocated while timing (a steady-state Predict allocates none).
/// </summary>
public static class PredictBenchmark
{
    private const int Rounds = 7;
    private const int CallsPerClockRead = 256;

    /// <summary>Runs the benchmark for about <paramref name="seconds"/>; returns the exit code (1 if the loop allocated).</summary>
    public static int Run(double seconds)
    {
        if (!(seconds > 0)) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "The benchmark needs a positive duration.");

        var model = new BenchNet(seed: 1);
        var input = new float[BenchNet.InputSize];
        var random = new Random(2);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (float)random.NextDouble();   // like pixel intensities scaled to [0, 1)
        }

        var output = new float[BenchNet.OutputSize];
        Console.WriteLine($"BenchNet {BenchNet.InputSize}-128-64-{BenchNet.OutputSize}, {BenchNet.ParameterCount} parameters");
        Console.WriteLine($"vector widths accelerated: 512 {Vector512.IsHardwareAccelerated}, 256 {Vector256.IsHardwareAccelerated}, 128 {Vector128.IsHardwareAccelerated}");

        // Warm-up, then rounds of equal length; the median round is the figure, the fastest shows the spread.
        long warmUpEnd = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 5;
        while (Stopwatch.GetTimestamp() < warmUpEnd)
        {
            model.Predict(input, output);
        }

        var nsPerCall = new double[Rounds];
        long roundTicks = (long)(seconds / Rounds * Stopwatch.Frequency);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < Rounds; round++)
        {
            long calls = 0;
            long start = Stopwatch.GetTimestamp();
            long end = start + roundTicks;
            long now;
            do
            {
                for (int i = 0; i < CallsPerClockRead; i++)
                {
                    model.Predict(input, output);
                }

                calls += CallsPerClockRead;
                now = Stopwatch.GetTimestamp();
            }
            while (now < end);
            nsPerCall[round] = (now - start) * 1e9 / Stopwatch.Frequency / calls;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Array.Sort(nsPerCall);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Predict: {nsPerCall[Rounds / 2]:0} ns/call (median of {Rounds} rounds, fastest {nsPerCall[0]:0}), output[0] = {output[0]:0.0000}"));
        Console.WriteLine($"allocated while timing: {allocated} bytes");
        return allocated == 0 ? 0 : 1;
    }
}
