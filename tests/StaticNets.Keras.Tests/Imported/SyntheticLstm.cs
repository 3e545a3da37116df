// Imported by `staticnets import` from lstm.keras (Keras 3.13.2, .keras archive, model 'sequential_1').
// Input shape (5, 3), output shape (2,), 426 parameters.
// Weights: SyntheticLstm.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(5, 3)]
[LSTM(6, ReturnSequences = true, Name = "lstm_2")]
[LSTM(4, Name = "lstm_3")]
[Dense(2, Name = "dense_1")]
public partial class SyntheticLstm { }
