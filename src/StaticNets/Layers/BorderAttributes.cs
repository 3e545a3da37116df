using System;

namespace StaticNets;

/// <summary>
/// Keras <c>ZeroPadding2D</c>: adds rows and columns of zeros around a <c>(height, width, channels)</c> sample.
/// <see cref="Top"/>, <see cref="Bottom"/>, <see cref="Left"/> and <see cref="Right"/> default to <see cref="Padding"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ZeroPadding2DAttribute(int padding) : LayerAttribute
{
    private int? _top, _bottom, _left, _right;

    /// <summary>The rows and columns of zeros added on every side (at least 0).</summary>
    public int Padding { get; } = padding;

    /// <summary>Rows of zeros above the sample; defaults to <see cref="Padding"/>.</summary>
    public int Top { get => _top ?? Padding; set => _top = value; }

    /// <summary>Rows of zeros below the sample; defaults to <see cref="Padding"/>.</summary>
    public int Bottom { get => _bottom ?? Padding; set => _bottom = value; }

    /// <summary>Columns of zeros left of the sample; defaults to <see cref="Padding"/>.</summary>
    public int Left { get => _left ?? Padding; set => _left = value; }

    /// <summary>Columns of zeros right of the sample; defaults to <see cref="Padding"/>.</summary>
    public int Right { get => _right ?? Padding; set => _right = value; }
}

/// <summary>
/// Keras <c>Cropping2D</c>: removes rows and columns from the borders of a <c>(height, width, channels)</c> sample.
/// <see cref="Top"/>, <see cref="Bottom"/>, <see cref="Left"/> and <see cref="Right"/> default to <see cref="Cropping"/>;
/// at least one row and one column must remain.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Cropping2DAttribute(int cropping) : LayerAttribute
{
    private int? _top, _bottom, _left, _right;

    /// <summary>The rows and columns removed on every side (at least 0).</summary>
    public int Cropping { get; } = cropping;

    /// <summary>Rows removed at the top; defaults to <see cref="Cropping"/>.</summary>
    public int Top { get => _top ?? Cropping; set => _top = value; }

    /// <summary>Rows removed at the bottom; defaults to <see cref="Cropping"/>.</summary>
    public int Bottom { get => _bottom ?? Cropping; set => _bottom = value; }

    /// <summary>Columns removed on the left; defaults to <see cref="Cropping"/>.</summary>
    public int Left { get => _left ?? Cropping; set => _left = value; }

    /// <summary>Columns removed on the right; defaults to <see cref="Cropping"/>.</summary>
    public int Right { get => _right ?? Cropping; set => _right = value; }
}
