using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generator.Model;

namespace StaticNets.Generator;

/// <summary>
/// Reads one layer attribute into a <see cref="LayerDeclaration"/>: its values as written (no checks) and where each
/// argument sits, for diagnostics on the argument at fault.
/// </summary>
internal static class LayerReader
{
    public static LayerDeclaration Read(LayerKind kind, AttributeData attribute, AttributeSyntax? syntax)
    {
        var layer = new LayerDeclaration(kind, Where(syntax));
        ImmutableArray<TypedConstant> arguments = attribute.ConstructorArguments;
        switch (kind)
        {
            case LayerKind.Dense:
            case LayerKind.Conv1D:
            case LayerKind.Conv2D:
                string unitsName = kind == LayerKind.Dense ? "units" : "filters";
                layer.Units = Int(arguments, 0);
                layer.UnitsLocation = Where(Argument(syntax, 0, unitsName));
                int activationIndex = kind == LayerKind.Dense ? 1 : 2;
                layer.Activation = Int(arguments, activationIndex);
                layer.ActivationLocation = Where(Argument(syntax, activationIndex, "activation"));
                if (kind != LayerKind.Dense)
                {
                    int size = Int(arguments, 1);
                    LocationInfo? sizeLocation = Where(Argument(syntax, 1, "kernelSize"));
                    (layer.WindowWidth, layer.WindowWidthLocation) = (size, sizeLocation);
                    if (kind == LayerKind.Conv2D)
                    {
                        (layer.WindowHeight, layer.WindowHeightLocation) = (size, sizeLocation);
                    }
                }

                break;
            case LayerKind.MaxPooling1D:
            case LayerKind.MaxPooling2D:
            case LayerKind.AveragePooling1D:
            case LayerKind.AveragePooling2D:
                // poolSize defaults to 2; Strides defaults to poolSize (unless written, below).
                int pool = arguments.Length > 0 ? Int(arguments, 0) : 2;
                LocationInfo? poolLocation = Where(Argument(syntax, 0, "poolSize"));
                (layer.WindowWidth, layer.WindowWidthLocation) = (pool, poolLocation);
                (layer.Strides, layer.StridesLocation) = (pool, poolLocation);
                if (kind is LayerKind.MaxPooling2D or LayerKind.AveragePooling2D)
                {
                    (layer.WindowHeight, layer.WindowHeightLocation) = (pool, poolLocation);
                }

                break;
            case LayerKind.Dropout:
                layer.Rate = arguments.Length > 0 && arguments[0].Value is double rate ? rate : 0;
                layer.RateLocation = Where(Argument(syntax, 0, "rate"));
                break;
            case LayerKind.Reshape:
                layer.TargetShape = ReadShape(attribute, syntax, out LocationInfo?[] locations);
                layer.TargetShapeLocations = locations;
                break;
        }

        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            LocationInfo? where = Where(NamedArgument(syntax, named.Key)) ?? layer.Location;
            object? value = named.Value.Value;
            switch (named.Key)
            {
                case "UseBias" when value is bool useBias:
                    layer.UseBias = useBias;
                    break;
                case "Name":
                    layer.Name = value as string ?? "";
                    layer.NameLocation = where;
                    break;
                case "KernelHeight" when value is int height:
                    (layer.WindowHeight, layer.WindowHeightLocation) = (height, where);
                    break;
                case "KernelWidth" when value is int width:
                    (layer.WindowWidth, layer.WindowWidthLocation) = (width, where);
                    break;
                case "Strides" when value is int strides:
                    (layer.Strides, layer.StridesLocation) = (strides, where);
                    break;
                case "Padding" when value is int padding:
                    (layer.Padding, layer.PaddingLocation) = (padding, where);
                    break;
                case "Momentum" when value is double momentum:
                    (layer.Momentum, layer.MomentumLocation) = (momentum, where);
                    break;
                case "Epsilon" when value is double epsilon:
                    (layer.Epsilon, layer.EpsilonLocation) = (epsilon, where);
                    break;
            }
        }

        return layer;
    }

    /// <summary>
    /// A <c>params int[]</c> shape: <c>[Input(28, 28, 1)]</c> gives one argument per dimension, <c>[Input(new[] { 28, 28 })]</c>
    /// one for all; each dimension's location is its own argument where there is one.
    /// </summary>
    public static int[] ReadShape(AttributeData attribute, AttributeSyntax? syntax, out LocationInfo?[] locations)
    {
        ImmutableArray<TypedConstant> values = attribute.ConstructorArguments.Length == 1
            && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
            ? attribute.ConstructorArguments[0].Values
            : attribute.ConstructorArguments;
        int[] shape = values.Select(v => v.Value is int i ? i : 0).ToArray();

        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = syntax?.ArgumentList?.Arguments ?? default;
        locations = new LocationInfo?[shape.Length];
        for (int d = 0; d < shape.Length; d++)
        {
            AttributeArgumentSyntax? argument = arguments.Count == shape.Length ? arguments[d] : arguments.FirstOrDefault();
            locations[d] = Where(argument) ?? Where(syntax);
        }

        return shape;
    }

    public static LocationInfo? Where(SyntaxNode? node) => node is null ? null : LocationInfo.From(node.GetLocation());

    private static int Int(ImmutableArray<TypedConstant> arguments, int index)
        => arguments.Length > index && arguments[index].Value is int value ? value : 0;

    /// <summary>The constructor argument at <paramref name="position"/>, or the one written as <c>name:</c>.</summary>
    private static AttributeArgumentSyntax? Argument(AttributeSyntax? syntax, int position, string name)
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
