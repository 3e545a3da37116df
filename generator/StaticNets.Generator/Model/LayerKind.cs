namespace StaticNets.Generator.Model;

/// <summary>The layer kinds the generator knows; each maps to one runtime attribute and is named like its Keras class.</summary>
internal enum LayerKind
{
    Dense,
    Conv1D,
    Conv2D,
    MaxPooling1D,
    MaxPooling2D,
    AveragePooling1D,
    AveragePooling2D,
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalMaxPooling2D,
    Flatten,
    Reshape,
    Dropout,
    BatchNormalization,
}
