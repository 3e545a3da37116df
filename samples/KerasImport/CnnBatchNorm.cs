// Imported by `staticnets import` from cnn_batch_norm.h5 (Keras 2.1.3, legacy HDF5 model, model 'sequential').
// Input shape (10, 10, 3), output shape (1,), 79 parameters.
// Weights: CnnBatchNorm.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace KerasImport;

[Input(10, 10, 3)]
[Conv2D(1, 3, Name = "conv2d_1")]
[BatchNormalization(Name = "batch_normalization_1")]
[Activation(Activation.Relu, Name = "activation_1")]
[Conv2D(1, 3, Name = "conv2d_2")]
[Flatten(Name = "flatten_1")]
[Dense(1, Name = "dense_1")]
public partial class CnnBatchNorm { }
