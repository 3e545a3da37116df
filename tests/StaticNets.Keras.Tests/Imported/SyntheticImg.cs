// Imported by `staticnets import` from img.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (7, 6, 2), output shape (2,), 59 parameters.
// Weights: SyntheticImg.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(7, 6, 2)]
[ZeroPadding2D(0, Top = 1, Bottom = 0, Left = 2, Right = 1, Name = "zero_padding2d")]
[Conv2D(3, 2, Activation.Elu, KernelHeight = 3, KernelWidth = 2, StridesHeight = 2, StridesWidth = 1, Padding = Padding.Same, Name = "conv2d")]
[AveragePooling2D(2, Padding = Padding.Same, Name = "average_pooling2d")]
[Rescaling(0.5, 0.1, Name = "rescaling")]
[UpSampling2D(2, Name = "up_sampling2d")]
[Cropping2D(0, Top = 1, Bottom = 1, Left = 2, Right = 3, Name = "cropping2d")]
[BatchNormalization(Momentum = 0.9, Epsilon = 0.01, Name = "batch_normalization")]
[GlobalMaxPooling2D(Name = "global_max_pooling2d")]
[Dense(2, Activation.Softmax, Name = "dense")]
public partial class SyntheticImg { }
