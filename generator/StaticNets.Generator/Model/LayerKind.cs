namespace StaticNets.Generator.Model;

/// <summary>The layer kinds the generator knows; each maps to one runtime attribute.</summary>
internal enum LayerKind
{
    Dense,
}
