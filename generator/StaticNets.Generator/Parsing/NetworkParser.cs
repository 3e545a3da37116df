using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Parsing;

/// <summary>
/// Symbols to <see cref="ParseResult"/>: reads the class and its attributes in source order, then hands the
/// declarations to <see cref="NetworkChecker"/>. Nothing Roslyn-typed leaves this class. The generator and the
/// analyzers share it, so they always agree on what is valid.
/// </summary>
internal static class NetworkParser
{
    /// <summary>
    /// The analyzers' entry: everything wrong (or worth a warning) with <paramref name="type"/>'s declaration, and its
    /// spec when it is valid. Returns <see cref="ParseResult.Nothing"/> for a type without StaticNets attributes.
    /// </summary>
    public static ParseResult ParseType(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        List<AttributeData> attributes = NetworkAttributes(type);
        AttributeData? first = attributes.FirstOrDefault(a => IsAttribute(a, TypeNames.InputAttribute)) ?? attributes.FirstOrDefault();
        if (first is null || DeclarationOf(first, cancellationToken) is not TypeDeclarationSyntax node)
        {
            return ParseResult.Nothing;
        }

        return attributes.Any(a => IsAttribute(a, TypeNames.InputAttribute))
            ? Parse(type, node, cancellationToken)
            : ParseWithoutInput(type, node, cancellationToken);
    }

