using System;

namespace StaticNets;

/// <summary>A pooling window: its size, step and border handling (Keras <c>pool_size</c>, <c>strides</c>, <c>padding</c>).</summary>
public abstract class PoolingAttribute : LayerAttribute
{
    private int? _strides;

    /// <summary>Declares a window of <paramref name="poolSize"/> along each pooled axis.</summary>
    protected PoolingAttribute(int poolSize) => PoolSize = poolSize;

    /// <summary>The window's size along each pooled axis.</summary>
    public int PoolSize { get; }

    /// <summary>Step between windows; defaults to <see cref="PoolSize"/> (non-overlapping windows), like Keras.</summary>
    public int Strides { get => _strides ?? PoolSize; set => _strides = value; }

    /// <summary>Border handling. Default <see cref="StaticNets.Padding.Valid"/>.</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}

/// <summary>Keras <c>MaxPooling1D</c>: the maximum of each window over a <c>(steps, channels)</c> input.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPooling1DAttribute(int poolSize = 2) : PoolingAttribute(poolSize);

/// <summary>A 2-D pooling window: as <see cref="PoolingAttribute"/>, with a stride per axis (Keras <c>strides=(sh, sw)</c>).</summary>
public abstract class Pooling2DAttribute : PoolingAttribute
{
    private int? _stridesHeight, _stridesWidth;

    /// <summary>Declares a <paramref name="poolSize"/> × <paramref name="poolSize"/> window.</summary>
    protected Pooling2DAttribute(int poolSize)
        : base(poolSize)
    {
    }

    /// <summary>Step between windows down the rows; defaults to <see cref="PoolingAttribute.Strides"/>.</summary>
    public int StridesHeight { get => _stridesHeight ?? Strides; set => _stridesHeight = value; }

    /// <summary>Step between windows along the columns; defaults to <see cref="PoolingAttribute.Strides"/>.</summary>
    public int StridesWidth { get => _stridesWidth ?? Strides; set => _stridesWidth = value; }
}

/// <summary>Keras <c>MaxPooling2D</c>: the maximum of each <c>poolSize × poolSize</c> window over a <c>(height, width, channels)</c> input.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPooling2DAttribute(int poolSize = 2) : Pooling2DAttribute(poolSize);

/// <summary>Keras <c>AveragePooling1D</c>: the mean of each window (with Same padding, of its real elements only).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AveragePooling1DAttribute(int poolSize = 2) : PoolingAttribute(poolSize);

/// <summary>Keras <c>AveragePooling2D</c>: the mean of each window (with Same padding, of its real elements only).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AveragePooling2DAttribute(int poolSize = 2) : Pooling2DAttribute(poolSize);

/// <summary>Keras <c>GlobalAveragePooling1D</c>: <c>(steps, channels)</c> → <c>(channels)</c>, the mean over steps.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAveragePooling1DAttribute : LayerAttribute;

/// <summary>Keras <c>GlobalMaxPooling1D</c>: <c>(steps, channels)</c> → <c>(channels)</c>, the maximum over steps.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPooling1DAttribute : LayerAttribute;

/// <summary>Keras <c>GlobalAveragePooling2D</c>: <c>(height, width, channels)</c> → <c>(channels)</c>, the mean over positions.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAveragePooling2DAttribute : LayerAttribute;

/// <summary>Keras <c>GlobalMaxPooling2D</c>: <c>(height, width, channels)</c> → <c>(channels)</c>, the maximum over positions.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPooling2DAttribute : LayerAttribute;
