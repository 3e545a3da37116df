using StaticNets.Generator.Analyzers;
using StaticNets.Generator.Diagnostics;

namespace StaticNets.Generator.Tests;

/// <summary>An analyzer that reports a descriptor it does not declare crashes (AD0001) instead of reporting it.</summary>
public class AnalyzerSupportTests
{
    [Fact]
    public void TheDeclarationAnalyzer_DeclaresEveryDescriptor()
    {
        var declared = new NetworkDeclarationAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        string[] missing = DiagnosticDescriptors.All.Select(d => d.Id).Where(id => id != "SN0015" && !declared.Contains(id)).ToArray();
        Assert.True(missing.Length == 0, "not declared: " + string.Join(", ", missing)); // SN0015 is the argument-length analyzer's
    }
}
