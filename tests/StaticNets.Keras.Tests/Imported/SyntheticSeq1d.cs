// Imported by `staticnets import` from seq1d.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (12, 3), output shape (2,), 120 parameters.
// Weights: SyntheticSeq1d.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(12, 3)]
[Conv1D(4, 3, Activation.Relu, DilationRate = 2, Padding = Padding.Causal, Name = "conv1d")]
[LayerNormalization(Name = "layer_normalization")]
[MaxPooling1D(2, Name = "max_pooling1d")]
[Conv1D(5, 3, Activation.Tanh, Strides = 2, Padding = Padding.Same, UseBias = false, Name = "conv1d_1")]
[AveragePooling1D(2, Strides = 1, Padding = Padding.Same, Name = "average_pooling1d")]
[GlobalAveragePooling1D(Name = "global_average_pooling1d")]
[Dense(2, Name = "dense")]
public partial class SyntheticSeq1d { }
