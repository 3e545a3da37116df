using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary>Callback hooks, <see cref="EarlyStopping"/> and <see cref="TerminateOnNaN"/> with Keras 3 semantics.</summary>
public sealed class CallbackTests
{
    /// <summary>
    /// One batch per epoch, so each epoch's loss is the scripted value; SGD with lr 1 and gradient −1 adds 1 to every
    /// weight per step, so the weights after epoch e are e + 1.
    /// </summary>
    private static (ScriptedNetwork Model, History History, string Output) RunEpochs(float[] epochLosses, params Callback[] callbacks)
    {
        var model = new ScriptedNetwork { LossScript = b => epochLosses[b] };
        model.Compile(new Sgd(1f), Loss.MeanSquaredError);
        var output = new StringWriter { NewLine = "\n" };
        History history = model.Fit(new float[2], new float[2], epochs: epochLosses.Length, batchSize: 2, verbose: 0,
            callbacks: callbacks, seed: 1, output: output);
        return (model, history, output.ToString());
    }

    [Fact]
    public void EarlyStopping_StopsAfterPatienceEpochsWithoutImprovement()
    {
        var stopping = new EarlyStopping(monitor: "loss", patience: 2);

        var (_, history, output) = RunEpochs([1.0f, 0.9f, 0.95f, 0.96f, 0.97f, 0.5f], stopping);

        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(3, stopping.StoppedEpoch);
        Assert.Equal(1, stopping.BestEpoch);
        Assert.Equal("", output);
    }

    [Fact]
    public void EarlyStopping_ChangesSmallerThanMinDeltaAreNotImprovements()
    {
        var (_, withDelta, _) = RunEpochs([1.0f, 0.95f, 0.92f, 0.91f, 0.9f], new EarlyStopping(monitor: "loss", minDelta: 0.1f, patience: 1));
        var (_, without, _) = RunEpochs([1.0f, 0.95f, 0.92f, 0.91f, 0.9f], new EarlyStopping(monitor: "loss", patience: 1));

        Assert.Equal(2, withDelta.Epochs.Count);
        Assert.Equal(5, without.Epochs.Count);
    }

    [Fact]
    public void EarlyStopping_MaxModeWatchesForIncreases()
    {
        var (_, history, _) = RunEpochs([0.1f, 0.2f, 0.15f, 0.1f], new EarlyStopping(monitor: "loss", mode: "max", patience: 1));

        Assert.Equal(3, history.Epochs.Count);
    }

    [Theory]
    [InlineData("val_accuracy", true)]
    [InlineData("accuracy", true)]
    [InlineData("acc", true)]
    [InlineData("loss", false)]
    [InlineData("val_loss", false)]
    [InlineData("mean_absolute_error", false)]
    public void EarlyStopping_AutoModeMaximisesAccuraciesOnly(string monitor, bool maximized)
        => Assert.Equal(maximized, MonitorDirection.IsMaximized(monitor, "auto", "mode"));

    [Fact]
    public void EarlyStopping_RestoresTheBestWeightsWhenItStops_AndSaysSo()
    {
        var stopping = new EarlyStopping(monitor: "loss", patience: 2, restoreBestWeights: true, verbose: 1);

        var (model, history, output) = RunEpochs([1.0f, 0.5f, 0.7f, 0.8f, 0.9f], stopping);

        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(new float[] { 2, 2 }, model.Parameters.ToArray());
        Assert.Equal("Epoch 4: early stopping\nRestoring model weights from the end of the best epoch: 2.\n", output);
    }

    [Fact]
    public void EarlyStopping_RestoresTheBestWeightsAtTheEndEvenWithoutStopping()
    {
        var (restored, _, _) = RunEpochs([1.0f, 0.5f, 0.7f], new EarlyStopping(monitor: "loss", patience: 5, restoreBestWeights: true));
        var (kept, _, _) = RunEpochs([1.0f, 0.5f, 0.7f], new EarlyStopping(monitor: "loss", patience: 5));

        Assert.Equal(new float[] { 2, 2 }, restored.Parameters.ToArray());
        Assert.Equal(new float[] { 3, 3 }, kept.Parameters.ToArray());
    }

    [Fact]
    public void EarlyStopping_ImprovementsThatMissTheBaselineDoNotResetTheWait()
    {
        var (_, withBaseline, _) = RunEpochs([1.0f, 1.1f, 1.2f, 1.3f], new EarlyStopping(monitor: "loss", patience: 2, baseline: 0.5f));
        var (_, without, _) = RunEpochs([1.0f, 1.1f, 1.2f, 1.3f], new EarlyStopping(monitor: "loss", patience: 2));

        Assert.Equal(2, withBaseline.Epochs.Count);
        Assert.Equal(3, without.Epochs.Count);
    }

    [Fact]
    public void EarlyStopping_IgnoresEpochsBeforeStartFromEpoch()
    {
        var (_, delayed, _) = RunEpochs([1.0f, 2.0f, 3.0f, 4.0f, 5.0f], new EarlyStopping(monitor: "loss", startFromEpoch: 2));
        var (_, immediate, _) = RunEpochs([1.0f, 2.0f, 3.0f, 4.0f, 5.0f], new EarlyStopping(monitor: "loss"));

        Assert.Equal(4, delayed.Epochs.Count);
        Assert.Equal(2, immediate.Epochs.Count);
    }

    [Fact]
    public void EarlyStopping_MissingMonitorWarnsOnceAndNeverStops()
    {
        var (_, history, output) = RunEpochs([1.0f, 2.0f, 3.0f], new EarlyStopping(monitor: "val_loss"));

        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(
            "Warning: early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss\n",
            output);
    }

