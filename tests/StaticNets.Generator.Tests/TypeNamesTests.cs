namespace StaticNets.Generator.Tests;

/// <summary>The generator mirrors runtime names instead of referencing the runtime; these keep the mirrors honest.</summary>
public class TypeNamesTests
{
    [Fact]
    public void AttributeMetadataNames_MatchTheRuntime()
    {
        Assert.Equal(TypeNames.InputAttribute, typeof(StaticNets.InputAttribute).FullName);
        Assert.Equal(TypeNames.DenseAttribute, typeof(StaticNets.DenseAttribute).FullName);
        Assert.Equal(TypeNames.Activation, typeof(StaticNets.Activation).FullName);
    }

    [Fact]
    public void ActivationMirror_MatchesTheRuntimeEnum()
    {
        Assert.Equal(
            Enum.GetValues<StaticNets.Activation>().Select(a => ((int)a, a.ToString())),
            Enum.GetValues<Model.Activation>().Select(a => ((int)a, a.ToString())));
    }
}
