using StaticNets.Keras.Tests.Imported;
using StaticNets.Keras.Tests.Support;

namespace StaticNets.Keras.Tests;

/// <summary>LoadKerasWeights refuses a file of another architecture, naming the layer, and leaves the weights as they were.</summary>
public sealed class LoadKerasWeightsTests
{
    [Fact]
    public void A_model_file_of_another_architecture_is_refused_naming_the_first_layer_that_differs()
    {
        var network = new SyntheticMlp(3);
        float[] before = network.Parameters.ToArray();
        string path = Fixture.PathOf("synthetic/bn/bn.keras");

        var e = Assert.Throws<InvalidDataException>(() => network.LoadKerasWeights(path));

        Assert.Equal($"Cannot load Keras weights from '{path}': input: the file has Input[6], the network has Input[4].", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Another_activation_is_a_mismatch()
    {
        var network = new SameShapesAsMlpButTanh();
        string path = Fixture.PathOf("synthetic/mlp/mlp.h5");
        var e = Assert.Throws<InvalidDataException>(() => network.LoadKerasWeights(path));
        Assert.Equal($"Cannot load Keras weights from '{path}': layer 'dense_1' (Dense, layer 1): the file has Dense[8,Relu,bias], the network has Dense[8,Tanh,bias].", e.Message);
    }

    [Fact]
    public void A_weights_only_file_of_another_architecture_is_refused_and_changes_nothing()
    {
        var network = new SyntheticGru(5);
        float[] before = network.Parameters.ToArray();
        string path = Fixture.PathOf("synthetic/gru_v1/gru_v1.weights.h5"); // reset_after=False: bias (12,), not (2, 12)

        var e = Assert.Throws<InvalidDataException>(() => network.LoadKerasWeights(path));

        Assert.Equal($"Cannot load Keras weights from '{path}': layer 'gru' (GRU): weight 'bias' has shape (12,) in the file, the network implies (2, 12).", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_keras_2_weights_file_with_fewer_layers_is_refused()
    {
        var network = new SyntheticLstm();
        string path = Fixture.PathOf("k2_mlp_softmax_dl4j/simple_sparse_xent_mlp_keras_2_weights.h5");
        var e = Assert.Throws<InvalidDataException>(() => network.LoadKerasWeights(path));
        Assert.Equal($"Cannot load Keras weights from '{path}': simple_sparse_xent_mlp_keras_2_weights.h5: it holds weights for 1 layers (dense_1), the model has 3 layers with weights (lstm, lstm_1, dense).", e.Message);
    }

    [Fact]
    public void A_refused_model_file_is_refused_by_LoadKerasWeights_too()
    {
        var network = new SyntheticGru();
        string path = Fixture.PathOf("k2_gru_initial_state_fdeep/temp_stateless.h5");
        var e = Assert.Throws<InvalidDataException>(() => network.LoadKerasWeights(path));
        Assert.StartsWith($"Cannot load Keras weights from '{path}': model: 2 inputs (input_1, input_2)", e.Message);
    }
}

[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class SameShapesAsMlpButTanh { }
