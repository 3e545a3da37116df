using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace StaticNets.Benchmarks;

/// <summary>
/// Runs before any timing: every implementation must give the double-precision reference's outputs, and the naive
/// float loops' outputs, within <see cref="Tolerance"/> (relative to max(1, |expected|)) on all 128 samples; the
/// training losses must match the double-precision loss. Throws with the worst case otherwise.
/// </summary>
public static class AgreementCheck
{
    /// <summary>Largest allowed difference, scaled by max(1, |expected|).</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Checks both nets and both training setups, writing one line per comparison to <paramref name="log"/>.</summary>
    public static void Run(TextWriter log)
    {
        using (NetImplementations a = NetImplementations.ForNetA(out _, out _))
        {
            CheckForward(a, log);
        }

        using (NetImplementations b = NetImplementations.ForNetB(out _, out _))
        {
            CheckForward(b, log);
        }

        using (CnnImplementations cnn = CnnImplementations.Create())
        {
            CheckCnn(cnn, log);
        }

        CheckTraining(log);
    }

    /// <summary>
    /// Checks the CNN's StaticNets Predict (per sample), PredictBatch and both ONNX Runtime sessions against the
    /// double-precision reference, and ONNX Runtime against StaticNets, on all 128 samples.
    /// </summary>
    public static void CheckCnn(CnnImplementations cnn, TextWriter log)
    {
        int n = BenchData.BatchSize, inSize = cnn.Shape.InputSize, outSize = cnn.Shape.OutputSize;
        var expected = new double[n * outSize];
        var single = new float[n * outSize];
        var ortSingle = new float[n * outSize];
        for (int s = 0; s < n; s++)
        {
            ReadOnlySpan<float> x = cnn.Batch.AsSpan(s * inSize, inSize);
            ReferenceCnn.Forward(cnn.Shape, cnn.Parameters, x).CopyTo(expected, s * outSize);
            cnn.StaticNet.Predict(x, single.AsSpan(s * outSize, outSize));
            x.CopyTo(cnn.OrtSingle.Input);
            cnn.OrtSingle.Run();
            cnn.OrtSingle.Output.CopyTo(ortSingle, s * outSize);
        }

        // Leave the single-sample session's input as the timed runs expect it: the first sample.
        cnn.SingleInput.CopyTo(cnn.OrtSingle.Input, 0);
        var batch = new float[n * outSize];
        cnn.StaticNet.PredictBatch(cnn.Batch, batch);
        cnn.OrtBatch.Run();
        string net = cnn.Shape.Name;
        Compare($"{net} StaticNets Predict", single, expected, null, log);
        Compare($"{net} StaticNets PredictBatch({n})", batch, expected, single, log, "StaticNets Predict");
        Compare($"{net} ONNX Runtime batch 1", ortSingle, expected, single, log, "StaticNets Predict");
        Compare($"{net} ONNX Runtime batch {n}", cnn.OrtBatch.Output, expected, single, log, "StaticNets Predict");
        cnn.OrtBatchTwoThreads.Run();
        Compare($"{net} ONNX Runtime batch {n}, 2 threads", cnn.OrtBatchTwoThreads.Output, expected, single, log, "StaticNets Predict");
    }

