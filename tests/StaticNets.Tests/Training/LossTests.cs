using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary>
/// Every loss against <see cref="LossReference"/>: the value against the double formula, the gradient against central
/// finite differences of that formula (with respect to the outputs, or to the logits on the fused paths).
/// </summary>
public sealed class LossTests
{
    private const int Samples = 4;

    /// <summary>
    /// Keras clips to [1e-7, 1 − 1e-7] in float32, where 1 − 1e-7 rounds to 1 − 1.19e-7, so a saturated p = 1 costs
    /// −log(1.19e-7) = 15.94 rather than −log(1e-7) = 16.12.
    /// </summary>
    private static readonly double KerasUpperBound = (float)(1 - 1e-7);

    private enum Inputs
    {
        /// <summary>Outputs anywhere in [−3, 3] (regression), Linear activation.</summary>
        Regression,
        /// <summary>Outputs in [0.05, 0.95], Linear activation (non-fused probabilities).</summary>
        Probabilities,
        /// <summary>Positive scores in [0.1, 2] that do not sum to 1, Relu activation.</summary>
        PositiveScores,
        /// <summary>Logits z in [−3, 3], outputs σ(z), Sigmoid activation.</summary>
        Sigmoid,
        /// <summary>Logits z in [−3, 3], outputs softmax(z), Softmax activation.</summary>
        Softmax,
        /// <summary>Outputs are logits in [−4, 4], Linear activation.</summary>
        RawLogits,
        /// <summary>Outputs softmax(z) of a Softmax layer, but the loss treats them as logits (fromLogits: true).</summary>
        SoftmaxOutputsAsLogits,
    }

    private enum Targets
    {
        Regression,
        Binary,
        Soft,
        OneHot,
        Sparse,
    }

