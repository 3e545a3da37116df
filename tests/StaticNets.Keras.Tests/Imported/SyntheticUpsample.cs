// Imported by `staticnets import` from upsample.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (4, 4, 2), output shape (16, 16, 1), 85 parameters.
// Weights: SyntheticUpsample.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(4, 4, 2)]
[UpSampling2D(2, Name = "up_sampling2d")]
[Conv2DTranspose(3, 3, Activation.Relu, Strides = 2, Padding = Padding.Same, Name = "conv2d_transpose")]
[Conv2D(1, 3, Activation.Sigmoid, Padding = Padding.Same, Name = "conv2d")]
public partial class SyntheticUpsample { }
