namespace StaticNets.Generator;

/// <summary>
/// Metadata names of the runtime types the generator reads. The generator does not reference the runtime
/// library (it would have to ship inside the analyzer folder); a test checks these still match it.
/// </summary>
internal static class TypeNames
{
    public const string InputAttribute = "StaticNets.InputAttribute";
    public const string DenseAttribute = "StaticNets.DenseAttribute";
    public const string Activation = "StaticNets.Activation";
}
