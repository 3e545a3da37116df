// Imported by `staticnets import` from norm.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (4,), output shape (1,), 58 parameters.
// Weights: SyntheticNorm.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(4)]
[Normalization(Name = "normalization")]
[Dense(8, Activation.Relu, KernelL1 = 0.001, KernelL2 = 0.01, Name = "dense")]
[Dense(1, Name = "dense_1")]
public partial class SyntheticNorm { }
