using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary><see cref="ModelCheckpoint"/>: what it saves, when, under which name, and what it prints.</summary>
public sealed class ModelCheckpointTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "staticnets-checkpoint-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One batch per epoch with the scripted loss; the weights after epoch e are e + 1 (SGD, lr 1, gradient −1).</summary>
    private static (ScriptedNetwork Model, string Output) Run(float[] epochLosses, Callback checkpoint)
    {
        var model = new ScriptedNetwork { LossScript = b => epochLosses[b] };
        model.Compile(new Sgd(1f), Loss.MeanSquaredError);
        var output = new StringWriter { NewLine = "\n" };
        model.Fit(new float[2], new float[2], epochs: epochLosses.Length, batchSize: 2, verbose: 0, callbacks: [checkpoint], output: output);
        return (model, output.ToString());
    }

    private static float[] Load(string path)
    {
        var model = new ScriptedNetwork();
        model.LoadWeights(path);
        return model.Parameters.ToArray();
    }

    [Fact]
    public void SaveBestOnly_KeepsTheBestEpochsWeights_AndPrintsKerasMessages()
    {
        string path = Path.Combine(_folder, "best.snw");

        var (model, output) = Run([1.0f, 0.5f, 0.7f, 0.8f], new ModelCheckpoint(path, monitor: "loss", saveBestOnly: true, verbose: 1));

        Assert.Equal(new float[] { 4, 4 }, model.Parameters.ToArray());
        Assert.Equal(new float[] { 2, 2 }, Load(path));
        Assert.Equal(
            $"\nEpoch 1: loss improved from inf to 1.00000, saving model to {path}\n" +
            $"\nEpoch 2: loss improved from 1.00000 to 0.50000, saving model to {path}\n" +
            "\nEpoch 3: loss did not improve from 0.50000\n" +
            "\nEpoch 4: loss did not improve from 0.50000\n",
            output);
    }

    [Fact]
    public void SaveBestOnly_InMaxMode_KeepsTheLargestValue()
    {
        string path = Path.Combine(_folder, "max.snw");
        var checkpoint = new ModelCheckpoint(path, monitor: "loss", saveBestOnly: true, mode: "max");

        Run([0.2f, 0.9f, 0.5f], checkpoint);

        Assert.Equal(new float[] { 2, 2 }, Load(path));
        Assert.Equal(0.9f, checkpoint.Best, 6);
    }

    [Fact]
    public void EveryEpoch_WithPlaceholders_WritesOneFilePerEpochInANewFolder()
    {
        string template = Path.Combine(_folder, "nested", "w.{epoch:02d}-{loss:.2f}.snw");

        var (_, output) = Run([1.0f, 0.5f, 0.25f], new ModelCheckpoint(template, saveBestOnly: false, verbose: 1));

        string[] expected = ["w.01-1.00.snw", "w.02-0.50.snw", "w.03-0.25.snw"];
        Assert.Equal(expected, Directory.GetFiles(Path.Combine(_folder, "nested")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        for (int e = 0; e < 3; e++) Assert.Equal(new float[] { e + 1, e + 1 }, Load(Path.Combine(_folder, "nested", expected[e])));
        Assert.StartsWith($"\nEpoch 1: saving model to {Path.Combine(_folder, "nested", expected[0])}\n", output);
    }

    [Fact]
    public void SaveBestOnly_WithoutTheMonitoredValue_WarnsAndSavesNothing()
    {
        string path = Path.Combine(_folder, "none.snw");

        var (_, output) = Run([1.0f, 0.5f], new ModelCheckpoint(path, monitor: "val_loss", saveBestOnly: true));

        Assert.False(File.Exists(path));
        Assert.Equal("Warning: can save best model only with val_loss available, skipping.\n" +
                     "Warning: can save best model only with val_loss available, skipping.\n", output);
    }

    [Fact]
    public void UnknownPlaceholder_FailsWithTheAvailableNames()
    {
        var error = Assert.Throws<KeyNotFoundException>(
            () => Run([1.0f], new ModelCheckpoint(Path.Combine(_folder, "{val_acc:.2f}.snw"))));
        Assert.Contains("val_acc", error.Message);
        Assert.Contains("loss", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("w.{epoch.snw")]
    [InlineData("w.}.snw")]
    [InlineData("w.{epoch:x}.snw")]
    [InlineData("w.{}.snw")]
    public void MalformedPaths_AreRejectedUpFront(string path)
        => Assert.Throws<ArgumentException>(() => new ModelCheckpoint(path));

    [Fact]
    public void Path_FormatsLikePython()
    {
        var logs = new Dictionary<string, double> { ["val_loss"] = 0.03125, ["loss"] = 1.5e-5 };
        Assert.Equal("e7-0.0312-1.50e-05-{x}.w", CheckpointPath.Format("e{epoch}-{val_loss:.4f}-{loss:.2e}-{{x}}.w", 7, logs));
        Assert.Equal("  7|007|0.03125|1.5e-05", CheckpointPath.Format("{epoch:3d}|{epoch:03d}|{val_loss}|{loss}", 7, logs));
        Assert.Throws<FormatException>(() => CheckpointPath.Format("{val_loss:02d}", 7, logs));
    }
}
