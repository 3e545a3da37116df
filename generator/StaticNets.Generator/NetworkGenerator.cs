using System.Linq;
using Microsoft.CodeAnalysis;
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

        // A class with layers but no [Input] never triggers the parse above: each layer attribute triggers this one
        // (only the class's first layer attribute answers), so that class gets its stub too.
        foreach (LayerKind kind in LayerCatalog.All)
        {
            string attribute = kind.AttributeName;
            RegisterStubs(context, context.SyntaxProvider.ForAttributeWithMetadataName(
                    TypeNames.MetadataName(kind),
                    predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                    transform: (ctx, ct) => Guarded(ctx, (c, t) => NetworkParser.ParseWithoutInput((INamedTypeSymbol)c.TargetSymbol, c.TargetNode, t, attribute), ct).Stub)
                .WithTrackingName(TrackingNames.Stub));
        }
    }

    private static void RegisterStubs(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<NetworkStubSpec?> stubs)
        => context.RegisterSourceOutput(
            stubs.Where(static stub => stub is not null).Select(static (stub, _) => stub!),
            static (spc, stub) => EmitGuarded(spc, stub.Class, stub.Class.TypeName, () => Emitter.EmitStub(stub)));

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
