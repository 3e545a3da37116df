using System;

namespace StaticNets;

/// <summary>
/// Keras <c>Embedding</c>: a table <c>(inputDim, outputDim)</c> (uniform in ±0.05 at first) whose rows replace token
/// ids: a sample of <c>(steps)</c> ids becomes <c>(steps, outputDim)</c>. Ids arrive as floats holding integers, as
/// Keras casts them; an id outside <c>[0, inputDim)</c> throws <see cref="ArgumentOutOfRangeException"/>. Must be the
/// first layer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EmbeddingAttribute(int inputDim, int outputDim) : LayerAttribute
{
    /// <summary>Vocabulary size: ids run from 0 to <c>inputDim − 1</c>.</summary>
    public int InputDim { get; } = inputDim;

    /// <summary>Floats per id.</summary>
    public int OutputDim { get; } = outputDim;

    /// <summary>
    /// Treat id 0 as padding (Keras <c>mask_zero</c>): recurrent layers skip those steps (keeping their state) and
    /// <c>GlobalAveragePooling1D</c> averages only the other steps.
    /// </summary>
    public bool MaskZero { get; set; }

    /// <summary>
    /// Keras <c>embeddings_regularizer=l1(...)</c>: adds <c>KernelL1 · Σ|w|</c> over the embedding table to the training loss. Default 0 (none).
    /// </summary>
    public double KernelL1 { get; set; }

    /// <summary>
    /// Keras <c>embeddings_regularizer=l2(...)</c>: adds <c>KernelL2 · Σw²</c> over the embedding table to the training loss. Default 0 (none).
    /// </summary>
    public double KernelL2 { get; set; }
}
