using System;
using System.IO;

namespace StaticNets.Tests.Weights;

/// <summary>Each kind of bad file is refused with an <see cref="InvalidDataException"/> that says what is wrong, and the model keeps its weights.</summary>
public class WeightsLoadErrorTests
{
    private const string Architecture = "Input[2]>Dense[10,Relu,bias]>Dense[1,Linear,bias]";
    private const int Count = 41;

    private static float[] FileValues() => FakeNetwork.RandomBits(Count, seed: 100);

    private static FakeNetwork Target() => FakeNetwork.WithRandomBits(Architecture, Count, seed: 200);

    /// <summary>Loads <paramref name="file"/> through a file and through a non-seekable stream; both must fail alike and change nothing.</summary>
    private static string[] LoadFails(byte[] file, FakeNetwork? target = null)
    {
        target ??= Target();
        byte[] before = target.Bytes();
        using var folder = new TempFolder();
        string path = folder.File("bad.weights");
        File.WriteAllBytes(path, file);

        var fromFile = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));
        Assert.Equal(before, target.Bytes());
        Assert.Contains(path, fromFile.Message);

        var fromStream = Assert.Throws<InvalidDataException>(() => target.LoadWeights(new PipeLikeStream(new MemoryStream(file))));
        Assert.Equal(before, target.Bytes());
        Assert.EndsWith(fromStream.Message, fromFile.Message);
        return [fromFile.Message, fromStream.Message];
    }

    [Fact]
    public void EmptyFile_IsTruncatedInMagic()
    {
        foreach (string message in LoadFails([]))
        {
            Assert.Contains("truncated in its magic section", message);
        }
    }

    [Fact]
    public void OtherFileKind_IsNotAWeightsFile()
    {
        byte[] text = "{\"weights\": [1, 2, 3], \"padding\": \"................................\"}"u8.ToArray();
        foreach (string message in LoadFails(text))
        {
            Assert.Contains("Not a StaticNets weights file", message);
            Assert.Contains("7B227765", message); // what it found, in hex
        }
    }

    [Fact]
    public void NewlineConvertedFile_IsNotAWeightsFile()
    {
        // What a text-mode transfer does to CR LF in the magic.
        byte[] file = RecordBuilder.Build(Architecture, FileValues());
        byte[] converted = [.. file[..4], 0x0A, .. file[6..]];
        Assert.Contains("Not a StaticNets weights file", LoadFails(converted)[0]);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(2u)]
    [InlineData(uint.MaxValue)]
    public void OtherVersion_IsUnsupported(uint version)
    {
        foreach (string message in LoadFails(RecordBuilder.Build(Architecture, FileValues(), version: version)))
        {
            Assert.Contains($"Unsupported weights format version {version}; this library reads version 1", message);
        }
    }

    [Theory]
    [InlineData("Input[2]>Dense[10,Tanh,bias]>Dense[1,Linear,bias]")]  // same length, another activation
    [InlineData("Input[2]>Dense[10,Relu,bias]>Dense[1,Sigmoid,bias]")] // longer
    [InlineData("Input[2]>Dense[1,Linear,bias]")]                        // shorter
    [InlineData("")]
    public void OtherArchitecture_IsAMismatchShowingBoth(string fileArchitecture)
    {
        foreach (string message in LoadFails(RecordBuilder.Build(fileArchitecture, FileValues())))
        {
            Assert.Contains("Architecture mismatch", message);
            Assert.Contains($"the model is '{Architecture}'", message);
            Assert.Contains($"weights for '{fileArchitecture}'", message);
        }
    }

    [Fact]
    public void ForeignArchitectureText_IsEscapedInTheMessage()
    {
        string hostile = "Input[2]\n\u001b[31mDense\u202e";
        string message = LoadFails(RecordBuilder.Build(hostile, FileValues()))[0];

        Assert.Contains(@"Input[2]\u000A\u001B[31mDense\u202E", message);
        Assert.DoesNotContain('\u202e', message);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain('\u001b', message);
    }

    [Theory]
    [InlineData(4097u)]
    [InlineData(int.MaxValue)]
    [InlineData(0x80000000u)]
    [InlineData(uint.MaxValue)]
    public void HugeArchitectureLength_IsRefusedWithoutReadingOrAllocatingIt(uint claimed)
    {
        // The claimed text is "there": megabytes follow the header, so only the check stops the loader reading on.
        byte[] header = RecordBuilder.Build(Architecture, FileValues(), architectureLength: claimed)[..16];
        var content = new MemoryStream();
        content.Write(header);
        content.Write(new byte[4 << 20]);
        content.Position = 0;
        var pipe = new PipeLikeStream(content);
        FakeNetwork target = Target();
        byte[] before = target.Bytes();

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(pipe));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Contains("Architecture mismatch", error.Message);
        Assert.Contains($"claims {claimed} bytes", error.Message);
        Assert.Equal(16, pipe.BytesRead);
        Assert.True(allocated < 64 * 1024, $"The loader allocated {allocated} bytes for a header that claims {claimed}.");
        Assert.Equal(before, target.Bytes());
    }

    [Fact]
    public void ForeignArchitectureUpToTheLimit_IsReadAndShown()
    {
        string longer = "Input[2]>" + new string('x', 4096 - 9);
        Assert.Equal(4096, longer.Length);
        Assert.Contains($"weights for '{longer}'", LoadFails(RecordBuilder.Build(longer, FileValues()))[0]);
    }

    [Theory]
    [InlineData(Count - 1)]
    [InlineData(Count + 1)]
    [InlineData(0)]
    public void OtherParameterCount_IsAMismatch(int fileCount)
    {
        // A consistent file of the same architecture text with another number of weights.
        float[] values = FakeNetwork.RandomBits(fileCount, seed: 5);
        foreach (string message in LoadFails(RecordBuilder.Build(Architecture, values)))
        {
            Assert.Contains($"Parameter count mismatch: the model has {Count} parameters but the file has {fileCount}", message);
        }
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(uint.MaxValue)]
    public void HugeParameterCount_IsRefusedWithoutReadingOrAllocatingIt(uint claimed)
    {
        byte[] file = RecordBuilder.Build(Architecture, FileValues(), parameterCount: claimed);
        int headerLength = 20 + Architecture.Length;
        var content = new MemoryStream();
        content.Write(file);
        content.Write(new byte[4 << 20]);
        content.Position = 0;
        var pipe = new PipeLikeStream(content);
        FakeNetwork target = Target();
        byte[] before = target.Bytes();

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(pipe));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Contains($"the file has {claimed}", error.Message);
        Assert.Equal(headerLength, pipe.BytesRead);
        Assert.True(allocated < 64 * 1024, $"The loader allocated {allocated} bytes for a header that claims {claimed} parameters.");
        Assert.Equal(before, target.Bytes());
    }

    public static TheoryData<string, int> SectionCuts()
    {
        var (version, length, architecture, count, parameters, checksum) = RecordBuilder.Offsets(Architecture.Length, Count);
        return new TheoryData<string, int>
        {
            { "magic", 5 },
            { "format version", version + 1 },
            { "architecture length", length + 3 },
            { "architecture", architecture + 10 },
            { "parameter count", count + 2 },
            { "parameters", parameters + 7 },
            { "checksum", checksum + 3 },
        };
    }

    [Theory]
    [MemberData(nameof(SectionCuts))]
    public void TruncatedFile_SaysWhichSection(string section, int keep)
    {
        byte[] file = RecordBuilder.Build(Architecture, FileValues())[..keep];
        foreach (string message in LoadFails(file))
        {
            Assert.Contains($"truncated in its {section} section", message);
        }
    }

    [Fact]
    public void TruncatedParameters_SayHowMuchArrived()
    {
        int parameters = RecordBuilder.Offsets(Architecture.Length, Count).Parameters;
        byte[] file = RecordBuilder.Build(Architecture, FileValues())[..(parameters + 10)];
        Assert.Contains($"ends after 10 of that section's {4 * Count} bytes", LoadFails(file)[0]);
    }

    [Theory]
    [InlineData(0)]   // first payload byte
    [InlineData(-5)]  // last payload byte
    [InlineData(-1)]  // the checksum itself
    public void FlippedBit_IsAChecksumMismatch(int offsetFromPayloadOrEnd)
    {
        byte[] file = RecordBuilder.Build(Architecture, FileValues());
        int payload = RecordBuilder.Offsets(Architecture.Length, Count).Parameters;
        int at = offsetFromPayloadOrEnd >= 0 ? payload + offsetFromPayloadOrEnd : file.Length + offsetFromPayloadOrEnd;
        file[at] ^= 0x10;
        foreach (string message in LoadFails(file))
        {
            Assert.Contains("Checksum mismatch", message);
        }
    }

    [Fact]
    public void TrailingBytes_AreRefusedFromAFile()
    {
        byte[] file = [.. RecordBuilder.Build(Architecture, FileValues()), 0x00];
        FakeNetwork target = Target();
        byte[] before = target.Bytes();
        using var folder = new TempFolder();
        string path = folder.File("trailing.weights");
        File.WriteAllBytes(path, file);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));

        Assert.Contains("trailing garbage", error.Message);
        Assert.Equal(before, target.Bytes());
    }

    [Fact]
    public void MissingFile_IsAFileNotFoundError()
    {
        using var folder = new TempFolder();
        Assert.Throws<FileNotFoundException>(() => Target().LoadWeights(folder.File("absent.weights")));
    }

    [Fact]
    public void ValidFile_StillLoadsIntoTheSameTarget()
    {
        // The control for the tests above: the same target, builder and values do load when nothing is wrong.
        FakeNetwork target = Target();
        target.LoadWeights(new MemoryStream(RecordBuilder.Build(Architecture, FileValues())));
        Assert.Equal(new FakeNetwork(Architecture, FileValues()).Bytes(), target.Bytes());
    }
}
