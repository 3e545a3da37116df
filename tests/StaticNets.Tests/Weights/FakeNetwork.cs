using System;
using System.Runtime.InteropServices;

namespace StaticNets.Tests.Weights;

/// <summary>
/// A hand-made <see cref="INetwork"/> for the weight-file tests, independent of the generator: an architecture
/// text and a parameter array, nothing else. <see cref="ReportedParameterCount"/> can be set to disagree with the
/// array, to check that the loader refuses an inconsistent network.
/// </summary>
internal sealed class FakeNetwork(string architecture, float[] parameters) : INetwork
{
    /// <summary>The backing array behind <see cref="Parameters"/>.</summary>
    public float[] Values { get; } = parameters;

    /// <summary>What <see cref="ParameterCount"/> returns; the array's length unless a test overrides it.</summary>
    public int ReportedParameterCount { get; init; } = parameters.Length;

    /// <summary>A network of <paramref name="count"/> parameters filled with the same random bits from <paramref name="seed"/>.</summary>
    public static FakeNetwork WithRandomBits(string architecture, int count, int seed)
        => new(architecture, RandomBits(count, seed));

    /// <summary>Random 32-bit patterns, so every float class (NaNs with payloads, subnormals, infinities) shows up.</summary>
    public static float[] RandomBits(int count, int seed)
    {
        var values = new float[count];
        new Random(seed).NextBytes(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>
    /// A copy of the weights' exact bytes: bit patterns, not float equality, so NaN payloads and -0 count. Taken
    /// before an operation, it is the snapshot to compare with afterwards.
    /// </summary>
    public byte[] Bytes() => MemoryMarshal.AsBytes(Values.AsSpan()).ToArray();

    public int InputSize => 1;
    public int OutputSize => 1;
    public int ParameterCount => ReportedParameterCount;
    public ReadOnlySpan<int> InputShape => new[] { 1 };
    public ReadOnlySpan<int> OutputShape => new[] { 1 };
    public string Architecture { get; } = architecture;
    public Span<float> Parameters => Values;

    public void Predict(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException("Not needed by weight-file tests.");
    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException("Not needed by weight-file tests.");
    public string Summary() => throw new NotSupportedException("Not needed by weight-file tests.");
}
