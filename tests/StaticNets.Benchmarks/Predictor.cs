using System;

namespace StaticNets.Benchmarks;

/// <summary>Any implementation's forward pass: one sample, or row-major samples, from <paramref name="input"/> to <paramref name="output"/>.</summary>
public delegate void Predictor(ReadOnlySpan<float> input, Span<float> output);
