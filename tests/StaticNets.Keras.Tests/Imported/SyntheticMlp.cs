// Imported by `staticnets import` from mlp.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (4,), output shape (3,), 67 parameters.
// Weights: SyntheticMlp.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(4)]
[Dense(8, Activation.Relu, Name = "dense")]
[Dense(3, Activation.Softmax, Name = "dense_1")]
public partial class SyntheticMlp { }
