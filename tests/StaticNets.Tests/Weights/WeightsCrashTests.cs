using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using StaticNets.Weights;

namespace StaticNets.Tests.Weights;

/// <summary>
/// Kills a process in the middle of saving, again and again, and checks that the file at the path is always
/// either the previous or the next complete, valid generation, and that a later save removes the temporary files
/// the kills left behind. The child is tests/StaticNets.CrashSaver, which this test project references so it is
/// built and copied next to the tests.
/// </summary>
public class WeightsCrashTests
{
    private const string Architecture = "Input[1024]>Dense[2048,Relu,bias]>Dense[1,Linear,bias]";
    private const int Count = 2_000_000; // 8 MB per save, so most of the child's time is spent mid-save
    private const int WantedMidSaveKills = 3;
    private const int MaxKills = 25;

    /// <summary>Restates StaticNets.CrashSaver's GenerationNetwork.ValueOf, the content of each generation.</summary>
    private static float ValueOf(int generation, int index)
        => index == 0 ? generation : (float)((generation * 7919L + index) % 65521);

    private static float[] Generation(int generation)
    {
        var values = new float[Count];
        for (int i = 0; i < Count; i++) values[i] = ValueOf(generation, i);
        return values;
    }

    [Fact]
    public void KillingTheSaverAtRandomMoments_AlwaysLeavesTheOldOrTheNewCompleteFile_AndALaterSaveRemovesTheLeftovers()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.weights");
        new FakeNetwork(Architecture, Generation(0)).SaveWeights(path);

        var random = new Random(31_337);
        int onDisk = 0;
        int nextGeneration = 1;
        int midSaveKills = 0;
        int kills = 0;
        var log = new List<string>();
        var seen = new HashSet<string>();
        while (midSaveKills < WantedMidSaveKills && kills < MaxKills)
        {
            (int lastSaved, int lastStarted) = RunAndKill(path, nextGeneration, delayMilliseconds: random.Next(0, 150));
            kills++;

            var loaded = new FakeNetwork(Architecture, new float[Count]);
            loaded.LoadWeights(path); // throws if the file is not a complete, valid file
            int found = (int)loaded.Values[0];

            // The child announced "saved lastSaved", so the file is that generation, or the next one if the kill came
            // between its rename and its announcement; anything else is a torn or lost save.
            Assert.True(found == lastSaved || (found == lastSaved + 1 && found == lastStarted),
                $"After kill {kills} the file holds generation {found}; the child had saved {lastSaved} and started {lastStarted}.");
            Assert.True(found >= onDisk, $"The file went back from generation {onDisk} to {found}.");
            Assert.Equal(new FakeNetwork(Architecture, Generation(found)).Bytes(), loaded.Bytes());
            onDisk = found;

            // A new leftover temporary file is the mark of a kill between its creation and the rename: the window that
            // matters. The child's next saves leave them alone while they are younger than AtomicFile.StaleAge.
            string[] leftovers = Array.FindAll(folder.Entries(), e => e != "model.weights");
            Assert.All(leftovers, e => Assert.Matches(@"^\.model\.weights\.[0-9a-f]{32}\.tmp$", e));
            int fresh = 0;
            foreach (string leftover in leftovers)
            {
                if (seen.Add(leftover)) fresh++;
            }

            if (fresh > 0) midSaveKills++;

            log.Add($"kill {kills}: saved {lastSaved}, started {lastStarted}, file {found}, new leftovers {fresh}, leftovers {leftovers.Length}");
            nextGeneration = lastStarted + 1;
        }

        Assert.True(midSaveKills >= WantedMidSaveKills,
            $"Only {midSaveKills} of {kills} kills landed mid-save, so the crash window was barely exercised:\n" + string.Join("\n", log));

        // One more save, as if it came a while later (the leftovers' times moved back past StaleAge), removes every
        // leftover of the killed saves and still writes a complete file.
        string[] remaining = Array.FindAll(folder.Entries(), e => e != "model.weights");
        Assert.NotEmpty(remaining); // the last kill that counted was mid-save, so its leftover is still there
        foreach (string leftover in remaining)
        {
            File.SetLastWriteTimeUtc(folder.File(leftover), DateTime.UtcNow - AtomicFile.StaleAge - TimeSpan.FromMinutes(1));
        }

        var last = new FakeNetwork(Architecture, Generation(nextGeneration));
        last.SaveWeights(path);

        Assert.Equal(["model.weights"], folder.Entries());
        var reloaded = new FakeNetwork(Architecture, new float[Count]);
        reloaded.LoadWeights(path);
        Assert.Equal(last.Bytes(), reloaded.Bytes());
    }

    /// <summary>Starts the saver, lets it complete at least one save, waits, kills it, and reports its last announcements.</summary>
    private static (int LastSaved, int LastStarted) RunAndKill(string path, int firstGeneration, int delayMilliseconds)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StaticNets.CrashSaver.dll"));
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(Architecture);
        start.ArgumentList.Add(Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(firstGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using Process child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash saver.");
        int lastSaved = -1;
        int lastStarted = -1;
        using var firstSave = new ManualResetEventSlim();
        Task reader = Task.Run(() =>
        {
            // Reads to the end: after the kill, the pipe still holds every line the child flushed.
            while (child.StandardOutput.ReadLine() is { } line)
            {
                string[] parts = line.Split(' ');
                int generation = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                if (parts[0] == "saving") Volatile.Write(ref lastStarted, generation);
                if (parts[0] == "saved")
                {
                    Volatile.Write(ref lastSaved, generation);
                    firstSave.Set();
                }
            }
        });
        Task<string> errors = child.StandardError.ReadToEndAsync();

        try
        {
            if (!firstSave.Wait(TimeSpan.FromMinutes(2)))
            {
                throw new InvalidOperationException("The crash saver did not complete a save: " + (child.HasExited ? errors.Result : "still running"));
            }

            Thread.Sleep(delayMilliseconds);
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        reader.Wait();
        return (Volatile.Read(ref lastSaved), Volatile.Read(ref lastStarted));
    }

    /// <summary>The dotnet host running these tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        return "dotnet";
    }
}
