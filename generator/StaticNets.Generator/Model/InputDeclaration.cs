namespace StaticNets.Generator.Model;

/// <summary>The <c>[Input]</c> attribute as written: its dimensions and where each one is.</summary>
internal sealed class InputDeclaration
{
    public InputDeclaration(int[] shape, LocationInfo?[] dimensionLocations, LocationInfo? location)
        => (Shape, DimensionLocations, Location) = (shape, dimensionLocations, location);

    public int[] Shape { get; }

    public LocationInfo?[] DimensionLocations { get; }

    public LocationInfo? Location { get; }
}
