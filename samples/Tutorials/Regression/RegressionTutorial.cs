using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using StaticNets;
using StaticNets.Plotting;

namespace Tutorials.Regression;

/// <summary>
/// TensorFlow's "Basic regression: Predict fuel efficiency": four models on the Auto MPG data, each beginning with a
/// <c>Normalization</c> layer adapted to the training features: linear regression on horsepower, linear regression on
/// all features, and a two-hidden-layer network on each, trained with mean absolute error and compared on the test set;
/// then the last model saved, reloaded and checked to give the same error (its normalisation statistics travel in the
/// weights file).
/// </summary>
public static class RegressionTutorial
{
    public static void Run(TutorialOptions options, string csvPath)
    {
        Console.WriteLine("== Basic regression: predict fuel efficiency");
        AutoMpg data = AutoMpg.Load(csvPath);
        Console.WriteLine(Invariant($"{data.RowsRead} cars read; {data.RowsRead - data.Count} with an unknown horsepower dropped (the tutorial's dropna()), {data.Count} kept."));
        PrintTail(data);

        // train_dataset = dataset.sample(frac=0.8, random_state=0)
        (float[] xTrain, float[] yTrain, float[] xTest, float[] yTest) =
            DataUtils.TrainTestSplit(data.Features, data.Mpg, AutoMpg.FeatureCount, 1, testFraction: 0.2, seed: 0);
        int trainCount = options.Take(yTrain.Length);
        xTrain = xTrain[..(trainCount * AutoMpg.FeatureCount)];
        yTrain = yTrain[..trainCount];
        Console.WriteLine(Invariant($"{yTrain.Length} cars to train on, {yTest.Length} to test."));
        PrintDescribe(xTrain);

        // normalizer = layers.Normalization(axis=-1); normalizer.adapt(np.array(train_features))
        var normalizer = new FeatureNormalizer();
        normalizer.Adapt(xTrain);
        Console.WriteLine("normalizer.mean: " + Row(normalizer.Parameters[..AutoMpg.FeatureCount]));
        var normalized = new float[AutoMpg.FeatureCount];
        normalizer.Predict(xTrain.AsSpan(0, AutoMpg.FeatureCount), normalized);
        Console.WriteLine("First example: " + Row(xTrain.AsSpan(0, AutoMpg.FeatureCount)));
        Console.WriteLine("Normalized:    " + Row(normalized));
        Console.WriteLine();

        int epochs = options.Epochs ?? 100;
        float[] horsepowerTrain = AutoMpg.Column(xTrain, AutoMpg.HorsepowerColumn);
        float[] horsepowerTest = AutoMpg.Column(xTest, AutoMpg.HorsepowerColumn);
        var testResults = new List<(string Name, double Mae)>();

        // Linear regression with one variable: horsepower.
        var horsepowerModel = new HorsepowerModel(seed: 1);
        horsepowerModel.Adapt(horsepowerTrain);
        Console.WriteLine(horsepowerModel.Summary());
        Console.WriteLine("Untrained predictions for the first 10 cars: " + Row(PredictAll(horsepowerModel, horsepowerTrain[..10])));
        testResults.Add(("horsepower_model", Train(horsepowerModel, "horsepower_model", horsepowerTrain, yTrain, horsepowerTest, yTest, 0.1f)));
        PlotHorsepower(horsepowerModel, horsepowerTrain, yTrain, Path.Combine(options.Output, "regression_horsepower_model_line.png"));

        // Linear regression with all the features.
        var linearModel = new LinearModel(seed: 1);
        linearModel.Adapt(xTrain);
        Console.WriteLine(linearModel.Summary());
        Console.WriteLine("Untrained predictions for the first 10 cars: " + Row(PredictAll(linearModel, xTrain[..(10 * AutoMpg.FeatureCount)])));
        testResults.Add(("linear_model", Train(linearModel, "linear_model", xTrain, yTrain, xTest, yTest, 0.1f)));

        // Deep networks: two hidden ReLU layers of 64, on horsepower and then on all features.
        var dnnHorsepowerModel = new DnnHorsepowerModel(seed: 1);
        dnnHorsepowerModel.Adapt(horsepowerTrain);
        Console.WriteLine(dnnHorsepowerModel.Summary());
        testResults.Add(("dnn_horsepower_model", Train(dnnHorsepowerModel, "dnn_horsepower_model", horsepowerTrain, yTrain, horsepowerTest, yTest, 0.001f)));
        PlotHorsepower(dnnHorsepowerModel, horsepowerTrain, yTrain, Path.Combine(options.Output, "regression_dnn_horsepower_model_line.png"));

        var dnnModel = new DnnModel(seed: 1);
        dnnModel.Adapt(xTrain);
        Console.WriteLine(dnnModel.Summary());
        testResults.Add(("dnn_model", Train(dnnModel, "dnn_model", xTrain, yTrain, xTest, yTest, 0.001f)));

        Console.WriteLine("Performance on the test set:");
        Console.WriteLine("                      Mean absolute error [MPG]");
        foreach ((string name, double mae) in testResults) Console.WriteLine(Invariant($"{name,-22}{mae,10:0.000000}"));
        Console.WriteLine();

        // Make predictions: predicted against true MPG, and the errors.
        float[] predictions = PredictAll(dnnModel, xTest);
        PlotPredictions(predictions, yTest, Path.Combine(options.Output, "regression_predictions.png"));
        double[] errors = predictions.Select((p, i) => (double)p - yTest[i]).ToArray();
        double meanError = errors.Average(), spread = Math.Sqrt(errors.Select(e => (e - meanError) * (e - meanError)).Average());
        Console.WriteLine(Invariant($"Prediction error on the test set: mean {meanError:0.000} MPG, standard deviation {spread:0.000} MPG."));

        // dnn_model.save('dnn_model.keras'); reloaded = tf.keras.models.load_model('dnn_model.keras')
        string saved = Path.Combine(options.Output, "dnn_model.weights");
        dnnModel.SaveWeights(saved);
        var reloaded = new DnnModel(seed: 99);
        reloaded.LoadWeights(saved);
        reloaded.Compile(new Adam(0.001f), Loss.MeanAbsoluteError);
        double reloadedMae = reloaded.Evaluate(xTest, yTest)["loss"];
        Console.WriteLine(Invariant($"Reloaded from {saved} (Normalization statistics included): test MAE {reloadedMae:0.000000} MPG, the same as before: {reloadedMae == testResults[^1].Mae}."));
        Console.WriteLine();

        double Train(ITrainableNetwork model, string name, float[] x, float[] y, float[] xt, float[] yt, float learningRate)
        {
            model.Compile(new Adam(learningRate), Loss.MeanAbsoluteError);
            // history = model.fit(x, y, epochs=100, verbose=0, validation_split=0.2)
            History history = model.Fit(x, y, epochs: epochs, verbose: 0, validationSplit: 0.2, seed: 0);
            PrintHistoryTail(history);
            string plot = Path.Combine(options.Output, $"regression_{name}_loss.png");
            history.SavePlot(plot);
            double mae = model.Evaluate(xt, yt)["loss"];
            Console.WriteLine(Invariant($"{name}: test mean absolute error {mae:0.000} MPG; loss curves in {plot}"));
            Console.WriteLine();
            return mae;
        }
    }

