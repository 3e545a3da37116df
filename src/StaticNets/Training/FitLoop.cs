using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using StaticNets.Runtime;

namespace StaticNets;

/// <summary>The body of <c>Fit</c> (Keras's <c>fit</c> loop for arrays) and the inference-mode evaluation it shares with <c>Evaluate</c>.</summary>
internal static class FitLoop
{
    public static History Run(
        ITrainableNetwork model,
        ReadOnlyMemory<float> x,
        ReadOnlyMemory<float> y,
        int epochs,
        int batchSize,
        double validationSplit,
        bool shuffle,
        int verbose,
        IEnumerable<Callback>? callbacks,
        int? seed,
        TextWriter? output,
        FitEnvironment environment,
        FitData? data = null)
    {
        data ??= FitData.None;
        // Every check happens here, before a callback runs or a weight changes.
        TrainingConfiguration configuration = NetworkTraining.Compiled(model);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (!(validationSplit >= 0 && validationSplit < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, "validationSplit must lie in [0, 1).");
        }

        if (verbose is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(verbose), verbose, "verbose must be 0 (silent), 1 (progress bar) or 2 (one line per epoch).");
        }

        int samples = NetworkTraining.CheckBatch(model, configuration.Loss, x.Span, y.Span);
        MetricState[] metrics = configuration.ResolveMetrics(model.OutputSize);
        List<Callback> callbackList = CallbackList(callbacks);
        int trainCount = samples;
        bool separateValidation = data.ValidationX is not null;
        if (separateValidation)
        {
            // Keras: validation_data overrides validation_split.
            validationSplit = 0;
            NetworkTraining.CheckBatch(model, configuration.Loss, data.ValidationX!.Value.Span, data.ValidationY!.Value.Span, "validationData");
        }

