using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets;
using StaticNets.Tests.Training;

namespace StaticNets.Tests.Metrics;

/// <summary>Each metric against Keras's formula, written here in double, on hand-computed cases.</summary>
public sealed class MetricTests
{
    /// <summary>Feeds <paramref name="batches"/> (outputs, targets) to a fresh state of <paramref name="metric"/>.</summary>
    private static double Run(Metric metric, Loss loss, int outputSize, params (float[] Outputs, float[] Targets)[] batches)
    {
        MetricState state = metric.CreateState(loss, outputSize);
        state.Reset();
        foreach ((float[] outputs, float[] targets) in batches) state.Update(outputs, targets, outputSize);
        return state.Result();
    }

    [Fact]
    public void Names_AreKeras()
    {
        var expected = new Dictionary<Metric, string>
        {
            [Metric.Accuracy] = "accuracy",
            [Metric.MeanAbsoluteError] = "mean_absolute_error",
            [Metric.MeanSquaredError] = "mean_squared_error",
            [new BinaryAccuracy()] = "binary_accuracy",
            [new CategoricalAccuracy()] = "categorical_accuracy",
            [new SparseCategoricalAccuracy()] = "sparse_categorical_accuracy",
            [new TopKCategoricalAccuracy()] = "top_k_categorical_accuracy",
            [new SparseTopKCategoricalAccuracy()] = "sparse_top_k_categorical_accuracy",
            [new Auc()] = "auc",
            [new Precision()] = "precision",
            [new Recall()] = "recall",
            [new RootMeanSquaredError()] = "root_mean_squared_error",
            [new BinaryCrossentropyMetric()] = "binary_crossentropy",
            [new CategoricalCrossentropyMetric()] = "categorical_crossentropy",
            [new SparseCategoricalCrossentropyMetric()] = "sparse_categorical_crossentropy",
        };
        foreach ((Metric metric, string name) in expected) Assert.Equal(name, metric.Name);
        Assert.True(new Auc().HigherIsBetter);
        Assert.False(new BinaryCrossentropyMetric().HigherIsBetter);
    }

    [Fact]
    public void BinaryAccuracy_ThresholdsEachOutput_AndAveragesPerSampleThenOverSamples()
    {
        // Two outputs per sample. Threshold 0.5: sample 1 → (1 == 1, 0 == 0) = 1; sample 2 → (0 ≠ 1, 1 == 1) = 0.5.
        float[] outputs = [0.9f, 0.2f, 0.5f, 0.6f];
        float[] targets = [1, 0, 1, 1];
        Assert.Equal(0.75, Run(new BinaryAccuracy(), Loss.MeanSquaredError, 2, (outputs, targets)));

        // Threshold 0.55: sample 2's 0.6 stays positive, 0.5 not → same; 0.7: sample 2 has no positive left → 0.5;
        // 0.1: sample 1's 0.2 flips to 1 (0.5) and sample 2 is all right (1) → 0.75.
        Assert.Equal(0.75, Run(new BinaryAccuracy(0.55f), Loss.MeanSquaredError, 2, (outputs, targets)));
        Assert.Equal(0.5, Run(new BinaryAccuracy(0.7f), Loss.MeanSquaredError, 2, (outputs, targets)));
        Assert.Equal(0.75, Run(new BinaryAccuracy(0.1f), Loss.MeanSquaredError, 2, (outputs, targets)));
    }

    [Fact]
    public void MeanMetrics_WeightBatchesBySampleCount()
    {
        // One sample right, then three samples of which one (the second) is right: 2 of 4, not mean(1, 1/3).
        double accuracy = Run(
            new CategoricalAccuracy(),
            Loss.CategoricalCrossentropy,
            2,
            ([0.2f, 0.8f], [0, 1]),
            ([0.9f, 0.1f, 0.3f, 0.7f, 0.6f, 0.4f], [0, 1, 0, 1, 0, 1]));
        Assert.Equal(0.5, accuracy);
    }

