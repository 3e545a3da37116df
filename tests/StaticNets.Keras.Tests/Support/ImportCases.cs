using StaticNets.Keras.Tests.Imported;

namespace StaticNets.Keras.Tests.Support;

/// <summary>
/// Every importable fixture: the class the tool generated for it (checked in under Imported/), the files of each
/// form of the model, and where Keras's (or the reference's) expected outputs are.
/// </summary>
internal sealed record ImportCase(string Name, Func<INetwork> Create, string SourceFile, string[] FullFiles, (string Weights, string Config)[] WeightsOnly, string Expected, string? Output, double Tolerance)
{
    public override string ToString() => Name;

    public static readonly ImportCase[] All =
    {
        Synthetic("mlp", () => new SyntheticMlp()),
        Synthetic("cnn", () => new SyntheticCnn()),
        Synthetic("bn", () => new SyntheticBn()),
        Synthetic("lstm", () => new SyntheticLstm()),
        Synthetic("gru", () => new SyntheticGru()),
        Synthetic("gru_v1", () => new SyntheticGruV1()),
        Synthetic("emb", () => new SyntheticEmb()),
        Synthetic("bidir", () => new SyntheticBidir()),
        Synthetic("seq1d", () => new SyntheticSeq1d()),
        Synthetic("rnn_back", () => new SyntheticRnnBack()),
        Synthetic("img", () => new SyntheticImg()),
        Synthetic("upsample", () => new SyntheticUpsample()),
        Synthetic("norm", () => new SyntheticNorm()),
        new("k2_cnn_batchnorm_dl4j", () => new CnnBatchNorm(), "k2_cnn_batchnorm_dl4j/cnn_batch_norm.h5",
            new[] { "k2_cnn_batchnorm_dl4j/cnn_batch_norm.h5" }, Array.Empty<(string, string)>(),
            "k2_cnn_batchnorm_dl4j/expected_keras.json", "dense_1", 1e-5),
        new("k2_mlp_softmax_dl4j", () => new SparseXentMlp(), "k2_mlp_softmax_dl4j/simple_sparse_xent_mlp_keras_2_model.h5",
            new[] { "k2_mlp_softmax_dl4j/simple_sparse_xent_mlp_keras_2_model.h5" },
            new[] { ("k2_mlp_softmax_dl4j/simple_sparse_xent_mlp_keras_2_weights.h5", "k2_mlp_softmax_dl4j/simple_sparse_xent_mlp_keras_2_config.json") },
            "k2_mlp_softmax_dl4j/expected_keras.json", "activation_1", 1e-5),
        new("k2_simplernn_dl4j", () => new SimpleRnnKeras2(), "k2_simplernn_dl4j/simple_rnn_tf_keras_2_model.h5",
            new[] { "k2_simplernn_dl4j/simple_rnn_tf_keras_2_model.h5" },
            new[] { ("k2_simplernn_dl4j/simple_rnn_tf_keras_2_weights.h5", "k2_simplernn_dl4j/simple_rnn_tf_keras_2_config.json") },
            "k2_simplernn_dl4j/expected_keras.json", "dense_1", 1e-5),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (ImportCase c in All) data.Add(c.Name);
        return data;
    }

    /// <summary>Each case with each of its files: full model files alone, weights-only files with their JSON.</summary>
    public static TheoryData<string, string, string?> Forms()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (ImportCase c in All)
        {
            foreach (string file in c.FullFiles) data.Add(c.Name, file, null);
            foreach ((string weights, string config) in c.WeightsOnly) data.Add(c.Name, weights, config);
        }

        return data;
    }

    public static ImportCase Named(string name) => All.Single(c => c.Name == name);

    private static ImportCase Synthetic(string m, Func<INetwork> create)
        => new("synthetic/" + m, create, $"synthetic/{m}/{m}.keras",
            new[] { $"synthetic/{m}/{m}.keras", $"synthetic/{m}/{m}.h5" },
            new[] { ($"synthetic/{m}/{m}.weights.h5", $"synthetic/{m}/model.json") },
            $"synthetic/{m}/{m}.expected.json", null, 1e-5);
}