    /// <summary>Checks one net's implementations (single-sample paths on every sample, batch paths on the batch).</summary>
    public static void CheckForward(NetImplementations impl, TextWriter log)
    {
        MlpShape shape = impl.Data.Shape;
        int n = BenchData.BatchSize, inSize = shape.InputSize, outSize = shape.OutputSize;
        var expected = new double[n * outSize];
        var naive = new float[n * outSize];
        var sample = new float[inSize];
        var sampleOut = new float[outSize];
        for (int s = 0; s < n; s++)
        {
            ReadOnlySpan<float> x = impl.Data.Batch.AsSpan(s * inSize, inSize);
            ReferenceMlp.Forward(shape, impl.Data.Parameters, x).CopyTo(expected, s * outSize);
            x.CopyTo(sample);
            impl.Naive.Predict(sample, sampleOut);
            sampleOut.CopyTo(naive, s * outSize);
        }

        Compare($"net {shape.Name} naive loops", naive, expected, null, log);

        var singles = new List<(string Name, Predictor Predict)>
        {
            ("StaticNets Predict", impl.StaticNet.Predict),
            ("hand SIMD Predict", impl.HandSimd),
            ("ONNX Runtime batch 1", (x, y) => { x.CopyTo(impl.OrtSingle.Input); impl.OrtSingle.Run(); impl.OrtSingle.Output.CopyTo(y); }),
        };
        foreach ((string name, Predictor predict) in singles)
        {
            var actual = new float[n * outSize];
            for (int s = 0; s < n; s++)
            {
                predict(impl.Data.Batch.AsSpan(s * inSize, inSize), actual.AsSpan(s * outSize, outSize));
            }

            Compare($"net {shape.Name} {name}", actual, expected, naive, log);
        }

        var staticBatch = new float[n * outSize];
        impl.StaticNet.PredictBatch(impl.Data.Batch, staticBatch);
        Compare($"net {shape.Name} StaticNets PredictBatch({n})", staticBatch, expected, naive, log);

        impl.Data.Batch.CopyTo(impl.OrtBatch.Input);
        impl.OrtBatch.Run();
        Compare($"net {shape.Name} ONNX Runtime batch {n}", impl.OrtBatch.Output, expected, naive, log);
        impl.Data.Batch.CopyTo(impl.OrtBatchTwoThreads.Input);
        impl.OrtBatchTwoThreads.Run();
        Compare($"net {shape.Name} ONNX Runtime batch {n}, 2 threads", impl.OrtBatchTwoThreads.Output, expected, naive, log);
    }

    /// <summary>The losses the training benchmarks' first steps report against double-precision losses.</summary>
    public static void CheckTraining(TextWriter log)
    {
        TrainingSetup b = TrainingSetup.ForNetB(threads: 1);
        double expectedB = ReferenceMlp.CategoricalCrossentropy(MlpShape.NetB, b.Network.Parameters, b.Inputs, b.Targets);
        CompareLoss("net B softmax CCE loss (TrainOnBatch 128)", b.Step(), expectedB, log);

        TrainingSetup a = TrainingSetup.ForNetA();
        double expectedA = ReferenceMlp.MeanSquaredError(MlpShape.NetA, a.Network.Parameters, a.Inputs, a.Targets);
        CompareLoss("net A MSE loss (TrainOnBatch 32)", a.Step(), expectedA, log);

        foreach (int batch in new[] { 32, BenchData.BatchSize })
        {
            double? expected = null;
            foreach (int threads in new[] { 1, 2 })
            {
                TrainingSetup cnn = TrainingSetup.ForFashionCnn(batch, threads);
                expected ??= ReferenceCnn.SparseCrossentropyFromLogits(CnnShape.Fashion, cnn.Network.Parameters, cnn.Inputs, cnn.Targets);
                CompareLoss($"fashion CNN SCCE loss (TrainOnBatch {batch}, {threads} thr.)", cnn.Step(), expected.Value, log);
            }
        }
    }

    private static void CompareLoss(string label, float actual, double expected, TextWriter log)
    {
        double error = Math.Abs(actual - expected) / Math.Max(1, Math.Abs(expected));
        log.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-48} loss {1:G7} vs double {2:G7}: rel. diff {3:E1}", label, actual, expected, error));
        if (!(error <= Tolerance))
        {
            throw new InvalidOperationException($"{label}: loss {actual} differs from the double-precision {expected} by {error:E2} (> {Tolerance}).");
        }
    }

    private static void Compare(string label, ReadOnlySpan<float> actual, double[] expected, float[]? naive, TextWriter log, string naiveName = "naive")
    {
        double worst = 0, worstNaive = 0;
        int at = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
            if (double.IsNaN(error) || error > worst) { worst = error; at = i; }
            if (naive is not null)
            {
                worstNaive = Math.Max(worstNaive, Math.Abs(actual[i] - naive[i]) / Math.Max(1, Math.Abs(naive[i])));
            }
        }

        log.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-48} max diff vs double {1:E1}{2}", label, worst,
            naive is null ? "" : string.Format(CultureInfo.InvariantCulture, ", vs {0} {1:E1}", naiveName, worstNaive)));
        if (!(worst <= Tolerance) || !(worstNaive <= Tolerance))
        {
            throw new InvalidOperationException(
                $"{label} disagrees: output {at} is {actual[at]} but the double-precision reference gives {expected[at]} " +
                $"(max scaled diff {worst:E2}, vs {naiveName} {worstNaive:E2}; tolerance {Tolerance}).");
        }
    }
}
