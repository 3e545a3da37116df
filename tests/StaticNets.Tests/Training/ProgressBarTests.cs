using System;
using System.IO;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary>
/// <c>Fit</c>'s progress output with a fake clock, byte for byte. The expected strings are written out by hand from
/// Keras 2's <c>Progbar</c> rules (tf-keras utils/generic_utils.py): width 30, updates throttled to one per 0.05 s
/// except the final one, <c>"\b" × previous width + "\r"</c> before an in-place update, padding to the previous
/// width, step time from the second step on, ETA = step time × steps left.
/// </summary>
public sealed class ProgressBarTests
{
    private static string Back(int count) => new('\b', count);

    /// <summary>8 samples, batches of 2 (4 steps), 1/32 s per batch, binary accuracy on the identity outputs.</summary>
    private static string RunScenarioA(bool dynamic)
    {
        var clock = new FakeClock { Now = 10.0 };
        float[] batchLosses = [0.8f, 0.6f, 0.4f, 0.2f, 0.0002f, 0.0001f, 0.00005f, 0.00001f];
        var model = new ScriptedNetwork { Clock = clock, SecondsPerBatch = 1.0 / 32, LossScript = b => batchLosses[b] };
        model.Compile(new Sgd(), Loss.MeanSquaredError, Metric.Accuracy);
        float[] x = [0.9f, 0.1f, 0.9f, 0.1f, 0.9f, 0.1f, 0.9f, 0.1f];
        float[] y = [1, 0, 1, 1, 0, 0, 1, 0];
        var output = new StringWriter { NewLine = "\n" };

        FitLoop.Run(model, x, y, epochs: 2, batchSize: 2, validationSplit: 0, shuffle: false, verbose: 1, callbacks: null,
            seed: 1, output, new FitEnvironment(clock.Read, dynamic));
        return output.ToString();
    }

    [Fact]
    public void Verbose1_Terminal_RewritesTheBarInPlace()
    {
        string expected =
            "Epoch 1/2\n" +
            "\r1/4 [======>.......................] - ETA: 0s - loss: 0.8000 - accuracy: 1.0000" +
            Back(80) + "\r3/4 [=====================>........] - ETA: 0s - loss: 0.6000 - accuracy: 0.6667" +
            Back(80) + "\r4/4 [==============================] - 0s 31ms/step - loss: 0.5000 - accuracy: 0.7500\n" +
            "Epoch 2/2\n" +
            "\r1/4 [======>.......................] - ETA: 0s - loss: 2.0000e-04 - accuracy: 1.0000" +
            Back(84) + "\r3/4 [=====================>........] - ETA: 0s - loss: 1.1667e-04 - accuracy: 0.6667" +
            Back(84) + "\r4/4 [==============================] - 0s 31ms/step - loss: 9.0000e-05 - accuracy: 0.7500\n";

        Assert.Equal(expected, RunScenarioA(dynamic: true));
    }

    [Fact]
    public void Verbose1_Redirected_PrintsOnlyEachEpochsFinalLine()
    {
        string expected =
            "Epoch 1/2\n" +
            "4/4 [==============================] - 0s 31ms/step - loss: 0.5000 - accuracy: 0.7500\n" +
            "Epoch 2/2\n" +
            "4/4 [==============================] - 0s 31ms/step - loss: 9.0000e-05 - accuracy: 0.7500\n";

        Assert.Equal(expected, RunScenarioA(dynamic: false));
    }