    [Fact]
    public void SparseAccuracies_CompareTheArgmaxAndTheTopK_WithClassIndices()
    {
        float[] outputs = [0.1f, 0.6f, 0.3f, 0.5f, 0.2f, 0.3f, 0.2f, 0.2f, 0.6f];
        float[] labels = [1, 2, 0];
        Assert.Equal(1.0 / 3, Run(new SparseCategoricalAccuracy(), Loss.SparseCategoricalCrossentropy, 3, (outputs, labels)), 12);

        // k = 2: sample 1 in (0.6 top), sample 2: 0.3 second → in, sample 3: class 0 at 0.2 ties class 1 for second → in (TF counts ties).
        Assert.Equal(1.0, Run(new SparseTopKCategoricalAccuracy(k: 2), Loss.SparseCategoricalCrossentropy, 3, (outputs, labels)));

        // k = 1 is plain accuracy.
        Assert.Equal(1.0 / 3, Run(new SparseTopKCategoricalAccuracy(k: 1), Loss.SparseCategoricalCrossentropy, 3, (outputs, labels)), 12);

        // The one-hot form agrees.
        float[] oneHot = [0, 1, 0, 0, 0, 1, 1, 0, 0];
        Assert.Equal(1.0, Run(new TopKCategoricalAccuracy(k: 2), Loss.CategoricalCrossentropy, 3, (outputs, oneHot)));
        Assert.Equal(1.0 / 3, Run(new TopKCategoricalAccuracy(k: 1), Loss.CategoricalCrossentropy, 3, (outputs, oneHot)), 12);
    }

    [Fact]
    public void Accuracy_ResolvesLikeKeras()
    {
        // One output: binary (0.7 > 0.5 == 1); sparse labels: argmax == label; else argmax equality.
        Assert.Equal(1.0, Run(Metric.Accuracy, Loss.BinaryCrossentropy, 1, ([0.7f, 0.2f], [1, 0])));
        Assert.Equal(0.5, Run(Metric.Accuracy, Loss.SparseCategoricalCrossentropy, 2, ([0.7f, 0.3f, 0.6f, 0.4f], [0, 1])));
        Assert.Equal(0.5, Run(Metric.Accuracy, Loss.CategoricalCrossentropy, 2, ([0.7f, 0.3f, 0.6f, 0.4f], [1, 0, 0, 1])));
    }

    [Fact]
    public void ErrorMetrics_AccumulateOverTheEpoch()
    {
        float[] outputs1 = [1, 2];
        float[] targets1 = [0, 0];  // squared errors 1, 4
        float[] outputs2 = [3, 0];
        float[] targets2 = [0, 0];  // 9, 0
        // One output per sample: MSE = 14/4, MAE = 6/4, RMSE = sqrt(14/4) (not the mean of the batch roots).
        Assert.Equal(14.0 / 4, Run(Metric.MeanSquaredError, Loss.MeanSquaredError, 1, (outputs1, targets1), (outputs2, targets2)), 12);
        Assert.Equal(6.0 / 4, Run(Metric.MeanAbsoluteError, Loss.MeanSquaredError, 1, (outputs1, targets1), (outputs2, targets2)), 12);
        Assert.Equal(Math.Sqrt(14.0 / 4), Run(new RootMeanSquaredError(), Loss.MeanSquaredError, 1, (outputs1, targets1), (outputs2, targets2)), 12);
    }

