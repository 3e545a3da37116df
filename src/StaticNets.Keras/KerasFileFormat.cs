namespace StaticNets.Keras;

/// <summary>The kind of file a <see cref="KerasModel"/> was read from.</summary>
public enum KerasFileFormat
{
    /// <summary>A Keras 3 <c>.keras</c> archive (zip of <c>config.json</c>, <c>metadata.json</c>, <c>model.weights.h5</c>).</summary>
    KerasArchive,

    /// <summary>A legacy Keras 2 / tf.keras <c>model.save("x.h5")</c> file (<c>model_config</c> + <c>model_weights</c>).</summary>
    LegacyHdf5Model,

    /// <summary>A Keras 3 <c>save_weights("x.weights.h5")</c> file, with the model's JSON given separately.</summary>
    Keras3Weights,

    /// <summary>A Keras 2 <c>save_weights("x.h5")</c> file, with the model's JSON given separately.</summary>
    LegacyHdf5Weights,
}
