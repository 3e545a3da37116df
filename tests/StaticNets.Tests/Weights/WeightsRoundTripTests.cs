using System;
using System.IO;
using System.Runtime.InteropServices;

namespace StaticNets.Tests.Weights;

/// <summary>Save then load gives back the very same bits, and saving is deterministic.</summary>
public class WeightsRoundTripTests
{
    private const string Architecture = "Input[2]>Dense[10,Relu,bias]>Dense[1,Linear,bias]";

    /// <summary>Every awkward float32 class, built from bit patterns so nothing on the way can quiet or round them.</summary>
    private static float[] SpecialValues()
    {
        uint[] bits =
        [
            0x7FC00000, // quiet NaN
            0x7FC12345, // quiet NaN with payload
            0xFFC00001, // negative quiet NaN with payload
            0x7F800001, // signalling NaN
            0xFF80ABCD, // negative signalling NaN with payload
            0x7FFFFFFF, // NaN, all payload bits
            0x80000000, // -0
            0x00000000, // +0
            0x00000001, // smallest subnormal
            0x807FFFFF, // largest negative subnormal
            0x00800000, // smallest normal
            0x7F800000, // +infinity
            0xFF800000, // -infinity
            0x7F7FFFFF, // float.MaxValue
            0xFF7FFFFF, // float.MinValue
            0x3F800000, // 1
            0x3DCCCCCD, // 0.1f
        ];
        return MemoryMarshal.Cast<uint, float>(bits.AsSpan()).ToArray();
    }

    [Fact]
    public void File_RoundTripsSpecialValuesBitForBit()
    {
        using var folder = new TempFolder();
        string path = folder.File("special.weights");
        var source = new FakeNetwork(Architecture, SpecialValues());
        var target = new FakeNetwork(Architecture, new float[source.Values.Length]);

        source.SaveWeights(path);
        target.LoadWeights(path);

        Assert.Equal(source.Bytes(), target.Bytes());
    }

    [Fact]
    public void File_RoundTripsManyChunksOfRandomBitPatterns()
    {
        // Larger than the 16 Ki-parameter chunk, with a ragged last chunk.
        using var folder = new TempFolder();
        string path = folder.File("large.weights");
        var source = FakeNetwork.WithRandomBits(Architecture, 100_003, seed: 7);
        var target = FakeNetwork.WithRandomBits(Architecture, 100_003, seed: 8);

        source.SaveWeights(path);
        target.LoadWeights(path);

        Assert.Equal(source.Bytes(), target.Bytes());
        Assert.Equal(16 + Architecture.Length + 4 + 4L * 100_003 + 4, new FileInfo(path).Length);
    }

    [Fact]
    public void ZeroParameters_RoundTrip()
    {
        var stream = new MemoryStream();
        new FakeNetwork("Input[3]", []).SaveWeights(stream);
        stream.Position = 0;
        new FakeNetwork("Input[3]", []).LoadWeights(stream);

        Assert.Equal(24 + "Input[3]".Length, stream.Length);
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void NonAsciiArchitecture_IsStoredAsUtf8AndRoundTrips()
    {
        const string architecture = "Input[2]>Dense[1,Linear,bias]·ü→";
        var source = FakeNetwork.WithRandomBits(architecture, 3, seed: 1);
        var stream = new MemoryStream();
        source.SaveWeights(stream);

        var target = new FakeNetwork(architecture, new float[3]);
        target.LoadWeights(new MemoryStream(stream.ToArray()));

        Assert.Equal(source.Bytes(), target.Bytes());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(architecture), BitConverter.ToInt32(stream.ToArray(), 12));
    }

    [Fact]
    public void Stream_RoundTripsThroughANonSeekableStreamWithOneByteReads()
    {
        var source = new FakeNetwork(Architecture, SpecialValues());
        var written = new MemoryStream();
        source.SaveWeights(new PipeLikeStream(written));

        var target = new FakeNetwork(Architecture, new float[source.Values.Length]);
        target.LoadWeights(new PipeLikeStream(new MemoryStream(written.ToArray())) { MaxBytesPerRead = 1 });

        Assert.Equal(source.Bytes(), target.Bytes());
    }

    [Fact]
    public void TwoSaves_AreByteIdentical()
    {
        using var folder = new TempFolder();
        var first = FakeNetwork.WithRandomBits(Architecture, 1000, seed: 3);
        var second = FakeNetwork.WithRandomBits(Architecture, 1000, seed: 3);

        first.SaveWeights(folder.File("a.weights"));
        second.SaveWeights(folder.File("b.weights"));
        first.SaveWeights(folder.File("c.weights"));
        var stream = new MemoryStream();
        first.SaveWeights(stream);

        byte[] a = File.ReadAllBytes(folder.File("a.weights"));
        Assert.Equal(a, File.ReadAllBytes(folder.File("b.weights")));
        Assert.Equal(a, File.ReadAllBytes(folder.File("c.weights")));
        Assert.Equal(a, stream.ToArray());
    }

    [Fact]
    public void DifferentWeights_GiveDifferentFiles()
    {
        // Guards the determinism test above against a writer that ignores the weights altogether.
        var one = new MemoryStream();
        var other = new MemoryStream();
        new FakeNetwork(Architecture, [1f, 2f]).SaveWeights(one);
        new FakeNetwork(Architecture, [1f, 2.0000002f]).SaveWeights(other);

        Assert.NotEqual(one.ToArray(), other.ToArray());
    }

    [Fact]
    public void StreamSave_WritesAtTheCurrentPositionAndLeavesTheStreamOpen()
    {
        var stream = new MemoryStream();
        stream.Write([1, 2, 3]);
        var network = new FakeNetwork(Architecture, [4f, 5f]);

        network.SaveWeights(stream);
        stream.WriteByte(9);

        byte[] all = stream.ToArray();
        Assert.Equal(new byte[] { 1, 2, 3 }, all[..3]);
        Assert.Equal(RecordBuilder.Build(Architecture, [4f, 5f]), all[3..^1]);
        Assert.Equal(9, all[^1]);
    }

    [Fact]
    public void StreamLoad_ReadsExactlyOneRecordAndNothingAfterIt()
    {
        // Two records of different models back to back, then unrelated bytes, in a non-seekable stream.
        const string otherArchitecture = "Input[4]>Dense[2,Sigmoid,nobias]";
        var first = FakeNetwork.WithRandomBits(Architecture, 5, seed: 11);
        var second = FakeNetwork.WithRandomBits(otherArchitecture, 8, seed: 12);
        var joined = new MemoryStream();
        first.SaveWeights(joined);
        long firstLength = joined.Length;
        second.SaveWeights(joined);
        long bothLength = joined.Length;
        joined.Write([0xDE, 0xAD, 0xBE, 0xEF]);

        var pipe = new PipeLikeStream(new MemoryStream(joined.ToArray()));
        var firstCopy = new FakeNetwork(Architecture, new float[5]);
        var secondCopy = new FakeNetwork(otherArchitecture, new float[8]);

        firstCopy.LoadWeights(pipe);
        Assert.Equal(firstLength, pipe.BytesRead);
        secondCopy.LoadWeights(pipe);
        Assert.Equal(bothLength, pipe.BytesRead);

        Assert.Equal(first.Bytes(), firstCopy.Bytes());
        Assert.Equal(second.Bytes(), secondCopy.Bytes());
        var rest = new byte[8];
        Assert.Equal(4, pipe.ReadAtLeast(rest, 4, throwOnEndOfStream: false));
        Assert.Equal(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, rest[..4]);
    }
}
