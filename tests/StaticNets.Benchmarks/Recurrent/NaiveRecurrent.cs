using System;

namespace StaticNets.Benchmarks.Recurrent;

/// <summary>
/// The baseline a C# programmer writes first for a <see cref="RecurrentCase"/>: scalar loops over Keras's layouts
/// (one dot product per gate column, reading kernels with stride <c>gates·units</c>), <c>MathF.Exp</c> and
/// <c>MathF.Tanh</c>, float sums, arrays with bounds checks. Like <see cref="NaiveMlp"/> for the MLPs: it shows what
/// generated code buys, and it is what runs the suite's in-process member path before StaticNets' layers land.
/// </summary>
public sealed class NaiveRecurrent
{
    private readonly RecurrentCase _c;
    private readonly float[] _h, _cell, _a, _r;
    private int _position;

    /// <summary>A zero state over <paramref name="c"/>'s weights.</summary>
    public NaiveRecurrent(RecurrentCase c)
    {
        _c = c;
        _h = new float[c.Units];
        _cell = new float[c.Units];
        _a = new float[c.Gates * c.Units];
        _r = new float[c.Gates * c.Units];
    }

    /// <summary>Zeroes the state and starts the signal again.</summary>
    public void Reset()
    {
        Array.Clear(_h);
        Array.Clear(_cell);
        _position = 0;
    }

    /// <summary>One time step of <paramref name="x"/> (features), then Dense into <paramref name="y"/>.</summary>
    public void Step(ReadOnlySpan<float> x, Span<float> y)
    {
        Cell(x);
        Dense(y);
    }

    /// <summary>The next sample of the case's signal through <see cref="Step"/> (cycling).</summary>
    public void StepSignal(Span<float> y)
    {
        int f = _c.Features;
        Step(_c.Input.AsSpan(_position * f, f), y);
        if (++_position == _c.Steps) _position = 0;
    }

    /// <summary>One whole sample <c>(steps, features)</c> from a zero state into <paramref name="y"/>.</summary>
    public void Predict(ReadOnlySpan<float> sample, Span<float> y)
    {
        Array.Clear(_h);
        Array.Clear(_cell);
        for (int t = 0; t < _c.Steps; t++) Cell(sample.Slice(t * _c.Features, _c.Features));
        Dense(y);
    }

    /// <summary>The case's outputs (the streamed signal from a zero state, or the one sample), for the agreement check.</summary>
    public float[] Outputs()
    {
        var outputs = new float[_c.OutputLength];
        Reset();
        if (_c.Streams)
        {
            for (int t = 0; t < _c.Steps; t++) StepSignal(outputs.AsSpan(t * _c.Outputs, _c.Outputs));
        }
        else
        {
            Predict(_c.Input, outputs);
        }

        Reset();
        return outputs;
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private void Cell(ReadOnlySpan<float> x)
    {
        RecurrentCase c = _c;
        int u = c.Units, width = c.Gates * u;
        bool gru = c.Cell == RecurrentCase.Gru;
        for (int j = 0; j < width; j++)
        {
            float a = c.Bias[j], r = gru ? c.Bias[width + j] : 0f;
            for (int k = 0; k < x.Length; k++) a += x[k] * c.Kernel[k * width + j];
            for (int k = 0; k < u; k++) r += _h[k] * c.RecurrentKernel[k * width + j];
            _a[j] = a;
            _r[j] = r;
        }

        for (int j = 0; j < u; j++)
        {
            if (gru)
            {
                float z = Sigmoid(_a[j] + _r[j]);
                float reset = Sigmoid(_a[u + j] + _r[u + j]);
                float candidate = MathF.Tanh(_a[2 * u + j] + reset * _r[2 * u + j]);
                _h[j] = z * _h[j] + (1 - z) * candidate;
            }
            else
            {
                float i = Sigmoid(_a[j] + _r[j]);
                float f = Sigmoid(_a[u + j] + _r[u + j]);
                float g = MathF.Tanh(_a[2 * u + j] + _r[2 * u + j]);
                float o = Sigmoid(_a[3 * u + j] + _r[3 * u + j]);
                _cell[j] = f * _cell[j] + i * g;
                _h[j] = o * MathF.Tanh(_cell[j]);
            }
        }
    }

    private void Dense(Span<float> y)
    {
        RecurrentCase c = _c;
        for (int j = 0; j < c.Outputs; j++)
        {
            float sum = c.DenseBias[j];
            for (int k = 0; k < c.Units; k++) sum += _h[k] * c.DenseKernel[k * c.Outputs + j];
            y[j] = sum;
        }

        if (c.Softmax)
        {
            float max = float.NegativeInfinity, total = 0;
            for (int j = 0; j < c.Outputs; j++) max = MathF.Max(max, y[j]);
            for (int j = 0; j < c.Outputs; j++) total += y[j] = MathF.Exp(y[j] - max);
            for (int j = 0; j < c.Outputs; j++) y[j] /= total;
        }
    }
}
