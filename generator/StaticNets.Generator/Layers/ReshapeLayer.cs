using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>Keras <c>Reshape</c>: the same floats in a new shape; at most one −1, inferred; the element count must not change.</summary>
internal sealed record ReshapeLayer(LayerPlace Place) : ReshapingLayer(Place)
{
    public override string KerasClass => "Reshape";

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
    {
        Argument<int>[] target = arguments.IntArray("shape");
        for (int d = 0; d < target.Length; d++)
        {
            if (target[d].Value <= 0 && target[d].Value != -1)
            {
                context.Report(
                    DiagnosticDescriptors.NonPositiveSize,
                    target[d].Location,
                    Invariant.Text($"Dimension {d + 1} of Reshape layer '{context.Name}' (or −1, inferred)"),
                    Numbers.WithSeparators(target[d].Value));
            }
        }

        if (!context.CanInfer(out EquatableArray<int> input))
        {
            return null;
        }

        int[]? shape = Infer(context, input, System.Array.ConvertAll(target, t => t.Value));
        return shape is null ? null : context.Finish(new ReshapeLayer(context.Place(input, shape)));
    }

    /// <summary>The new shape written out in comments and the architecture key (a −1 resolved).</summary>
    public override IEnumerable<LayerField> Fields()
    {
        yield return new LayerField(Shapes.Join(OutputShape), Shapes.Join(OutputShape, ","));
    }

    private static int[]? Infer(LayerContext context, EquatableArray<int> input, int[] written)
    {
        int[] target = (int[])written.Clone();
        long size = Shapes.Product(input);
        long known = 1;
        int inferred = -1;
        string? problem = null;
        for (int d = 0; d < target.Length && problem is null; d++)
        {
            if (target[d] != -1)
            {
                known *= target[d];
                if (known > size)
                {
                    problem = "the new shape has more values";
                }
            }
            else if (inferred >= 0)
            {
                problem = "only one dimension can be −1 (inferred)";
            }
            else
            {
                inferred = d;
            }
        }

        if (problem is null && target.Length == 0)
        {
            problem = "the new shape needs at least one dimension";
        }
        else if (problem is null && inferred >= 0)
        {
            if (size % known != 0)
            {
                problem = $"{Numbers.WithSeparators(size)} is not a multiple of {Numbers.WithSeparators(known)}, so −1 has no whole value";
            }
            else
            {
                target[inferred] = (int)(size / known);
            }
        }
        else if (problem is null && known != size)
        {
            problem = $"the new shape has {Numbers.WithSeparators(known)} values";
        }

        if (problem is not null)
        {
            context.Report(
                DiagnosticDescriptors.ReshapeMismatch,
                context.Arguments.Location,
                context.Name,
                Shapes.Join(input),
                Numbers.WithSeparators(size),
                Shapes.Join(written),
                problem);
            return null;
        }

        return target;
    }
}
