namespace StaticNets.Generator.Model;

/// <summary>A type that encloses the network class, re-opened as a partial declaration around it.</summary>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>, <c>interface</c>.</param>
/// <param name="Name">The name with its type parameter list, e.g. <c>Outer&lt;T&gt;</c>.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