    /// <summary>Parses the class that carries an <c>[Input]</c> attribute, as seen from declaration <paramref name="node"/>.</summary>
    public static ParseResult Parse(INamedTypeSymbol type, SyntaxNode node, CancellationToken cancellationToken)
    {
        if (node is not TypeDeclarationSyntax declaration)
        {
            return ParseResult.Nothing;
        }

        List<AttributeData> attributes = NetworkAttributes(type);
        AttributeData? firstInput = attributes.FirstOrDefault(a => IsAttribute(a, TypeNames.InputAttribute));

        // A class whose [Input]s sit on several partial declarations triggers once per declaration:
        // only the declaration holding the first [Input] speaks for the class.
        if (firstInput is null || DeclarationOf(firstInput, cancellationToken) != node)
        {
            return ParseResult.Nothing;
        }

        var diagnostics = new List<DiagnosticInfo>();
        bool completable = CheckClass(type, declaration, diagnostics, cancellationToken);
        ClassSpec classSpec = ClassOf(type);

        if (attributes.Any(a => HasCompilerErrors(a)))
        {
            // The compiler already reports the broken attribute; the class still gets its members, so that the
            // compiler's error is the only one.
            return Result(null, completable ? new NetworkStubSpec(classSpec, EquatableArray<int>.Empty) : null, diagnostics);
        }

        if (attributes.Select(a => DeclarationOf(a, cancellationToken)).Distinct().Count() > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.SplitDeclaration, LocationInfo.From(declaration.Identifier.GetLocation()), type.Name));
            return Result(null, completable ? new NetworkStubSpec(classSpec, EquatableArray<int>.Empty) : null, diagnostics);
        }

        Argument<int>[]? inputShape = null;
        LocationInfo? inputLocation = null;
        var layers = new List<DeclaredLayer>();
        foreach (AttributeData attribute in attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeSyntax? syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            LayerArguments arguments = LayerArguments.From(attribute, syntax);
            if (IsAttribute(attribute, TypeNames.InputAttribute))
            {
                if (inputShape is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateInput, arguments.Location, type.Name));
                    continue;
                }

                if (layers.Count > 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.InputNotFirst, arguments.Location, type.Name, DefaultLabel(layers[0])));
                }

                inputShape = arguments.IntArray("shape");
                inputLocation = arguments.Location;
            }
            else
            {
                layers.Add(new DeclaredLayer(arguments, LayerCatalog.Find(arguments.AttributeName)));
            }
        }

        CheckedNetwork network = NetworkChecker.Check(type.Name, inputShape!, inputLocation, layers, diagnostics);
        NetworkSpec? spec = network.Layers is { } checkedLayers && !HasErrors(diagnostics)
            ? new NetworkSpec(
                classSpec,
                network.Input!.Value,
                checkedLayers,
                NetworkPlan.For(Shapes.Product(network.Input!.Value), checkedLayers.AsSpan().ToArray()),
                StepNetworks.For(type.Name, network.Input!.Value, layers, checkedLayers))
            : null;
        return Result(spec, completable && spec is null ? new NetworkStubSpec(classSpec, network.Input ?? EquatableArray<int>.Empty, network.Names, layers.Any(l => l.Arguments.AttributeName == "NormalizationAttribute")) : null, diagnostics);
    }

    /// <summary>
    /// A class with layer attributes but no <c>[Input]</c>: SN0001 (the <c>[Input]</c>-triggered parse never sees such a
    /// class), and a stub so that its call sites compile.
    /// </summary>
    public static ParseResult ParseWithoutInput(INamedTypeSymbol type, SyntaxNode node, CancellationToken cancellationToken)
    {
        EquatableArray<DiagnosticInfo> missing = FindMissingInput(type, node, cancellationToken);
        if (missing.IsEmpty || node is not TypeDeclarationSyntax declaration)
        {
            return ParseResult.Nothing;
        }

        var diagnostics = new List<DiagnosticInfo>(missing);
        bool completable = CheckClass(type, declaration, diagnostics, cancellationToken);
        return Result(null, completable ? new NetworkStubSpec(ClassOf(type), EquatableArray<int>.Empty) : null, diagnostics);
    }

    /// <summary>
    /// For a class with layer attributes: reports SN0001 when it has no <c>[Input]</c> at all
    /// (the <c>[Input]</c>-triggered parse never sees such a class).
    /// </summary>
    public static EquatableArray<DiagnosticInfo> FindMissingInput(INamedTypeSymbol type, SyntaxNode node, CancellationToken cancellationToken)
    {
        List<AttributeData> attributes = NetworkAttributes(type);
        AttributeData? firstLayer = attributes.FirstOrDefault(a => !IsAttribute(a, TypeNames.InputAttribute));
        if (firstLayer is null
            || attributes.Any(a => IsAttribute(a, TypeNames.InputAttribute))
            || DeclarationOf(firstLayer, cancellationToken) != node)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        var syntax = firstLayer.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        return new EquatableArray<DiagnosticInfo>(new[]
        {
            DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, Where(syntax), type.Name, "[" + syntax?.Name + "]"),
        });
    }

    private static ParseResult Result(NetworkSpec? spec, NetworkStubSpec? stub, List<DiagnosticInfo> diagnostics)
        => HasErrors(diagnostics) || spec is null
            ? new(null, stub, diagnostics.ToEquatableArray())
            : new(spec, null, diagnostics.ToEquatableArray());

    private static bool HasErrors(List<DiagnosticInfo> diagnostics)
        => diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error);

    /// <summary>An identifier as C# source: keywords get an <c>@</c>.</summary>
    private static string Escape(string identifier)
        => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    /// <summary>The StaticNets attributes on the class, in source order.</summary>
    private static List<AttributeData> NetworkAttributes(INamedTypeSymbol type)
    {
        var result = new List<AttributeData>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (IsAttribute(attribute, TypeNames.InputAttribute) || IsLayerAttribute(attribute))
            {
                result.Add(attribute);
            }
        }

        // GetAttributes keeps source order within a declaration; order declarations by file and position.
        return result
            .OrderBy(a => a.ApplicationSyntaxReference?.SyntaxTree.FilePath, System.StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference?.Span.Start ?? 0)
            .ToList();
    }

    private static bool IsAttribute(AttributeData attribute, string metadataName)
        => attribute.AttributeClass is { } type
           && type.Name == metadataName.Substring(metadataName.LastIndexOf('.') + 1)
           && type.ContainingNamespace?.ToDisplayString() == metadataName.Substring(0, metadataName.LastIndexOf('.'));

    /// <summary>
    /// A StaticNets layer attribute: one the catalog knows, or any other <c>StaticNets.LayerAttribute</c> (which the
    /// checker then reports as unknown to this generator, rather than skipping it).
    /// </summary>
    private static bool IsLayerAttribute(AttributeData attribute)
    {
        if (attribute.AttributeClass is not { } type || type.ContainingNamespace?.ToDisplayString() != TypeNames.Namespace)
        {
            return false;
        }

        if (LayerCatalog.Find(type.Name) is not null)
        {
            return true;
        }

        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.Name == TypeNames.LayerAttributeName && baseType.ContainingNamespace?.ToDisplayString() == TypeNames.Namespace)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasCompilerErrors(AttributeData attribute)
        => attribute.AttributeConstructor is null
           || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
           || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error);

    private static SyntaxNode? DeclarationOf(AttributeData attribute, CancellationToken cancellationToken)
        => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).Parent?.Parent;

    /// <summary>
    /// The class-level checks; returns whether a generated partial declaration can complete the class (not when it is
    /// not partial, static, generic or inside a non-partial type: there, generated members would only add errors).
    /// </summary>
    private static bool CheckClass(INamedTypeSymbol type, TypeDeclarationSyntax node, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        int before = diagnostics.Count;
        LocationInfo? name = LocationInfo.From(node.Identifier.GetLocation());
        if (!node.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, name, type.Name));
        }

        if (type.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticClass, name, type.Name));
        }

        if (type.TypeParameters.Length > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericClass, name, type.Name));
        }

        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            foreach (SyntaxReference reference in outer.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.ContainingTypeNotPartial, name, type.Name, outer.Name));
                    break;
                }
            }
        }

        return diagnostics.Count == before;
    }

    private static LocationInfo? Where(SyntaxNode? node) => LayerArguments.Where(node);

    private static string DefaultLabel(DeclaredLayer layer)
        => "[" + (layer.Arguments.AttributeName.EndsWith("Attribute", System.StringComparison.Ordinal)
            ? layer.Arguments.AttributeName.Substring(0, layer.Arguments.AttributeName.Length - "Attribute".Length)
            : layer.Arguments.AttributeName) + "]";

    private static ClassSpec ClassOf(INamedTypeSymbol type) => new(
        type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)),
        ContainingTypes(type),
        Escape(type.Name));

    private static EquatableArray<ContainingTypeSpec> ContainingTypes(INamedTypeSymbol type)
    {
        var result = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            string keyword = outer switch
            {
                { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };
            string name = outer.TypeParameters.Length == 0
                ? Escape(outer.Name)
                : Escape(outer.Name) + "<" + string.Join(", ", outer.TypeParameters.Select(p => Escape(p.Name))) + ">";
            result.Insert(0, new ContainingTypeSpec(keyword, name));
        }

        return result.ToEquatableArray();
    }
}
