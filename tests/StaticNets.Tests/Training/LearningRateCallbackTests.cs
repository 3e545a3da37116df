using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary><see cref="LearningRateScheduler"/>, <see cref="ReduceLROnPlateau"/>, <see cref="CsvLogger"/> and mode "auto" with Keras 3 semantics.</summary>
public sealed class LearningRateCallbackTests
{
    /// <summary>One batch per epoch, so each epoch's loss is the scripted value.</summary>
    private static (ScriptedNetwork Model, History History, string Output) RunEpochs(Optimizer optimizer, float[] epochLosses, params Callback[] callbacks)
    {
        var model = new ScriptedNetwork { LossScript = b => epochLosses[b] };
        model.Compile(optimizer, Loss.MeanSquaredError);
        var output = new StringWriter { NewLine = "\n" };
        History history = model.Fit(new float[2], new float[2], epochs: epochLosses.Length, batchSize: 2, verbose: 0, callbacks: callbacks, output: output);
        return (model, history, output.ToString());
    }

    [Fact]
    public void LearningRateScheduler_SetsTheRateBeforeEachEpoch_AndLogsIt()
    {
        var sgd = new Sgd(0.1f);
        var seen = new List<(int, float)>();
        var scheduler = new LearningRateScheduler((epoch, rate) =>
        {
            seen.Add((epoch, rate));
            return epoch < 2 ? rate : rate * 0.5f;
        }, verbose: 1);

        var (_, history, output) = RunEpochs(sgd, [1f, 1f, 1f, 1f], scheduler);

        Assert.Equal([(0, 0.1f), (1, 0.1f), (2, 0.1f), (3, 0.05f)], seen);
        Assert.Equal([0.1, 0.1, 0.05, 0.025], history.Metrics["learning_rate"].Select(v => Math.Round(v, 6)));
        Assert.StartsWith("\nEpoch 1: LearningRateScheduler setting learning rate to 0.1.\n", output);
        Assert.Contains("\nEpoch 4: LearningRateScheduler setting learning rate to 0.025.\n", output);
    }

    [Fact]
    public void ReduceLROnPlateau_ReducesAfterPatience_RespectsCooldownAndTheFloor()
    {
        var sgd = new Sgd(1f);
        var reduce = new ReduceLROnPlateau(monitor: "loss", factor: 0.5f, patience: 2, minDelta: 0.01f, cooldown: 1, minLearningRate: 0.3f, verbose: 1);

        // Epoch losses: 1 (best), 0.995 (within minDelta: wait 1), 0.99 (wait 2 → 0.5, cooldown 1),
        // 1 (cooldown ends: wait reset, then counts 1, as Keras re-checks the cooldown), 1 (wait 2 → max(0.25, 0.3) = 0.3),
        // then at the floor the rate stays. The logged rate is the epoch's, read before any reduction (as Keras).
        var (_, history, output) = RunEpochs(sgd, [1f, 0.995f, 0.99f, 1f, 1f, 1f, 1f, 1f, 1f], reduce);

        double[] rates = history.Metrics["learning_rate"].Select(v => Math.Round(v, 6)).ToArray();
        Assert.Equal([1, 1, 1, 0.5, 0.5, 0.3, 0.3, 0.3, 0.3], rates);
        Assert.Contains("\nEpoch 3: ReduceLROnPlateau reducing learning rate to 0.5.\n", output);
        Assert.Contains("\nEpoch 5: ReduceLROnPlateau reducing learning rate to 0.3.\n", output);
        Assert.Equal(2, output.Split("reducing").Length - 1);
    }

    [Fact]
    public void ReduceLROnPlateau_OnAScheduledOptimizer_Throws_AsKeras()
    {
        var adam = new Adam(new ExponentialDecay(0.1f, 10, 0.9f));
        Assert.Throws<InvalidOperationException>(() => RunEpochs(adam, [1f, 1f, 1f], new ReduceLROnPlateau(monitor: "loss", patience: 1)));
    }

