using System.Globalization;
using StaticNets.Keras.Tests.Support;
using Xunit.Abstractions;

namespace StaticNets.Keras.Tests;

/// <summary>
/// Every importable fixture, in every form (.keras, Keras 2 .h5, weights file + JSON): the tool's weights loaded into
/// the class the tool generated predict the outputs Keras produced (real fixtures) or the float64 reference
/// (synthetic fixtures, whose reference matches real Keras to 2e-6), to atol = rtol = 1e-5.
/// </summary>
public sealed class ImportedPredictionTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ImportCase.Forms), MemberType = typeof(ImportCase))]
    public void The_imported_weights_predict_the_expected_outputs(string name, string file, string? config)
    {
        ImportCase c = ImportCase.Named(name);
        KerasModel model = KerasFile.Read(Fixture.PathOf(file), config is null ? null : Fixture.PathOf(config));
        INetwork network = c.Create();
        Assert.Equal(network.Architecture, model.Architecture);

        using (var stream = new MemoryStream(CSharpSource.WeightsFile(model)))
        {
            network.LoadWeights(stream);
        }

        double worst = AssertPredicts(network, c);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}: largest |difference| {worst:E2}"));
    }

    [Theory]
    [MemberData(nameof(ImportCase.Forms), MemberType = typeof(ImportCase))]
    public void LoadKerasWeights_loads_the_same_bits_as_the_tool_writes(string name, string file, string? config)
    {
        ImportCase c = ImportCase.Named(name);
        float[] expected = KerasFile.Read(Fixture.PathOf(file), config is null ? null : Fixture.PathOf(config)).Parameters();
        INetwork network = c.Create();

        // A weights-only file is read against the network's own architecture (no JSON needed), except where only the
        // config can tell which weight is absent (BatchNormalization with center=False: gamma or beta?).
        if (name == "synthetic/img" && config is not null)
        {
            var e = Assert.Throws<InvalidDataException>(() => network.LoadKerasWeights(Fixture.PathOf(file)));
            Assert.EndsWith("layer 'batch_normalization' (BatchNormalization): 'layers/batch_normalization/vars' holds 3 variables, the network implies 4 (gamma, beta, moving_mean, moving_variance) (a Keras layer with scale=False or center=False: load the .keras or .h5 model file, whose config says which weight is absent).", e.Message);
            return;
        }

        network.LoadKerasWeights(Fixture.PathOf(file));

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), network.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits));
        AssertPredicts(network, c);
    }

    [Fact]
    public void An_embedded_model_predicts_without_a_weights_file()
    {
        var network = Imported.EmbeddedMlp.CreateWithWeights();
        double worst = AssertPredicts(network, ImportCase.Named("synthetic/mlp"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"EmbeddedMlp (mlp.h5, --embed): largest |difference| {worst:E2}"));
    }

    /// <summary>
    /// The DL4J Embedding + LSTM file (Keras 2.1.3, hard_sigmoid gates) only has a NumPy reference, for 5-step inputs
    /// while the file declares 10 steps: its weights go into the same layers over 5 steps.
    /// </summary>
    [Fact]
    public void The_keras_2_embedding_lstm_weights_give_the_numpy_reference_with_hard_sigmoid_keras2()
    {
        KerasModel model = KerasFile.Read(Fixture.PathOf("k2_embedding_lstm_dl4j/embedding_lstm_tensorflow_2.h5"));
        Assert.Equal(Activation.HardSigmoidKeras2.ToString(), model.Architecture.Split(',')[2]);
        var network = new EmbeddingLstmFiveSteps();
        model.Parameters().CopyTo(network.Parameters);
        (_, float[] inputs) = Fixture.Array("k2_embedding_lstm_dl4j/reference_numpy.json", "inputs");
        (_, float[] expected) = Fixture.Array("k2_embedding_lstm_dl4j/reference_numpy.json", "outputs");
        var actual = new float[expected.Length];
        network.PredictBatch(inputs, actual);
        double worst = AssertClose(expected, actual, 1e-5, "embedding_lstm");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"embedding_lstm_tensorflow_2.h5 (5 steps): largest |difference| {worst:E2}"));
    }

    private static double AssertPredicts(INetwork network, ImportCase c)
    {
        (_, float[] inputs) = Fixture.Array(c.Expected, "inputs");
        (_, float[] expected) = Fixture.Array(c.Expected, "outputs", c.Output);
        var actual = new float[expected.Length];
        network.PredictBatch(inputs, actual);
        return AssertClose(expected, actual, c.Tolerance, c.Name);
    }

    private static double AssertClose(float[] expected, float[] actual, double tolerance, string what)
    {
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs((double)expected[i] - actual[i]);
            worst = Math.Max(worst, difference);
            Assert.True(difference <= tolerance + tolerance * Math.Abs(expected[i]), $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }

        return worst;
    }
}

[Input(5)]
[Embedding(4, 5)]
[LSTM(6, RecurrentActivation = Activation.HardSigmoidKeras2, ReturnSequences = true)]
public partial class EmbeddingLstmFiveSteps { }
