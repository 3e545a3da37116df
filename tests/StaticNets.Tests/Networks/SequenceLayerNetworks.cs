namespace StaticNets.Tests.Networks;

// Tiny sequence networks for finite differences through generated code (Layers/GeneratedLayerGradientTests.cs): each
// recurrent layer, option, merge mode and mask path, with its double reference in Layers/LayerNetworkCases.cs. The
// comments give the shapes; "mask" marks the layers an Embedding(MaskZero = true) mask reaches.

/// <summary>SimpleRNN returning its last output.</summary>
[Input(5, 3)]
[SimpleRNN(3)]                                    // (3)
[Dense(2)]
public partial class RnnLastNet { }

/// <summary>A Relu SimpleRNN returning every step, flattened.</summary>
[Input(4, 2)]
[SimpleRNN(3, Activation.Relu, ReturnSequences = true)] // (4, 3)
[Flatten]                                                // (12)
[Dense(2)]
public partial class RnnReluSequencesNet { }

/// <summary>Two SimpleRNNs going backwards: the first returns its outputs in processing order (reversed), the second has no bias.</summary>
[Input(5, 2)]
[SimpleRNN(4, GoBackwards = true, ReturnSequences = true)] // (5, 4), row k after time 4 − k
[SimpleRNN(2, GoBackwards = true, UseBias = false)]         // (2)
[Dense(3, Activation.Softmax)]
public partial class RnnBackwardsNet { }

/// <summary>Stacked LSTMs, sequences then the last output (UnitForgetBias only changes the initial bias).</summary>
[Input(5, 3)]
[LSTM(3, ReturnSequences = true, UnitForgetBias = false)] // (5, 3)
[LSTM(2)]                                                  // (2)
[Dense(2)]
public partial class StackedLstmNet { }

/// <summary>An LSTM going backwards returning sequences, then Dense on each step.</summary>
[Input(4, 2)]
[LSTM(3, GoBackwards = true, ReturnSequences = true)] // (4, 3)
[Dense(2)]                                             // (4, 2)
public partial class BackwardsLstmNet { }

/// <summary>
/// An LSTM without bias, Softsign activation and Keras 3's HardSigmoid as recurrent activation; inputs scaled by 8 so
/// that many gate pre-activations lie in the clipped region (|z| &gt; 3) with the test's weights.
/// </summary>
[Input(5, 3)]
[Rescaling(8)]
[LSTM(3, Activation.Softsign, RecurrentActivation = Activation.HardSigmoid, UseBias = false)] // (3)
[Dense(1, Activation.Sigmoid)]
public partial class LstmHardSigmoidNoBiasNet { }

/// <summary>Stacked GRUs with reset_after (Keras 3's default: bias (2, 3u)).</summary>
[Input(5, 3)]
[GRU(3, ReturnSequences = true)] // (5, 3)
[GRU(2)]                          // (2)
[Dense(2)]
public partial class GruResetAfterNet { }

/// <summary>A GRU with the reset gate before the recurrent product (Keras 2's original: bias (3u)).</summary>
[Input(5, 2)]
[GRU(3, ResetAfter = false)] // (3)
[Dense(2, Activation.Softmax)]
public partial class GruResetBeforeNet { }

/// <summary>GRUs going backwards: reset before returning sequences, then reset after with a Relu activation.</summary>
[Input(5, 2)]
[GRU(3, ResetAfter = false, GoBackwards = true, ReturnSequences = true)] // (5, 3)
[GRU(2, Activation.Relu, GoBackwards = true)]                           // (2)
[Dense(2)]
public partial class GruBackwardsNet { }

/// <summary>Embedding without a mask (id 0 is an ordinary row of the table), averaged over every step.</summary>
[Input(6)]
[Embedding(8, 3)]         // (6, 3)
[GlobalAveragePooling1D]  // (3)
[Dense(3)]
public partial class EmbeddingAverageNet { }

/// <summary>A masked LSTM returning sequences (masked steps repeat the previous output), then Dense on each step (mask).</summary>
[Input(6)]
[Embedding(8, 3, MaskZero = true)]   // (6, 3)
[LSTM(3, ReturnSequences = true)]     // (6, 3) mask
[Dense(2)]                            // (6, 2) mask
public partial class MaskedLstmSequencesNet { }

/// <summary>The average of the unmasked steps only.</summary>
[Input(6)]
[Embedding(8, 4, MaskZero = true)] // (6, 4)
[GlobalAveragePooling1D]            // (4) mask
[Dense(2)]
public partial class MaskedAverageNet { }

/// <summary>A masked Bidirectional LSTM returning sequences (zeros at masked steps), concatenated.</summary>
[Input(6)]
[Embedding(8, 3, MaskZero = true)]  // (6, 3)
[Bidirectional(MergeMode.Concat)]
[LSTM(2, ReturnSequences = true)]    // (6, 4) mask
[Dense(2)]                           // (6, 2) mask
public partial class MaskedBidirectionalConcatNet { }

/// <summary>Bidirectional GRU, last outputs summed.</summary>
[Input(5, 2)]
[Bidirectional(MergeMode.Sum)]
[GRU(3)]          // (3)
[Dense(2)]
public partial class BidirectionalSumNet { }

