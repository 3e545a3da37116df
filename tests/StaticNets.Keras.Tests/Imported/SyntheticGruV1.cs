// Imported by `staticnets import` from gru_v1.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (5, 3), output shape (1,), 101 parameters.
// Weights: SyntheticGruV1.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(5, 3)]
[GRU(4, ResetAfter = false, Name = "gru")]
[Dense(1, Name = "dense")]
public partial class SyntheticGruV1 { }
