// Imported by `staticnets import` from gru.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (5, 3), output shape (1,), 113 parameters.
// Weights: SyntheticGru.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(5, 3)]
[GRU(4, Name = "gru")]
[Dense(1, Name = "dense")]
public partial class SyntheticGru { }
