using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace StaticNets.Tests.Weights;

/// <summary>
/// Thousands of damaged files, each of which must be refused with exactly <see cref="InvalidDataException"/>
/// (never another exception, never a silent load) and leave the model's weights unchanged. Every byte of the
/// format is checked (fields by value, payload by CRC), so no mutation may load.
/// </summary>
public class WeightsFuzzTests
{
    private const string Architecture = "Input[3]>Dense[4,Relu,bias]>Dense[2,Tanh,bias]";
    private const int Count = 3 * 4 + 4 + 4 * 2 + 2;

    private sealed record Mutation(string Name, byte[] File, bool OnlyAppended = false);

    [Fact]
    public void EveryMutatedFile_IsRefusedAndChangesNothing()
    {
        float[] values = FakeNetwork.RandomBits(Count, seed: 42);
        byte[] original = Save(new FakeNetwork(Architecture, values));
        List<Mutation> mutations = [.. Mutate(original)];
        Assert.True(mutations.Count >= 1000, $"Only {mutations.Count} mutations.");

        var failures = new List<string>();
        using var folder = new TempFolder();
        string path = folder.File("fuzz.weights");
        foreach (Mutation mutation in mutations)
        {
            File.WriteAllBytes(path, mutation.File);
            ExpectRefused(mutation.Name + " (file)", target => target.LoadWeights(path), failures);
            if (mutation.OnlyAppended)
            {
                // A stream holds one record and what follows is the caller's: the record loads, the rest stays unread.
                ExpectStreamLoadsOriginalOnly(mutation, values, failures);
            }
            else
            {
                ExpectRefused(mutation.Name + " (stream)", target => target.LoadWeights(new PipeLikeStream(new MemoryStream(mutation.File))), failures);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {mutations.Count} mutations misbehaved:\n" + string.Join("\n", failures.GetRange(0, Math.Min(20, failures.Count))));
    }

    [Fact]
    public void TruncationAtEverySectionAndChunkBoundary_OfALargeFile_IsRefused()
    {
        // Several payload chunks (16 Ki parameters each) so cuts also land at and around chunk edges.
        const int large = 40_000;
        byte[] original = Save(FakeNetwork.WithRandomBits(Architecture, large, seed: 9));
        var (version, length, architecture, count, parameters, checksum) = RecordBuilder.Offsets(Architecture.Length, large);
        int[] boundaries =
        [
            0, 8, version, length, architecture, count, parameters,
            parameters + 4 * 16_384, parameters + 8 * 16_384, checksum, original.Length,
        ];
        var failures = new List<string>();
        var cuts = new SortedSet<int>();
        foreach (int boundary in boundaries)
        {
            for (int delta = -1; delta <= 1; delta++)
            {
                int keep = boundary + delta;
                if (keep >= 0 && keep < original.Length) cuts.Add(keep);
            }
        }

        foreach (int keep in cuts)
        {
            byte[] file = original[..keep];
            ExpectRefused($"large file cut to {keep} bytes", t => t.LoadWeights(new PipeLikeStream(new MemoryStream(file))), failures, large);
        }

        Assert.Empty(failures);
        Assert.True(cuts.Count >= 25);
    }

    private static IEnumerable<Mutation> Mutate(byte[] original)
    {
        var (version, length, architecture, count, parameters, checksum) = RecordBuilder.Offsets(Architecture.Length, Count);
        Assert.Equal(checksum + 4, original.Length);

        // Every truncation.
        for (int keep = 0; keep < original.Length; keep++)
        {
            yield return new Mutation($"truncated to {keep} bytes", original[..keep]);
        }

        // Every single-bit flip, exhaustively.
        for (int at = 0; at < original.Length; at++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] file = (byte[])original.Clone();
                file[at] ^= (byte)(1 << bit);
                yield return new Mutation($"bit {bit} of byte {at} flipped", file);
            }
        }

        // Random multi-byte damage with a fixed seed: several random bytes overwritten, or a random run zeroed.
        var random = new Random(20_240_601);
        for (int i = 0; i < 400; i++)
        {
            byte[] file = (byte[])original.Clone();
            if (i % 2 == 0)
            {
                int changes = random.Next(2, 9);
                for (int c = 0; c < changes; c++)
                {
                    int at = random.Next(file.Length);
                    file[at] ^= (byte)random.Next(1, 256);
                }
            }
            else
            {
                int start = random.Next(file.Length);
                int run = random.Next(1, file.Length - start + 1);
                file.AsSpan(start, run).Fill((byte)random.Next(256));
            }

            if (!file.AsSpan().SequenceEqual(original)) yield return new Mutation($"random damage #{i}", file);
        }

        // Each 32-bit header field (and the checksum) set to extremes.
        uint[] extremes = [0, 1, 0xFFFFFFFF, int.MaxValue, 0x80000000, 0x7FFFFFF0, 4096, 4097, (uint)Architecture.Length - 1, (uint)Architecture.Length + 1, Count - 1, Count + 1, 2];
        foreach ((string field, int offset) in new[] { ("version", version), ("architecture length", length), ("parameter count", count), ("checksum", checksum) })
        {
            uint current = BinaryPrimitives.ReadUInt32LittleEndian(original.AsSpan(offset));
            foreach (uint value in extremes)
            {
                if (value == current) continue;
                byte[] file = (byte[])original.Clone();
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offset), value);
                yield return new Mutation($"{field} set to {value}", file);
            }
        }

        // Magic replaced wholesale.
        yield return new Mutation("magic all zero", [.. new byte[8], .. original[8..]]);
        yield return new Mutation("magic all 0xFF", [.. new byte[] { 255, 255, 255, 255, 255, 255, 255, 255 }, .. original[8..]]);

        // Well-formed files (right checksum) for another architecture or another count.
        yield return new Mutation("other activation", RecordBuilder.Build(Architecture.Replace("Relu", "Tanh"), FakeNetwork.RandomBits(Count, 1)));
        yield return new Mutation("no bias", RecordBuilder.Build(Architecture.Replace("Tanh,bias", "Tanh,nobias"), FakeNetwork.RandomBits(Count - 2, 1)));
        yield return new Mutation("one parameter more", RecordBuilder.Build(Architecture, FakeNetwork.RandomBits(Count + 1, 1)));
        yield return new Mutation("one parameter less", RecordBuilder.Build(Architecture, FakeNetwork.RandomBits(Count - 1, 1)));
        yield return new Mutation("a version-2 file", RecordBuilder.Build(Architecture, FakeNetwork.RandomBits(Count, 1), version: 2));

        // Appended bytes.
        yield return new Mutation("one zero byte appended", [.. original, 0], OnlyAppended: true);
        yield return new Mutation("four bytes appended", [.. original, 1, 2, 3, 4], OnlyAppended: true);
        yield return new Mutation("the file appended to itself", [.. original, .. original], OnlyAppended: true);
        yield return new Mutation("a kilobyte of 0xFF appended", [.. original, .. Fill(new byte[1024], 0xFF)], OnlyAppended: true);
    }

    private static byte[] Fill(byte[] bytes, byte value)
    {
        Array.Fill(bytes, value);
        return bytes;
    }

    private static byte[] Save(FakeNetwork network)
    {
        var stream = new MemoryStream();
        network.SaveWeights(stream);
        return stream.ToArray();
    }

    private static void ExpectRefused(string name, Action<FakeNetwork> load, List<string> failures, int count = Count)
    {
        // The target's own weights differ from every file's, so a load that slipped through would show.
        var target = FakeNetwork.WithRandomBits(Architecture, count, seed: 7777);
        byte[] before = target.Bytes();
        try
        {
            load(target);
            failures.Add($"{name}: loaded without an error");
        }
        catch (InvalidDataException)
        {
            // Expected.
        }
        catch (Exception e)
        {
            failures.Add($"{name}: threw {e.GetType().Name} ({e.Message})");
        }

        if (!before.AsSpan().SequenceEqual(target.Bytes())) failures.Add($"{name}: the model's weights changed");
    }

    private static void ExpectStreamLoadsOriginalOnly(Mutation mutation, float[] values, List<string> failures)
    {
        int recordLength = 24 + Architecture.Length + 4 * Count;
        var target = FakeNetwork.WithRandomBits(Architecture, Count, seed: 7777);
        var pipe = new PipeLikeStream(new MemoryStream(mutation.File));
        try
        {
            target.LoadWeights(pipe);
        }
        catch (Exception e)
        {
            failures.Add($"{mutation.Name} (stream): threw {e.GetType().Name} ({e.Message})");
            return;
        }

        if (pipe.BytesRead != recordLength) failures.Add($"{mutation.Name} (stream): read {pipe.BytesRead} bytes, not {recordLength}");
        if (!target.Bytes().AsSpan().SequenceEqual(new FakeNetwork(Architecture, values).Bytes())) failures.Add($"{mutation.Name} (stream): wrong weights");
    }
}
