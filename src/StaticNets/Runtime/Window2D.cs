using System.ComponentModel;

namespace StaticNets.Runtime;

/// <summary>
/// The geometry of a sliding window (convolution or pooling) over one channels-last sample of
/// <c>(Height, Width, Channels)</c> floats; 1-D layers use <c>Height = WindowHeight = OutputHeight = 1</c>.
/// Output position <c>(oh, ow)</c> covers input rows <c>oh·StrideHeight − PadTop + i·DilationHeight</c> for
/// <c>i &lt; WindowHeight</c> and columns <c>ow·StrideWidth − PadLeft + j·DilationWidth</c> for <c>j &lt; WindowWidth</c>;
/// cells outside the input are padding. The dilations are 1 (a dense window) unless set with an initializer,
/// <c>new Window2D(...) { DilationWidth = 2 }</c> (Conv1D's <c>DilationRate</c>). The generator computes every field
/// at compile time with Keras's formulas.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Window2D
{
    /// <summary>Describes a window; the generator passes constants that satisfy Keras's output-size formulas.</summary>
    public Window2D(int height, int width, int channels, int windowHeight, int windowWidth, int strideHeight, int strideWidth,
        int padTop, int padLeft, int outputHeight, int outputWidth)
    {
        Height = height;
        Width = width;
        Channels = channels;
        WindowHeight = windowHeight;
        WindowWidth = windowWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadTop = padTop;
        PadLeft = padLeft;
        OutputHeight = outputHeight;
        OutputWidth = outputWidth;
        DilationHeight = 1;
        DilationWidth = 1;
    }

    /// <summary>Input rows.</summary>
    public int Height { get; }

    /// <summary>Input columns.</summary>
    public int Width { get; }

    /// <summary>Input channels (the last, contiguous axis).</summary>
    public int Channels { get; }

    /// <summary>Window rows.</summary>
    public int WindowHeight { get; }

    /// <summary>Window columns.</summary>
    public int WindowWidth { get; }

    /// <summary>Step between windows down the rows.</summary>
    public int StrideHeight { get; }

    /// <summary>Step between windows along the columns.</summary>
    public int StrideWidth { get; }

    /// <summary>Padding rows before the first input row (Keras "same": <c>total / 2</c>, the extra row goes after).</summary>
    public int PadTop { get; }

    /// <summary>Padding columns before the first input column.</summary>
    public int PadLeft { get; }

    /// <summary>Output rows.</summary>
    public int OutputHeight { get; }

    /// <summary>Output columns.</summary>
    public int OutputWidth { get; }

    /// <summary>Rows between consecutive window rows (Keras <c>dilation_rate</c>); 1, a dense window, by default.</summary>
    public int DilationHeight { get; init; }

    /// <summary>Columns between consecutive window columns (Conv1D's <c>DilationRate</c>); 1, a dense window, by default.</summary>
    public int DilationWidth { get; init; }

    /// <summary>Whether the window's cells are adjacent (both dilations 1).</summary>
    public bool IsDense => DilationHeight == 1 && DilationWidth == 1;

    /// <summary>Floats in one input sample.</summary>
    public int InputSize => Height * Width * Channels;

    /// <summary>Window positions per sample (<c>OutputHeight · OutputWidth</c>).</summary>
    public int OutputPositions => OutputHeight * OutputWidth;

    /// <summary>Floats in one window (one im2col row): <c>WindowHeight · WindowWidth · Channels</c>, in that order.</summary>
    public int PatchSize => WindowHeight * WindowWidth * Channels;
}
