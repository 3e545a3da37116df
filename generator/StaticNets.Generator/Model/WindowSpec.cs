using StaticNets.Generator.Helpers;

namespace StaticNets.Generator.Model;

/// <summary>
/// A convolution or pooling window over a channels-last sample, as the runtime's <c>Window2D</c> takes it (1-D layers
/// have height 1). Computed at compile time with Keras's output-size and "same"-padding formulas (<see cref="WindowGeometry"/>).
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
    int OutputWidth)
{
    /// <summary>Window positions per sample.</summary>
    public int OutputPositions => OutputHeight * OutputWidth;

    /// <summary>Floats in one window (an im2col row).</summary>
    public int PatchSize => WindowHeight * WindowWidth * Channels;

    /// <summary>A 1×1 window with stride 1 and no padding: the input already is the im2col matrix.</summary>
    public bool IsPointwise => WindowHeight == 1 && WindowWidth == 1 && StrideHeight == 1 && StrideWidth == 1;

    /// <summary>The C# expression that builds the runtime geometry (written once: it follows from the other members).</summary>
    public string Expression { get; } = Invariant.Text(
        $"new global::StaticNets.Runtime.Window2D({Height}, {Width}, {Channels}, {WindowHeight}, {WindowWidth}, {StrideHeight}, {StrideWidth}, {PadTop}, {PadLeft}, {OutputHeight}, {OutputWidth})");
}
