using StaticNets.Generator.Helpers;

namespace StaticNets.Generator.Model;

/// <summary>
/// The parser's output for one class: a spec when the network is valid, a stub when it has an error but its class can
/// still be completed, and the diagnostics found. All equatable, so the pipeline can tell unchanged declarations apart.
/// </summary>
internal sealed record ParseResult(NetworkSpec? Spec, NetworkStubSpec? Stub, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static ParseResult Nothing { get; } = new(null, null, EquatableArray<DiagnosticInfo>.Empty);
}
