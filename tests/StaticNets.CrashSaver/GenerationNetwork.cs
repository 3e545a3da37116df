using System;

namespace StaticNets.CrashSaver;

/// <summary>
/// A stand-in network whose weights are a pure function of a generation number, so the test can tell which
/// generation a file holds and whether it is exactly that generation's complete content.
/// </summary>
internal sealed class GenerationNetwork(string architecture, int parameterCount) : INetwork
{
    private readonly float[] _parameters = new float[parameterCount];

    /// <summary>Sets every weight to generation <paramref name="generation"/>'s values (see <see cref="ValueOf"/>).</summary>
    public void Fill(int generation)
    {
        for (int i = 0; i < _parameters.Length; i++) _parameters[i] = ValueOf(generation, i);
    }

    /// <summary>
    /// Weight <paramref name="index"/> of <paramref name="generation"/>: the generation itself first, then integers
    /// below 2^24 (exact in float32) that differ between generations. WeightsCrashTests restates this formula.
    /// </summary>
    public static float ValueOf(int generation, int index)
        => index == 0 ? generation : (float)((generation * 7919L + index) % 65521);

    public int InputSize => 1;
    public int OutputSize => 1;
    public int ParameterCount => _parameters.Length;
    public ReadOnlySpan<int> InputShape => new[] { 1 };
    public ReadOnlySpan<int> OutputShape => new[] { 1 };
    public string Architecture => architecture;
    public Span<float> Parameters => _parameters;
    public void Predict(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException();
    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();
    public string Summary() => throw new NotSupportedException();
}
