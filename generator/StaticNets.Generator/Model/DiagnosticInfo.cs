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
}
