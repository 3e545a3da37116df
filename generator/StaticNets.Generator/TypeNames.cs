namespace StaticNets.Generator;

/// <summary>
/// Metadata names of the runtime types the generator reads. The generator does not reference the runtime
/// library (it would have to ship inside the analyzer folder); a test checks these still match it. The layer
/// attributes' names are in <see cref="Layers.LayerCatalog"/>.
/// </summary>
internal static class TypeNames
{
    public const string Namespace = "StaticNets";
    public const string InputAttribute = "StaticNets.InputAttribute";
    public const string Activation = "StaticNets.Activation";
    public const string Padding = "StaticNets.Padding";

    /// <summary>The base class of every layer attribute, in <see cref="Namespace"/>.</summary>
    public const string LayerAttributeName = "LayerAttribute";

    /// <summary>The metadata names of every layer attribute, for the generator's pipeline.</summary>
    public static string MetadataName(Layers.LayerKind kind) => Namespace + "." + kind.AttributeName;
}