    private sealed record Case(
        Func<Loss> Create,
        Inputs Inputs,
        Targets Targets,
        int Classes,
        GradientTarget Expected,
        Func<double[], double[], int, double> Reference);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["mse/1"] = new(() => new MeanSquaredError(), Inputs.Regression, Targets.Regression, 1, GradientTarget.Outputs, (p, y, c) => LossReference.MeanSquaredError(p, y)),
        ["mse/3"] = new(() => new MeanSquaredError(), Inputs.Regression, Targets.Regression, 3, GradientTarget.Outputs, (p, y, c) => LossReference.MeanSquaredError(p, y)),
        ["mse/5"] = new(() => Loss.MeanSquaredError, Inputs.Regression, Targets.Regression, 5, GradientTarget.Outputs, (p, y, c) => LossReference.MeanSquaredError(p, y)),
        ["mae/1"] = new(() => new MeanAbsoluteError(), Inputs.Regression, Targets.Regression, 1, GradientTarget.Outputs, (p, y, c) => LossReference.MeanAbsoluteError(p, y)),
        ["mae/3"] = new(() => Loss.MeanAbsoluteError, Inputs.Regression, Targets.Regression, 3, GradientTarget.Outputs, (p, y, c) => LossReference.MeanAbsoluteError(p, y)),
        ["huber/3"] = new(() => Loss.Huber, Inputs.Regression, Targets.Regression, 3, GradientTarget.Outputs, (p, y, c) => LossReference.Huber(p, y, 1)),
        ["huber-0.5/2"] = new(() => new Huber(delta: 0.5f), Inputs.Regression, Targets.Regression, 2, GradientTarget.Outputs, (p, y, c) => LossReference.Huber(p, y, 0.5)),
        ["bce/1"] = new(() => Loss.BinaryCrossentropy, Inputs.Probabilities, Targets.Binary, 1, GradientTarget.Outputs, (p, y, c) => LossReference.BinaryCrossentropy(p, y, 0, false)),
        ["bce-soft/3"] = new(() => new BinaryCrossentropy(), Inputs.Probabilities, Targets.Soft, 3, GradientTarget.Outputs, (p, y, c) => LossReference.BinaryCrossentropy(p, y, 0, false)),
        ["bce-ls0.1/3"] = new(() => new BinaryCrossentropy(labelSmoothing: 0.1f), Inputs.Probabilities, Targets.Binary, 3, GradientTarget.Outputs, (p, y, c) => LossReference.BinaryCrossentropy(p, y, 0.1f, false)),
        ["bce-sigmoid/1"] = new(() => new BinaryCrossentropy(), Inputs.Sigmoid, Targets.Binary, 1, GradientTarget.Logits, (z, y, c) => LossReference.BinaryCrossentropy(LossReference.Sigmoid(z), y, 0, false)),
        ["bce-sigmoid-ls0.1/3"] = new(() => new BinaryCrossentropy(labelSmoothing: 0.1f), Inputs.Sigmoid, Targets.Binary, 3, GradientTarget.Logits, (z, y, c) => LossReference.BinaryCrossentropy(LossReference.Sigmoid(z), y, 0.1f, false)),
        ["bce-logits/1"] = new(() => new BinaryCrossentropy(fromLogits: true), Inputs.RawLogits, Targets.Binary, 1, GradientTarget.Logits, (z, y, c) => LossReference.BinaryCrossentropy(z, y, 0, true)),
        ["bce-logits-ls0.2/3"] = new(() => new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.2f), Inputs.RawLogits, Targets.Soft, 3, GradientTarget.Logits, (z, y, c) => LossReference.BinaryCrossentropy(z, y, 0.2f, true)),
        ["cce-scores/3"] = new(() => Loss.CategoricalCrossentropy, Inputs.PositiveScores, Targets.OneHot, 3, GradientTarget.Outputs, (p, y, c) => LossReference.CategoricalCrossentropy(p, y, c, 0, false)),
        ["cce-scores-ls0.2/5"] = new(() => new CategoricalCrossentropy(labelSmoothing: 0.2f), Inputs.PositiveScores, Targets.OneHot, 5, GradientTarget.Outputs, (p, y, c) => LossReference.CategoricalCrossentropy(p, y, c, 0.2f, false)),
        ["cce-scores-soft/4"] = new(() => new CategoricalCrossentropy(), Inputs.PositiveScores, Targets.Soft, 4, GradientTarget.Outputs, (p, y, c) => LossReference.CategoricalCrossentropy(p, y, c, 0, false)),
        ["cce-softmax/2"] = new(() => new CategoricalCrossentropy(), Inputs.Softmax, Targets.OneHot, 2, GradientTarget.Logits, (z, y, c) => LossReference.CategoricalCrossentropy(LossReference.Softmax(z, c), y, c, 0, false)),
        ["cce-softmax-ls0.1/4"] = new(() => new CategoricalCrossentropy(labelSmoothing: 0.1f), Inputs.Softmax, Targets.OneHot, 4, GradientTarget.Logits, (z, y, c) => LossReference.CategoricalCrossentropy(LossReference.Softmax(z, c), y, c, 0.1f, false)),
        ["cce-softmax-soft/3"] = new(() => new CategoricalCrossentropy(), Inputs.Softmax, Targets.Soft, 3, GradientTarget.Logits, (z, y, c) => LossReference.CategoricalCrossentropy(LossReference.Softmax(z, c), y, c, 0, false)),
        ["cce-logits-ls0.1/3"] = new(() => new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.1f), Inputs.RawLogits, Targets.OneHot, 3, GradientTarget.Logits, (z, y, c) => LossReference.CategoricalCrossentropy(z, y, c, 0.1f, true)),
        ["cce-logits-on-softmax/3"] = new(() => new CategoricalCrossentropy(fromLogits: true), Inputs.SoftmaxOutputsAsLogits, Targets.OneHot, 3, GradientTarget.Outputs, (p, y, c) => LossReference.CategoricalCrossentropy(p, y, c, 0, true)),
        ["sparse-scores/4"] = new(() => Loss.SparseCategoricalCrossentropy, Inputs.PositiveScores, Targets.Sparse, 4, GradientTarget.Outputs, (p, y, c) => LossReference.SparseCategoricalCrossentropy(p, y, c, false)),
        ["sparse-softmax/3"] = new(() => new SparseCategoricalCrossentropy(), Inputs.Softmax, Targets.Sparse, 3, GradientTarget.Logits, (z, y, c) => LossReference.SparseCategoricalCrossentropy(LossReference.Softmax(z, c), y, c, false)),
        ["sparse-softmax/5"] = new(() => new SparseCategoricalCrossentropy(), Inputs.Softmax, Targets.Sparse, 5, GradientTarget.Logits, (z, y, c) => LossReference.SparseCategoricalCrossentropy(LossReference.Softmax(z, c), y, c, false)),
        ["sparse-logits/4"] = new(() => new SparseCategoricalCrossentropy(fromLogits: true), Inputs.RawLogits, Targets.Sparse, 4, GradientTarget.Logits, (z, y, c) => LossReference.SparseCategoricalCrossentropy(z, y, c, true)),
    };

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ValueAndGradient_MatchTheDoubleFormulaAndItsFiniteDifferences(string name)
    {
        Case test = Cases[name];
        for (int seed = 0; seed < 3; seed++)
        {
            var random = new Random(1000 * seed + name.Length);
            int count = Samples * test.Classes;
            double[] raw = MakeInputs(test.Inputs, count, test.Classes, random, out float[] outputs, out float[] logits, out Activation activation);
            float[] targets = MakeTargets(test.Targets, Samples, test.Classes, random);
            double[] y = Array.ConvertAll(targets, t => (double)t);
            Loss loss = test.Create();
            var gradient = new float[count];

            float value = loss.Compute(outputs, logits, targets, test.Classes, activation, gradient, out GradientTarget target);

            Assert.Equal(test.Expected, target);

            // The value is Keras's: the formula on the probabilities the loss was given (or the logits).
            double[] given = Array.ConvertAll(UsesLogitValues(test.Inputs) ? logits : outputs, v => (double)v);
            double expected = test.Reference(given, y, test.Classes);
            Assert.True(Math.Abs(value - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"{name}: value {value}, expected {expected}");

            // The gradient is with respect to what the loss says: the outputs, or the logits through the activation.
            double[] variable = target == GradientTarget.Logits ? raw : Array.ConvertAll(outputs, v => (double)v);
            for (int i = 0; i < count; i++)
            {
                double numeric = LossReference.Derivative(v => test.Reference(v, y, test.Classes), variable, i);
                Assert.True(
                    Math.Abs(gradient[i] - numeric) <= 2e-6 + 1e-4 * Math.Abs(numeric),
                    $"{name} seed {seed}: gradient[{i}] = {gradient[i]}, finite difference {numeric}");
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void SoftmaxCategorical_SaturatedOutputs_GiveTheAnalyticFusedGradientAndAFiniteValue(int classes)
    {
        // Outputs exactly one-hot (a saturated softmax), targets on another class.
        var outputs = new float[2 * classes];
        var targets = new float[2 * classes];
        outputs[0] = 1;
        targets[1] = 1;
        outputs[classes + classes - 1] = 1;
        targets[classes + classes - 1] = 1;
        var gradient = new float[outputs.Length];

        float value = new CategoricalCrossentropy().Compute(outputs, outputs, targets, classes, Activation.Softmax, gradient, out GradientTarget target);

        Assert.Equal(GradientTarget.Logits, target);
        for (int i = 0; i < outputs.Length; i++) Assert.Equal((outputs[i] - targets[i]) / 2, gradient[i], 7);

        // Sample 0: −log(clip(0)) = −log(1e-7); sample 1: −log(clip(1)) = −log(1 − 1e-7).
        double expected = (-Math.Log(1e-7) - Math.Log(1 - 1e-7)) / 2;
        Assert.Equal(expected, value, 4);
    }

    [Fact]
    public void SparseSoftmax_SaturatedOutputs_GiveTheAnalyticFusedGradient()
    {
        float[] outputs = [0, 0, 1, 1, 0, 0];
        float[] labels = [0, 0];
        var gradient = new float[6];

        float value = Loss.SparseCategoricalCrossentropy.Compute(outputs, outputs, labels, 3, Activation.Softmax, gradient, out _);

        float[] expected = [-0.5f, 0, 0.5f, 0, 0, 0];
        Assert.Equal(expected, gradient);
        Assert.Equal((-Math.Log(1e-7) - Math.Log(1 - 1e-7)) / 2, value, 4);
    }

    [Fact]
    public void SigmoidBinary_SaturatedOutputs_GiveTheAnalyticFusedGradient()
    {
        float[] outputs = [0, 1, 1, 0];
        float[] targets = [1, 1, 0, 0];
        var gradient = new float[4];

        float value = Loss.BinaryCrossentropy.Compute(outputs, outputs, targets, 2, Activation.Sigmoid, gradient, out GradientTarget target);

        Assert.Equal(GradientTarget.Logits, target);
        Assert.Equal(new[] { -0.25f, 0, 0.25f, 0 }, gradient);
        // y=1,p=0 and y=0,p=1 cost −log(1e-7) and −log(1 − clip(1)); the other two cost −log(clip(1)) ≈ 0.
        double expectedValue = (-Math.Log(1e-7) - Math.Log(1 - KerasUpperBound) - 2 * Math.Log(KerasUpperBound)) / 4;
        Assert.Equal(expectedValue, value, 4);
    }

    [Fact]
    public void BinaryOnProbabilities_OutsideTheClipRange_HasZeroGradientAndAFiniteValue()
    {
        float[] outputs = [0f, 1f, -0.5f, 1.5f, 0.5f];
        float[] targets = [1f, 0f, 1f, 0f, 1f];
        var gradient = new float[5];

        float value = Loss.BinaryCrossentropy.Compute(outputs, outputs, targets, 5, Activation.Linear, gradient, out GradientTarget target);

        Assert.Equal(GradientTarget.Outputs, target);
        Assert.Equal(new float[] { 0, 0, 0, 0, -2f / 5 }, gradient);
        double expected = (-2 * Math.Log(1e-7) - 2 * Math.Log(1 - KerasUpperBound) - Math.Log(0.5)) / 5;
        Assert.Equal(expected, value, 4);
    }

    [Fact]
    public void CategoricalOnScores_WithAZeroScore_HasAFiniteGradient()
    {
        float[] outputs = [0f, 2f, 1f];
        float[] targets = [1f, 0f, 0f];
        var gradient = new float[3];

        float value = Loss.CategoricalCrossentropy.Compute(outputs, outputs, targets, 3, Activation.Relu, gradient, out _);

        Assert.All(gradient, g => Assert.True(float.IsFinite(g)));
        // q = (0, 2/3, 1/3): the target's q is clipped, so its derivative is 0 and so is the whole row's.
        Assert.Equal(new float[] { 0, 0, 0 }, gradient);
        Assert.Equal(-Math.Log(1e-7), value, 4);
    }

    [Theory]
    [InlineData(100f)]
    [InlineData(1e4f)]
    public void FromLogits_HugeLogits_StayFinite(float magnitude)
    {
        float[] logits = [magnitude, -magnitude, 0f, -magnitude, magnitude, 0f];
        float[] oneHot = [0, 1, 0, 1, 0, 0];
        float[] binary = [0, 1, 1, 0, 0, 1];
        var gradient = new float[6];

        float cce = new CategoricalCrossentropy(fromLogits: true).Compute(logits, logits, oneHot, 3, Activation.Linear, gradient, out _);
        Assert.All(gradient, g => Assert.True(float.IsFinite(g)));
        Assert.Equal(LossReference.CategoricalCrossentropy(Array.ConvertAll(logits, v => (double)v), Array.ConvertAll(oneHot, v => (double)v), 3, 0, true), cce, 1e-3 * magnitude);

        float bce = new BinaryCrossentropy(fromLogits: true).Compute(logits, logits, binary, 3, Activation.Linear, gradient, out _);
        Assert.All(gradient, g => Assert.True(float.IsFinite(g)));
        Assert.Equal(LossReference.BinaryCrossentropy(Array.ConvertAll(logits, v => (double)v), Array.ConvertAll(binary, v => (double)v), 0, true), bce, 1e-3 * magnitude);
    }

    [Theory]
    [InlineData(4f, 2)]
    [InlineData(-1f, 1)]
    [InlineData(1.5f, 3)]
    [InlineData(float.NaN, 0)]
    public void Sparse_BadLabel_ThrowsNamingTheSample_AndWritesNoGradient(float label, int sample)
    {
        var labels = new float[] { 0, 1, 2, 3 };
        labels[sample] = label;
        var outputs = Enumerable.Repeat(0.25f, 16).ToArray();
        var gradient = Enumerable.Repeat(42f, 16).ToArray();

        var error = Assert.Throws<ArgumentException>(
            () => Loss.SparseCategoricalCrossentropy.Compute(outputs, outputs, labels, 4, Activation.Softmax, gradient, out _));

        Assert.Contains($"Sample {sample}", error.Message);
        Assert.All(gradient, g => Assert.Equal(42f, g));
        Assert.Throws<ArgumentException>(() => Loss.SparseCategoricalCrossentropy.ValidateTargets(labels, 4));
    }

    [Fact]
    public void Shortcuts_AreTheDefaultInstances()
    {
        Assert.IsType<MeanSquaredError>(Loss.MeanSquaredError);
        Assert.IsType<MeanAbsoluteError>(Loss.MeanAbsoluteError);
        Assert.Equal(1f, Loss.Huber.Delta);
        Assert.False(Loss.BinaryCrossentropy.FromLogits);
        Assert.Equal(0f, Loss.BinaryCrossentropy.LabelSmoothing);
        Assert.False(Loss.CategoricalCrossentropy.FromLogits);
        Assert.Equal(0f, Loss.CategoricalCrossentropy.LabelSmoothing);
        Assert.False(Loss.SparseCategoricalCrossentropy.FromLogits);
        Assert.Equal(1, Loss.SparseCategoricalCrossentropy.TargetSize(10));
        Assert.Equal(10, Loss.CategoricalCrossentropy.TargetSize(10));
    }

    [Fact]
    public void Constructors_RejectOutOfRangeOptions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Huber(0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Huber(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryCrossentropy(labelSmoothing: 1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalCrossentropy(labelSmoothing: -0.1f));
    }

    [Fact]
    public void Compute_RejectsMismatchedLengths()
    {
        var six = new float[6];
        var four = new float[4];
        Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError.Compute(six, six, four, 3, Activation.Linear, six, out _));
        Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError.Compute(six, four, six, 3, Activation.Linear, six, out _));
        Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError.Compute(six, six, six, 3, Activation.Linear, four, out _));
        Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError.Compute(six, six, six, 4, Activation.Linear, six, out _));
        Assert.Throws<ArgumentException>(() => Loss.SparseCategoricalCrossentropy.Compute(six, six, six, 3, Activation.Softmax, six, out _));
    }

    /// <summary>Whether the case's reference formula takes the logits (fused and fromLogits cases) rather than the outputs.</summary>
    private static bool UsesLogitValues(Inputs inputs) => inputs is Inputs.RawLogits or Inputs.Sigmoid or Inputs.Softmax;

    /// <summary>Draws the batch; returns the variable the fused gradient is taken against (the logits) in double.</summary>
    private static double[] MakeInputs(Inputs kind, int count, int classes, Random random, out float[] outputs, out float[] logits, out Activation activation)
    {
        double Uniform(double low, double high) => low + (high - low) * random.NextDouble();
        double[] raw;
        double[] post;
        switch (kind)
        {
            case Inputs.Regression:
                raw = Enumerable.Range(0, count).Select(_ => Uniform(-3, 3)).ToArray();
                post = raw;
                activation = Activation.Linear;
                break;
            case Inputs.Probabilities:
                raw = Enumerable.Range(0, count).Select(_ => Uniform(0.05, 0.95)).ToArray();
                post = raw;
                activation = Activation.Linear;
                break;
            case Inputs.PositiveScores:
                raw = Enumerable.Range(0, count).Select(_ => Uniform(0.1, 2)).ToArray();
                post = raw;
                activation = Activation.Relu;
                break;
            case Inputs.Sigmoid:
                raw = Enumerable.Range(0, count).Select(_ => Uniform(-3, 3)).ToArray();
                post = LossReference.Sigmoid(raw);
                activation = Activation.Sigmoid;
                break;
            case Inputs.Softmax:
                raw = Enumerable.Range(0, count).Select(_ => Uniform(-3, 3)).ToArray();
                post = LossReference.Softmax(raw, classes);
                activation = Activation.Softmax;
                break;
            case Inputs.SoftmaxOutputsAsLogits:
                double[] z = Enumerable.Range(0, count).Select(_ => Uniform(-3, 3)).ToArray();
                post = LossReference.Softmax(z, classes);
                raw = post;
                activation = Activation.Softmax;
                break;
            default:
                raw = Enumerable.Range(0, count).Select(_ => Uniform(-4, 4)).ToArray();
                post = raw;
                activation = Activation.Linear;
                break;
        }

        outputs = Array.ConvertAll(post, v => (float)v);
        logits = Array.ConvertAll(raw, v => (float)v);
        if (kind == Inputs.SoftmaxOutputsAsLogits)
        {
            // The layer's real pre-activation values: the loss must not use them.
            logits = Array.ConvertAll(logits, v => v * 100f);
        }

        return raw;
    }

    private static float[] MakeTargets(Targets kind, int samples, int classes, Random random)
    {
        switch (kind)
        {
            case Targets.Regression:
                return Enumerable.Range(0, samples * classes).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
            case Targets.Binary:
                return Enumerable.Range(0, samples * classes).Select(_ => (float)random.Next(2)).ToArray();
            case Targets.Soft:
                return Enumerable.Range(0, samples * classes).Select(_ => (float)random.NextDouble()).ToArray();
            case Targets.Sparse:
                return Enumerable.Range(0, samples).Select(_ => (float)random.Next(classes)).ToArray();
            default:
                var y = new float[samples * classes];
                for (int s = 0; s < samples; s++) y[s * classes + random.Next(classes)] = 1;
                return y;
        }
    }
}
