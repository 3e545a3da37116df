// Imported by `staticnets import` from simple_rnn_tf_keras_2_model.h5 (Keras 2.1.3, legacy HDF5 model, model 'sequential').
// Input shape (1, 1), output shape (1,), 2,651 parameters.
// Weights: SimpleRnnKeras2.weights (load with LoadWeights).
// Note: layer 'simple_rnn_1' (SimpleRNN): dropout = 0.2 is ignored (StaticNets recurrent layers have no dropout; it acts only in training, so predictions are unaffected).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(1, 1)]
[SimpleRNN(50, Name = "simple_rnn_1")]
[Dense(1, Name = "dense_1")]
public partial class SimpleRnnKeras2 { }
