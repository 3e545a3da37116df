namespace StaticNets.Generator.Model;

/// <summary>Facts about each <see cref="LayerKind"/> that the checker and the emitter share.</summary>
internal static class LayerKinds
{
    /// <summary>Keras's default name prefix: the snake_case of the class name (<c>MaxPooling2D</c> → <c>max_pooling2d</c>).</summary>
    public static string NamePrefix(this LayerKind kind) => kind switch
    {
        LayerKind.Dense => "dense",
        LayerKind.Conv1D => "conv1d",
        LayerKind.Conv2D => "conv2d",
        LayerKind.MaxPooling1D => "max_pooling1d",
        LayerKind.MaxPooling2D => "max_pooling2d",
        LayerKind.AveragePooling1D => "average_pooling1d",
        LayerKind.AveragePooling2D => "average_pooling2d",
        LayerKind.GlobalAveragePooling1D => "global_average_pooling1d",
        LayerKind.GlobalAveragePooling2D => "global_average_pooling2d",
        LayerKind.GlobalMaxPooling2D => "global_max_pooling2d",
        LayerKind.Flatten => "flatten",
        LayerKind.Reshape => "reshape",
        LayerKind.Dropout => "dropout",
        _ => "batch_normalization",
    };

    /// <summary>The input rank a layer needs (2 for 1-D layers, 3 for 2-D layers), or 0 for any rank.</summary>
    public static int RequiredRank(this LayerKind kind) => kind switch
    {
        LayerKind.Conv1D or LayerKind.MaxPooling1D or LayerKind.AveragePooling1D or LayerKind.GlobalAveragePooling1D => 2,
        LayerKind.Conv2D or LayerKind.MaxPooling2D or LayerKind.AveragePooling2D or LayerKind.GlobalAveragePooling2D or LayerKind.GlobalMaxPooling2D => 3,
        _ => 0,
    };

    public static bool IsConvolution(this LayerKind kind) => kind is LayerKind.Conv1D or LayerKind.Conv2D;

    public static bool IsPooling(this LayerKind kind)
        => kind is LayerKind.MaxPooling1D or LayerKind.MaxPooling2D or LayerKind.AveragePooling1D or LayerKind.AveragePooling2D;

    public static bool IsMaxPooling(this LayerKind kind) => kind is LayerKind.MaxPooling1D or LayerKind.MaxPooling2D;

    public static bool IsGlobalPooling(this LayerKind kind)
        => kind is LayerKind.GlobalAveragePooling1D or LayerKind.GlobalAveragePooling2D or LayerKind.GlobalMaxPooling2D;

    /// <summary>Layers with a kernel, bias and activation (Dense and the convolutions).</summary>
    public static bool HasKernel(this LayerKind kind) => kind is LayerKind.Dense || kind.IsConvolution();

    /// <summary>Layers whose output is their input's floats unchanged (in every mode): no code, no buffer.</summary>
    public static bool IsReshaping(this LayerKind kind) => kind is LayerKind.Flatten or LayerKind.Reshape;
}
