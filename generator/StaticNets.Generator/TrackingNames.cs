namespace StaticNets.Generator;

/// <summary>Names of the pipeline steps, so tests can check each one's caching.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Spec = nameof(Spec);
    public const string Diagnostics = nameof(Diagnostics);
}
