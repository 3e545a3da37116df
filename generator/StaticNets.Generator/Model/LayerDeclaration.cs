namespace StaticNets.Generator.Model;

/// <summary>
/// A layer attribute as written, before any checking: values plus the place of each argument, so a diagnostic
/// can point at the argument at fault. Lives only inside the parser; the pipeline caches <see cref="LayerSpec"/>.
/// </summary>
internal sealed class LayerDeclaration
{
    public LayerDeclaration(LayerKind kind, LocationInfo? location) => (Kind, Location) = (kind, location);

    public LayerKind Kind { get; }

    /// <summary>The whole attribute.</summary>
    public LocationInfo? Location { get; }

    public int Units { get; set; }

    public LocationInfo? UnitsLocation { get; set; }

    public int Activation { get; set; }

    public LocationInfo? ActivationLocation { get; set; }

    public bool UseBias { get; set; } = true;

    public string? Name { get; set; }

    public LocationInfo? NameLocation { get; set; }
}
