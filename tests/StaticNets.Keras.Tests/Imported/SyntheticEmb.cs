// Imported by `staticnets import` from emb.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (7,), output shape (1,), 179 parameters.
// Weights: SyntheticEmb.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(7)]
[Embedding(20, 5, Name = "embedding")]
[SimpleRNN(6, Name = "simple_rnn")]
[Dense(1, Activation.Sigmoid, Name = "dense")]
public partial class SyntheticEmb { }
