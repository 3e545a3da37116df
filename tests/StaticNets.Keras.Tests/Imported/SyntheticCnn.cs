// Imported by `staticnets import` from cnn.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (12, 12, 1), output shape (5,), 537 parameters.
// Weights: SyntheticCnn.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(12, 12, 1)]
[Conv2D(4, 3, Activation.Relu, Name = "conv2d")]
[MaxPooling2D(2, Name = "max_pooling2d")]
[Conv2D(6, 3, Activation.Relu, Strides = 2, Padding = Padding.Same, Name = "conv2d_1")]
[Flatten(Name = "flatten")]
[Dense(5, Name = "dense")]
public partial class SyntheticCnn { }
