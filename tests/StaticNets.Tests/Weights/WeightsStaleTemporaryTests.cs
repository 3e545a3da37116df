using System;
using System.IO;
using StaticNets.Weights;

namespace StaticNets.Tests.Weights;

/// <summary>
/// A save removes the temporary files that killed saves of the same target left behind, and nothing else: not files
/// that merely look like them, not other targets' temporaries, not temporaries that are recent or still open.
/// </summary>
public class WeightsStaleTemporaryTests
{
    private const string Architecture = "Input[2]>Dense[10,Relu,bias]>Dense[1,Linear,bias]";
    private const string Target = "model.weights";

    private static readonly DateTime LongAgo = DateTime.UtcNow - 10 * AtomicFile.StaleAge;

    private static string Id() => Guid.NewGuid().ToString("N");

    /// <summary>Creates a file with some bytes and the given modification time, as a killed save would have left it.</summary>
    private static string Leftover(TempFolder folder, string name, DateTime writtenUtc)
    {
        string path = folder.File(name);
        File.WriteAllBytes(path, new byte[1000]);
        File.SetLastWriteTimeUtc(path, writtenUtc);
        return name;
    }

    private static void Save(TempFolder folder, int seed = 1)
        => FakeNetwork.WithRandomBits(Architecture, 41, seed).SaveWeights(folder.File(Target));

    [Fact]
    public void Save_RemovesOldTemporariesOfItsTarget_AndLeavesEverythingElse()
    {
        using var folder = new TempFolder();
        Save(folder);
        string stale1 = Leftover(folder, $".{Target}.{Id()}.tmp", LongAgo);
        string stale2 = Leftover(folder, $".{Target}.{Id()}.tmp", LongAgo);
        string id = Id();
        string[] lookAlikes =
        [
            Leftover(folder, $".other.weights.{Id()}.tmp", LongAgo),          // another target's leftover
            Leftover(folder, $".{Target}x.{Id()}.tmp", LongAgo),              // another target, same prefix
            Leftover(folder, $".{Target}.{id.ToUpperInvariant()}.tmp", LongAgo), // upper-case hex: not what we write
            Leftover(folder, $".{Target}.{id[..31]}.tmp", LongAgo),           // 31 digits
            Leftover(folder, $".{Target}.{id}0.tmp", LongAgo),                // 33 digits
            Leftover(folder, $".{Target}.{id[..31]}g.tmp", LongAgo),          // not hex
            Leftover(folder, $".{Target}.{id}.tmp.bak", LongAgo),             // more after the suffix
            Leftover(folder, $".{Target}.{id}.TMP", LongAgo),                 // other case
            Leftover(folder, $"{Target}.{id}.tmp", LongAgo),                  // no leading dot
            Leftover(folder, $"..{Target}.{id}.tmp", LongAgo),                // two leading dots
            Leftover(folder, $".{Target}.{id}.{Id()}.tmp", LongAgo),          // the temporary of a target named model.weights.<id>
        ];
        string folderLookAlike = $".{Target}.{Id()}.tmp";
        Directory.CreateDirectory(folder.File(folderLookAlike));
        File.WriteAllText(Path.Combine(folder.File(folderLookAlike), "inside.txt"), "kept");

        Save(folder, seed: 2);

        string[] expected = [Target, folderLookAlike, .. lookAlikes];
        Array.Sort(expected, StringComparer.Ordinal);
        Assert.Equal(expected, folder.Entries());
        Assert.DoesNotContain(stale1, folder.Entries());
        Assert.DoesNotContain(stale2, folder.Entries());
        Assert.Equal("kept", File.ReadAllText(Path.Combine(folder.File(folderLookAlike), "inside.txt")));
    }

    [Fact]
    public void Save_KeepsARecentTemporary_UntilItIsOldEnough()
    {
        // A temporary written moments ago may belong to a save that is between closing and renaming it.
        using var folder = new TempFolder();
        string recent = Leftover(folder, $".{Target}.{Id()}.tmp", DateTime.UtcNow - AtomicFile.StaleAge / 2);

        Save(folder);
        Assert.Equal([recent, Target], folder.Entries());

        File.SetLastWriteTimeUtc(folder.File(recent), DateTime.UtcNow - AtomicFile.StaleAge - TimeSpan.FromSeconds(1));
        Save(folder, seed: 2);
        Assert.Equal([Target], folder.Entries());
    }

    [Fact]
    public void Save_KeepsAnOldTemporaryThatIsStillOpen_AsAWriterHoldsIt()
    {
        using var folder = new TempFolder();
        string open = Leftover(folder, $".{Target}.{Id()}.tmp", LongAgo);

        // The way AtomicFile.Write holds its own temporary while it writes: another handle with FileShare.None.
        using (var writer = new FileStream(folder.File(open), FileMode.Open, FileAccess.Write, FileShare.None))
        {
            Save(folder);
            Assert.Equal([open, Target], folder.Entries());
            File.SetLastWriteTimeUtc(writer.SafeFileHandle, LongAgo);
        }

        Save(folder, seed: 2);
        Assert.Equal([Target], folder.Entries());
    }

    [Fact]
    public void RemoveStaleTemporaries_CountsWhatItDeletes_AndIgnoresAMissingFolder()
    {
        using var folder = new TempFolder();
        Leftover(folder, $".{Target}.{Id()}.tmp", LongAgo);
        Leftover(folder, $".{Target}.{Id()}.tmp", LongAgo);
        Leftover(folder, $".{Target}.{Id()}.tmp", DateTime.UtcNow);

        Assert.Equal(2, AtomicFile.RemoveStaleTemporaries(folder.Path, Target));
        Assert.Single(folder.Entries());
        Assert.Equal(0, AtomicFile.RemoveStaleTemporaries(Path.Combine(folder.Path, "absent"), Target));
    }
}
