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

    /// <summary>Dense units or convolution filters.</summary>
    public int Units { get; set; }

    public LocationInfo? UnitsLocation { get; set; }

    public int Activation { get; set; }

    public LocationInfo? ActivationLocation { get; set; }

    public bool UseBias { get; set; } = true;

    public string? Name { get; set; }

    public LocationInfo? NameLocation { get; set; }

    /// <summary>Convolution kernel or pooling window rows (1 for 1-D layers).</summary>
    public int WindowHeight { get; set; } = 1;

    public LocationInfo? WindowHeightLocation { get; set; }

    /// <summary>Convolution kernel or pooling window columns (steps for 1-D layers).</summary>
    public int WindowWidth { get; set; } = 1;

    public LocationInfo? WindowWidthLocation { get; set; }

    public int Strides { get; set; } = 1;

    public LocationInfo? StridesLocation { get; set; }

    /// <summary>The <c>StaticNets.Padding</c> value as its integer.</summary>
    public int Padding { get; set; }

    public LocationInfo? PaddingLocation { get; set; }

    /// <summary>Dropout rate.</summary>
    public double Rate { get; set; }

    public LocationInfo? RateLocation { get; set; }

    public double Momentum { get; set; } = 0.99;

    public LocationInfo? MomentumLocation { get; set; }

    public double Epsilon { get; set; } = 1e-3;

    public LocationInfo? EpsilonLocation { get; set; }

    /// <summary>Reshape's target shape (−1 = inferred) and where each dimension is written.</summary>
    public int[] TargetShape { get; set; } = System.Array.Empty<int>();

    public LocationInfo?[] TargetShapeLocations { get; set; } = System.Array.Empty<LocationInfo?>();
}
