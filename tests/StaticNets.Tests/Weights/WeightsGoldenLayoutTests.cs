using System;
using System.IO;

namespace StaticNets.Tests.Weights;

/// <summary>The exact bytes of a tiny model's file, spelled out from docs/weights-format.md.</summary>
public class WeightsGoldenLayoutTests
{
    private const string Architecture = "Input[2]>Dense[1,Linear,bias]";

    // Written by hand from the documented layout; the CRC was computed with a separate bit-by-bit CRC-32C script.
    private static readonly byte[] Expected =
    [
        0x89, 0x53, 0x4E, 0x57, 0x0D, 0x0A, 0x1A, 0x0A,   // magic "\x89SNW\r\n\x1A\n"
        0x01, 0x00, 0x00, 0x00,                           // format version 1
        0x1D, 0x00, 0x00, 0x00,                           // architecture text: 29 bytes
        .."Input[2]>Dense[1,Linear,bias]"u8,
        0x03, 0x00, 0x00, 0x00,                           // 3 parameters
        0x00, 0x00, 0x80, 0x3F,                           //  1.0f
        0x00, 0x00, 0x00, 0xC0,                           // -2.0f
        0x00, 0x00, 0x00, 0x3F,                           //  0.5f
        0xA2, 0x00, 0xEE, 0xAC,                           // CRC-32C 0xACEE00A2 of all bytes above
    ];

    [Fact]
    public void SavedFile_HasTheDocumentedBytes()
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny.weights");
        new FakeNetwork(Architecture, [1.0f, -2.0f, 0.5f]).SaveWeights(path);

        Assert.Equal(Expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void SavedStream_HasTheDocumentedBytes()
    {
        var stream = new MemoryStream();
        new FakeNetwork(Architecture, [1.0f, -2.0f, 0.5f]).SaveWeights(stream);

        Assert.Equal(Expected, stream.ToArray());
    }

    [Fact]
    public void DocumentedBytes_Load()
    {
        var network = new FakeNetwork(Architecture, new float[3]);
        network.LoadWeights(new MemoryStream(Expected));

        Assert.Equal([1.0f, -2.0f, 0.5f], network.Values);
    }

    [Fact]
    public void TestBuilder_AgreesWithTheHandWrittenBytes()
    {
        // The other tests craft files with RecordBuilder; this pins it to the same documented layout.
        Assert.Equal(Expected, RecordBuilder.Build(Architecture, [1.0f, -2.0f, 0.5f]));
    }
}
