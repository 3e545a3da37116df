using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace StaticNets;

/// <summary>
/// Flushes subnormal optimizer state to zero. Moments that decay geometrically (Adam's m for a weight whose gradient
/// stays 0, e.g. a dead ReLU unit) turn subnormal after a few hundred steps, and every later arithmetic on them takes a
/// microcode assist: measured here, net B's Adam step went from 1.0 to 2.4-3.1 ms. TensorFlow sets flush-to-zero on
/// CPU for the same reason, so results only differ below 1.2e-38.
/// </summary>
internal static class SlotFlush
{
    /// <summary>The smallest normal float (2^-126).</summary>
    private const float SmallestNormal = 1.17549435E-38f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Flush(Vector<float> value)
        => Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(value), new Vector<float>(SmallestNormal)), Vector<float>.Zero, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Flush(float value) => MathF.Abs(value) < SmallestNormal ? 0f : value;
}
