// Imported by `staticnets import` from bidir.keras (Keras 3.13.2, .keras archive, model 'sequential').
// Input shape (5, 3), output shape (2,), 182 parameters.
// Weights: SyntheticBidir.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(5, 3)]
[Bidirectional(MergeMode.Concat, Name = "bidirectional")]
[LSTM(3, Name = "forward_lstm")]
[Dense(2, Name = "dense")]
public partial class SyntheticBidir { }
