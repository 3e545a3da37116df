using System;
using System.ComponentModel;

namespace StaticNets;

/// <summary>
/// The training entry points of a generated network. Users call the <c>Compile</c>/<c>Fit</c>/<c>Evaluate</c>/
/// <c>TrainOnBatch</c>/<c>ComputeGradients</c> extension methods in the training runtime; these members are
/// what those methods drive, and the generated class implements them explicitly.
/// </summary>
public interface ITrainableNetwork : INetwork
{
    /// <summary>The last layer's activation, so a loss can take the fused, stable gradient through it.</summary>
    Activation OutputActivation { get; }

    /// <summary>
    /// Pairs <c>[start, length]</c> of <see cref="INetwork.Parameters"/> entries that optimizers must not change
    /// (e.g. BatchNormalization moving statistics). Empty for networks without such weights.
    /// </summary>
    ReadOnlySpan<int> NonTrainableRanges { get; }

    /// <summary>The configuration set by <c>Compile</c>; <see langword="null"/> until then.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    TrainingConfiguration? Training { get; set; }

    /// <summary>
    /// One training-mode pass over a batch: forward, <paramref name="loss"/>, backward.
    /// </summary>
    /// <param name="inputs">Samples, row-major, <c>n × InputSize</c>.</param>
    /// <param name="targets">Targets, <c>n × loss.TargetSize(OutputSize)</c>.</param>
    /// <param name="loss">The loss to differentiate.</param>
    /// <param name="gradients">Receives ∂loss/∂Parameters (length <c>ParameterCount</c>, Parameters' order; 0 for non-trainable entries).</param>
    /// <param name="outputs">Empty, or <c>n × OutputSize</c> to receive the training-mode predictions (for metrics).</param>
    /// <returns>The loss, the mean over the batch as Keras reports it.</returns>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Loss loss, Span<float> gradients, Span<float> outputs);

    /// <summary>
    /// Folds the batch statistics of the last <see cref="ComputeGradients"/> call into the non-trainable moving statistics
    /// (BatchNormalization's <c>moving = moving · momentum + batch · (1 − momentum)</c>), Keras's training-step side effect.
    /// <c>TrainOnBatch</c> and <c>Fit</c> call it once per step; gradients alone never move the statistics.
    /// Does nothing for networks without such layers, or before the first <see cref="ComputeGradients"/>.
    /// </summary>
    void UpdateMovingStatistics()
    {
    }

    /// <summary>
    /// The sum of the kernel regularisers' penalties (<c>KernelL1 · Σ|w| + KernelL2 · Σw²</c> over each regularised
    /// kernel) at the current weights: what Keras adds to a batch's loss (<c>sum(model.losses)</c>), and what
    /// <see cref="ComputeGradients"/>, <c>Fit</c> and <c>Evaluate</c> include in the loss they report. 0 when no layer
    /// sets <c>KernelL1</c> or <c>KernelL2</c>.
    /// </summary>
    float RegularizationLoss() => 0f;
}
