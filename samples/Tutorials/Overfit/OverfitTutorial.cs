using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using StaticNets;
using StaticNets.Plotting;

namespace Tutorials.Overfit;

/// <summary>
/// TensorFlow's "Overfit and underfit" tutorial: models of growing size on the same small training set, then the
/// large model again with L2 weight regularisation, with Dropout, and with both. Each model trains with Adam on an
/// <c>InverseTimeDecay</c> schedule, binary cross-entropy from logits (also reported as a metric, as the tutorial
/// does), the validation data given separately, and early stopping on the validation cross-entropy; the curves go to
/// PNG files, and the closing table compares the last epoch's train and validation cross-entropy.
/// </summary>
public static class OverfitTutorial
{
    private const int Train = 10_000, Validation = 1_000, BatchSize = 500;
    private const int StepsPerEpoch = Train / BatchSize;

    public static void Run(TutorialOptions options)
    {
        Console.WriteLine("== Overfit and underfit");
        (float[] xTrain, float[] yTrain) = HiggsLikeData.Generate(Train, seed: 1);
        (float[] xValidation, float[] yValidation) = HiggsLikeData.Generate(Validation, seed: 2);
        Console.WriteLine(Invariant($"{Train} training and {Validation} validation samples of {HiggsLikeData.Features} features (a synthetic stand-in for the Higgs data), batches of {BatchSize}, {StepsPerEpoch} steps per epoch."));
        int epochs = options.Epochs ?? 100;
        Console.WriteLine(Invariant($"Each model trains for up to {epochs} epochs (the tutorial allows 10,000 and stops early; pass --epochs for more)."));
        Console.WriteLine();

        // size_histories: the same data on models of growing capacity.
        var sizes = new List<(string Name, History History)>
        {
            ("Tiny", CompileAndFit(new Tiny(seed: 1), "Tiny")),
            ("Small", CompileAndFit(new Small(seed: 1), "Small")),
            ("Medium", CompileAndFit(new Medium(seed: 1), "Medium")),
            ("Large", CompileAndFit(new Large(seed: 1), "Large")),
        };
        SaveComparison(sizes, "overfit_sizes.png");

        // regularizer_histories: the large model against itself with weight regularisation, Dropout, and both.
        var regularized = new List<(string Name, History History)>
        {
            sizes[^1],
            ("L2", CompileAndFit(new L2Model(seed: 1), "L2")),
            ("Dropout", CompileAndFit(new DropoutModel(seed: 1), "Dropout")),
            ("Combined", CompileAndFit(new CombinedModel(seed: 1), "Combined")),
        };
        SaveComparison(regularized, "overfit_regularizers.png");
        var histories = sizes.Concat(regularized.Skip(1)).ToList();

        Console.WriteLine("Binary cross-entropy at the last epoch (lower is better; a wide gap means overfitting):");
        Console.WriteLine("model      epochs   train    validation  gap");
        foreach ((string name, History history) in histories)
        {
            double train = history.Metrics["binary_crossentropy"][^1], validation = history.Metrics["val_binary_crossentropy"][^1];
            Console.WriteLine(Invariant($"{name,-10} {history.Metrics["loss"].Count,6}   {train,6:0.0000}   {validation,6:0.0000}      {validation - train,6:0.0000}"));
        }

        Console.WriteLine();

        void SaveComparison(List<(string Name, History History)> histories, string file)
        {
            string path = Path.Combine(options.Output, file);
            ComparisonPlot.Save(histories, "binary_crossentropy", path);
            Console.WriteLine($"Training (solid) and validation (dashed) cross-entropy of {string.Join(", ", histories.Select(h => h.Name))}: {path}");
            Console.WriteLine();
        }

        History CompileAndFit(ITrainableNetwork model, string name)
        {
            Console.WriteLine(model.Summary());
            // lr = 0.001 / (1 + step / (StepsPerEpoch · 1000)): halves after 1,000 epochs.
            var schedule = new InverseTimeDecay(0.001f, decaySteps: StepsPerEpoch * 1000, decayRate: 1f, staircase: false);
            model.Compile(
                new Adam(schedule),
                new BinaryCrossentropy(fromLogits: true),
                new BinaryCrossentropyMetric(fromLogits: true),
                Metric.Accuracy);
            History history = model.Fit(
                xTrain, yTrain, epochs: epochs, batchSize: BatchSize, validationData: (xValidation, yValidation), verbose: 0, seed: 1,
                callbacks: [new EarlyStopping(monitor: "val_binary_crossentropy", patience: 200), new EpochDots()]);
            Console.WriteLine();
            string path = Path.Combine(options.Output, Invariant($"overfit_{name.ToLowerInvariant()}.png"));
            history.SavePlot(path);
            Console.WriteLine(Invariant($"{name}: {history.Metrics["loss"].Count} epochs, curves in {path}"));
            Console.WriteLine();
            return history;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
