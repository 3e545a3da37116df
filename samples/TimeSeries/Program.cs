using System;
using StaticNets;
using TimeSeries;
using static System.FormattableString;

// A noisy two-period series: train an LSTM to forecast the next value at every step, check it on held-out data, then
// run it as a stream, one value at a time, the way a sensor or an audio callback would feed it.
const int Steps = 64;
float[] train = Series.Make(4000, seed: 1);
float[] test = Series.Make(1000, seed: 2);
(float[] x, float[] y) = Series.Windows(train, Steps, count: 2000, seed: 3);

var model = new Forecaster(seed: 4);
Console.WriteLine(model.Summary());
model.Compile(new Adam(learningRate: 0.01f), Loss.MeanSquaredError);
model.Fit(x, y, epochs: 8, batchSize: 32, validationSplit: 0.1, seed: 5, verbose: 1);
Console.WriteLine();

// Whole windows through Predict: the forecaster against "tomorrow = today", on the test series.
(float[] testX, float[] testY) = Series.Windows(test, Steps, count: 200, seed: 6);
var forecasts = new float[testY.Length];
model.PredictBatch(testX, forecasts);
double modelError = 0, naiveError = 0;
for (int i = 0; i < testY.Length; i++)
{
    modelError += (forecasts[i] - testY[i]) * (double)(forecasts[i] - testY[i]);
    naiveError += (testX[i] - testY[i]) * (double)(testX[i] - testY[i]);
}

Console.WriteLine(Invariant($"Test windows ({testY.Length} forecasts): mean squared error {modelError / testY.Length:0.0000}; repeating the last value: {naiveError / testY.Length:0.0000}"));
Console.WriteLine();

// The same model as a stream: one value in, the next value's forecast out, the LSTM's state carried in between.
Forecaster.State stream = model.CreateState();
var output = new float[Forecaster.StepOutputSize];
var window = new float[Steps];
double largestDifference = 0;
Console.WriteLine("Streaming the test series one value at a time (every 25th step shown):");
Console.WriteLine("   step     value  forecast of next  actual next");
for (int t = 0; t < 300; t++)
{
    model.Step(stream, test.AsSpan(t, 1), output);
    if (t < Steps)
    {
        window[t] = output[0];
    }

    if (t % 25 == 0)
    {
        Console.WriteLine(Invariant($"{t,7} {test[t],9:0.000} {output[0],17:0.000} {test[t + 1],12:0.000}"));
    }
}

// Stepping through the first 64 values gives what Predict gives on that window.
var predicted = new float[Forecaster.OutputSize];
model.Predict(test.AsSpan(0, Steps), predicted);
for (int t = 0; t < Steps; t++)
{
    largestDifference = Math.Max(largestDifference, Math.Abs(predicted[t] - window[t]));
}

Console.WriteLine();
Console.WriteLine(Invariant($"Step over the first {Steps} values against Predict on them: largest difference {largestDifference:0.0e+0}"));
