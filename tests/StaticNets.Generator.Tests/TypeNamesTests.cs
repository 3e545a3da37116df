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
        foreach (Layers.LayerKind kind in Layers.LayerCatalog.All)
        {
            Type? type = typeof(StaticNets.LayerAttribute).Assembly.GetType(TypeNames.MetadataName(kind));
            Assert.True(type is not null && type.IsSubclassOf(typeof(StaticNets.LayerAttribute)), $"{kind.AttributeName}: no runtime attribute {TypeNames.MetadataName(kind)}");
        }

        Assert.All(attributes, a => Assert.True(Layers.LayerCatalog.Find(a.Name) is not null, $"{a.FullName} has no layer kind in the generator's catalog"));
        Assert.Equal(attributes.Length, Layers.LayerCatalog.All.Count);
        Assert.Equal(TypeNames.LayerAttributeName, typeof(StaticNets.LayerAttribute).Name);
    }

    [Fact]
    public void PaddingMirror_MatchesTheRuntimeEnum()
    {
        Assert.Equal(
            Enum.GetValues<StaticNets.Padding>().Select(p => ((int)p, p.ToString())),
            Enum.GetValues<Model.Padding>().Select(p => ((int)p, p.ToString())));
    }

    [Fact]
    public void ActivationMirror_MatchesTheRuntimeEnum()
    {
        Assert.Equal(
            Enum.GetValues<StaticNets.Activation>().Select(a => ((int)a, a.ToString())),
            Enum.GetValues<Model.Activation>().Select(a => ((int)a, a.ToString())));
    }
}
