using StaticNets.Runtime;
using StaticNets.Tests.Reference;

namespace StaticNets.Tests.Layers;

/// <summary>The recurrent layers the runtime has kernels for (GRU in both of Keras's variants).</summary>
public enum RecurrentKind
{
    SimpleRnn,
    Lstm,
    GruResetAfter,
    GruResetBefore,
}

/// <summary>One recurrent layer's configuration: sizes, options and activations.</summary>
public sealed record RecurrentLayer(
    RecurrentKind Kind, int Samples, int Steps, int Inputs, int Units, RecurrentOptions Options,
    Activation Activation = Activation.Tanh, Activation RecurrentActivation = Activation.Sigmoid)
{
    public int Gates => Kind switch { RecurrentKind.SimpleRnn => 1, RecurrentKind.Lstm => 4, _ => 3 };

    public int BiasLength => Kind == RecurrentKind.GruResetAfter ? 2 * Gates * Units : Gates * Units;

    /// <summary>Floats of one sample's state: h, or h then c for LSTM.</summary>
    public int StateSize => Kind == RecurrentKind.Lstm ? 2 * Units : Units;

    public int OutputSize => (Options & RecurrentOptions.ReturnSequences) != 0 ? Steps * Units : Units;

    public override string ToString()
        => $"{Kind} n={Samples} steps={Steps} in={Inputs} u={Units} {Options} {Activation}/{RecurrentActivation}";
}

/// <summary>
/// The recurrent layers' forward pass in double, written from Keras 3's cell equations (layers/rnn/simple_rnn.py,
/// lstm.py, gru.py) one sample and one step at a time, independently of the runtime's batched float kernels:
/// <code>
/// SimpleRNN: h = act(x·W + b + h·R)
/// LSTM:      z = x·W + h·R + b;  i, f, o = recAct(z_i, z_f, z_o);  c = f⊙c + i⊙act(z_c);  h = o⊙act(c)
/// GRU (reset_after):  x_zrh = x·W + b_in;  r_zrh = h·R + b_rec;  z = recAct(x_z + r_z);  r = recAct(x_r + r_r);
///                     hh = act(x_h + r⊙r_h);  h = z⊙h + (1 − z)⊙hh
/// GRU (reset before): x_zrh = x·W + b;  z = recAct(x_z + h·R_z);  r = recAct(x_r + h·R_r);
///                     hh = act(x_h + (r⊙h)·R_h);  h = z⊙h + (1 − z)⊙hh
/// </code>
/// Masked steps (mask value 0) keep the state and output the previous output (zeros with ZeroMaskedOutputs and
/// ReturnSequences); going backwards reverses the time order, and the outputs stay in processing order.
/// </summary>
internal static class RecurrentReference
{
    /// <summary>
    /// The outputs (samples × output size) of <paramref name="layer"/>; <paramref name="state"/> (samples × state size),
    /// when given, is the starting state and receives the final one.
    /// </summary>
    public static double[] Forward(
        RecurrentLayer layer, double[] kernel, double[] recurrentKernel, double[]? bias, float[]? mask, double[] x, double[]? state = null)
    {
        int u = layer.Units, steps = layer.Steps;
        bool sequences = (layer.Options & RecurrentOptions.ReturnSequences) != 0;
        bool backwards = (layer.Options & RecurrentOptions.GoBackwards) != 0;
        bool zeroMasked = (layer.Options & RecurrentOptions.ZeroMaskedOutputs) != 0;
        var y = new double[layer.Samples * layer.OutputSize];
        for (int s = 0; s < layer.Samples; s++)
        {
            var h = new double[u];
            var c = new double[u];
            if (state is not null)
            {
                Array.Copy(state, s * layer.StateSize, h, 0, u);
                if (layer.Kind == RecurrentKind.Lstm) Array.Copy(state, s * layer.StateSize + u, c, 0, u);
            }

            for (int k = 0; k < steps; k++)
            {
                int t = backwards ? steps - 1 - k : k;
                bool masked = mask is not null && mask[s * steps + t] == 0f;
                if (!masked)
                {
                    double[] xt = x.AsSpan((s * steps + t) * layer.Inputs, layer.Inputs).ToArray();
                    (h, c) = Step(layer, kernel, recurrentKernel, bias, xt, h, c);
                }

                if (sequences)
                {
                    double[] output = masked && zeroMasked ? new double[u] : h;
                    Array.Copy(output, 0, y, (s * steps + k) * u, u);
                }
                else if (k == steps - 1)
                {
                    Array.Copy(h, 0, y, s * u, u);
                }
            }

            if (state is not null)
            {
                Array.Copy(h, 0, state, s * layer.StateSize, u);
                if (layer.Kind == RecurrentKind.Lstm) Array.Copy(c, 0, state, s * layer.StateSize + u, u);
            }
        }

        return y;
    }

