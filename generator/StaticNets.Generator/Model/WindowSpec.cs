using StaticNets.Generator.Helpers;

namespace StaticNets.Generator.Model;

/// <summary>
/// A convolution or pooling window over a channels-last sample, as the runtime's <c>Window2D</c> takes it (1-D layers
/// have height 1). Computed at compile time with Keras's output-size and "same"/"causal"-padding formulas
/// (<see cref="WindowGeometry"/>). The dilations are 1 except for a Conv1D with a <c>DilationRate</c>.
/// </summary>
internal sealed record WindowSpec(
    int Height,
    int Width,
    int Channels,
    int WindowHeight,
    int WindowWidth,
    int StrideHeight,
    int StrideWidth,
    int PadTop,
    int PadLeft,
    int OutputHeight,
    int OutputWidth,
    int DilationHeight = 1,
    int DilationWidth = 1)
{
    /// <summary>Window positions per sample.</summary>
    public int OutputPositions => OutputHeight * OutputWidth;

    /// <summary>Floats in one window (an im2col row).</summary>
    public int PatchSize => WindowHeight * WindowWidth * Channels;

    /// <summary>A 1×1 window with stride 1 and no padding: the input already is the im2col matrix.</summary>
    public bool IsPointwise => WindowHeight == 1 && WindowWidth == 1 && StrideHeight == 1 && StrideWidth == 1;

    /// <summary>
    /// The C# expression that builds the runtime geometry (written once: it follows from the other members). A dilation
    /// other than 1 is set by name in an initializer, so dense windows are written as they always were.
    /// </summary>
    public string Expression { get; } = Invariant.Text(
        $"new global::StaticNets.Runtime.Window2D({Height}, {Width}, {Channels}, {WindowHeight}, {WindowWidth}, {StrideHeight}, {StrideWidth}, {PadTop}, {PadLeft}, {OutputHeight}, {OutputWidth})")
        + Dilations(DilationHeight, DilationWidth);

    private static string Dilations(int height, int width) => (height, width) switch
    {
        (1, 1) => "",
        (1, _) => Invariant.Text($" {{ DilationWidth = {width} }}"),
        (_, 1) => Invariant.Text($" {{ DilationHeight = {height} }}"),
        _ => Invariant.Text($" {{ DilationHeight = {height}, DilationWidth = {width} }}"),
    };
}
