// Imported by `staticnets import` from bn.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (6,), output shape (1,), 97 parameters.
// Weights: SyntheticBn.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(6)]
[Dense(8, Name = "dense")]
[BatchNormalization(Name = "batch_normalization")]
[Activation(Activation.Relu, Name = "activation")]
[Dropout(0.3, Name = "dropout")]
[Dense(1, Activation.Sigmoid, Name = "dense_1")]
public partial class SyntheticBn { }
