// Imported by `staticnets import` from simple_sparse_xent_mlp_keras_2_model.h5 (Keras 2.3.1, legacy HDF5 model, model 'sequential_1').
// Input shape (4,), output shape (3,), 15 parameters.
// Weights: SparseXentMlp.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(4)]
[Dense(3, Name = "dense_1")]
[Activation(Activation.Softmax, Name = "activation_1")]
public partial class SparseXentMlp { }