/// <summary>Bidirectional SimpleRNN returning sequences, summed per step.</summary>
[Input(4, 3)]
[Bidirectional(MergeMode.Sum)]
[SimpleRNN(3, ReturnSequences = true)] // (4, 3)
[Dense(1)]                             // (4, 1)
public partial class BidirectionalSumSequencesNet { }

/// <summary>Bidirectional SimpleRNN, last outputs multiplied.</summary>
[Input(5, 2)]
[Bidirectional(MergeMode.Mul)]
[SimpleRNN(3)]    // (3)
[Dense(2)]
public partial class BidirectionalMulNet { }

/// <summary>Bidirectional LSTM returning sequences, multiplied per step, flattened.</summary>
[Input(4, 2)]
[Bidirectional(MergeMode.Mul)]
[LSTM(2, ReturnSequences = true)] // (4, 2)
[Flatten]                          // (8)
[Dense(2)]
public partial class BidirectionalMulSequencesNet { }

/// <summary>Bidirectional LSTM, last outputs averaged.</summary>
[Input(5, 2)]
[Bidirectional(MergeMode.Ave)]
[LSTM(3)]         // (3)
[Dense(2)]
public partial class BidirectionalAveNet { }

/// <summary>Bidirectional GRU (reset before) returning sequences, averaged per step, then a SimpleRNN (which sees the step order).</summary>
[Input(5, 2)]
[Bidirectional(MergeMode.Ave)]
[GRU(2, ResetAfter = false, ReturnSequences = true)] // (5, 2)
[SimpleRNN(2)]                                        // (2)
[Dense(2)]
public partial class BidirectionalAveSequencesNet { }

/// <summary>A masked Bidirectional GRU (reset before) returning the last outputs, multiplied.</summary>
[Input(6)]
[Embedding(8, 3, MaskZero = true)] // (6, 3)
[Bidirectional(MergeMode.Mul)]
[GRU(3, ResetAfter = false)]        // (3) mask
[Dense(2)]
public partial class MaskedBidirectionalMulNet { }

/// <summary>A masked Bidirectional SimpleRNN returning sequences, averaged; the mask passes on to the average over steps.</summary>
[Input(5)]
[Embedding(7, 3, MaskZero = true)]     // (5, 3)
[Bidirectional(MergeMode.Ave)]
[SimpleRNN(2, ReturnSequences = true)]  // (5, 2) mask
[GlobalAveragePooling1D]                // (2) mask
[Dense(2)]
public partial class MaskedBidirectionalAveNet { }

/// <summary>A masked Bidirectional LSTM returning sequences, summed, then an LSTM that gets the mask from it.</summary>
[Input(5)]
[Embedding(7, 2, MaskZero = true)]  // (5, 2)
[Bidirectional(MergeMode.Sum)]
[LSTM(2, ReturnSequences = true)]    // (5, 2) mask
[LSTM(2)]                            // (2) mask
[Dense(1, Activation.Sigmoid)]
public partial class MaskedBidirectionalSumNet { }

/// <summary>A masked Bidirectional GRU returning sequences, summed, flattened: the zeros at masked steps reach the output.</summary>
[Input(5)]
[Embedding(7, 2, MaskZero = true)]  // (5, 2)
[Bidirectional(MergeMode.Sum)]
[GRU(2, ReturnSequences = true)]     // (5, 2) mask
[Flatten]                            // (10)
[Dense(2)]
public partial class MaskedBidirectionalSumSequencesNet { }

/// <summary>A masked Bidirectional SimpleRNN returning sequences, multiplied, then Dense on each step (zeros at masked steps).</summary>
[Input(5)]
[Embedding(7, 3, MaskZero = true)]     // (5, 3)
[Bidirectional(MergeMode.Mul)]
[SimpleRNN(2, ReturnSequences = true)]  // (5, 2) mask
[Dense(1)]                              // (5, 1) mask
public partial class MaskedBidirectionalMulSequencesNet { }

/// <summary>The mask through Dense, Dropout(0), Activation and Rescaling to a GRU.</summary>
[Input(6)]
[Embedding(8, 3, MaskZero = true)] // (6, 3)
[Dense(4, Activation.Tanh)]         // (6, 4) mask
[Dropout(0)]                        // mask
[Activation(Activation.Softsign)]   // mask
[Rescaling(2, 0.1)]                 // mask
[GRU(3)]                            // (3) mask
[Dense(2)]
public partial class MaskedDenseGruNet { }

/// <summary>
/// A masked SimpleRNN going backwards returning sequences: its outputs come in processing order but Keras passes the
/// input's mask on unchanged (not reversed), and the LSTM after it skips the steps that mask marks.
/// </summary>
[Input(6)]
[Embedding(8, 3, MaskZero = true)]                           // (6, 3)
[SimpleRNN(3, GoBackwards = true, ReturnSequences = true)]    // (6, 3) mask
[LSTM(2)]                                                     // (2) mask, not reversed
[Dense(2)]
public partial class MaskedBackwardsNet { }

/// <summary>A masked LSTM, then a Conv1D that drops the mask: the GRU after it sees every step.</summary>
[Input(6)]
[Embedding(8, 3, MaskZero = true)]               // (6, 3)
[LSTM(3, ReturnSequences = true)]                 // (6, 3) mask
[Conv1D(2, 2, Padding = Padding.Same)]            // (6, 2) no mask
[GRU(2)]                                          // (2)
[Dense(2)]
public partial class MaskDroppedNet { }
