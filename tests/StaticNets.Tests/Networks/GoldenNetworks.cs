namespace StaticNets.Tests.Networks;

// The golden cases' architectures (Golden/README.md), declared as users would.

[Input(2)]
[Dense(10, Activation.Relu)]
[Dense(1)]
public partial class SeedPractice1 { }

[Input(3)]
[Dense(5, Activation.Relu)]
[Dense(1)]
public partial class SeedPractice2 { }

[Input(2)]
[Dense(3, Activation.Relu)]
[Dense(1)]
public partial class SeedPractice3 { }

[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class MlpSoftmaxCce { }

[Input(5)]
[Dense(7, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class MlpSigmoidBce { }

[Input(6)]
[Dense(6, Activation.Elu)]
[Dense(6, Activation.Selu)]
[Dense(6, Activation.Softplus)]
[Dense(6, Activation.Softsign)]
[Dense(3)]
public partial class ActivationsA { }

[Input(8, 8, 1)]
[Conv2D(3, 3, Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dense(4, Activation.Softmax)]
public partial class CnnSmall { }

// Keras's own example keeps the bias before BatchNormalization; the warning says it is wasted, the golden file says it is harmless.
#pragma warning disable SN1004
[Input(6)]
[Dense(8)]
[BatchNormalization]
[Dense(2)]
public partial class BnMlp { }
#pragma warning restore SN1004

[Input(5, 5, 1)]
[ZeroPadding2D(1)]
[Conv2D(2, 3, Activation.Relu)]
[Cropping2D(1)]
[Flatten]
[Dense(1, Activation.Sigmoid)]
public partial class ZeroPaddingCropping { }

[Input(4, 3)]
[UpSampling1D(2)]
[Conv1D(2, 3, Activation.Tanh, Padding = Padding.Same)]
[Flatten]
[Dense(1)]
public partial class UpSampling1DConv1D { }

[Input(3, 3, 2)]
[Conv2DTranspose(3, 3, Activation.Relu, Strides = 2, Padding = Padding.Same)]
[UpSampling2D(2)]
[Conv2D(2, 3, Strides = 3)]
[Flatten]
[Dense(2)]
public partial class Conv2DTransposeSameUpSampling { }

[Input(6, 3)]
[LSTM(5, ReturnSequences = true)]
[Dense(2)]
public partial class LstmSeqDense { }

[Input(5, 4)]
[GRU(4)]
[Dense(3, Activation.Softmax)]
public partial class GruResetAfter { }

[Input(7, 2)]
[SimpleRNN(5, GoBackwards = true)]
[Dense(1)]
public partial class SimpleRnnBackwards { }

[Input(8)]
[Embedding(12, 4)]
[GlobalAveragePooling1D]
[Dense(3, Activation.Softmax)]
public partial class EmbeddingGapDense { }

[Input(5, 3)]
[Bidirectional(MergeMode.Concat)]
[LSTM(3)]
[Dense(2)]
public partial class BidirectionalConcat { }

[Input(6)]
[Rescaling(0.5, 0.25)]
[Dense(8)]
[LayerNormalization]
[Activation(Activation.Gelu)]
[Dense(3)]
[Activation(Activation.Softmax)]
public partial class LayerNormActivationRescaling { }

[Input(8, 2)]
[Conv1D(4, 3, Activation.Relu, Padding = Padding.Causal, DilationRate = 2)]
[Conv1D(3, 2, Activation.Tanh, Padding = Padding.Causal, DilationRate = 4)]
[GlobalMaxPooling1D]
[Dense(1)]
public partial class Conv1DCausalDilated { }
