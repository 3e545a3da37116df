using StaticNets.Generator.Helpers;

namespace StaticNets.Generator.Model;

/// <summary>
/// The parser's output for one class: a spec when the network is valid, and the diagnostics found.
/// Both are equatable, so the pipeline can tell unchanged declarations apart from changed ones.
/// </summary>
internal sealed record ParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static ParseResult Nothing { get; } = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