    [Fact]
    public void PrecisionAndRecall_CountAtTheThreshold_TargetsNonZeroArePositive()
    {
        float[] outputs = [0.9f, 0.8f, 0.4f, 0.6f, 0.1f, 0.5f];
        float[] targets = [1, 0, 1, 1, 0, 2];
        // > 0.5: predicted 0.9, 0.8, 0.6 → tp 2 (0.9, 0.6), fp 1 (0.8); fn: 0.4, 0.5 (target 2 counts as positive) → 2.
        Assert.Equal(2.0 / 3, Run(new Precision(), Loss.MeanSquaredError, 1, (outputs, targets)), 12);
        Assert.Equal(2.0 / 4, Run(new Recall(), Loss.MeanSquaredError, 1, (outputs, targets)), 12);

        // Threshold 0.45: 0.5 joins the predictions → tp 3, fp 1, fn 1.
        Assert.Equal(3.0 / 4, Run(new Precision(0.45f), Loss.MeanSquaredError, 1, (outputs, targets)), 12);
        Assert.Equal(3.0 / 4, Run(new Recall(0.45f), Loss.MeanSquaredError, 1, (outputs, targets)), 12);

        // Nothing predicted positive: 0, as Keras's divide_no_nan.
        Assert.Equal(0.0, Run(new Precision(), Loss.MeanSquaredError, 1, ([0.1f], [1])));
    }

    [Fact]
    public void Auc_EqualsTheTrapezoidOverKerasThresholds_AccumulatedOverBatches()
    {
        var random = new Random(5);
        float[] outputs = Enumerable.Range(0, 300).Select(_ => (float)random.NextDouble()).ToArray();
        // Labels correlated with the predictions, so the area is neither 0.5 nor 1.
        float[] targets = outputs.Select(p => random.NextDouble() < p ? 1f : 0f).ToArray();
        double actual = Run(
            new Auc(),
            Loss.BinaryCrossentropy,
            1,
            (outputs[..100], targets[..100]),
            (outputs[100..250], targets[100..250]),
            (outputs[250..], targets[250..]));

        double expected = ReferenceAuc(outputs, targets, 200);
        Assert.Equal(expected, actual, 12);
        Assert.InRange(actual, 0.6, 0.95);
    }

    [Fact]
    public void Auc_OfSeparatedScoresIsOne_OfReversedScoresIsZero_AndOutOfRangeScoresAreClipped()
    {
        Assert.Equal(1.0, Run(new Auc(), Loss.BinaryCrossentropy, 1, ([0.1f, 0.2f, 0.8f, 0.9f], [0, 0, 1, 1])), 12);
        Assert.Equal(0.0, Run(new Auc(), Loss.BinaryCrossentropy, 1, ([0.9f, 0.8f, 0.2f, 0.1f], [0, 0, 1, 1])), 12);
        Assert.Equal(1.0, Run(new Auc(), Loss.BinaryCrossentropy, 1, ([-3f, 0.2f, 0.8f, 7f], [0, 0, 1, 1])), 12);

        // Few thresholds: 3 → {−ε, 0.5, 1+ε}; scores 0.3 (neg), 0.4 (pos), 0.7 (pos), 0.6 (neg) → trapezoid 0.5.
        float[] outputs = [0.3f, 0.4f, 0.7f, 0.6f];
        float[] targets = [0, 1, 1, 0];
        Assert.Equal(ReferenceAuc(outputs, targets, 3), Run(new Auc(numThresholds: 3), Loss.BinaryCrossentropy, 1, (outputs, targets)), 12);
        Assert.Equal(0.5, ReferenceAuc(outputs, targets, 3), 12);
    }

    [Fact]
    public void LossMetrics_AreTheLossPerSample_AveragedOverTheEpoch()
    {
        float[] p = [0.9f, 0.2f, 0.6f];
        float[] y = [1, 0, 0];
        double bce = p.Zip(y, (q, t) => -(t * Math.Log(q) + (1 - t) * Math.Log(1 - q))).Average();
        Assert.Equal(bce, Run(new BinaryCrossentropyMetric(), Loss.MeanSquaredError, 1, (p[..1], y[..1]), (p[1..], y[1..])), 6);

        // Categorical: rows normalised, −Σ y log p; sparse: the same with class indices.
        float[] probabilities = [0.2f, 0.3f, 0.5f, 0.6f, 0.2f, 0.2f];
        double cce = (-Math.Log(0.5) - Math.Log(0.6)) / 2;
        Assert.Equal(cce, Run(new CategoricalCrossentropyMetric(), Loss.CategoricalCrossentropy, 3, (probabilities, [0, 0, 1, 1, 0, 0])), 6);
        Assert.Equal(cce, Run(new SparseCategoricalCrossentropyMetric(), Loss.SparseCategoricalCrossentropy, 3, (probabilities, [2, 0])), 6);

        // From logits: log-sum-exp.
        float[] logits = [1f, 2f, 0f];
        double expectedLogits = Math.Log(Math.Exp(1) + Math.Exp(2) + 1) - 2;
        Assert.Equal(expectedLogits, Run(new SparseCategoricalCrossentropyMetric(fromLogits: true), Loss.SparseCategoricalCrossentropy, 3, (logits, [1])), 6);
    }

