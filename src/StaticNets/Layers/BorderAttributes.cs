using System;

namespace StaticNets;

/// <summary>
/// Rows and columns at each side of a <c>(height, width, channels)</c> sample: one value for every side, which
/// <see cref="Top"/>, <see cref="Bottom"/>, <see cref="Left"/> and <see cref="Right"/> override.
/// </summary>
public abstract class BordersAttribute : LayerAttribute
{
    private readonly int _all;
    private int? _top, _bottom, _left, _right;

    /// <summary>Sets every side to <paramref name="all"/>.</summary>
    protected BordersAttribute(int all) => _all = all;

    /// <summary>Rows at the top; defaults to the constructor's value.</summary>
    public int Top { get => _top ?? _all; set => _top = value; }

    /// <summary>Rows at the bottom; defaults to the constructor's value.</summary>
    public int Bottom { get => _bottom ?? _all; set => _bottom = value; }

    /// <summary>Columns on the left; defaults to the constructor's value.</summary>
    public int Left { get => _left ?? _all; set => _left = value; }

    /// <summary>Columns on the right; defaults to the constructor's value.</summary>
    public int Right { get => _right ?? _all; set => _right = value; }
}

/// <summary>Keras <c>ZeroPadding2D</c>: adds rows and columns of zeros around a <c>(height, width, channels)</c> sample.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ZeroPadding2DAttribute(int padding) : BordersAttribute(padding)
{
    /// <summary>The rows and columns of zeros added on every side (at least 0) unless a side says otherwise.</summary>
    public int Padding { get; } = padding;
}

/// <summary>
/// Keras <c>Cropping2D</c>: removes rows and columns from the borders of a <c>(height, width, channels)</c> sample;
/// at least one row and one column must remain.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Cropping2DAttribute(int cropping) : BordersAttribute(cropping)
{
    /// <summary>The rows and columns removed on every side (at least 0) unless a side says otherwise.</summary>
    public int Cropping { get; } = cropping;
}
