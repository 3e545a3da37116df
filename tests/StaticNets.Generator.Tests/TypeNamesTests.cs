namespace StaticNets.Generator.Tests;

/// <summary>The generator mirrors runtime names instead of referencing the runtime; these keep the mirrors honest.</summary>
public class TypeNamesTests
{
    [Fact]
    public void AttributeMetadataNames_MatchTheRuntime()
    {
        Assert.Equal(TypeNames.InputAttribute, typeof(StaticNets.InputAttribute).FullName);
        Assert.Equal(TypeNames.Activation, typeof(StaticNets.Activation).FullName);
        Assert.Equal(TypeNames.Padding, typeof(StaticNets.Padding).FullName);
    }

    [Fact]
    public void EveryLayerKind_HasARuntimeAttribute_AndEveryLayerAttributeAKind()
    {
        Type[] attributes = typeof(StaticNets.LayerAttribute).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(StaticNets.LayerAttribute)) && !t.IsAbstract)
            .ToArray();
        foreach (Model.LayerKind kind in Enum.GetValues<Model.LayerKind>())
        {
            Type? type = typeof(StaticNets.LayerAttribute).Assembly.GetType(TypeNames.AttributeOf(kind));
            Assert.True(type is not null && type.IsSubclassOf(typeof(StaticNets.LayerAttribute)), $"{kind}: no attribute {TypeNames.AttributeOf(kind)}");
        }

        Assert.All(attributes, a => Assert.Equal(a.FullName, TypeNames.AttributeOf(TypeNames.LayerKindOf(a.Name)!.Value)));
        Assert.Equal(Enum.GetValues<Model.LayerKind>().Length, attributes.Length);
    }

    [Fact]
    public void PaddingMirror_IsValidThenSame()
    {
        Assert.Equal(0, (int)StaticNets.Padding.Valid);
        Assert.Equal(1, (int)StaticNets.Padding.Same);
    }

    [Fact]
    public void ActivationMirror_MatchesTheRuntimeEnum()
    {
        Assert.Equal(
            Enum.GetValues<StaticNets.Activation>().Select(a => ((int)a, a.ToString())),
            Enum.GetValues<Model.Activation>().Select(a => ((int)a, a.ToString())));
    }
}
