using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator;

/// <summary>
/// Turns a class declared with <c>[Input]</c> and layer attributes into a specialised network:
/// constants, initialisation, SIMD forward code and a Keras summary.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // One parse per class with [Input]; the result holds only equatable values, so an edit elsewhere
        // (or one that leaves the declaration's meaning unchanged) stops here as Cached/Unchanged.
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.InputAttribute,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                transform: static (ctx, ct) => Guarded(ctx, ct, static (c, t) => NetworkParser.Parse((INamedTypeSymbol)c.TargetSymbol, c.TargetNode, t), static diagnostics => new ParseResult(null, diagnostics)))
            .WithTrackingName(TrackingNames.Parse);

        // Specs and diagnostics travel separately, so that moving a squiggle never re-runs the emitter.
        IncrementalValuesProvider<NetworkSpec> specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.Spec);

        // Declaration problems are the analyzers' to report (NetworkDeclarationAnalyzer runs the same parser), so the
        // generator only reports its own failures: a network with errors simply gets no members.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> failures = parsed
            .Select(static (result, _) => result.Diagnostics.Where(static d => d.Id == DiagnosticDescriptors.InternalError.Id).ToEquatableArray())
            .Where(static found => !found.IsEmpty)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(specs, static (spc, spec) => EmitGuarded(spc, spec));
        context.RegisterSourceOutput(failures, static (spc, found) => Report(spc, found));
    }

    /// <summary>
    /// Runs a parse step so that a bug of ours becomes an SN9999 error on the class, never a generator crash
    /// (which Roslyn would turn into a vague warning and silently drop the output).
    /// </summary>
    private static T Guarded<T>(
        GeneratorAttributeSyntaxContext context,
        System.Threading.CancellationToken cancellationToken,
        System.Func<GeneratorAttributeSyntaxContext, System.Threading.CancellationToken, T> step,
        System.Func<EquatableArray<DiagnosticInfo>, T> onError)
    {
        try
        {
            return step(context, cancellationToken);
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            LocationInfo? location = context.TargetNode is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax type
                ? LocationInfo.From(type.Identifier.GetLocation())
                : null;
            return onError(new EquatableArray<DiagnosticInfo>(new[]
            {
                DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location, context.TargetSymbol.Name, exception.GetType().Name + ": " + exception.Message),
            }));
        }
    }

    private static void EmitGuarded(SourceProductionContext context, NetworkSpec spec)
    {
        string source;
        try
        {
            source = Emitter.Emit(spec);
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InternalError, Location.None, spec.TypeName, exception.GetType().Name + ": " + exception.Message));
            return;
        }

        context.AddSource(Emitter.HintName(spec), source);
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