        float[]? weights = SampleWeights.Resolve(data.ClassWeight, data.SampleWeight, y.Span, samples, configuration.Loss.TargetSize(model.OutputSize));
        if (validationSplit > 0)
        {
            trainCount = (int)Math.Floor(samples * (1.0 - validationSplit));
            if (trainCount == 0 || trainCount == samples)
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"validationSplit {validationSplit} of {samples} samples leaves {trainCount} for training and {samples - trainCount} for validation; both parts need at least one sample."),
                    nameof(validationSplit));
            }
        }

        int inputSize = model.InputSize;
        int outputSize = model.OutputSize;
        int targetSize = configuration.Loss.TargetSize(outputSize);
        int validationCount = samples - trainCount;
        ReadOnlyMemory<float> validationX = x[(trainCount * inputSize)..];
        ReadOnlyMemory<float> validationY = y[(trainCount * targetSize)..];

        // As Keras: a split's validation part keeps its sample weights, but class weights apply to training only.
        ReadOnlyMemory<float> validationWeights = weights is not null && data.SampleWeight is not null
            ? weights.AsMemory(trainCount)
            : ReadOnlyMemory<float>.Empty;
        if (separateValidation)
        {
            validationX = data.ValidationX!.Value;
            validationY = data.ValidationY!.Value;
            validationCount = validationX.Length / inputSize;
            validationWeights = ReadOnlyMemory<float>.Empty;
        }

        Loss trainingLoss = weights is null ? configuration.Loss : new SampleWeightedLoss(configuration.Loss);
        int steps = (trainCount + batchSize - 1) / batchSize;
        TextWriter writer = output ?? Console.Out;
        bool dynamicDisplay = environment.DynamicDisplay ?? (output is null && !Console.IsOutputRedirected);

        using TrainingGuard.Scope training = configuration.Guard.Enter();
        var history = new History(verbose, epochs, steps);
        var session = new TrainingSession(model, configuration, writer);
        configuration.StopTraining = false;
        foreach (Callback callback in callbackList) callback.Attach(session);

        var random = new NetworkRandom(seed ?? NetworkRandom.NewSeed());
        TrainingWorkspace workspace = configuration.Workspace;
        Memory<float> gradients = workspace.Gradients(model.ParameterCount).AsMemory(0, model.ParameterCount);
        int[] order = workspace.Order(trainCount);
        var batchLogs = new TrainingLogs();
        batchLogs.Set("loss", 0);
        foreach (string name in configuration.MetricNames) batchLogs.Set(name, 0);
        Span<double> validationMetrics = stackalloc double[metrics.Length];

        foreach (Callback callback in callbackList) callback.OnTrainBegin();
        IReadOnlyDictionary<string, double> lastLogs = TrainingLogs.Empty;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            // Keras's ProgbarLogger runs first: it starts the bar's clock and prints the epoch header.
            KerasProgressBar? progress = verbose > 0
                ? new KerasProgressBar(steps, verbose, writer, dynamicDisplay, environment.Clock)
                : null;
            if (verbose > 0 && epochs > 1) writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch + 1}/{epochs}"));
            foreach (Callback callback in callbackList) callback.OnEpochBegin(epoch);

            for (int i = 0; i < trainCount; i++) order[i] = i;
            if (shuffle) Shuffle(order.AsSpan(0, trainCount), ref random);

            double lossSum = 0;
            int seen = 0;
            foreach (MetricState metric in metrics) metric.Reset();
            for (int batch = 0; batch < steps; batch++)
            {
                int first = batch * batchSize;
                int count = Math.Min(batchSize, trainCount - first);
                ReadOnlySpan<float> batchX;
                ReadOnlySpan<float> batchY;
                ReadOnlySpan<float> lossTargets;
                if (shuffle)
                {
                    Span<float> gatheredX = workspace.BatchInputs(batchSize * inputSize).AsSpan(0, count * inputSize);
                    Span<float> gatheredY = workspace.BatchTargets(batchSize * targetSize).AsSpan(0, count * targetSize);
                    Gather(x.Span, order.AsSpan(first, count), inputSize, gatheredX);
                    Gather(y.Span, order.AsSpan(first, count), targetSize, gatheredY);
                    batchX = gatheredX;
                    batchY = gatheredY;
                }
                else
                {
                    batchX = x.Span.Slice(first * inputSize, count * inputSize);
                    batchY = y.Span.Slice(first * targetSize, count * targetSize);
                }

                lossTargets = batchY;
                if (weights is not null)
                {
                    Span<float> weighted = workspace.WeightedTargets(batchSize * (targetSize + 1)).AsSpan(0, count * (targetSize + 1));
                    for (int i = 0; i < count; i++)
                    {
                        weighted[i * (targetSize + 1)] = weights[shuffle ? order[first + i] : first + i];
                        batchY.Slice(i * targetSize, targetSize).CopyTo(weighted.Slice((i * (targetSize + 1)) + 1, targetSize));
                    }

                    lossTargets = weighted;
                }

                foreach (Callback callback in callbackList) callback.OnBatchBegin(batch);

                Span<float> outputs = metrics.Length > 0
                    ? workspace.Outputs(batchSize * outputSize).AsSpan(0, count * outputSize)
                    : Span<float>.Empty;
                float loss = model.ComputeGradients(batchX, lossTargets, trainingLoss, gradients.Span, outputs);
                configuration.Optimizer.Apply(model.Parameters, gradients.Span, model.NonTrainableRanges);
                model.UpdateMovingStatistics();

                lossSum += (double)loss * count;
                seen += count;
                batchLogs.SetAt(0, lossSum / seen);
                for (int m = 0; m < metrics.Length; m++)
                {
                    metrics[m].Update(outputs, batchY, outputSize);
                    batchLogs.SetAt(m + 1, metrics[m].Result());
                }

                // Keras calls the progress bar's batch hook only for verbose 1.
                if (verbose == 1) progress!.Update(batch + 1, batchLogs, finalize: false);
                foreach (Callback callback in callbackList) callback.OnBatchEnd(batch, batchLogs);
                if (configuration.StopTraining) break;
            }

            TrainingLogs epochLogs = batchLogs.Copy();
            if (validationCount > 0)
            {
                double validationLoss = EvaluateInference(
                    model,
                    configuration,
                    validationX.Span,
                    validationY.Span,
                    validationWeights.Span,
                    validationCount,
                    batchSize,
                    configuration.ResolveMetrics(outputSize, evaluation: true),
                    validationMetrics);
                epochLogs.Set("val_loss", validationLoss);
                for (int m = 0; m < metrics.Length; m++) epochLogs.Set("val_" + configuration.MetricNames[m], validationMetrics[m]);
            }

            progress?.Update(steps, epochLogs, finalize: true);
            foreach (Callback callback in callbackList) callback.OnEpochEnd(epoch, epochLogs);
            history.Record(epoch, epochLogs);
            lastLogs = epochLogs;
            if (configuration.StopTraining) break;
        }

        foreach (Callback callback in callbackList) callback.OnTrainEnd(lastLogs);
        return history;
    }

    /// <summary>
    /// Inference-mode loss (returned) and metrics (written to <paramref name="metricValues"/>) over
    /// <paramref name="samples"/> samples, in batches of <paramref name="batchSize"/>. The loss is the mean over all
    /// samples, of <c>wᵢ·lossᵢ</c> when <paramref name="weights"/> (one per sample) is not empty.
    /// </summary>
    public static double EvaluateInference(
        ITrainableNetwork model,
        TrainingConfiguration configuration,
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> y,
        ReadOnlySpan<float> weights,
        int samples,
        int batchSize,
        MetricState[] metrics,
        Span<double> metricValues)
    {
        int inputSize = model.InputSize;
        int outputSize = model.OutputSize;
        int targetSize = configuration.Loss.TargetSize(outputSize);
        int chunk = Math.Min(batchSize, samples);
        float[] outputBuffer = configuration.Workspace.Outputs(chunk * outputSize);
        float[] gradientBuffer = configuration.Workspace.LossGradient(chunk * outputSize);
        double lossSum = 0;
        foreach (MetricState metric in metrics) metric.Reset();
        for (int first = 0; first < samples; first += chunk)
        {
            int count = Math.Min(chunk, samples - first);
            ReadOnlySpan<float> batchY = y.Slice(first * targetSize, count * targetSize);
            Span<float> outputs = outputBuffer.AsSpan(0, count * outputSize);
            model.PredictBatch(x.Slice(first * inputSize, count * inputSize), outputs);
            Span<float> lossGradient = gradientBuffer.AsSpan(0, count * outputSize);
            if (weights.IsEmpty)
            {
                float loss = configuration.Loss.Compute(outputs, outputs, batchY, outputSize, model.OutputActivation, lossGradient, out _);
                lossSum += (double)loss * count;
            }
            else
            {
                // Σ wᵢ·lossᵢ: the batch's weighted loss (divided by the batch size) times the batch size.
                for (int i = 0; i < count; i++)
                {
                    float loss = configuration.Loss.Compute(
                        outputs.Slice(i * outputSize, outputSize),
                        outputs.Slice(i * outputSize, outputSize),
                        batchY.Slice(i * targetSize, targetSize),
                        outputSize,
                        model.OutputActivation,
                        lossGradient.Slice(i * outputSize, outputSize),
                        out _);
                    lossSum += (double)weights[first + i] * loss;
                }
            }

            foreach (MetricState metric in metrics) metric.Update(outputs, batchY, outputSize);
        }

        for (int m = 0; m < metrics.Length; m++) metricValues[m] = metrics[m].Result();

        // Keras adds the regularisers' penalties to every batch's loss; the weights do not change here, so once.
        return lossSum / samples + model.RegularizationLoss();
    }

    /// <summary>Fisher–Yates with <c>j = ⌊r·(i+1) / 2^64⌋</c> (the high half of a 64×64-bit product).</summary>
    internal static void Shuffle(Span<int> order, ref NetworkRandom random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)Math.BigMul(random.NextUInt64(), (ulong)(i + 1), out _);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static void Gather(ReadOnlySpan<float> source, ReadOnlySpan<int> rows, int rowSize, Span<float> destination)
    {
        for (int r = 0; r < rows.Length; r++)
        {
            source.Slice(rows[r] * rowSize, rowSize).CopyTo(destination.Slice(r * rowSize, rowSize));
        }
    }

    private static List<Callback> CallbackList(IEnumerable<Callback>? callbacks)
    {
        var list = new List<Callback>();
        if (callbacks is null) return list;
        foreach (Callback callback in callbacks)
        {
            if (callback is null) throw new ArgumentException($"Callback {list.Count} is null.", nameof(callbacks));
            list.Add(callback);
        }

        return list;
    }
}
