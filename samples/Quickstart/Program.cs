using System;
using System.Diagnostics;
using Quickstart;
using StaticNets;

// Part 1. Each network prints its Keras summary, then predicts a few inputs with seeded Keras-default weights.
NetworkShowcase.Show(new Practice1(seed: 1), new float[] { 0.5f, -1f, 2f, 3f });
NetworkShowcase.Show(new Practice2(seed: 2), new float[] { 1f, 2f, 3f, -1f, 0f, 1f });
NetworkShowcase.Show(new Practice3(seed: 3), new float[] { 0.5f, 0.25f, -2f, 1f });

// Part 2. Train Practice 1 on y = 2·x0 − 3·x1 + 0.5 from 1,000 noisy samples, the way Keras's compile/fit does.
Console.WriteLine("Training Practice1 on y = 2*x0 - 3*x1 + 0.5 + noise (1,000 samples, last 20% for validation)");
(float[] x, float[] y) = LinearTarget.Samples(count: 1000, noise: 0.05, seed: 2024);
var model = new Practice1(seed: 42);
float[] probes = { 0.5f, -1f, -0.8f, 0.3f, 0f, 0f, 1f, 1f, -0.25f, 0.75f };
float[] before = NetworkShowcase.PredictAll(model, probes);

model.Compile(new Adam(learningRate: 0.01f), Loss.MeanSquaredError, Metric.MeanAbsoluteError);
var stopwatch = Stopwatch.StartNew();
History history = model.Fit(x, y, epochs: 20, batchSize: 32, validationSplit: 0.2, seed: 7, verbose: 1);
stopwatch.Stop();
Console.WriteLine($"Fit took {stopwatch.Elapsed.TotalMilliseconds:0} ms.");
Console.WriteLine();

Console.WriteLine("The loss falling (History.Metrics):");
TrainingReport.LossCurve(history);
Console.WriteLine();

Console.WriteLine("Predictions before and after training, against the true function:");
TrainingReport.Predictions(probes, before, NetworkShowcase.PredictAll(model, probes), LinearTarget.Exact);
