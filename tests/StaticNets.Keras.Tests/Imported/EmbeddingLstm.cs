// Imported by `staticnets import` from embedding_lstm_tensorflow_2.h5 (Keras 2.1.3, legacy HDF5 model, model 'sequential').
// Input shape (10,), output shape (10, 6), 308 parameters.
// Weights: EmbeddingLstm.weights (load with LoadWeights).
using StaticNets;

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005

namespace StaticNets.Keras.Tests.Imported;

[Input(10)]
[Embedding(4, 5, Name = "embedding_1")]
[LSTM(6, RecurrentActivation = Activation.HardSigmoidKeras2, ReturnSequences = true, Name = "lstm_1")]
public partial class EmbeddingLstm { }
