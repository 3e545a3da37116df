using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator;

/// <summary>
/// Turns a class declared with <c>[Input]</c> and layer attributes into a specialised network: constants,
/// initialisation, SIMD forward code, training code and a Keras summary; a class whose declaration has an error gets
/// its public members as stubs, so the error is the only one its users see.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // One parse per class with [Input]; the result holds only equatable values, so an edit elsewhere
        // (or one that leaves the declaration's meaning unchanged) stops here as Cached/Unchanged.
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.InputAttribute,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                transform: static (ctx, ct) => Guarded(ctx, static (c, t) => NetworkParser.Parse((INamedTypeSymbol)c.TargetSymbol, c.TargetNode, t), ct))
            .WithTrackingName(TrackingNames.Parse);

        // Specs and diagnostics travel separately, so that moving a squiggle never re-runs the emitter.
        IncrementalValuesProvider<NetworkSpec> specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.Spec);

        // Declaration problems are the analyzers' to report (NetworkDeclarationAnalyzer runs the same parser), so the
        // generator only reports its own failures.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> failures = parsed
            .Select(static (result, _) => result.Diagnostics.Where(static d => d.Id == DiagnosticDescriptors.InternalError.Id).ToEquatableArray())
            .Where(static found => !found.IsEmpty)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(specs, static (spc, spec) => EmitGuarded(spc, spec.Class, spec.TypeName, () => Emitter.Emit(spec)));
        context.RegisterSourceOutput(failures, static (spc, found) => Report(spc, found));
        RegisterStubs(context, parsed.Select(static (result, _) => result.Stub));

        // A class with layers but no [Input] never triggers the parse above. A syntactic filter (a type with a layer
        // attribute's name and none named Input) picks the few candidates; the semantic check then confirms them.
        // One provider, where one ForAttributeWithMetadataName per layer attribute cost ~0.4 ms a run.
        RegisterStubs(context, context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => node is TypeDeclarationSyntax { AttributeLists.Count: > 0 } type && LayerCatalog.MayBeNetworkWithoutInput(type),
                transform: static (ctx, ct) => ctx.SemanticModel.GetDeclaredSymbol(ctx.Node, ct) is INamedTypeSymbol type
                    ? GuardedStub(ctx.Node, type, ct)
                    : null)
            .WithTrackingName(TrackingNames.Stub));
    }

    private static void RegisterStubs(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<NetworkStubSpec?> stubs)
        => context.RegisterSourceOutput(
            stubs.Where(static stub => stub is not null).Select(static (stub, _) => stub!),
            static (spc, stub) => EmitGuarded(spc, stub.Class, stub.Class.TypeName, () => Emitter.EmitStub(stub)));

    /// <summary>The stub of a class with layers but no [Input]; a bug of ours ends in no stub (the analyzer reports it).</summary>
    private static NetworkStubSpec? GuardedStub(SyntaxNode node, INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            return NetworkParser.ParseWithoutInput(type, node, cancellationToken).Stub;
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs a parse step so that a bug of ours becomes an SN9999 error on the class, never a generator crash
    /// (which Roslyn would turn into a vague warning and silently drop the output).
    /// </summary>
    private static ParseResult Guarded(
        GeneratorAttributeSyntaxContext context,
        System.Func<GeneratorAttributeSyntaxContext, System.Threading.CancellationToken, ParseResult> step,
        System.Threading.CancellationToken cancellationToken)
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
            return new ParseResult(null, null, new EquatableArray<DiagnosticInfo>(new[]
            {
                DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location, context.TargetSymbol.Name, exception.GetType().Name + ": " + exception.Message),
            }));
        }
    }

    private static void EmitGuarded(SourceProductionContext context, ClassSpec spec, string name, System.Func<string> emit)
    {
        string source;
        try
        {
            source = emit();
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InternalError, Location.None, name, exception.GetType().Name + ": " + exception.Message));
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