    /// <summary><c>dataset.tail()</c>: the last five cars, one-hot origin included.</summary>
    private static void PrintTail(AutoMpg data)
    {
        Console.WriteLine("      MPG  " + string.Join("  ", AutoMpg.FeatureNames.Select(n => n.PadLeft(Math.Max(n.Length, 6)))));
        for (int row = data.Count - 5; row < data.Count; row++)
        {
            var cells = AutoMpg.FeatureNames.Select((n, c) => Format(data.Features[row * AutoMpg.FeatureCount + c]).PadLeft(Math.Max(n.Length, 6)));
            Console.WriteLine(Invariant($"{row,3} {Format(data.Mpg[row]),5}  ") + string.Join("  ", cells));
        }

        Console.WriteLine();
    }

    /// <summary><c>train_dataset.describe().transpose()[['mean', 'std']]</c>: each feature's mean and sample standard deviation.</summary>
    private static void PrintDescribe(float[] x)
    {
        int n = x.Length / AutoMpg.FeatureCount;
        Console.WriteLine("                    mean         std");
        for (int c = 0; c < AutoMpg.FeatureCount; c++)
        {
            double mean = 0, squares = 0;
            for (int i = 0; i < n; i++) mean += x[i * AutoMpg.FeatureCount + c];
            mean /= n;
            for (int i = 0; i < n; i++) squares += Math.Pow(x[i * AutoMpg.FeatureCount + c] - mean, 2);
            Console.WriteLine(Invariant($"{AutoMpg.FeatureNames[c],-14}{mean,12:0.000000}{Math.Sqrt(squares / (n - 1)),12:0.000000}"));
        }

        Console.WriteLine();
    }

