using System;
using System.IO;
using StaticNets.Weights;

namespace StaticNets.Tests.Weights;

/// <summary>A save that fails part-way leaves the previous file exactly as it was and no temporary file behind.</summary>
public class WeightsAtomicSaveTests
{
    private const string Architecture = "Input[2]>Dense[10,Relu,bias]>Dense[1,Linear,bias]";

    [Fact]
    public void Save_ReplacesAnExistingFileAndLeavesNothingElse()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.weights");
        FakeNetwork.WithRandomBits(Architecture, 41, seed: 1).SaveWeights(path);
        var newer = FakeNetwork.WithRandomBits(Architecture, 41, seed: 2);

        newer.SaveWeights(path);

        var loaded = new FakeNetwork(Architecture, new float[41]);
        loaded.LoadWeights(path);
        Assert.Equal(newer.Bytes(), loaded.Bytes());
        Assert.Equal(["model.weights"], folder.Entries());
    }

    [Fact]
    public void WriteFailingMidway_KeepsTheOldFileAndRemovesTheTemporary()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.weights");
        FakeNetwork.WithRandomBits(Architecture, 41, seed: 1).SaveWeights(path);
        byte[] old = File.ReadAllBytes(path);
        var failure = new IOException("No space left on device (simulated).");
        long writtenBeforeFailure = 0;

        // The same atomic writer SaveWeights(path) uses, fed a writer that dies half-way through a real record.
        var thrown = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            var full = new MemoryStream();
            FakeNetwork.WithRandomBits(Architecture, 41, seed: 2).SaveWeights(full);
            stream.Write(full.ToArray().AsSpan(0, (int)full.Length / 2));
            stream.Flush();
            writtenBeforeFailure = stream.Length;
            throw failure;
        }));

        Assert.Same(failure, thrown);
        Assert.True(writtenBeforeFailure > 0);
        Assert.Equal(old, File.ReadAllBytes(path));
        Assert.Equal(["model.weights"], folder.Entries());
    }

    [Fact]
    public void WriteFailingMidway_WithNoOldFile_LeavesNoFileAtAll()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.weights");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("Writer failed (simulated).");
        }));

        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void RenameFailing_KeepsWhatWasThereAndRemovesTheTemporary()
    {
        // The target is a non-empty folder, so the final rename cannot replace it.
        using var folder = new TempFolder();
        string path = folder.File("model.weights");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "keep.txt"), "still here");

        Exception error = Record.Exception(() => FakeNetwork.WithRandomBits(Architecture, 41, seed: 1).SaveWeights(path));

        Assert.True(error is IOException or UnauthorizedAccessException, $"Unexpected {error?.GetType().Name}: {error?.Message}");
        Assert.Equal("still here", File.ReadAllText(Path.Combine(path, "keep.txt")));
        Assert.Equal(["model.weights"], folder.Entries());
    }

    [Fact]
    public void MissingFolder_FailsAndCreatesNothing()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "absent", "model.weights");

        Assert.Throws<DirectoryNotFoundException>(() => FakeNetwork.WithRandomBits(Architecture, 41, seed: 1).SaveWeights(path));

        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void StreamSave_PassesAWriteFailureOn()
    {
        var stream = new FailingStream(capacity: 100);

        var error = Assert.Throws<IOException>(() => FakeNetwork.WithRandomBits(Architecture, 41, seed: 1).SaveWeights(stream));

        Assert.Contains("simulated", error.Message);
        Assert.Equal(100, stream.Accepted.Length);
    }
}
