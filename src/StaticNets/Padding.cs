namespace StaticNets;

/// <summary>How a convolution or pooling window treats the input's borders (Keras <c>padding=</c>).</summary>
public enum Padding
{
    /// <summary>No padding: the window only visits positions that fit, <c>out = floor((n − k) / s) + 1</c>.</summary>
    Valid,

    /// <summary>
    /// Zero padding (−∞ for max pooling) so that <c>out = ceil(n / s)</c>; like Keras, an odd total pads one more
    /// row/column after (bottom/right) than before.
    /// </summary>
    Same,
}
