using StaticNets.Tests.Networks;
using StaticNets.Tests.Reference;

namespace StaticNets.Tests;

/// <summary>
/// Every activation through generated code (the fused in-register ones and the runtime calls alike) against the
/// double-precision Keras formulas: forward on a grid with extremes, and gradients against finite differences.
/// </summary>
public class GeneratedActivationTests
{
    public static TheoryData<Activation> All => new(Enum.GetValues<Activation>());

    /// <summary>Grid with ±0, tiny, ordinary, large and near-overflow values (64 = the network's width).</summary>
    private static float[] Grid()
    {
        var values = new List<float> { 0f, -0f, 1e-8f, -1e-8f, 0.5f, -0.5f, 1f, -1f, 3f, -3f, 10f, -10f, 20f, -20f, 50f, -50f, 88f, 89f, -88f, -89f, 100f, -100f };
        for (int i = 0; values.Count < 64; i++)
        {
            values.Add(-10f + i * (20f / 41f));
        }

        return values.ToArray();
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Forward_MatchesKerasFormula(Activation activation)
    {
        ITrainableNetwork network = ActivationNetworks.Only(activation);
        Span<float> p = network.Parameters;
        p.Clear();
        for (int i = 0; i < 64; i++)
        {
            p[i * 64 + i] = 1f; // identity kernel, zero bias: the output is the activation of the input
        }

        float[] x = Grid();
        var y = new float[64];
        network.Predict(x, y);
        double[] expected = activation == Activation.Softmax
            ? ActivationReference.Softmax(x.Select(v => (double)v).ToArray())
            : x.Select(v => ActivationReference.Forward(activation, v)).ToArray();
        for (int i = 0; i < 64; i++)
        {
            double e = expected[i];
            if (double.IsInfinity(e) || Math.Abs(e) > float.MaxValue)
            {
                Assert.True(float.IsPositiveInfinity(y[i]) == (e > 0), $"{activation}({x[i]}) = {y[i]}, expected {e}");
                continue;
            }

            Assert.True(Math.Abs(y[i] - e) <= 1e-6 + 2e-6 * Math.Abs(e), $"{activation}({x[i]:R}) = {y[i]:R}, expected {e:R}");
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Gradients_MatchFiniteDifferences(Activation activation)
    {
        ITrainableNetwork network = ActivationNetworks.Twice(activation);
        var random = new Random(3 + (int)activation);
        Span<float> p = network.Parameters;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = (float)(random.NextDouble() - 0.5);
        }

        const int batch = 4;
        float[] x = Enumerable.Range(0, batch * 3).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] y = Enumerable.Range(0, batch * 3).Select(_ => (float)random.NextDouble()).ToArray();
        var gradients = new float[network.ParameterCount];
        float loss = network.ComputeGradients(x, y, new MeanSquaredError(), gradients, default);

        double[] weights = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        Assert.Equal(ReferenceLoss(activation, weights, x, y), loss, 5);
        for (int i = 0; i < weights.Length; i++)
        {
            const double h = 1e-4;
            double saved = weights[i];
            weights[i] = saved + h;
            double up = ReferenceLoss(activation, weights, x, y);
            weights[i] = saved - h;
            double down = ReferenceLoss(activation, weights, x, y);
            weights[i] = saved;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(gradients[i] - numeric) <= 1e-4 + 1e-3 * Math.Abs(numeric),
                $"{activation} ∂loss/∂w[{i}]: generated {gradients[i]:R}, finite difference {numeric:R}");
        }
    }

    /// <summary>MSE of the 3 → 5 → 3 network in double: plain loops over Keras's layout, Keras formulas.</summary>
    private static double ReferenceLoss(Activation activation, double[] w, float[] x, float[] y)
    {
        int batch = x.Length / 3;
        double total = 0;
        for (int s = 0; s < batch; s++)
        {
            double[] hidden = Dense(activation, w, 0, x.Skip(s * 3).Take(3).Select(v => (double)v).ToArray(), 5);
            double[] output = Dense(activation, w, 20, hidden, 3);
            for (int u = 0; u < 3; u++)
            {
                double e = output[u] - y[s * 3 + u];
                total += e * e / 3;
            }
        }

        return total / batch;
    }

    private static double[] Dense(Activation activation, double[] w, int offset, double[] input, int units)
    {
        var z = new double[units];
        for (int u = 0; u < units; u++)
        {
            double sum = w[offset + input.Length * units + u];
            for (int i = 0; i < input.Length; i++) sum += input[i] * w[offset + i * units + u];
            z[u] = sum;
        }

        return activation == Activation.Softmax ? ActivationReference.Softmax(z) : z.Select(v => ActivationReference.Forward(activation, v)).ToArray();
    }
}