    [Fact]
    public void EarlyStopping_RejectsBadArguments()
    {
        Assert.Throws<ArgumentException>(() => new EarlyStopping(mode: "sideways"));
        Assert.Throws<ArgumentException>(() => new EarlyStopping(monitor: ""));
        Assert.Throws<ArgumentNullException>(() => new EarlyStopping(monitor: null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(startFromEpoch: -1));
    }

    [Fact]
    public void TerminateOnNaN_StopsAtTheBadBatch_AndKeepsTheWeightsFromBeforeIt()
    {
        var clock = new FakeClock { Now = 5.0 };
        var model = new ScriptedNetwork { LossScript = b => b == 3 ? float.NaN : 1f };
        model.Compile(new Sgd(1f), Loss.MeanSquaredError);
        var output = new StringWriter { NewLine = "\n" };

        History history = FitLoop.Run(model, new float[8], new float[8], epochs: 5, batchSize: 2, validationSplit: 0,
            shuffle: false, verbose: 1, callbacks: [new TerminateOnNaN()], seed: 1, output, new FitEnvironment(clock.Read, false));

        Assert.Equal(4, model.TrainingBatches.Count);
        Assert.Equal(new float[] { 3, 3 }, model.Parameters.ToArray());
        Assert.Single(history.Epochs);
        Assert.True(double.IsNaN(history.Metrics["loss"][0]));
        // Keras prints the message from the batch hook, then the progress bar still finalises the epoch.
        Assert.Equal(
            "Epoch 1/5\nBatch 3: Invalid loss, terminating training\n4/4 [==============================] - 0s 0s/step - loss: nan\n",
            output.ToString());
    }

    [Fact]
    public void TerminateOnNaN_AlsoRestoresTheOptimizerState()
    {
        var model = new ScriptedNetwork { LossScript = b => b == 2 ? float.PositiveInfinity : 1f };
        var adam = new Adam(0.1f);
        model.Compile(adam, Loss.MeanSquaredError);

        model.Fit(new float[6], new float[6], epochs: 1, batchSize: 2, shuffle: false, verbose: 0,
            callbacks: [new TerminateOnNaN()], output: TextWriter.Null);
        float[] afterStop = model.Parameters.ToArray();
        long iterationsAfterStop = adam.Iterations;
        model.TrainOnBatch(new float[2], new float[2]);

        // Batches 0 and 1 were good; the update of the infinite batch 2 was undone, moments included.
        Assert.Equal(2, iterationsAfterStop);
        Assert.All(afterStop, w => Assert.True(float.IsFinite(w)));
        Assert.All(model.Parameters.ToArray(), w => Assert.True(float.IsFinite(w)));
        Assert.Equal(model.ParametersAtBatchStart[2], afterStop);
    }

    [Fact]
    public void Hooks_RunInKerasOrder_WithRunningAndEpochLogs()
    {
        var recorder = new RecordingCallback();
        var model = new ScriptedNetwork { LossScript = b => b + 1 };
        model.Compile(new Sgd(), Loss.MeanSquaredError);
        Assert.Throws<InvalidOperationException>(() => recorder.Model);

        model.Fit(new float[5], new float[5], epochs: 2, batchSize: 2, validationSplit: 0.2, shuffle: false, verbose: 0,
            callbacks: [recorder]);

        Assert.Same(model, recorder.Model);
        Assert.Equal(
            new[]
            {
                "train_begin",
                "epoch_begin 0", "batch_begin 0", "batch_end 0 loss=1", "batch_begin 1", "batch_end 1 loss=1.5",
                "epoch_end 0 loss=1.5 val_loss=0",
                "epoch_begin 1", "batch_begin 0", "batch_end 0 loss=3", "batch_begin 1", "batch_end 1 loss=3.5",
                "epoch_end 1 loss=3.5 val_loss=0",
                "train_end loss=3.5 val_loss=0",
            },
            recorder.Events);
    }

    [Fact]
    public void StopTraining_FromACallback_EndsTheEpochAfterTheCurrentBatch_ButStillValidates()
    {
        var stopper = new StopAtBatch(1);
        var model = new ScriptedNetwork();
        model.Compile(new Sgd(), Loss.MeanSquaredError);

        History history = model.Fit(new float[10], new float[10], epochs: 3, batchSize: 2, validationSplit: 0.2, shuffle: false,
            verbose: 0, callbacks: [stopper]);

        Assert.Equal(2, model.TrainingBatches.Count);
        Assert.Single(history.Epochs);
        Assert.True(history.Metrics.ContainsKey("val_loss"));
        Assert.Equal(2, model.PredictedRows.Count);
    }

    private sealed class RecordingCallback : Callback
    {
        public List<string> Events { get; } = new();

        public override void OnTrainBegin() => Events.Add("train_begin");

        public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs) => Events.Add("train_end " + Format(logs));

        public override void OnEpochBegin(int epoch) => Events.Add($"epoch_begin {epoch}");

        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => Events.Add($"epoch_end {epoch} " + Format(logs));

        public override void OnBatchBegin(int batch) => Events.Add($"batch_begin {batch}");

        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => Events.Add($"batch_end {batch} " + Format(logs));

        private static string Format(IReadOnlyDictionary<string, double> logs)
            => string.Join(" ", logs.Select(kv => $"{kv.Key}={kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
    }

    private sealed class StopAtBatch(int batch) : Callback
    {
        public override void OnBatchEnd(int index, IReadOnlyDictionary<string, double> logs)
        {
            if (index == batch) StopTraining = true;
        }
    }
}
