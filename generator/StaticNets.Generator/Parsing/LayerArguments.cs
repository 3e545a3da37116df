using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Parsing;

/// <summary>One argument of a layer attribute: its value (or the default) and where it is written, if it is.</summary>
/// <param name="Value">The value written, or the default when it is not.</param>
/// <param name="Location">The argument's place, or <see langword="null"/> when it is not written.</param>
internal readonly record struct Argument<T>(T Value, LocationInfo? Location)
{
    public bool IsWritten => Location is not null;

    /// <summary>This argument where it is written, else the same value reported at <paramref name="fallback"/>.</summary>
    public Argument<T> Or(LocationInfo? fallback) => IsWritten ? this : this with { Location = fallback };
}

/// <summary>
/// A layer attribute as written: constructor arguments by parameter name (with the defaults the compiler filled in),
/// named properties, and where each is, so that a layer kind reads its own arguments by name and a diagnostic points
/// at the argument at fault. Built from Roslyn's view of the attribute; holds only values and locations.
/// </summary>
internal sealed class LayerArguments
{
    private readonly Dictionary<string, (TypedConstant Value, LocationInfo? Location)> _constructor = new();
    private readonly Dictionary<string, (TypedConstant Value, LocationInfo? Location)> _named = new();

    private LayerArguments(string attributeName, LocationInfo? location)
        => (AttributeName, Location) = (attributeName, location);

    /// <summary>The attribute class's name, e.g. <c>DenseAttribute</c>.</summary>
    public string AttributeName { get; }

    /// <summary>The whole attribute: where a diagnostic goes when no argument is at fault.</summary>
    public LocationInfo? Location { get; }

    /// <summary>The user's <c>Name</c>, if written (possibly blank).</summary>
    public Argument<string?> Name => Named<string?>("Name", null);

    public static LayerArguments From(AttributeData attribute, AttributeSyntax? syntax)
    {
        var arguments = new LayerArguments(attribute.AttributeClass?.Name ?? "", Where(syntax));
        ImmutableArray<IParameterSymbol> parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        for (int i = 0; i < attribute.ConstructorArguments.Length && i < parameters.Length; i++)
        {
            arguments._constructor[parameters[i].Name] = (attribute.ConstructorArguments[i], Where(ConstructorArgument(syntax, i, parameters[i].Name)));
        }

        if (parameters.Length == 1 && parameters[0].IsParams)
        {
            arguments._intArrays[parameters[0].Name] = ReadIntArray(attribute, syntax);
        }

        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            arguments._named[named.Key] = (named.Value, Where(NamedArgument(syntax, named.Key)) ?? arguments.Location);
        }

        return arguments;
    }

    /// <summary>The constructor argument of parameter <paramref name="parameter"/> (the compiler fills in omitted defaults).</summary>
    public Argument<T> Constructor<T>(string parameter, T fallback)
        => _constructor.TryGetValue(parameter, out var argument) ? new(Read(argument.Value, fallback), argument.Location) : new(fallback, null);

    /// <summary>A named property, or <paramref name="fallback"/> (not written) when the attribute does not set it.</summary>
    public Argument<T> Named<T>(string property, T fallback)
        => _named.TryGetValue(property, out var argument) ? new(Read(argument.Value, fallback), argument.Location) : new(fallback, null);

    /// <summary>
    /// A <c>params int[]</c> constructor argument: <c>[Reshape(4, -1)]</c> gives one syntax argument per value,
    /// <c>[Reshape(new[] { 4, -1 })]</c> one for all; each value's location is its own argument where there is one.
    /// </summary>
    public Argument<int>[] IntArray(string parameter)
        => _intArrays.TryGetValue(parameter, out Argument<int>[]? values) ? values : System.Array.Empty<Argument<int>>();

    private readonly Dictionary<string, Argument<int>[]> _intArrays = new();

    private static Argument<int>[] ReadIntArray(AttributeData attribute, AttributeSyntax? syntax)
    {
        ImmutableArray<TypedConstant> values = attribute.ConstructorArguments.Length == 1
            && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
            ? attribute.ConstructorArguments[0].Values
            : attribute.ConstructorArguments;
        SeparatedSyntaxList<AttributeArgumentSyntax> written = syntax?.ArgumentList?.Arguments ?? default;
        var result = new Argument<int>[values.Length];
        for (int d = 0; d < values.Length; d++)
        {
            AttributeArgumentSyntax? argument = written.Count == values.Length ? written[d] : written.FirstOrDefault();
            result[d] = new(values[d].Value is int i ? i : 0, Where(argument) ?? Where(syntax));
        }

        return result;
    }

    public static LocationInfo? Where(SyntaxNode? node) => node is null ? null : LocationInfo.From(node.GetLocation());

    /// <summary>An attribute value as <typeparamref name="T"/>: enums arrive as their underlying int, <c>null</c> strings as null.</summary>
    private static T Read<T>(TypedConstant constant, T fallback)
        => constant.Kind != TypedConstantKind.Array && constant.Value is T value ? value : fallback;

    /// <summary>The constructor argument at <paramref name="position"/>, or the one written as <c>name:</c>.</summary>
    private static AttributeArgumentSyntax? ConstructorArgument(AttributeSyntax? syntax, int position, string name)
    {
        if (syntax?.ArgumentList is null)
        {
            return null;
        }

        int index = 0;
        foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is not null)
            {
                if (argument.NameColon.Name.Identifier.ValueText == name)
                {
                    return argument;
                }
            }
            else if (index == position)
            {
                return argument;
            }

            index++;
        }

        return null;
    }

    private static AttributeArgumentSyntax? NamedArgument(AttributeSyntax? syntax, string name)
        => syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
}
