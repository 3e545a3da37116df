using System;

namespace StaticNets.Benchmarks.Recurrent;

/// <summary>
/// Keras's LSTM and GRU (<c>reset_after=True</c>) followed by Dense, in double precision, straight from Keras's
/// definitions on the Keras layouts of <see cref="RecurrentCase"/>. Every implementation is checked against it
/// before timing; <c>recurrent_reference.py</c> computes the same in NumPy, independently. Never timed.
/// <code>
/// LSTM: z = x·K + h·R + b;  i, f, o = σ(z_i), σ(z_f), σ(z_o);  c = f⊙c + i⊙tanh(z_c);  h = o⊙tanh(c)
/// GRU:  a = x·K + b[0];  r' = h·R + b[1];  z = σ(a_z + r'_z);  r = σ(a_r + r'_r);
///       h = z⊙h + (1−z)⊙tanh(a_h + r⊙r'_h)
/// </code>
/// </summary>
public static class ReferenceRecurrent
{
    /// <summary>
    /// The case's outputs: per step for a streaming case (from a zero state), else the last step's, through Dense
    /// (and softmax).
    /// </summary>
    public static double[] Outputs(RecurrentCase c) => c.Streams ? Stream(c, c.Input) : Sequence(c, c.Input);

    /// <summary>One sample <c>(steps, features)</c> through the recurrent layer and Dense: <see cref="RecurrentCase.Outputs"/> values.</summary>
    public static double[] Sequence(RecurrentCase c, ReadOnlySpan<float> sample)
    {
        var state = new State(c.Units);
        for (int t = 0; t < c.Steps; t++) Step(c, state, sample.Slice(t * c.Features, c.Features));
        return Dense(c, state.H);
    }

    /// <summary>Every step's Dense output, state carried from one step to the next.</summary>
    public static double[] Stream(RecurrentCase c, ReadOnlySpan<float> signal)
    {
        var state = new State(c.Units);
        int steps = signal.Length / c.Features;
        var outputs = new double[steps * c.Outputs];
        for (int t = 0; t < steps; t++)
        {
            Step(c, state, signal.Slice(t * c.Features, c.Features));
            Dense(c, state.H).CopyTo(outputs, t * c.Outputs);
        }

        return outputs;
    }

    /// <summary>Mean softmax cross-entropy of the training batch (the loss of the first training step).</summary>
    public static double TrainingLoss(RecurrentCase c)
    {
        int n = c.TrainingBatchSize, sample = c.Steps * c.Features;
        double total = 0;
        for (int s = 0; s < n; s++)
        {
            double[] probabilities = Sequence(c, c.TrainingBatch.AsSpan(s * sample, sample));
            if (!c.Softmax) throw new InvalidOperationException("The training loss is defined for softmax outputs.");
            total -= Math.Log(probabilities[c.TrainingLabels![s]]);
        }

        return total / n;
    }

    private sealed class State(int units)
    {
        public readonly double[] H = new double[units];
        public readonly double[] C = new double[units];
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static void Step(RecurrentCase c, State state, ReadOnlySpan<float> x)
    {
        int u = c.Units, width = c.Gates * u;
        // a = x·K (+ input bias), r = h·R (+ recurrent bias for the GRU)
        var a = new double[width];
        var r = new double[width];
        for (int j = 0; j < width; j++)
        {
            double sa = c.Bias[j], sr = c.Cell == RecurrentCase.Gru ? c.Bias[width + j] : 0;
            for (int k = 0; k < c.Features; k++) sa += x[k] * (double)c.Kernel[k * width + j];
            for (int k = 0; k < u; k++) sr += state.H[k] * c.RecurrentKernel[k * width + j];
            a[j] = sa;
            r[j] = sr;
        }

        if (c.Cell == RecurrentCase.Lstm)
        {
            for (int j = 0; j < u; j++)
            {
                double i = Sigmoid(a[j] + r[j]);
                double f = Sigmoid(a[u + j] + r[u + j]);
                double g = Math.Tanh(a[2 * u + j] + r[2 * u + j]);
                double o = Sigmoid(a[3 * u + j] + r[3 * u + j]);
                state.C[j] = f * state.C[j] + i * g;
                state.H[j] = o * Math.Tanh(state.C[j]);
            }
        }
        else
        {
            for (int j = 0; j < u; j++)
            {
                double z = Sigmoid(a[j] + r[j]);
                double reset = Sigmoid(a[u + j] + r[u + j]);
                double candidate = Math.Tanh(a[2 * u + j] + reset * r[2 * u + j]);
                state.H[j] = z * state.H[j] + (1 - z) * candidate;
            }
        }
    }

    private static double[] Dense(RecurrentCase c, double[] h)
    {
        var y = new double[c.Outputs];
        for (int j = 0; j < c.Outputs; j++)
        {
            double sum = c.DenseBias[j];
            for (int k = 0; k < c.Units; k++) sum += h[k] * c.DenseKernel[k * c.Outputs + j];
            y[j] = sum;
        }

        if (c.Softmax)
        {
            double max = double.NegativeInfinity, total = 0;
            foreach (double v in y) max = Math.Max(max, v);
            for (int j = 0; j < y.Length; j++) total += y[j] = Math.Exp(y[j] - max);
            for (int j = 0; j < y.Length; j++) y[j] /= total;
        }

        return y;
    }
}
