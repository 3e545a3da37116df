namespace StaticNets.Generator;

/// <summary>Names of the pipeline steps, so tests can check each one's caching.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Spec = nameof(Spec);
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The parse of classes with layers but no <c>[Input]</c>, for their stubs.</summary>
    public const string Stub = nameof(Stub);
}
