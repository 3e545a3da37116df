namespace StaticNets.Generator.Model;

/// <summary>Mirror of <c>StaticNets.Padding</c> (read as its integer; a test keeps the two in step).</summary>
internal enum Padding
{
    Valid,
    Same,
    Causal,
}
