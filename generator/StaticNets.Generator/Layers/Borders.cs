using System.Collections.Generic;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Rows and columns added or removed at each side of a <c>(height, width, channels)</c> sample (ZeroPadding2D,
/// Cropping2D): one constructor value, which <c>Top</c>, <c>Bottom</c>, <c>Left</c> and <c>Right</c> override.
/// </summary>
internal readonly record struct Borders(int Top, int Bottom, int Left, int Right)
{
    /// <summary>Reads the sides, each reported at its own argument or, when not written, at the constructor's.</summary>
    public static (Argument<int> Top, Argument<int> Bottom, Argument<int> Left, Argument<int> Right) Read(LayerArguments arguments, string parameter)
    {
        Argument<int> all = arguments.Constructor(parameter, 0).Or(arguments.Location);
        return (
            arguments.Named("Top", all.Value).Or(all.Location),
            arguments.Named("Bottom", all.Value).Or(all.Location),
            arguments.Named("Left", all.Value).Or(all.Location),
            arguments.Named("Right", all.Value).Or(all.Location));
    }

    /// <summary>SN0019 for each negative side, once per written argument.</summary>
    public static void CheckNotNegative(LayerContext context, (Argument<int> Top, Argument<int> Bottom, Argument<int> Left, Argument<int> Right) sides, string what)
    {
        var reported = new HashSet<LocationInfo?>();
        foreach ((Argument<int> side, string name) in new[] { (sides.Top, "Top"), (sides.Bottom, "Bottom"), (sides.Left, "Left"), (sides.Right, "Right") })
        {
            if (side.Value < 0 && reported.Add(side.Location))
            {
                bool shared = side.Location == sides.Top.Location && side.Location == sides.Bottom.Location
                    && side.Location == sides.Left.Location && side.Location == sides.Right.Location;
                context.NotNegative(side, shared ? what : name + " " + what.ToLowerInvariant());
            }
        }
    }

    /// <summary>The sides as comments (<c>top 1, bottom 2, ...</c>) and architecture keys (<c>t1,b2,...</c>) show them.</summary>
    public IEnumerable<LayerField> Fields()
    {
        yield return new LayerField(Invariant.Text($"top {Top}"), Invariant.Text($"t{Top}"));
        yield return new LayerField(Invariant.Text($"bottom {Bottom}"), Invariant.Text($"b{Bottom}"));
        yield return new LayerField(Invariant.Text($"left {Left}"), Invariant.Text($"l{Left}"));
        yield return new LayerField(Invariant.Text($"right {Right}"), Invariant.Text($"r{Right}"));
    }

    /// <summary>The runtime kernels' arguments: <c>height, width, channels, top, bottom, left, right</c> of the input.</summary>
    public string Geometry(EquatableArray<int> input)
        => Invariant.Text($"{input[0]}, {input[1]}, {input[2]}, {Top}, {Bottom}, {Left}, {Right}");
}
