using System;
using System.Collections.Generic;
using System.Linq;

namespace StaticNets.Tests.Support;

/// <summary>Float inputs that exercise every branch, clamp and tail of the activation kernels.</summary>
internal static class ActivationInputs
{
    private static readonly float[] SpecialMagnitudes =
    {
        0f, float.Epsilon, 1e-40f, 1.17549435e-38f, 1e-30f, 1e-8f, 1e-4f, 0.1f, 0.35f, 0.5f, 0.70710677f, 0.75f, 1f, 1.25f,
        1.5f, 2f, 2.5f, 3f, 4f, 5f, 5.5f, 6f, 7f, 8f, 9f, 10f, 11f, 13f, 14f, 14.5f, 15f, 20f, 21f, 30f, 44f, 50f, 60f,
        87f, 88f, 88.72f, 88.73f, 89f, 100f, 103f, 103.97f, 104f, 110f, 120f, 130f, 1000f, 1e4f, 1e7f, 1e13f, 1e20f, 1e30f,
        float.MaxValue,
    };

    /// <summary>
    /// ±special magnitudes (zeros, subnormals, branch limits, overflow edges, 1e30, float.MaxValue), a dense grid on
    /// [−10, 10] in steps of 1/128, 1000 non-dyadic points on [−10, 10] and a logarithmic sweep 1e-8 … 1e4.
    /// </summary>
    public static float[] Grid { get; } = BuildGrid();

    /// <summary>Every 65536th float bit pattern of either sign: all exponents from the subnormals to float.MaxValue.</summary>
    public static float[] BitPatternSweep { get; } = BuildSweep();

    /// <summary><see cref="Grid"/> and <see cref="BitPatternSweep"/> together.</summary>
    public static float[] All { get; } = Grid.Concat(BitPatternSweep).ToArray();

    /// <summary>Lengths that cover an empty span, tails only, whole vectors of every width, and whole vectors plus tails.</summary>
    public static readonly int[] Lengths = { 0, 1, 3, 7, 16, 17, 33, 100 };

    private static float[] BuildGrid()
    {
        var values = new List<float>();
        foreach (float magnitude in SpecialMagnitudes)
        {
            values.Add(magnitude);
            values.Add(-magnitude);
        }

        for (int i = -1280; i <= 1280; i++) values.Add(i / 128f);
        for (int i = 0; i < 1000; i++) values.Add((float)(-10.0 + 20.0 * (i + 0.37) / 1000.0));
        for (int i = 0; i <= 240; i++)
        {
            float magnitude = (float)Math.Pow(10.0, -8.0 + 12.0 * i / 240.0);
            values.Add(magnitude);
            values.Add(-magnitude);
        }

        return values.ToArray();
    }

    private static float[] BuildSweep()
    {
        var values = new List<float>();
        for (long bits = 0; bits < 0x7F800000; bits += 65536)
        {
            float value = BitConverter.Int32BitsToSingle((int)bits);
            values.Add(value);
            values.Add(-value);
        }

        return values.ToArray();
    }
}
