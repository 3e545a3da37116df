using System;
using System.Collections.Generic;
using System.IO;

namespace StaticNets;

/// <summary>
/// Keras's training API on any generated network: <c>Compile</c>, <c>Fit</c>, <c>Evaluate</c>, <c>TrainOnBatch</c>
/// and <c>ComputeGradients</c>. Training is not thread-safe on one instance.
/// </summary>
public static class NetworkTraining
{
    /// <summary>
    /// Configures the model for training (Keras <c>model.compile</c>). Compiling again replaces the configuration and
    /// resets <paramref name="optimizer"/>'s state (iterations and slots).
    /// </summary>
    /// <param name="model">The network to train.</param>
    /// <param name="optimizer">Updates the weights; use one optimizer instance per model.</param>
    /// <param name="loss">The loss to minimise, e.g. <see cref="Loss.MeanSquaredError"/>.</param>
    /// <param name="metrics">Metrics to report besides the loss, in order.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A metric is repeated or undefined for this loss (e.g. mean absolute error with class-index targets).</exception>
    public static void Compile(this ITrainableNetwork model, Optimizer optimizer, Loss loss, params Metric[] metrics)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(metrics);
        var configuration = new TrainingConfiguration(optimizer, loss, metrics);
        configuration.ResolveMetrics(model.OutputSize);
        optimizer.Reset();
        model.Training = configuration;
    }

    /// <summary>
    /// Forward pass, compiled loss and backward pass on one batch (training mode), without changing the weights.
    /// </summary>
    /// <param name="model">A compiled network.</param>
    /// <param name="x">Samples, row-major, <c>n × InputSize</c>.</param>
    /// <param name="y">Targets: <c>n × OutputSize</c>, or n class indices for <see cref="SparseCategoricalCrossentropy"/>.</param>
    /// <param name="gradients">Receives ∂loss/∂Parameters (length <c>ParameterCount</c>, Parameters' order).</param>
    /// <returns>The batch's mean loss.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentException">A length does not fit the model, or a target is invalid for the loss.</exception>
    public static float ComputeGradients(this ITrainableNetwork model, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> gradients)
    {
        TrainingConfiguration configuration = Compiled(model);
        CheckBatch(model, configuration.Loss, x, y);
        if (gradients.Length != model.ParameterCount)
        {
            throw new ArgumentException(
                $"Expected {model.ParameterCount} values in gradients (ParameterCount), but got {gradients.Length}.", nameof(gradients));
        }

        using TrainingGuard.Scope training = configuration.Guard.Enter();
        return model.ComputeGradients(x, y, configuration.Loss, gradients, Span<float>.Empty);
    }

    /// <summary>
    /// Sets how many threads each training step of <paramref name="model"/> may use, 1 or 2 (see
    /// <see cref="TrainingConfiguration.TrainingThreads"/>); applies until the next <c>Compile</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is not 1 or 2.</exception>
    public static void SetTrainingThreads(this ITrainableNetwork model, int threads) => Compiled(model).TrainingThreads = threads;

    /// <summary>
    /// One optimizer step on one batch (Keras <c>train_on_batch</c>). Allocates nothing once its buffers exist.
    /// </summary>
    /// <param name="model">A compiled network.</param>
    /// <param name="x">Samples, row-major, <c>n × InputSize</c>.</param>
    /// <param name="y">Targets: <c>n × OutputSize</c>, or n class indices for <see cref="SparseCategoricalCrossentropy"/>.</param>
    /// <returns>The batch's mean loss before the update.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentException">A length does not fit the model, or a target is invalid for the loss.</exception>
    public static float TrainOnBatch(this ITrainableNetwork model, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        TrainingConfiguration configuration = Compiled(model);
        CheckBatch(model, configuration.Loss, x, y);
        using TrainingGuard.Scope training = configuration.Guard.Enter();
        Span<float> gradients = configuration.Workspace.Gradients(model.ParameterCount).AsSpan(0, model.ParameterCount);
        float loss = model.ComputeGradients(x, y, configuration.Loss, gradients, Span<float>.Empty);
        configuration.Optimizer.Apply(model.Parameters, gradients, model.NonTrainableRanges);
        model.UpdateMovingStatistics();
        return loss;
    }

    /// <summary>
    /// Trains the model for a number of epochs, like Keras's <c>model.fit</c> on arrays.
    /// </summary>
    /// <param name="model">A compiled network.</param>
    /// <param name="x">Samples, row-major, <c>n × InputSize</c>.</param>
    /// <param name="y">Targets: <c>n × OutputSize</c>, or n class indices for <see cref="SparseCategoricalCrossentropy"/>.</param>
    /// <param name="epochs">Passes over the training data (0 trains nothing).</param>
    /// <param name="batchSize">Samples per gradient step; the last batch of an epoch may be smaller.</param>
    /// <param name="validationSplit">
    /// Fraction in [0, 1) of the data held out for validation: the last <c>n − floor(n·(1 − split))</c> samples,
    /// taken before any shuffling and evaluated (in inference mode) after each epoch as <c>val_loss</c>, <c>val_…</c>.
    /// </param>
    /// <param name="shuffle">Whether to shuffle the training samples before each epoch.</param>
    /// <param name="verbose">0 silent, 1 Keras's progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Callbacks to run, in order.</param>
    /// <param name="seed">Seed of the shuffle, for reproducible runs; null picks one at random.</param>
    /// <param name="output">Where progress and callback messages go; <see cref="Console.Out"/> by default.</param>
    /// <param name="validationData">
    /// Keras <c>validation_data</c>: inputs and targets evaluated (inference mode, unweighted) after each epoch as
    /// <c>val_loss</c>, <c>val_…</c>; when given, <paramref name="validationSplit"/> is ignored, as in Keras.
    /// </param>
    /// <param name="classWeight">
    /// Keras <c>class_weight</c>: a weight per class index, multiplying the training loss of the samples of that
    /// class (the class is the rounded target for class-index targets or one output, else the argmax of the
    /// target row; unlisted classes weigh 1). Not applied to validation.
    /// </param>
    /// <param name="sampleWeight">
    /// Keras <c>sample_weight</c>: one weight per sample of <paramref name="x"/>. A batch's loss is
    /// <c>Σ wᵢ·lossᵢ / batch size</c> (Keras's <c>sum_over_batch_size</c>, not divided by the sum of the weights), and
    /// so are its gradients; the validation part of a <paramref name="validationSplit"/> keeps its weights. Metrics
    /// stay unweighted, as Keras's compiled <c>metrics</c> are.
    /// </param>
    /// <returns>The per-epoch loss and metric values.</returns>
    /// <remarks>
    /// <para>
    /// Each step computes the gradient of one batch in training mode and applies the optimizer. The logged
    /// <c>loss</c> and metrics are running means over the epoch, weighted by batch size, computed from the
    /// training-mode predictions of each batch before its update (as Keras does).
    /// </para>
    /// <para>
    /// Shuffle: every epoch starts from the training samples in order and applies a Fisher–Yates shuffle
    /// (for i = n−1 … 1, swap i with j = ⌊r·(i+1) / 2^64⌋, r the next 64-bit draw) driven by one
    /// <see cref="Runtime.NetworkRandom"/> stream seeded once per call, so a seed gives the same batches on every
    /// machine and .NET version.
    /// </para>
    /// <para>
    /// Progress (verbose 1): Keras 2's bar, rewritten in place on a terminal; when the output is redirected or a
    /// <paramref name="output"/> writer is given, only each epoch's final line is written. Every argument is checked
    /// before any weight changes.
    /// </para>
    /// </remarks>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">epochs, batchSize, validationSplit or verbose is out of range.</exception>
    /// <exception cref="ArgumentException">
    /// The data is empty or does not fit the model, a target is invalid, a callback is null, the split leaves a part
    /// empty, the validation data does not fit, <paramref name="sampleWeight"/> has the wrong length, or both
    /// <paramref name="classWeight"/> and <paramref name="sampleWeight"/> are given.
    /// </exception>
    public static History Fit(
        this ITrainableNetwork model,
        float[] x,
        float[] y,
        int epochs = 1,
        int batchSize = 32,
        double validationSplit = 0,
        bool shuffle = true,
        int verbose = 1,
        IEnumerable<Callback>? callbacks = null,
        int? seed = null,
        TextWriter? output = null,
        (float[] X, float[] Y)? validationData = null,
        IReadOnlyDictionary<int, float>? classWeight = null,
        float[]? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (validationData is { } validation)
        {
            ArgumentNullException.ThrowIfNull(validation.X, nameof(validationData));
            ArgumentNullException.ThrowIfNull(validation.Y, nameof(validationData));
        }

        FitData data = Data(
            validationData is { } v ? ((ReadOnlyMemory<float>)v.X, (ReadOnlyMemory<float>)v.Y) : ((ReadOnlyMemory<float>, ReadOnlyMemory<float>)?)null,
            classWeight,
            sampleWeight is null ? (ReadOnlyMemory<float>?)null : sampleWeight);
        return FitLoop.Run(model, x, y, epochs, batchSize, validationSplit, shuffle, verbose, callbacks, seed, output, FitEnvironment.Default, data);
    }

    /// <summary>
    /// <see cref="Fit(ITrainableNetwork, float[], float[], int, int, double, bool, int, IEnumerable{Callback}, int?, TextWriter, Nullable{ValueTuple{float[], float[]}}, IReadOnlyDictionary{int, float}, float[])"/>
    /// on memory that need not be a whole array.
    /// </summary>
    /// <inheritdoc cref="Fit(ITrainableNetwork, float[], float[], int, int, double, bool, int, IEnumerable{Callback}, int?, TextWriter, Nullable{ValueTuple{float[], float[]}}, IReadOnlyDictionary{int, float}, float[])"/>
    public static History Fit(
        this ITrainableNetwork model,
        ReadOnlyMemory<float> x,
        ReadOnlyMemory<float> y,
        int epochs = 1,
        int batchSize = 32,
        double validationSplit = 0,
        bool shuffle = true,
        int verbose = 1,
        IEnumerable<Callback>? callbacks = null,
        int? seed = null,
        TextWriter? output = null,
        (ReadOnlyMemory<float> X, ReadOnlyMemory<float> Y)? validationData = null,
        IReadOnlyDictionary<int, float>? classWeight = null,
        ReadOnlyMemory<float>? sampleWeight = null)
        => FitLoop.Run(model, x, y, epochs, batchSize, validationSplit, shuffle, verbose, callbacks, seed, output, FitEnvironment.Default, Data(validationData, classWeight, sampleWeight));

    private static FitData Data(
        (ReadOnlyMemory<float> X, ReadOnlyMemory<float> Y)? validationData,
        IReadOnlyDictionary<int, float>? classWeight,
        ReadOnlyMemory<float>? sampleWeight)
        => validationData is null && classWeight is null && sampleWeight is null
            ? FitData.None
            : new FitData
            {
                ValidationX = validationData?.X,
                ValidationY = validationData?.Y,
                ClassWeight = classWeight,
                SampleWeight = sampleWeight,
            };

    /// <summary>
    /// The loss and metrics of the model on data, in inference mode (Keras <c>model.evaluate</c>, silent).
    /// </summary>
    /// <param name="model">A compiled network.</param>
    /// <param name="x">Samples, row-major, <c>n × InputSize</c>.</param>
    /// <param name="y">Targets: <c>n × OutputSize</c>, or n class indices for <see cref="SparseCategoricalCrossentropy"/>.</param>
    /// <param name="batchSize">Samples per forward pass.</param>
    /// <returns><c>"loss"</c> and the metric names (e.g. <c>"accuracy"</c>), each the mean over all samples.</returns>
    /// <remarks>
    /// Inference mode only yields the model's outputs, so the loss receives them as both outputs and logits; every
    /// built-in loss computes its value from the outputs alone (for <c>fromLogits</c> losses the outputs are the logits).
    /// </remarks>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The data is empty or does not fit the model, or a target is invalid.</exception>
    public static IReadOnlyDictionary<string, double> Evaluate(this ITrainableNetwork model, float[] x, float[] y, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Evaluate(model, (ReadOnlyMemory<float>)x, y, batchSize);
    }

    /// <inheritdoc cref="Evaluate(ITrainableNetwork, float[], float[], int)"/>
    public static IReadOnlyDictionary<string, double> Evaluate(this ITrainableNetwork model, ReadOnlyMemory<float> x, ReadOnlyMemory<float> y, int batchSize = 32)
    {
        TrainingConfiguration configuration = Compiled(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        int samples = CheckBatch(model, configuration.Loss, x.Span, y.Span);
        MetricState[] metrics = configuration.ResolveMetrics(model.OutputSize, evaluation: true);
        var logs = new TrainingLogs();
        Span<double> metricMeans = stackalloc double[metrics.Length];
        double loss = FitLoop.EvaluateInference(model, configuration, x.Span, y.Span, ReadOnlySpan<float>.Empty, samples, batchSize, metrics, metricMeans);
        logs.Set("loss", loss);
        for (int m = 0; m < metrics.Length; m++) logs.Set(configuration.MetricNames[m], metricMeans[m]);
        return logs;
    }

    /// <summary>The model's configuration, or the "call Compile first" error.</summary>
    internal static TrainingConfiguration Compiled(ITrainableNetwork model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Training ?? throw new InvalidOperationException("The model has no training configuration; call Compile first.");
    }

    /// <summary>Checks one batch of inputs and targets against the model and the loss; returns the sample count.</summary>
    internal static int CheckBatch(ITrainableNetwork model, Loss loss, ReadOnlySpan<float> x, ReadOnlySpan<float> y, string? parameter = null)
    {
        int inputSize = model.InputSize;
        string xName = parameter is null ? nameof(x) : parameter + ".X";
        string yName = parameter is null ? nameof(y) : parameter + ".Y";
        if (x.IsEmpty) throw new ArgumentException($"{xName} holds no samples.", parameter ?? nameof(x));
        if (x.Length % inputSize != 0)
        {
            throw new ArgumentException(
                $"Expected a multiple of {inputSize} values (InputSize) in {xName}, but got {x.Length}.", parameter ?? nameof(x));
        }

        int samples = x.Length / inputSize;
        int targetSize = loss.TargetSize(model.OutputSize);
        if ((long)samples * targetSize != y.Length)
        {
            throw new ArgumentException(
                $"Expected {(long)samples * targetSize} values in {yName} ({samples} samples × {targetSize} per sample for {loss.GetType().Name}), but got {y.Length}.",
                parameter ?? nameof(y));
        }

        loss.ValidateTargets(y, model.OutputSize);
        return samples;
    }
}