    [Fact]
    public void ModeAuto_MaximisesAucAndPrecision_MinimisesCrossentropyMetrics()
    {
        Assert.True(Direction("val_auc", new Auc()));
        Assert.True(Direction("precision", new Precision()));
        Assert.False(Direction("val_binary_crossentropy", new BinaryCrossentropyMetric()));
        Assert.False(Direction("val_loss"));
        Assert.True(Direction("val_accuracy", Metric.Accuracy));
        Assert.True(Direction("custom_auc"));
        Assert.False(Direction("learning_rate"));
    }

    [Theory]
    [InlineData("val_auc", 1, 2)]                    // AUC goes up: 0.6 is the best, 0.55 does not improve on it
    [InlineData("val_binary_crossentropy", 0, 1)]    // a cross-entropy goes down: 0.5 stays the best
    public void EarlyStopping_InModeAuto_FollowsTheCompiledMetricsDirection(string monitor, int bestEpoch, int stoppedEpoch)
    {
        var model = new ScriptedNetwork();
        model.Compile(new Sgd(), Loss.BinaryCrossentropy, new Auc(), new BinaryCrossentropyMetric());
        var stopping = new EarlyStopping(monitor: monitor, patience: 1);
        float[] x = [0.2f, 0.8f];
        float[] y = [0, 1];

        model.Fit(x, y, epochs: 5, verbose: 0, validationData: (x, y), callbacks: [new ScriptedLog(monitor, [0.5, 0.6, 0.55, 0.54, 0.53]), stopping]);

        Assert.Equal(bestEpoch, stopping.BestEpoch);
        Assert.Equal(stoppedEpoch, stopping.StoppedEpoch);
    }

    /// <summary>Overwrites one epoch-log entry with a scripted value per epoch (the callbacks after it see that value).</summary>
    private sealed class ScriptedLog(string key, double[] values) : Callback
    {
        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => ((TrainingLogs)logs).Set(key, values[epoch]);
    }

    private static bool Direction(string monitor, params Metric[] metrics) => MonitorDirection.IsMaximized(monitor, "auto", "mode", metrics);

    [Fact]
    public void CsvLogger_WritesKerasFormat_SortedKeys_ReprValues_CrLf()
    {
        string path = Path.Combine(Path.GetTempPath(), $"staticnets-csv-{Guid.NewGuid():N}.csv");
        try
        {
            var model = new ScriptedNetwork();
            model.Compile(new Sgd(), Loss.MeanSquaredError, Metric.MeanAbsoluteError);
            float[] x = [1f, 2f, 3f, 4f];
            float[] y = [0f, 0f, 0f, 0f];
            model.Fit(x, y, epochs: 2, batchSize: 4, validationSplit: 0.5, shuffle: false, verbose: 0, callbacks: [new CsvLogger(path)]);

            // Training samples 1, 2 (loss 2.5, mae 1.5); validation 3, 4 (12.5, 3.5). Keys sorted as Python's sorted().
            Assert.Equal(
                "epoch,loss,mean_absolute_error,val_loss,val_mean_absolute_error\r\n0,2.5,1.5,12.5,3.5\r\n1,2.5,1.5,12.5,3.5\r\n",
                File.ReadAllText(path));

            // Append: no second header; a separator other than a comma.
            model.Fit(x, y, epochs: 1, batchSize: 4, validationSplit: 0.5, shuffle: false, verbose: 0, callbacks: [new CsvLogger(path, append: true)]);
            Assert.EndsWith("1,2.5,1.5,12.5,3.5\r\n0,2.5,1.5,12.5,3.5\r\n", File.ReadAllText(path));

            // Without validation, Keras adds val_ columns that hold NA.
            model.Fit(x, y, epochs: 1, batchSize: 4, shuffle: false, verbose: 0, callbacks: [new CsvLogger(path, separator: ';')]);
            Assert.Equal("epoch;loss;mean_absolute_error;val_loss;val_mean_absolute_error\r\n0;7.5;2.5;NA;NA\r\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(2.5, "2.5")]
    [InlineData(3.0, "3.0")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.5e16, "1.5e+16")]
    [InlineData(123456789012345.0, "123456789012345.0")]
    [InlineData(0.6931471805599453, "0.6931471805599453")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(0.0, "0.0")]
    [InlineData(double.NaN, "nan")]
    public void PythonRepr_MatchesPython(double value, string expected) => Assert.Equal(expected, PythonFormat.Repr(value));
}
