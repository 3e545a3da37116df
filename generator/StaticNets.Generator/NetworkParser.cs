using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator;

/// <summary>
/// Symbols to <see cref="ParseResult"/>: reads the class and its attributes in source order, then hands the
/// declarations to <see cref="ShapeChecker"/>. Nothing Roslyn-typed leaves this class. The generator and the
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
            : new ParseResult(null, FindMissingInput(type, node, cancellationToken));
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
        CheckClass(type, declaration, diagnostics, cancellationToken);

        if (attributes.Any(a => HasCompilerErrors(a)))
        {
            // The compiler already reports the broken attribute; generating would only add noise.
            return Result(null, diagnostics);
        }

        if (attributes.Select(a => DeclarationOf(a, cancellationToken)).Distinct().Count() > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.SplitDeclaration, LocationInfo.From(declaration.Identifier.GetLocation()), type.Name));
            return Result(null, diagnostics);
        }

        InputDeclaration? input = null;
        var layers = new List<LayerDeclaration>();
        foreach (AttributeData attribute in attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeSyntax? syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            if (IsAttribute(attribute, TypeNames.InputAttribute))
            {
                if (input is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateInput, Where(syntax), type.Name));
                    continue;
                }

                if (layers.Count > 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.InputNotFirst, Where(syntax), type.Name, DefaultLabel(layers[0])));
                }

                input = ReadInput(attribute, syntax);
            }
            else
            {
                layers.Add(LayerReader.Read(LayerKindOf(attribute)!.Value, attribute, syntax));
            }
        }

        EquatableArray<LayerSpec>? checkedLayers = ShapeChecker.Check(type.Name, input!, layers, diagnostics);
        if (checkedLayers is null || HasErrors(diagnostics))
        {
            return Result(null, diagnostics);
        }

        var spec = new NetworkSpec(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)),
            ContainingTypes(type),
            Escape(type.Name),
            input!.Shape.ToEquatableArray(),
            checkedLayers.Value);
        return Result(spec, diagnostics);
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

    private static ParseResult Result(NetworkSpec? spec, List<DiagnosticInfo> diagnostics)
        => new(HasErrors(diagnostics) ? null : spec, diagnostics.ToEquatableArray());

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
            if (IsAttribute(attribute, TypeNames.InputAttribute) || LayerKindOf(attribute) is not null)
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

    /// <summary>The layer kind of a StaticNets layer attribute, or null for any other attribute.</summary>
    private static LayerKind? LayerKindOf(AttributeData attribute)
        => attribute.AttributeClass is { } type && type.ContainingNamespace?.ToDisplayString() == TypeNames.Namespace
            ? TypeNames.LayerKindOf(type.Name)
            : null;

    private static bool HasCompilerErrors(AttributeData attribute)
        => attribute.AttributeConstructor is null
           || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
           || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error);

    private static SyntaxNode? DeclarationOf(AttributeData attribute, CancellationToken cancellationToken)
        => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).Parent?.Parent;

    private static void CheckClass(INamedTypeSymbol type, TypeDeclarationSyntax node, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
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
    }

    private static InputDeclaration ReadInput(AttributeData attribute, AttributeSyntax? syntax)
    {
        int[] shape = LayerReader.ReadShape(attribute, syntax, out LocationInfo?[] locations);
        return new InputDeclaration(shape, locations, Where(syntax));
    }

    private static LocationInfo? Where(SyntaxNode? node) => LayerReader.Where(node);

    private static string DefaultLabel(LayerDeclaration layer) => "[" + layer.Kind + "]";

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