    [Fact]
    public void Verbose1_LongSteps_ShowsHourAndMinuteEtas_PadsShorterLines_AndShowsTheLastBatchBeforeTheFinalLine()
    {
        var clock = new FakeClock { Now = 1000.0 };
        var model = new ScriptedNetwork { Clock = clock, SecondsPerBatch = 1300, LossScript = _ => 0.5f };
        model.Compile(new Sgd(), Loss.MeanSquaredError);
        var output = new StringWriter { NewLine = "\n" };

        FitLoop.Run(model, new float[4], new float[4], epochs: 1, batchSize: 1, validationSplit: 0, shuffle: false, verbose: 1,
            callbacks: null, seed: 1, output, new FitEnvironment(clock.Read, true));

        string expected =
            "\r1/4 [======>.......................] - ETA: 1:05:00 - loss: 0.5000" +
            Back(66) + "\r2/4 [==============>...............] - ETA: 43:20 - loss: 0.5000  " +
            Back(64) + "\r3/4 [=====================>........] - ETA: 21:40 - loss: 0.5000" +
            Back(64) + "\r4/4 [==============================] - ETA: 0s - loss: 0.5000   " +
            Back(61) + "\r4/4 [==============================] - 5200s 1300s/step - loss: 0.5000\n";
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void Verbose1_FastSteps_AreThrottled_AndShownInMicroseconds()
    {
        var clock = new FakeClock { Now = 16.0 };
        var model = new ScriptedNetwork { Clock = clock, SecondsPerBatch = 1.0 / 2048, LossScript = _ => 0f };
        model.Compile(new Sgd(), Loss.MeanSquaredError);
        var output = new StringWriter { NewLine = "\n" };

        FitLoop.Run(model, new float[4], new float[4], epochs: 1, batchSize: 1, validationSplit: 0, shuffle: false, verbose: 1,
            callbacks: null, seed: 1, output, new FitEnvironment(clock.Read, true));

        string expected =
            "\r1/4 [======>.......................] - ETA: 0s - loss: 0.0000e+00" +
            Back(65) + "\r4/4 [==============================] - 0s 488us/step - loss: 0.0000e+00\n";
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void Verbose2_PrintsOneLinePerEpoch_WithValidationAndTiming()
    {
        var clock = new FakeClock { Now = 100.0 };
        float[] batchLosses = [1.0f, 1.25f, 0.75f];
        var model = new ScriptedNetwork
        {
            Clock = clock,
            SecondsPerBatch = 0.5,
            SecondsPerPrediction = 0.25,
            LossScript = b => batchLosses[b],
        };
        model.Compile(new Sgd(), Loss.MeanSquaredError, Metric.Accuracy, Metric.MeanAbsoluteError);
        float[] x = [0.9f, 0.1f, 0.9f, 0.1f, 0.9f, 0.1f, 0.9f, 0.1f, 0.6f, 0.3f];
        float[] y = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1];
        var output = new StringWriter { NewLine = "\n" };

        History history = FitLoop.Run(model, x, y, epochs: 1, batchSize: 3, validationSplit: 0.2, shuffle: false, verbose: 2,
            callbacks: null, seed: 1, output, new FitEnvironment(clock.Read, false));

        // Loss (3·1 + 3·1.25 + 2·0.75) / 8 = 1.03125 prints as Python's half-to-even "1.0312".
        string expected =
            "3/3 - 2s - loss: 1.0312 - accuracy: 0.7500 - mean_absolute_error: 0.3000 - val_loss: 0.3250 - " +
            "val_accuracy: 0.5000 - val_mean_absolute_error: 0.5500 - 2s/epoch - 583ms/step\n";
        Assert.Equal(expected, output.ToString());
        Assert.Equal(1.03125, history.Metrics["loss"][0]);
    }

    [Fact]
    public void Verbose0_PrintsNothing()
    {
        var model = new ScriptedNetwork { LossScript = _ => 1f };
        model.Compile(new Sgd(), Loss.MeanSquaredError);
        var output = new StringWriter();

        model.Fit(new float[4], new float[4], epochs: 3, batchSize: 2, verbose: 0, output: output);

        Assert.Equal("", output.ToString());
    }

    [Theory]
    [InlineData(0.03125, 4, "0.0312")]
    [InlineData(1.03125, 4, "1.0312")]
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    [InlineData(-1.23456, 4, "-1.2346")]
    [InlineData(12345.678, 4, "12345.6780")]
    [InlineData(0.0010001, 4, "0.0010")]
    public void Fixed_FormatsLikePython(double value, int decimals, string expected)
        => Assert.Equal(expected, PythonFormat.Fixed(value, decimals));

    [Theory]
    [InlineData(1.23456e-4, "1.2346e-04")]
    [InlineData(0.0, "0.0000e+00")]
    [InlineData(-0.0, "-0.0000e+00")]
    [InlineData(9.99995e-5, "9.9999e-05")]
    [InlineData(1e-300, "1.0000e-300")]
    [InlineData(5e-324, "4.9407e-324")]
    [InlineData(123456789.0, "1.2346e+08")]
    [InlineData(9.99996e22, "1.0000e+23")]
    [InlineData(0.00015, "1.5000e-04")]
    public void Scientific_FormatsLikePython(double value, string expected)
        => Assert.Equal(expected, PythonFormat.Scientific(value, 4));

    [Theory]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(1e-3, "1.0000e-03")]
    [InlineData(0.5, "0.5000")]
    [InlineData(-0.25, "-0.2500")]
    public void MetricValues_UseFourDecimalsAboveOneThousandth(double value, string expected)
        => Assert.Equal(expected, PythonFormat.Metric(value));

    [Theory]
    [InlineData(0.0, " 0s/step")]
    [InlineData(1.5, " 2s/step")]
    [InlineData(2.5, " 2s/step")]
    [InlineData(0.0015, " 2ms/step")]
    [InlineData(0.25, " 250ms/step")]
    [InlineData(0.00002, " 20us/step")]
    public void StepTimes_UseSecondsMillisecondsOrMicroseconds(double seconds, string expected)
        => Assert.Equal(expected, KerasProgressBar.FormatTime(seconds, "step"));

    [Theory]
    [InlineData(59.9, "59s")]
    [InlineData(61.0, "1:01")]
    [InlineData(3599.0, "59:59")]
    [InlineData(3661.5, "1:01:01")]
    public void Etas_AreSecondsMinutesOrHours(double seconds, string expected)
        => Assert.Equal(expected, KerasProgressBar.FormatEta(seconds));
}
