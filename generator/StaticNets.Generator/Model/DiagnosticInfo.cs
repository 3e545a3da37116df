using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;

namespace StaticNets.Generator.Model;

/// <summary>A diagnostic to report, with its message arguments already turned into strings.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => new(descriptor.Id, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        DiagnosticDescriptors.ById(Id),
        Location?.ToLocation(),
        messageArgs: Arguments.ToArrayOfObjects());

    /// <summary>
    /// The diagnostic at an in-source location of <paramref name="compilation"/>'s tree, which (unlike the
    /// external-file location the generator must use) <c>#pragma warning disable</c> can suppress.
    /// </summary>
    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        SyntaxTree? tree = Location is null ? null : compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == Location.FilePath);
        Microsoft.CodeAnalysis.Location? location = tree is null || Location is null
            ? Location?.ToLocation()
            : Microsoft.CodeAnalysis.Location.Create(tree, new Microsoft.CodeAnalysis.Text.TextSpan(Location.Start, Location.Length));
        return Diagnostic.Create(DiagnosticDescriptors.ById(Id), location, messageArgs: Arguments.ToArrayOfObjects());
    }
}