    /// <summary><c>hist.tail()</c>: the last five epochs' loss and validation loss.</summary>
    private static void PrintHistoryTail(History history)
    {
        IReadOnlyList<double> loss = history.Metrics["loss"], validation = history.Metrics["val_loss"];
        Console.WriteLine("        loss   val_loss  epoch");
        for (int e = Math.Max(0, loss.Count - 5); e < loss.Count; e++) Console.WriteLine(Invariant($"{loss[e],12:0.000000}{validation[e],11:0.000000}{history.Epochs[e],7}"));
    }

    /// <summary>The model's predictions over 0-250 horsepower, drawn over the training data (the tutorial's <c>plot_horsepower</c>).</summary>
    private static void PlotHorsepower(ITrainableNetwork model, float[] horsepower, float[] mpg, string path)
    {
        float[] grid = Enumerable.Range(0, 251).Select(h => (float)h).ToArray();
        float[] line = PredictAll(model, grid);
        var plot = new ScottPlot.Plot();
        var data = plot.Add.ScatterPoints(horsepower.Select(h => (double)h).ToArray(), mpg.Select(m => (double)m).ToArray());
        data.LegendText = "Data";
        var predictions = plot.Add.ScatterLine(grid.Select(h => (double)h).ToArray(), line.Select(m => (double)m).ToArray());
        predictions.LegendText = "Predictions";
        predictions.LineWidth = 2;
        plot.XLabel("Horsepower");
        plot.YLabel("MPG");
        plot.ShowLegend();
        plot.SavePng(path, 600, 450);
        Console.WriteLine($"Predictions against horsepower: {path}");
        Console.WriteLine();
    }

    /// <summary>True against predicted MPG on the test set, with the diagonal.</summary>
    private static void PlotPredictions(float[] predictions, float[] truth, string path)
    {
        var plot = new ScottPlot.Plot();
        plot.Add.ScatterPoints(truth.Select(t => (double)t).ToArray(), predictions.Select(p => (double)p).ToArray());
        plot.Add.Line(0, 0, 50, 50);
        plot.XLabel("True Values [MPG]");
        plot.YLabel("Predictions [MPG]");
        plot.Axes.SetLimits(0, 50, 0, 50);
        plot.SavePng(path, 500, 500);
        Console.WriteLine($"Test predictions against the true values: {path}");
    }

    private static float[] PredictAll(INetwork model, float[] x)
    {
        var outputs = new float[x.Length / model.InputSize * model.OutputSize];
        model.PredictBatch(x, outputs);
        return outputs;
    }

    private static string Row(ReadOnlySpan<float> values)
    {
        var cells = new string[values.Length];
        for (int i = 0; i < values.Length; i++) cells[i] = Format(values[i]);
        return "[" + string.Join(", ", cells) + "]";
    }

    private static string Format(float value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
