using StaticNets.Keras.Tests.Support;

namespace StaticNets.Keras.Tests;

/// <summary>Models StaticNets cannot represent are refused by the reader with one line per problem.</summary>
public sealed class RefusalTests
{
    [Theory]
    [MemberData(nameof(RefusalCases.All), MemberType = typeof(RefusalCases))]
    public void The_reader_refuses_with_one_line_per_problem(string file, string? config, string[] lines)
    {
        var e = Assert.Throws<InvalidDataException>(() => KerasFile.Read(Fixture.PathOf(file), config is null ? null : Fixture.PathOf(config)));
        Assert.Equal(lines, e.Message.Split(Environment.NewLine));
    }
}
