namespace StaticNets.Generator.Model;

/// <summary>
/// What a layer does with the mask an <c>Embedding(MaskZero = true)</c> puts on its steps, as Keras propagates masks:
/// layers that work per step pass it on, recurrent layers and <c>GlobalAveragePooling1D</c> use it, the rest drop it.
/// </summary>
internal enum MaskUse
{
    /// <summary>The mask stops here (Keras warns that such a layer destroys it).</summary>
    Drops,

    /// <summary>Passed on unchanged to the next layer (Dense, Dropout, Activation: the steps stay where they were).</summary>
    Passes,

    /// <summary>Used, and gone after this layer (a recurrent layer returning its last output, <c>GlobalAveragePooling1D</c>).</summary>
    Uses,

    /// <summary>Used, and passed on (a recurrent layer returning sequences).</summary>
    UsesAndPasses,

    /// <summary>Made here (<c>Embedding(MaskZero = true)</c>).</summary>
    Produces,
}
