using StaticNets.Generator.Model;

namespace StaticNets.Generator;

/// <summary>
/// Metadata names of the runtime types the generator reads. The generator does not reference the runtime
/// library (it would have to ship inside the analyzer folder); a test checks these still match it.
/// </summary>
internal static class TypeNames
{
    public const string Namespace = "StaticNets";
    public const string InputAttribute = "StaticNets.InputAttribute";
    public const string Activation = "StaticNets.Activation";
    public const string Padding = "StaticNets.Padding";

    /// <summary>The runtime attribute class of a layer kind: <c>StaticNets.{Kind}Attribute</c>.</summary>
    public static string AttributeOf(LayerKind kind) => Namespace + "." + kind + "Attribute";

    /// <summary>The layer kind of an attribute class name in namespace <c>StaticNets</c>, if it is one.</summary>
    public static LayerKind? LayerKindOf(string attributeClassName)
    {
        const string Suffix = "Attribute";
        if (!attributeClassName.EndsWith(Suffix, System.StringComparison.Ordinal)
            || !System.Enum.TryParse(attributeClassName.Substring(0, attributeClassName.Length - Suffix.Length), out LayerKind kind)
            || !System.Enum.IsDefined(typeof(LayerKind), kind)
            || char.IsDigit(attributeClassName[0]))
        {
            return null;
        }

        return kind;
    }
}