    /// <summary>One unmasked step of one sample: the new h (and c, for LSTM).</summary>
    private static (double[] H, double[] C) Step(
        RecurrentLayer layer, double[] kernel, double[] recurrentKernel, double[]? bias, double[] x, double[] h, double[] c)
    {
        int u = layer.Units, width = layer.Gates * u;
        double[] inputPart = Affine(x, kernel, width, bias, 0);
        switch (layer.Kind)
        {
            case RecurrentKind.SimpleRnn:
            {
                double[] recurrentPart = Affine(h, recurrentKernel, width, null, 0);
                return (Activate(layer.Activation, Add(inputPart, recurrentPart)), c);
            }

            case RecurrentKind.Lstm:
            {
                double[] gates = Add(inputPart, Affine(h, recurrentKernel, width, null, 0));
                double[] i = Activate(layer.RecurrentActivation, Block(gates, 0, u));
                double[] f = Activate(layer.RecurrentActivation, Block(gates, 1, u));
                double[] g = Activate(layer.Activation, Block(gates, 2, u));
                double[] o = Activate(layer.RecurrentActivation, Block(gates, 3, u));
                var newC = new double[u];
                for (int j = 0; j < u; j++) newC[j] = f[j] * c[j] + i[j] * g[j];
                double[] activatedC = Activate(layer.Activation, newC);
                var newH = new double[u];
                for (int j = 0; j < u; j++) newH[j] = o[j] * activatedC[j];
                return (newH, newC);
            }

            default:
            {
                bool resetAfter = layer.Kind == RecurrentKind.GruResetAfter;
                double[] recurrentPart = Affine(h, recurrentKernel, width, resetAfter ? bias : null, resetAfter ? width : 0);
                double[] z = Activate(layer.RecurrentActivation, Add(Block(inputPart, 0, u), Block(recurrentPart, 0, u)));
                double[] r = Activate(layer.RecurrentActivation, Add(Block(inputPart, 1, u), Block(recurrentPart, 1, u)));
                var resetH = new double[u];
                if (resetAfter)
                {
                    double[] recurrentH = Block(recurrentPart, 2, u);
                    for (int j = 0; j < u; j++) resetH[j] = r[j] * recurrentH[j];
                }
                else
                {
                    var rh = new double[u];
                    for (int j = 0; j < u; j++) rh[j] = r[j] * h[j];
                    double[] product = Affine(rh, recurrentKernel, width, null, 0);
                    resetH = Block(product, 2, u);
                }

                double[] hh = Activate(layer.Activation, Add(Block(inputPart, 2, u), resetH));
                var newH = new double[u];
                for (int j = 0; j < u; j++) newH[j] = z[j] * h[j] + (1 - z[j]) * hh[j];
                return (newH, c);
            }
        }
    }

    /// <summary><c>v · matrix + bias[offset..]</c> for a row-major (v.Length × width) matrix.</summary>
    private static double[] Affine(double[] v, double[] matrix, int width, double[]? bias, int offset)
    {
        var result = new double[width];
        for (int j = 0; j < width; j++)
        {
            double sum = bias is null ? 0 : bias[offset + j];
            for (int p = 0; p < v.Length; p++) sum += v[p] * matrix[p * width + j];
            result[j] = sum;
        }

        return result;
    }

    private static double[] Add(double[] a, double[] b) => a.Zip(b, (p, q) => p + q).ToArray();

    private static double[] Block(double[] gates, int index, int units) => gates.AsSpan(index * units, units).ToArray();

    /// <summary>The activation of one gate's row (softmax over the row's units, as Keras's last axis).</summary>
    private static double[] Activate(Activation activation, double[] row)
        => activation == Activation.Softmax ? ActivationReference.Softmax(row) : row.Select(v => ActivationReference.Forward(activation, v)).ToArray();
}
