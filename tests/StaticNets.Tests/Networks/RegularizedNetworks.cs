namespace StaticNets.Tests.Networks;

// Networks with Keras kernel regularisers (KernelL1 / KernelL2). The comments give each kernel's place in Parameters,
// worked out from Keras's weight shapes: the tests hold the same offsets.

/// <summary>Regularised kernels of a Conv2D (L1 and L2), a Conv2DTranspose (L2) and a Dense layer (L1 and L2); biases never.</summary>
[Input(4, 4, 2)]
[Conv2D(2, 2, Activation.Tanh, KernelL1 = 0.01, KernelL2 = 0.02)] // (3, 3, 2): kernel (2, 2, 2, 2) at 0, bias at 16
[Conv2DTranspose(2, 2, KernelL2 = 0.03)]                            // (4, 4, 2): kernel (2, 2, 2, 2) at 18, bias at 34
[Flatten]                                                           // (32)
[Dense(2, KernelL1 = 0.05, KernelL2 = 0.001)]                       // kernel (32, 2) at 36, bias at 100
public partial class RegularizedCnnNet { }

/// <summary>
/// Regularised Embedding table, Conv1D kernel, both directions of a Bidirectional LSTM, a SimpleRNN and a GRU kernel;
/// recurrent kernels and biases never.
/// </summary>
[Input(5)]
[Embedding(7, 3, KernelL2 = 0.02)]                                     // (5, 3): table (7, 3) at 0
[Conv1D(3, 2, Padding = Padding.Same, KernelL1 = 0.01)]                 // (5, 3): kernel (2, 3, 3) at 21, bias at 39
[Bidirectional]
[LSTM(2, ReturnSequences = true, KernelL1 = 0.02, KernelL2 = 0.01)]    // (5, 4): kernels (3, 8) at 42 and 90; recurrent at 66 and 114
[SimpleRNN(3, ReturnSequences = true, KernelL1 = 0.03)]                 // (5, 3): kernel (4, 3) at 138; recurrent at 150
[GRU(2, KernelL2 = 0.05)]                                               // (2): kernel (3, 6) at 162; recurrent at 180, bias (2, 6) at 192
[Dense(1)]                                                              // kernel at 204, bias at 206
public partial class RegularizedSequenceNet { }

/// <summary><see cref="RegularizedCnnNet"/> without its regularisers.</summary>
[Input(4, 4, 2)]
[Conv2D(2, 2, Activation.Tanh)]
[Conv2DTranspose(2, 2)]
[Flatten]
[Dense(2)]
public partial class PlainCnnNet { }

/// <summary><see cref="RegularizedSequenceNet"/> without its regularisers.</summary>
[Input(5)]
[Embedding(7, 3)]
[Conv1D(3, 2, Padding = Padding.Same)]
[Bidirectional]
[LSTM(2, ReturnSequences = true)]
[SimpleRNN(3, ReturnSequences = true)]
[GRU(2)]
[Dense(1)]
public partial class PlainSequenceNet { }
