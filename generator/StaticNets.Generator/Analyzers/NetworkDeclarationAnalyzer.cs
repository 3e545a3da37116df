using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Analyzers;

/// <summary>
/// Reports everything wrong with a network declaration while the user types. It runs the same parser and shape
/// checker as the generator, which skips invalid networks silently, so each problem is reported exactly once, at a
/// real source location that <c>#pragma warning disable</c> and <c>.editorconfig</c> can suppress.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkDeclarationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MissingInput,
        DiagnosticDescriptors.DuplicateInput,
        DiagnosticDescriptors.InputNotFirst,
        DiagnosticDescriptors.NonPositiveSize,
        DiagnosticDescriptors.NotPartial,
        DiagnosticDescriptors.GenericClass,
        DiagnosticDescriptors.UnknownActivation,
        DiagnosticDescriptors.EmptyInputShape,
        DiagnosticDescriptors.SizeOverflow,
        DiagnosticDescriptors.StaticClass,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.DuplicateLayerName,
        DiagnosticDescriptors.SplitDeclaration,
        DiagnosticDescriptors.EmptyLayerName,
        DiagnosticDescriptors.WindowLargerThanInput,
        DiagnosticDescriptors.ReshapeMismatch,
        DiagnosticDescriptors.WrongInputRank,
        DiagnosticDescriptors.ArgumentOutOfRange,
        DiagnosticDescriptors.CroppingLeavesNothing,
        DiagnosticDescriptors.BidirectionalWithoutRecurrent,
        DiagnosticDescriptors.EmbeddingNotFirst,
        DiagnosticDescriptors.BidirectionalGoBackwards,
        DiagnosticDescriptors.SoftmaxOnSingleUnit,
        DiagnosticDescriptors.DensePerPosition,
        DiagnosticDescriptors.DropoutLast,
        DiagnosticDescriptors.BiasBeforeBatchNormalization,
        DiagnosticDescriptors.UnusedMask,
        DiagnosticDescriptors.InternalError);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        ParseResult result;
        try
        {
            result = NetworkParser.ParseType(type, context.CancellationToken);
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InternalError, type.Locations.FirstOrDefault(), type.Name, exception.GetType().Name + ": " + exception.Message));
            return;
        }

        foreach (DiagnosticInfo diagnostic in result.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Compilation));
        }
    }
}
