using System;

namespace StaticNets;

/// <summary>
/// A loss with Keras semantics: per-sample mean over the last axis, then the mean over the batch
/// (<c>"sum_over_batch_size"</c>).
/// </summary>
public abstract class Loss
{
    /// <summary>Keras <c>"mse"</c>: <see cref="StaticNets.MeanSquaredError"/> with its defaults.</summary>
    public static MeanSquaredError MeanSquaredError { get; } = new();

    /// <summary>Keras <c>"mae"</c>: <see cref="StaticNets.MeanAbsoluteError"/> with its defaults.</summary>
    public static MeanAbsoluteError MeanAbsoluteError { get; } = new();

    /// <summary>Keras <c>"huber"</c>: <see cref="StaticNets.Huber"/> with <c>delta = 1</c>.</summary>
    public static Huber Huber { get; } = new();

    /// <summary>Keras <c>"binary_crossentropy"</c>: <see cref="StaticNets.BinaryCrossentropy"/> on probabilities, no smoothing.</summary>
    public static BinaryCrossentropy BinaryCrossentropy { get; } = new();

    /// <summary>Keras <c>"categorical_crossentropy"</c>: <see cref="StaticNets.CategoricalCrossentropy"/> on probabilities, no smoothing.</summary>
    public static CategoricalCrossentropy CategoricalCrossentropy { get; } = new();

    /// <summary>Keras <c>"sparse_categorical_crossentropy"</c>: <see cref="StaticNets.SparseCategoricalCrossentropy"/> on probabilities.</summary>
    public static SparseCategoricalCrossentropy SparseCategoricalCrossentropy { get; } = new();

    /// <summary>Target floats per sample for a model with <paramref name="outputSize"/> outputs.</summary>
    public virtual int TargetSize(int outputSize) => outputSize;

    /// <summary>
    /// Checks that <paramref name="targets"/> are valid for this loss (for example class indices in range), so that
    /// training can reject bad data before it changes any weight. The default accepts any values.
    /// </summary>
    /// <param name="targets">Targets, <c>n × TargetSize(outputSize)</c>.</param>
    /// <param name="outputSize">Floats per output sample.</param>
    /// <exception cref="System.ArgumentException">A target is not valid for this loss.</exception>
    public virtual void ValidateTargets(ReadOnlySpan<float> targets, int outputSize)
    {
    }

    /// <summary>
    /// The batch loss and its gradient, either with respect to the outputs or, where the loss has a fused and
    /// numerically stable form through the output activation (Softmax + categorical cross-entropy, Sigmoid + binary
    /// cross-entropy, <c>fromLogits</c>), with respect to the logits.
    /// </summary>
    /// <param name="outputs">Predictions after the output activation, <c>n × outputSize</c>.</param>
    /// <param name="logits">The same predictions before the output activation, <c>n × outputSize</c>.</param>
    /// <param name="targets">Targets, <c>n × TargetSize(outputSize)</c>.</param>
    /// <param name="outputSize">Floats per sample.</param>
    /// <param name="outputActivation">The activation between <paramref name="logits"/> and <paramref name="outputs"/>.</param>
    /// <param name="gradient">Receives ∂loss/∂outputs or ∂loss/∂logits (see the return value), <c>n × outputSize</c>, already divided by n.</param>
    /// <param name="gradientTarget">Which of the two <paramref name="gradient"/> holds.</param>
    /// <returns>The mean loss over the batch.</returns>
    public abstract float Compute(
        ReadOnlySpan<float> outputs,
        ReadOnlySpan<float> logits,
        ReadOnlySpan<float> targets,
        int outputSize,
        Activation outputActivation,
        Span<float> gradient,
        out GradientTarget gradientTarget);
}

/// <summary>What a loss gradient is taken with respect to.</summary>
public enum GradientTarget
{
    /// <summary>∂loss/∂outputs: the caller still back-propagates through the output activation.</summary>
    Outputs,

    /// <summary>∂loss/∂logits: the loss already went through the output activation.</summary>
    Logits,
}
