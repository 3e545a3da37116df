using System.Collections.Generic;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>Keras <c>Flatten</c>: any shape → one axis, row-major (channels last stays last).</summary>
internal sealed record FlattenLayer(LayerPlace Place) : ReshapingLayer(Place)
{
    public override string KerasClass => "Flatten";

    public static LayerSpec? Build(LayerArguments arguments, LayerContext context)
        => context.CanInfer(out EquatableArray<int> input) ? context.Finish(new FlattenLayer(context.Place(input, Shapes.Product(input)))) : null;

    public override IEnumerable<LayerField> Fields() => System.Array.Empty<LayerField>();
}
