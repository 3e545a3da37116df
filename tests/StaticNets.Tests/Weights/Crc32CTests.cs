using System;
using System.Text;
using StaticNets.Weights;

namespace StaticNets.Tests.Weights;

public class Crc32CTests
{
    // Published check values: "123456789" is the standard CRC catalogue check; the 32-byte vectors are RFC 3720 B.4.
    public static TheoryData<byte[], uint> KnownVectors()
    {
        var ascending = new byte[32];
        var descending = new byte[32];
        for (int i = 0; i < 32; i++)
        {
            ascending[i] = (byte)i;
            descending[i] = (byte)(31 - i);
        }

        var ones = new byte[32];
        Array.Fill(ones, (byte)0xFF);
        return new TheoryData<byte[], uint>
        {
            { Encoding.ASCII.GetBytes("123456789"), 0xE3069283u },
            { new byte[32], 0x8A9136AAu },
            { ones, 0x62A8AB43u },
            { ascending, 0x46DD794Eu },
            { descending, 0x113FDB5Cu },
            { Array.Empty<byte>(), 0x00000000u },
        };
    }

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void Compute_MatchesPublishedCheckValues(byte[] data, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, Crc32C.Finish(Crc32C.UpdateWithTable(Crc32C.Initial, data)));
        Assert.Equal(expected, ReferenceCrc32C.Compute(data));
    }

    [Fact]
    public void Compute_AgreesWithBitwiseReference_ForEveryLengthAndSplit()
    {
        var random = new Random(1234);
        for (int length = 0; length < 200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            uint expected = ReferenceCrc32C.Compute(data);
            Assert.Equal(expected, Crc32C.Compute(data));

            // Fed in two arbitrary pieces (the reader and writer update chunk by chunk), with unaligned starts.
            int split = length == 0 ? 0 : random.Next(length + 1);
            uint pieces = Crc32C.Update(Crc32C.Update(Crc32C.Initial, data.AsSpan(0, split)), data.AsSpan(split));
            Assert.Equal(expected, Crc32C.Finish(pieces));
        }
    }
}