    [Fact]
    public void Metrics_ThatDoNotFitTheTargets_AreRejectedAtCompile()
    {
        Assert.Throws<ArgumentException>(() => new Auc().CreateState(Loss.SparseCategoricalCrossentropy, 3));
        Assert.Throws<ArgumentException>(() => new SparseCategoricalAccuracy().CreateState(Loss.CategoricalCrossentropy, 3));
        Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropyMetric().CreateState(Loss.CategoricalCrossentropy, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Auc(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopKCategoricalAccuracy(0));
    }

    [Fact]
    public void Fit_ReportsEveryMetric_UnderItsKerasName_ForTrainingAndValidation()
    {
        var model = new ScriptedNetwork();
        model.Compile(new Sgd(), Loss.BinaryCrossentropy, new Auc(), new Precision(), new BinaryCrossentropyMetric());
        float[] x = [0.1f, 0.9f, 0.3f, 0.7f, 0.2f, 0.8f];
        float[] y = [0, 1, 1, 0, 0, 1];

        History history = model.Fit(x, y, epochs: 1, batchSize: 2, shuffle: false, verbose: 0, validationData: (x, y));

        Assert.Equal(
            ["loss", "auc", "precision", "binary_crossentropy", "val_loss", "val_auc", "val_precision", "val_binary_crossentropy"],
            history.Metrics.Keys);

        // The scripted network is the identity: its predictions are the inputs.
        Assert.Equal(ReferenceAuc(x, y, 200), history.Metrics["auc"][0], 12);
        Assert.Equal(ReferenceAuc(x, y, 200), history.Metrics["val_auc"][0], 12);
        Assert.Equal(2.0 / 3, history.Metrics["val_precision"][0], 12);
    }

    /// <summary>Keras's ROC AUC with interpolation, straight from its definition, in double.</summary>
    internal static double ReferenceAuc(float[] predictions, float[] labels, int thresholdCount)
    {
        var thresholds = new double[thresholdCount];
        thresholds[0] = -1e-7;
        for (int i = 1; i < thresholdCount - 1; i++) thresholds[i] = i / (double)(thresholdCount - 1);
        thresholds[^1] = 1 + 1e-7;

        var tpr = new double[thresholdCount];
        var fpr = new double[thresholdCount];
        for (int t = 0; t < thresholdCount; t++)
        {
            double tp = 0, fp = 0, fn = 0, tn = 0;
            for (int i = 0; i < predictions.Length; i++)
            {
                double p = Math.Clamp(predictions[i], 0.0, 1.0);
                bool positive = labels[i] != 0;
                bool predicted = p > thresholds[t];
                if (positive && predicted) tp++;
                else if (positive) fn++;
                else if (predicted) fp++;
                else tn++;
            }

            tpr[t] = tp + fn > 0 ? tp / (tp + fn) : 0;
            fpr[t] = fp + tn > 0 ? fp / (fp + tn) : 0;
        }

        double area = 0;
        for (int t = 0; t < thresholdCount - 1; t++) area += (fpr[t] - fpr[t + 1]) * (tpr[t] + tpr[t + 1]) / 2;
        return area;
    }
}
