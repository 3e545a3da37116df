using StaticNets.Keras.Tests.Support;
using StaticNets.Tool;

namespace StaticNets.Keras.Tests;

/// <summary>
/// <c>staticnets import</c> run in-process: it still writes exactly the checked-in classes (so the compiled
/// classes tested elsewhere are the tool's output), a weights file the class loads, and on a refused model
/// nothing at all, with exit code 2 and one line per problem on standard error.
/// </summary>
public sealed class ToolTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("staticnets-tool-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string, bool> Generated() => new()
    {
        { "synthetic/mlp/mlp.keras", "SyntheticMlp", false },
        { "synthetic/cnn/cnn.keras", "SyntheticCnn", false },
        { "synthetic/bn/bn.keras", "SyntheticBn", false },
        { "synthetic/lstm/lstm.keras", "SyntheticLstm", false },
        { "synthetic/gru/gru.keras", "SyntheticGru", false },
        { "synthetic/gru_v1/gru_v1.keras", "SyntheticGruV1", false },
        { "synthetic/emb/emb.keras", "SyntheticEmb", false },
        { "synthetic/bidir/bidir.keras", "SyntheticBidir", false },
        { "synthetic/seq1d/seq1d.keras", "SyntheticSeq1d", false },
        { "synthetic/rnn_back/rnn_back.keras", "SyntheticRnnBack", false },
        { "synthetic/img/img.keras", "SyntheticImg", false },
        { "synthetic/upsample/upsample.keras", "SyntheticUpsample", false },
        { "synthetic/norm/norm.keras", "SyntheticNorm", false },
        { "k2_cnn_batchnorm_dl4j/cnn_batch_norm.h5", "CnnBatchNorm", false },
        { "k2_mlp_softmax_dl4j/simple_sparse_xent_mlp_keras_2_model.h5", "SparseXentMlp", false },
        { "k2_simplernn_dl4j/simple_rnn_tf_keras_2_model.h5", "SimpleRnnKeras2", false },
        { "k2_embedding_lstm_dl4j/embedding_lstm_tensorflow_2.h5", "EmbeddingLstm", false },
        { "synthetic/mlp/mlp.h5", "EmbeddedMlp", true },
    };

    [Theory]
    [MemberData(nameof(Generated))]
    public void The_tool_writes_exactly_the_checked_in_class_and_a_weights_file_it_loads(string file, string className, bool embed)
    {
        var args = new List<string> { "import", Fixture.PathOf(file), "--class", className, "--namespace", "StaticNets.Keras.Tests.Imported", "--out", _folder };
        if (embed) args.Add("--embed");

        (int code, string stdout, string stderr) = Run(args);

        Assert.True(code == 0, stderr);
        Assert.Contains("wrote", stdout);
        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ImportedText", className + ".cs"));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(_folder, className + ".cs")));
        byte[] weights = File.ReadAllBytes(Path.Combine(_folder, className + ".weights"));
        Assert.Equal(CSharpSource.WeightsFile(KerasFile.Read(Fixture.PathOf(file))), weights);
    }

    [Fact]
    public void The_tool_writes_exactly_the_class_checked_into_the_KerasImport_sample()
    {
        string sample = Path.Combine(AppContext.BaseDirectory, "SampleText");
        (int code, _, string stderr) = Run(new[] { "import", Path.Combine(sample, "cnn_batch_norm.h5"), "--class", "CnnBatchNorm", "--namespace", "KerasImport", "--out", _folder });
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(sample, "CnnBatchNorm.cs")), File.ReadAllText(Path.Combine(_folder, "CnnBatchNorm.cs")));
    }

    [Fact]
    public void The_weights_file_loads_into_the_generated_class_with_LoadWeights()
    {
        (int code, _, string stderr) = Run(new[] { "import", Fixture.PathOf("synthetic/lstm/lstm.h5"), "--out", _folder });
        Assert.True(code == 0, stderr);
        var network = new Imported.SyntheticLstm();
        network.LoadWeights(Path.Combine(_folder, "Lstm.weights")); // default class name: the file name in PascalCase
        Assert.True(File.Exists(Path.Combine(_folder, "Lstm.cs")));
        float[] expected = KerasFile.Read(Fixture.PathOf("synthetic/lstm/lstm.keras")).Parameters();
        Assert.Equal(expected, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData("model.weights.h5", "Model")]
    [InlineData("simple_rnn-tf_keras 2_model.h5", "SimpleRnnTfKeras2Model")]
    [InlineData("3layers.keras", "Model3layers")]
    public void The_default_class_name_is_the_file_name_in_PascalCase(string file, string expected)
        => Assert.Equal(expected, ImportOptions.ClassNameOf(file));

    [Fact]
    public void A_weights_only_file_needs_its_config_and_gets_it_with_the_config_option()
    {
        string weights = Fixture.PathOf("synthetic/gru/gru.weights.h5");
        (int code, _, string stderr) = Run(new[] { "import", weights, "--out", _folder });
        Assert.Equal(2, code);
        Assert.Equal("gru.weights.h5: a weights-only file; give the model's JSON (model.to_json() or config.json) with --config.", stderr.Trim());
        Assert.Empty(Directory.GetFiles(_folder));

        (code, _, stderr) = Run(new[] { "import", weights, "--config", Fixture.PathOf("synthetic/gru/model.json"), "--class", "G", "--out", _folder });
        Assert.True(code == 0, stderr);
        Assert.Equal(new[] { "G.cs", "G.weights" }, Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
    }

    [Theory]
    [MemberData(nameof(RefusalCases.All), MemberType = typeof(RefusalCases))]
    public void A_refused_model_writes_nothing_and_exits_with_2_and_one_line_per_problem(string file, string? config, string[] lines)
    {
        var args = new List<string> { "import", Fixture.PathOf(file), "--out", _folder };
        if (config is not null) args.AddRange(new[] { "--config", Fixture.PathOf(config) });

        (int code, string stdout, string stderr) = Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(lines, stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_missing_file_exits_with_2_naming_it()
    {
        (int code, _, string stderr) = Run(new[] { "import", Path.Combine(_folder, "absent.keras"), "--out", _folder });
        Assert.Equal(2, code);
        Assert.StartsWith("absent.keras: ", stderr);
    }

    [Theory]
    [InlineData(new[] { "export", "x.keras" }, "unknown command 'export'")]
    [InlineData(new[] { "import" }, "no model file given")]
    [InlineData(new[] { "import", "a.keras", "--class", "1Bad" }, "'1Bad' is not a C# class name")]
    [InlineData(new[] { "import", "a.keras", "--namespace", "A..B" }, "'A..B' is not a C# namespace")]
    [InlineData(new[] { "import", "a.keras", "--out" }, "--out needs a value")]
    [InlineData(new[] { "import", "a.keras", "b.keras" }, "unexpected argument 'b.keras'")]
    public void A_command_line_it_cannot_understand_exits_with_1(string[] args, string message)
    {
        (int code, _, string stderr) = Run(args);
        Assert.Equal(1, code);
        Assert.Contains(message, stderr);
    }

    private (int Code, string Stdout, string Stderr) Run(IReadOnlyList<string> args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Run(args, stdout, stderr, _folder);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
