using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets;
using StaticNets.Tests.Support;

namespace StaticNets.Tests.Training;

/// <summary>Every optimizer against a double-precision re-implementation of Keras's update rules (docs/keras-semantics.md, "Optimizers").</summary>
public sealed class OptimizerTests
{
    private const int Count = 37; // not a multiple of any vector width, so the scalar tails run too
    private static readonly int[] Frozen = [5, 3, 30, 2];

    private sealed record Case(Func<Optimizer> Create, Func<ReferenceStep> Reference);

    /// <summary>One update of the double reference: weights, gradients, Keras's local step t = iterations + 1.</summary>
    private delegate void ReferenceStep(double[] w, double[] g, int t);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["sgd"] = new(() => new Sgd(0.1f), () => Sgd(0.1, 0, false)),
        ["sgd-momentum"] = new(() => new Sgd(0.05f, momentum: 0.9f), () => Sgd(0.05, 0.9, false)),
        ["sgd-nesterov"] = new(() => new Sgd(0.05f, momentum: 0.8f, nesterov: true), () => Sgd(0.05, 0.8, true)),
        ["adam"] = new(() => new Adam(0.01f), () => Adam(0.01, 0.9, 0.999, 1e-7, 0)),
        ["adam-options"] = new(() => new Adam(0.02f, beta1: 0.8f, beta2: 0.99f, epsilon: 1e-3f), () => Adam(0.02, 0.8, 0.99, 1e-3, 0)),
        ["adamw"] = new(() => new AdamW(0.01f, weightDecay: 0.1f), () => Adam(0.01, 0.9, 0.999, 1e-7, 0.1)),
        ["rmsprop"] = new(() => new RmsProp(0.01f), () => RmsProp(0.01, 0.9, 0, 1e-7)),
        ["rmsprop-momentum"] = new(() => new RmsProp(0.01f, rho: 0.8f, momentum: 0.5f, epsilon: 1e-4f), () => RmsProp(0.01, 0.8, 0.5, 1e-4)),
        ["adagrad"] = new(() => new Adagrad(0.1f), () => Adagrad(0.1, 0.1, 1e-7)),
        ["adagrad-options"] = new(() => new Adagrad(0.05f, initialAccumulator: 0.5f, epsilon: 1e-3f), () => Adagrad(0.05, 0.5, 1e-3)),
    };

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void SixSteps_MatchTheDoubleFormulas_AndLeaveNonTrainableEntriesAlone(string name)
    {
        var random = new Random(StableSeed.Of(name) & 0xFFFF);
        float[] weights = Enumerable.Range(0, Count).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        float[] original = weights.ToArray();
        double[] expected = Array.ConvertAll(weights, w => (double)w);
        Optimizer optimizer = Cases[name].Create();
        ReferenceStep reference = Cases[name].Reference();

        for (int t = 1; t <= 6; t++)
        {
            float[] gradients = Enumerable.Range(0, Count).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
            for (int i = 0; i < Count; i++)
            {
                // The optimizer must not even read non-trainable gradients.
                if (IsFrozen(i)) gradients[i] = float.NaN;
            }

            double[] trainableGradients = gradients.Select((g, i) => IsFrozen(i) ? 0.0 : g).ToArray();
            double[] before = expected.ToArray();
            reference(expected, trainableGradients, t);
            for (int i = 0; i < Count; i++)
            {
                if (IsFrozen(i)) expected[i] = before[i];
            }

            optimizer.Apply(weights, gradients, Frozen);
            Assert.Equal(t, optimizer.Iterations);
        }

        for (int i = 0; i < Count; i++)
        {
            if (IsFrozen(i))
            {
                Assert.Equal(original[i], weights[i]);
            }
            else
            {
                Assert.True(Math.Abs(weights[i] - expected[i]) <= 2e-6 + 1e-5 * Math.Abs(expected[i]),
                    $"{name}: weight {i} = {weights[i]}, expected {expected[i]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Reset_ForgetsIterationsAndState(string name)
    {
        float[] gradients = Enumerable.Range(0, Count).Select(i => 0.01f * i - 0.1f).ToArray();
        Optimizer used = Cases[name].Create();
        float[] scratch = new float[Count];
        used.Apply(scratch, gradients);
        used.Apply(scratch, gradients);

        used.Reset();
        Assert.Equal(0, used.Iterations);
        Assert.Equal(-1, used.ParameterCount);

        float[] afterReset = Enumerable.Repeat(0.5f, Count).ToArray();
        float[] fresh = Enumerable.Repeat(0.5f, Count).ToArray();
        used.Apply(afterReset, gradients);
        Cases[name].Create().Apply(fresh, gradients);
        Assert.Equal(fresh, afterReset);
    }

    [Fact]
    public void Apply_OnAModel_SkipsItsNonTrainableRanges()
    {
        var mlp = new ReferenceMlp(2, (3, Activation.Relu), (1, Activation.Linear)) { NonTrainable = [2, 4] };
        mlp.Parameters.Fill(1f);
        float[] gradients = Enumerable.Repeat(1f, mlp.ParameterCount).ToArray();

        new Sgd(0.5f).Apply(mlp, gradients);

        float[] expected = Enumerable.Range(0, mlp.ParameterCount).Select(i => i is >= 2 and < 6 ? 1f : 0.5f).ToArray();
        Assert.Equal(expected, mlp.Parameters.ToArray());
    }

    [Fact]
    public void Apply_RejectsMismatchedLengthsRangesAndParameterCounts()
    {
        var adam = new Adam();
        Assert.Throws<ArgumentException>(() => adam.Apply(new float[4], new float[3]));
        Assert.Throws<ArgumentException>(() => adam.Apply(new float[4], new float[4], [1]));
        Assert.Throws<ArgumentException>(() => adam.Apply(new float[4], new float[4], [2, 3]));
        Assert.Throws<ArgumentException>(() => adam.Apply(new float[4], new float[4], [2, 1, 1, 1]));
        Assert.Equal(0, adam.Iterations);

        adam.Apply(new float[4], new float[4]);
        var error = Assert.Throws<ArgumentException>(() => adam.Apply(new float[5], new float[5]));
        Assert.Contains("one optimizer per model", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var sgd = new Sgd();
        Assert.Equal((0.01f, 0f, false), (sgd.LearningRate, sgd.Momentum, sgd.Nesterov));
        var adam = new Adam();
        Assert.Equal((0.001f, 0.9f, 0.999f, 1e-7f), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon));
        var adamW = new AdamW();
        Assert.Equal((0.001f, 0.004f, 0.9f, 0.999f, 1e-7f), (adamW.LearningRate, adamW.WeightDecay, adamW.Beta1, adamW.Beta2, adamW.Epsilon));
        var rms = new RmsProp();
        Assert.Equal((0.001f, 0.9f, 0f, 1e-7f), (rms.LearningRate, rms.Rho, rms.Momentum, rms.Epsilon));
        var adagrad = new Adagrad();
        Assert.Equal((0.001f, 0.1f, 1e-7f), (adagrad.LearningRate, adagrad.InitialAccumulator, adagrad.Epsilon));
    }

    [Fact]
    public void Constructors_RejectOutOfRangeArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(-0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(momentum: 1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: float.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(weightDecay: -1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(rho: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(momentum: -0.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad(initialAccumulator: -1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam().LearningRate = float.PositiveInfinity);
    }

    private static bool IsFrozen(int index) => index is >= 5 and < 8 or >= 30 and < 32;

    private static ReferenceStep Sgd(double lr, double momentum, bool nesterov)
    {
        var m = new double[Count];
        return (w, g, t) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                if (momentum == 0)
                {
                    w[i] -= lr * g[i];
                    continue;
                }

                m[i] = momentum * m[i] - lr * g[i];
                w[i] += nesterov ? momentum * m[i] - lr * g[i] : m[i];
            }
        };
    }

    private static ReferenceStep Adam(double lr, double beta1, double beta2, double epsilon, double weightDecay)
    {
        var m = new double[Count];
        var v = new double[Count];
        return (w, g, t) =>
        {
            double alpha = lr * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t));
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= w[i] * weightDecay * lr;
                m[i] += (g[i] - m[i]) * (1 - beta1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
                w[i] -= alpha * m[i] / (Math.Sqrt(v[i]) + epsilon);
            }
        };
    }

    private static ReferenceStep RmsProp(double lr, double rho, double momentum, double epsilon)
    {
        var v = new double[Count];
        var m = new double[Count];
        return (w, g, t) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                double increment = lr * g[i] / Math.Sqrt(v[i] + epsilon);
                if (momentum > 0)
                {
                    m[i] = momentum * m[i] + increment;
                    increment = m[i];
                }

                w[i] -= increment;
            }
        };
    }

    private static ReferenceStep Adagrad(double lr, double initial, double epsilon)
    {
        var a = Enumerable.Repeat(initial, Count).ToArray();
        return (w, g, t) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                a[i] += g[i] * g[i];
                w[i] -= lr * g[i] / Math.Sqrt(a[i] + epsilon);
            }
        };
    }
}
