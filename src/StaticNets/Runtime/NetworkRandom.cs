using System;
using System.ComponentModel;

namespace StaticNets.Runtime;

/// <summary>
/// The documented, portable random stream behind weight initialisation, so that <c>new Net(seed)</c> gives the
/// same weights on every run, machine and .NET version (<see cref="System.Random"/>'s algorithm is unspecified).
/// </summary>
/// <remarks>
/// Algorithm: SplitMix64 (Steele, Lea, Flood 2014). The 64-bit state starts at the seed, sign-extended from
/// <see cref="int"/>; each draw adds 0x9E3779B97F4A7C15 and mixes the state with the published constants.
/// A float in [0, 1) is the top 24 bits of a draw times 2^-24, so every value is exact in float32.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct NetworkRandom
{
    private ulong _state;

    /// <summary>Starts the stream at <paramref name="seed"/>.</summary>
    public NetworkRandom(int seed) => _state = unchecked((ulong)(long)seed);

    /// <summary>A fresh seed for the parameterless constructors (not reproducible by design).</summary>
    public static int NewSeed() => System.Random.Shared.Next(int.MinValue, int.MaxValue);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A float uniformly distributed in [0, 1), a multiple of 2^-24.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>
    /// Keras <c>glorot_uniform</c>: fills <paramref name="kernel"/> from U(−L, L), <c>L = sqrt(6 / (fanIn + fanOut))</c>,
    /// in storage order.
    /// </summary>
    public void FillGlorotUniform(Span<float> kernel, int fanIn, int fanOut)
    {
        double limit = Math.Sqrt(6.0 / ((double)fanIn + fanOut));
        for (int i = 0; i < kernel.Length; i++)
        {
            // 2u − 1 lies in [−1, 1); scaling in double keeps |w| < L after rounding to float.
            kernel[i] = (float)((2.0 * NextSingle() - 1.0) * limit);
        }
    }
}
