using System;

namespace StaticNets.Benchmarks;

/// <summary>
/// The baseline a C# programmer writes first: plain scalar nested loops over the Keras layout (one dot product per
/// unit, reading the kernel column with stride <c>units</c>), arrays with bounds checks, float sums in input order.
/// </summary>
public sealed class NaiveMlp
{
    private readonly MlpShape _shape;
    private readonly float[] _parameters;
    private readonly float[] _hiddenA;
    private readonly float[] _hiddenB;

    /// <summary>Copies <paramref name="parameters"/> (Keras order).</summary>
    public NaiveMlp(MlpShape shape, ReadOnlySpan<float> parameters)
    {
        _shape = shape;
        _parameters = parameters.ToArray();
        int widest = 0;
        for (int l = 0; l < shape.LayerCount; l++) widest = Math.Max(widest, shape.UnitsOf(l));
        _hiddenA = new float[widest];
        _hiddenB = new float[widest];
    }

    /// <summary>One sample; ReLU on hidden layers, linear output. Not thread-safe (reuses its hidden buffers).</summary>
    public void Predict(float[] input, float[] output)
    {
        float[] x = input;
        for (int l = 0; l < _shape.LayerCount; l++)
        {
            int inputs = _shape.InputsOf(l), units = _shape.UnitsOf(l);
            int kernel = _shape.KernelOffset(l), bias = _shape.BiasOffset(l);
            bool last = l == _shape.LayerCount - 1;
            float[] y = last ? output : (l % 2 == 0 ? _hiddenA : _hiddenB);
            for (int j = 0; j < units; j++)
            {
                float sum = _parameters[bias + j];
                for (int i = 0; i < inputs; i++)
                {
                    sum += x[i] * _parameters[kernel + i * units + j];
                }

                y[j] = last ? sum : Math.Max(sum, 0f);
            }

            x = y;
        }
    }
}
