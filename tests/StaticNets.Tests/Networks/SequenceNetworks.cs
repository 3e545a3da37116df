namespace StaticNets.Tests.Networks;

// Sequence networks beyond the golden cases: stacked, masked, streaming, every merge mode.

[Input(9, 2)]
[LSTM(6, ReturnSequences = true)]
[LSTM(4)]
[Dense(3, Activation.Tanh)]
public partial class StackedLstm { }

[Input(7)]
[Embedding(10, 3, MaskZero = true)]
[LSTM(4, ReturnSequences = true)]
[Dense(2)]
public partial class MaskedEmbeddingLstm { }

[Input(6)]
[Embedding(9, 4, MaskZero = true)]
[GlobalAveragePooling1D]
[Dense(2)]
public partial class MaskedEmbeddingAverage { }

[Input(6, 3)]
[Bidirectional(MergeMode.Sum)]
[LSTM(4, ReturnSequences = true)]
[Dense(1)]
public partial class BidirectionalSumSequences { }

[Input(5, 2)]
[Bidirectional(MergeMode.Mul)]
[LSTM(3)]
[Dense(2)]
public partial class BidirectionalMul { }

[Input(5, 2)]
[Bidirectional(MergeMode.Ave)]
[LSTM(3, ReturnSequences = true)]
[Flatten]
[Dense(2)]
public partial class BidirectionalAveFlatten { }

[Input(6)]
[Embedding(8, 3, MaskZero = true)]
[Bidirectional(MergeMode.Concat)]
[LSTM(2, ReturnSequences = true)]
[Dense(1)]
public partial class MaskedBidirectional { }

[Input(8, 3)]
[LSTM(5, GoBackwards = true, ReturnSequences = true)]
[Dense(2)]
public partial class BackwardsLstmSequences { }

[Input(6, 2)]
[LSTM(3, Activation.Relu, RecurrentActivation = Activation.HardSigmoid, UseBias = false)]
[Dense(1)]
public partial class LstmOptions { }

[Input(5)]
[Embedding(6, 3, MaskZero = true)]
[LSTM(4)]
[Dense(2)]
public partial class MaskedLastOutput { }

[Input(8, 2)]
[GRU(5, ResetAfter = false, ReturnSequences = true)]
[SimpleRNN(3)]
[Dense(2, Activation.Softmax)]
public partial class GruThenSimpleRnn { }

// Causal convolutions stream too: each keeps its last d·(k − 1) inputs in the stream's state.

[Input(10, 2)]
[Conv1D(4, 3, Activation.Relu, Padding = Padding.Causal, DilationRate = 2)]
[Conv1D(3, 2, Padding = Padding.Causal)]
[LSTM(3)]
[Dense(1)]
public partial class CausalConvLstm { }

#pragma warning disable SN1002 // on purpose: a per-step Dense, as a streaming audio model ends
[Input(9, 1)]
[Conv1D(4, 3, Activation.Tanh, Padding = Padding.Causal)]
[Conv1D(4, 3, Padding = Padding.Causal, DilationRate = 2)]
[Conv1D(2, 1)]
[Dense(1)]
public partial class CausalConvStack { }
#pragma warning restore SN1002

[Input(8)]
[Embedding(10, 3)]
[Conv1D(2, 2, Activation.Tanh, Padding = Padding.Causal, UseBias = false)]
[GRU(2, ReturnSequences = true)]
public partial class EmbeddingCausalConvGru { }
