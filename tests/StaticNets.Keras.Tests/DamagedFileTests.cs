using System.IO.Compression;
using System.Text;
using StaticNets.Keras.Tests.Support;

namespace StaticNets.Keras.Tests;

/// <summary>
/// Damaged or self-contradicting files end in an <see cref="InvalidDataException"/> with a message, never in a
/// crash, a hang or another exception; LoadKerasWeights then leaves the network's weights as they were.
/// Every read runs under a time limit.
/// </summary>
public sealed class DamagedFileTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("staticnets-damaged-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Files() => new()
    {
        "synthetic/mlp/mlp.keras", "synthetic/mlp/mlp.h5", "synthetic/mlp/mlp.weights.h5",
        "synthetic/lstm/lstm.keras", "k2_cnn_batchnorm_dl4j/cnn_batch_norm.h5",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_truncated_file_is_refused(string file)
    {
        byte[] bytes = File.ReadAllBytes(Fixture.PathOf(file));
        string? config = ConfigFor(file);
        foreach (int length in new[] { 0, 3, 8, 20, 47, 100, 512, 1024, bytes.Length / 3, bytes.Length / 2, bytes.Length - 100, bytes.Length - 1 })
        {
            string message = Refused(bytes[..length], Path.GetFileName(file), config);
            Assert.False(string.IsNullOrWhiteSpace(message));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_bit_flip_anywhere_is_refused_or_reads_normally(string file)
    {
        // HDF5 keeps no checksums on raw data or (before superblock 2) on metadata, so a flip may go unnoticed: then the
        // read must simply succeed. What must never happen is a crash, a hang or an exception other than InvalidDataException.
        byte[] original = File.ReadAllBytes(Fixture.PathOf(file));
        string? config = ConfigFor(file);
        int refused = 0;
        for (int position = 0; position < original.Length; position += Math.Max(1, original.Length / 400))
        {
            byte[] bytes = (byte[])original.Clone();
            bytes[position] ^= (byte)(1 << (position % 8));
            Outcome outcome = Read(bytes, Path.GetFileName(file), config);
            if (outcome.Error is not null) refused++;
        }

        Assert.True(refused > 0, "some flips must be noticed");
    }

    [Theory]
    [InlineData("synthetic/mlp/mlp.h5")]
    [InlineData("synthetic/mlp/mlp.weights.h5")]
    public void A_bit_flip_in_the_superblock_is_refused_or_changes_nothing(string file)
    {
        byte[] original = File.ReadAllBytes(Fixture.PathOf(file));
        float[] intact = KerasFile.Read(original, "x", ConfigFor(file)).Parameters();
        for (int position = 0; position < 56; position++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] bytes = (byte[])original.Clone();
                bytes[position] ^= (byte)(1 << bit);
                Outcome outcome = Read(bytes, "x", ConfigFor(file));
                if (outcome.Parameters is not null) Assert.Equal(intact, outcome.Parameters);
            }
        }
    }

    [Fact]
    public void The_signature_of_an_hdf5_file_is_checked()
    {
        byte[] bytes = File.ReadAllBytes(Fixture.PathOf("synthetic/mlp/mlp.h5"));
        bytes[1] ^= 1;
        Assert.Equal("m.h5: neither a .keras archive (zip) nor an HDF5 file (.h5); its first bytes are 8949444630A1A0A.".Replace("8949444630A1A0A", Convert.ToHexString(bytes, 0, 8)), Refused(bytes, "m.h5", null));
    }

    [Fact]
    public void A_file_cut_inside_its_data_is_refused_by_its_recorded_length()
    {
        byte[] bytes = File.ReadAllBytes(Fixture.PathOf("synthetic/mlp/mlp.h5"));
        Assert.Equal($"m.h5: truncated: the HDF5 superblock says the file is {bytes.Length} bytes long, it has {bytes.Length - 1}.", Refused(bytes[..^1], "m.h5", null));
    }

    [Fact]
    public void A_wrong_shaped_dataset_in_a_keras2_file_is_refused_naming_the_layer()
        => Assert.Equal(
            "layer 'dense_1' (Dense): weight 'kernel' has shape (4, 7) in the file, the config implies (4, 8).",
            Refused(File.ReadAllBytes(Fixture.PathOf("damaged/mlp_wrong_shape.h5")), "mlp_wrong_shape.h5", null));

    [Fact]
    public void A_wrong_shaped_dataset_in_a_keras3_weights_file_is_refused_naming_the_layer()
        => Assert.Equal(
            "layer 'dense' (Dense): weight 'kernel' has shape (5, 8) in the file, the config implies (4, 8).",
            Refused(File.ReadAllBytes(Fixture.PathOf("damaged/mlp_wrong_shape.weights.h5")), "w.weights.h5", File.ReadAllText(Fixture.PathOf("synthetic/mlp/model.json"))));

    [Fact]
    public void A_config_that_lies_about_units_is_refused_naming_the_layer()
    {
        string config = File.ReadAllText(Fixture.PathOf("synthetic/mlp/model.json")).Replace("\"units\": 8", "\"units\": 9", StringComparison.Ordinal);
        Assert.Equal(
            "layer 'dense' (Dense): weight 'kernel' has shape (4, 8) in the file, the config implies (4, 9)." + Environment.NewLine +
            "layer 'dense' (Dense): weight 'bias' has shape (8,) in the file, the config implies (9,)." + Environment.NewLine +
            "layer 'dense_1' (Dense): weight 'kernel' has shape (8, 3) in the file, the config implies (9, 3).",
            Refused(File.ReadAllBytes(Fixture.PathOf("synthetic/mlp/mlp.weights.h5")), "mlp.weights.h5", config));
    }

    [Fact]
    public void A_keras_archive_whose_config_lies_is_refused_and_LoadKerasWeights_leaves_the_weights_unchanged()
    {
        string path = Path.Combine(_folder, "lying.keras");
        using (var source = ZipFile.OpenRead(Fixture.PathOf("synthetic/mlp/mlp.keras")))
        using (var target = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (ZipArchiveEntry entry in source.Entries)
            {
                using var reader = new MemoryStream();
                entry.Open().CopyTo(reader);
                byte[] content = reader.ToArray();
                if (entry.FullName == "config.json") content = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace("\"units\": 3", "\"units\": 4", StringComparison.Ordinal));
                using Stream stream = target.CreateEntry(entry.FullName).Open();
                stream.Write(content);
            }
        }

        var network = new Imported.SyntheticMlp(7);
        float[] before = network.Parameters.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => network.LoadKerasWeights(path));
        Assert.Equal($"Cannot load Keras weights from '{path}': layer 'dense_1' (Dense): weight 'kernel' has shape (8, 3) in the file, the config implies (8, 4)." + Environment.NewLine +
                     "layer 'dense_1' (Dense): weight 'bias' has shape (3,) in the file, the config implies (4,).", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_damaged_zip_is_refused()
    {
        byte[] bytes = File.ReadAllBytes(Fixture.PathOf("synthetic/mlp/mlp.keras"));
        Assert.StartsWith("m.keras: the .keras archive is damaged", Refused(bytes[..(bytes.Length - 30)], "m.keras", null));
    }

    private static string? ConfigFor(string file)
        => file.EndsWith(".weights.h5", StringComparison.Ordinal) ? File.ReadAllText(Path.Combine(Path.GetDirectoryName(Fixture.PathOf(file))!, "model.json")) : null;

    private static string Refused(byte[] bytes, string name, string? config)
    {
        Outcome outcome = Read(bytes, name, config);
        Assert.True(outcome.Error is not null, $"{name} ({bytes.Length} bytes) was accepted");
        return outcome.Error!.Message;
    }

    private sealed record Outcome(float[]? Parameters, InvalidDataException? Error);

    /// <summary>Reads under the time limit; any exception other than InvalidDataException fails the test.</summary>
    private static Outcome Read(byte[] bytes, string name, string? config)
    {
        var task = Task.Run(() =>
        {
            try
            {
                return new Outcome(KerasFile.Read(bytes, name, config).Parameters(), null);
            }
            catch (InvalidDataException e)
            {
                return new Outcome(null, e);
            }
        });
        Assert.True(task.Wait(Limit), $"reading {name} did not finish within {Limit.TotalSeconds} s");
        return task.Result;
    }
}
