// Imported by `staticnets import` from rnn_back.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (6, 2), output shape (1,), 113 parameters.
// Weights: SyntheticRnnBack.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(6, 2)]
[SimpleRNN(4, Activation.Relu, ReturnSequences = true, GoBackwards = true, Name = "simple_rnn")]
[GRU(3, GoBackwards = true, Name = "gru")]
[Dense(1, Name = "dense")]
public partial class SyntheticRnnBack { }
