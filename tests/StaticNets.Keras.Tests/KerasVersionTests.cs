using System.IO.Compression;
using System.Text;
using StaticNets.Keras.Reading;
using StaticNets.Keras.Tests.Support;

namespace StaticNets.Keras.Tests;

/// <summary>
/// tf.keras 2.15 writes `.keras` archives with Keras-2-style configs (batch_input_shape, plain-string dtype) and
/// version 2.15.0; those files read like Keras 3 archives, and their hard_sigmoid is Keras 2's.
/// </summary>
public sealed class KerasVersionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("staticnets-version-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_tf_keras_2_15_archive_with_a_keras_2_config_predicts_like_the_keras_3_one()
    {
        string path = Archive("2.15.0", Keras2Config("synthetic/mlp/mlp.h5"), "synthetic/mlp/mlp.keras");
        KerasModel model = KerasFile.Read(path);
        Assert.Equal("2.15.0", model.KerasVersion);
        Assert.Equal(KerasFile.Read(Fixture.PathOf("synthetic/mlp/mlp.keras")).Parameters(), model.Parameters());
        Assert.Equal(new Imported.SyntheticMlp().GetArchitecture(), model.Architecture);
    }

    [Theory]
    [InlineData("2.15.0", "HardSigmoidKeras2")]
    [InlineData("3.13.2", "HardSigmoid")]
    public void Hard_sigmoid_follows_the_version_that_wrote_the_archive(string version, string activation)
    {
        string config = Keras2Config("synthetic/lstm/lstm.h5").Replace("\"recurrent_activation\": \"sigmoid\"", "\"recurrent_activation\": \"hard_sigmoid\"", StringComparison.Ordinal);
        KerasModel model = KerasFile.Read(Archive(version, config, "synthetic/lstm/lstm.keras"));
        Assert.Equal($"Input[5,3]>LSTM[6,Tanh,{activation},bias,seq]>LSTM[4,Tanh,{activation},bias]>Dense[2,Linear,bias]", model.Architecture);
    }

    private static string Keras2Config(string h5)
    {
        using Hdf5File file = Hdf5File.Open(File.ReadAllBytes(Fixture.PathOf(h5)), h5);
        return file.StringAttribute("/", "model_config")!;
    }

    private string Archive(string version, string config, string weightsFrom)
    {
        string path = Path.Combine(_folder, version + ".keras");
        File.Delete(path);
        using var source = ZipFile.OpenRead(Fixture.PathOf(weightsFrom));
        using var target = ZipFile.Open(path, ZipArchiveMode.Create);
        Write(target, "metadata.json", Encoding.UTF8.GetBytes($"{{\"keras_version\": \"{version}\", \"date_saved\": \"2024-01-01@00:00:00\"}}"));
        Write(target, "config.json", Encoding.UTF8.GetBytes(config));
        using var weights = new MemoryStream();
        source.GetEntry("model.weights.h5")!.Open().CopyTo(weights);
        Write(target, "model.weights.h5", weights.ToArray());
        return path;
    }

    private static void Write(ZipArchive zip, string name, byte[] content)
    {
        using Stream stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open(); // deflated: the reader accepts it too
        stream.Write(content);
    }
}
