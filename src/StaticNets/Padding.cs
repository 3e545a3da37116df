namespace StaticNets;

/// <summary>How a convolution or pooling window treats the input's borders (Keras <c>padding=</c>).</summary>
public enum Padding
{
    /// <summary>
    /// No padding: the window only visits positions that fit, <c>out = floor((n − k) / s) + 1</c>
    /// (<c>floor((n − d·(k − 1) − 1) / s) + 1</c> for a Conv1D with <c>DilationRate = d</c>).
    /// </summary>
    Valid,

    /// <summary>
    /// Zero padding (−∞ for max pooling) so that <c>out = ceil(n / s)</c>; like Keras, an odd total pads one more
    /// row/column after (bottom/right) than before.
    /// </summary>
    Same,

    /// <summary>
    /// Conv1D only (Keras <c>padding="causal"</c>): <c>d·(k − 1)</c> zeros before the first step and none after, so
    /// <c>out = ceil(n / s)</c> and output step t sees input steps up to <c>t·s</c> only, never later ones. Any other
    /// layer with <c>Padding.Causal</c> is compile error SN0021.
    /// </summary>
    Causal,
}
