namespace StaticNets.Tests.Networks;

// Small networks that run the CNN layers through generated code. Each comment gives the shapes and the
// geometry it is there for; the test-side double reference (Layers/ReferenceNetwork.cs) declares the same layers again.

/// <summary>Conv2D with stride 2, Same padding and a 3×4 kernel: rows pad 0 top / 1 bottom, columns 1 left / 2 right.</summary>
[Input(6, 7, 2)]
[Conv2D(3, 3, Activation.Tanh, KernelHeight = 3, KernelWidth = 4, Strides = 2, Padding = Padding.Same)] // (3, 4, 3)
[Flatten]                                                                                                // (36)
[Dense(2)]
public partial class StridedSameConvNet { }

/// <summary>Valid 2×3 convolution without bias, max pooling with stride below the pool, Same average pooling, softmax.</summary>
[Input(7, 8, 1)]
[Conv2D(2, 2, Activation.Sigmoid, KernelWidth = 3, UseBias = false)] // (6, 6, 2)
[MaxPooling2D(3, Strides = 2)]                                       // (2, 2, 2)
[AveragePooling2D(2, Strides = 1, Padding = Padding.Same)]           // (2, 2, 2): pads bottom/right by 1, averages real cells only
[Flatten]                                                            // (8)
[Dense(3, Activation.Softmax)]
public partial class ValidPoolingNet { }

/// <summary>Same convolution with an even kernel (pad after only), Same max pooling on an odd size, valid average pooling at stride 1, global max.</summary>
[Input(5, 5, 2)]
[Conv2D(4, 2, Activation.Gelu, Padding = Padding.Same)] // (5, 5, 4): pads bottom/right by 1
[MaxPooling2D(2, Padding = Padding.Same)]                // (3, 3, 4): pads bottom/right by 1
[AveragePooling2D(2, Strides = 1)]                        // (2, 2, 4)
[GlobalMaxPooling2D]                                      // (4)
[Dense(3)]
public partial class SamePoolingNet { }

/// <summary>Conv1D with stride 2 and Same padding (pad 0 left / 1 right), Same max pooling with stride below the pool, a bias-free Conv1D, global average.</summary>
[Input(10, 3)]
[Conv1D(4, 3, Activation.Tanh, Strides = 2, Padding = Padding.Same)] // (5, 4)
[MaxPooling1D(3, Strides = 2, Padding = Padding.Same)]                 // (3, 4): pads 1 / 1
[AveragePooling1D(2, Strides = 1)]                                     // (2, 4)
[Conv1D(3, 2, UseBias = false)]                                         // (1, 3)
[GlobalAveragePooling1D]                                                // (3)
[Dense(2)]
public partial class SequenceNet { }

/// <summary>Conv1D Same with an even kernel (pad 1 left / 2 right), Same average pooling with an odd total (1 / 2), valid max pooling with stride below the pool.</summary>
[Input(11, 2)]
[Conv1D(3, 4, Activation.Sigmoid, Padding = Padding.Same)] // (11, 3)
[AveragePooling1D(4, Strides = 2, Padding = Padding.Same)] // (6, 3)
[MaxPooling1D(3, Strides = 2)]                              // (2, 3)
[Flatten]                                                   // (6)
[Dense(2, Activation.Softmax)]
public partial class SamePooling1DNet { }

/// <summary>Reshape with an inferred dimension between a Dense layer and a convolution, then global average pooling.</summary>
[Input(6)]
[Dense(24, Activation.Tanh)]
[Reshape(3, -1, 2)]      // (3, 4, 2)
[Conv2D(2, 2)]           // (2, 3, 2)
[GlobalAveragePooling2D] // (2)
[Dense(2)]
public partial class ReshapeNet { }

// SN1004 fires on dense_1 although its Tanh sits between the bias and the normalisation, so the bias is not wasted
// (its gradient is checked to be non-zero); a false positive of the rule, reported to the lead.
/// <summary>BatchNormalization after a bias-free Conv2D (default momentum) and after a Tanh Dense layer (momentum 0.9, epsilon 0.01).</summary>
[Input(6, 6, 2)]
[Conv2D(3, 3, UseBias = false)]                       // (4, 4, 3)
[BatchNormalization]                                  // per channel over batch × 16 positions
[MaxPooling2D(2)]                                     // (2, 2, 3)
[Flatten]                                             // (12)
[Dense(4, Activation.Tanh)]
[BatchNormalization(Momentum = 0.9, Epsilon = 0.01)]
[Dense(3, Activation.Softmax)]
public partial class ConvBnNet { }

#pragma warning disable SN1003 // on purpose: the outputs show the mask
/// <summary>Dropout as the output: fed an identity kernel and zero bias, its training outputs are the input's mask.</summary>
[Input(64)]
[Dense(64)]
[Dropout(0.25)]
public partial class DropoutOutputNet { }
#pragma warning restore SN1003

/// <summary>Dropout between two layers; with one sample, a dropped unit's bias gradient upstream is exactly 0.</summary>
[Input(5)]
[Dense(6, Activation.Tanh)]
[Dropout(0.4)]
[Dense(3)]
public partial class DropoutHiddenNet { }

/// <summary>The same layers without the Dropout, for "Dropout is the identity at inference".</summary>
[Input(5)]
[Dense(6, Activation.Tanh)]
[Dense(3)]
public partial class NoDropoutHiddenNet { }

/// <summary>Dropout after a convolution; identity at inference.</summary>
[Input(6, 6, 1)]
[Conv2D(2, 3, Activation.Relu)] // (4, 4, 2)
[Dropout(0.5)]
[Flatten]                       // (32)
[Dense(2)]
public partial class ConvDropoutNet { }

/// <summary>An MNIST-sized CNN with every kind of stage, for allocation, threads and weight files.</summary>
[Input(28, 28, 1)]
[Conv2D(8, 3, Padding = Padding.Same, UseBias = false)] // (28, 28, 8)
[BatchNormalization]
[MaxPooling2D(2)]                                        // (14, 14, 8)
[Conv2D(16, 3, Activation.Relu, Strides = 2)]             // (6, 6, 16)
[Dropout(0.25)]
[GlobalAveragePooling2D]                                  // (16)
[Dense(10, Activation.Softmax)]
public partial class MnistCnn { }

// Twins with identical weight shapes that differ in one architectural detail: weight files must not cross between them.

[Input(6, 6, 2)]
[Conv2D(3, 3, Activation.Relu)]
[GlobalAveragePooling2D]
[Dense(2)]
public partial class ReluValidConvNet { }

[Input(6, 6, 2)]
[Conv2D(3, 3, Activation.Tanh)]
[GlobalAveragePooling2D]
[Dense(2)]
public partial class TanhValidConvNet { }

[Input(6, 6, 2)]
[Conv2D(3, 3, Activation.Relu, Padding = Padding.Same)]
[GlobalAveragePooling2D]
[Dense(2)]
public partial class ReluSameConvNet { }

// The layers added with the one-type-per-kind generator: each network with its reference in Layers/LayerNetworkCases.cs.

/// <summary>Per-axis strides: a Same convolution striding 2 down the rows and 1 along the columns, then pooling the other way round.</summary>
[Input(9, 8, 2)]
[Conv2D(3, 3, Activation.Tanh, StridesHeight = 2, StridesWidth = 1, Padding = Padding.Same)] // (5, 8, 3): rows pad 1 / 1
[MaxPooling2D(2, StridesHeight = 1, StridesWidth = 2)]                                         // (4, 4, 3)
[AveragePooling2D(2, Strides = 1, StridesWidth = 2, Padding = Padding.Same)]                   // (4, 2, 3)
[Flatten]                                                                                      // (24)
[Dense(2)]
public partial class StridedAxesNet { }

/// <summary>Rescaling first (no weights before it), Activation layers in the middle and last (the loss fuses through a last Softmax layer).</summary>
[Input(6)]
[Rescaling(0.5, 0.25)]
[Dense(8)]
[Activation(Activation.Gelu)]
[Dense(3)]
[Activation(Activation.Softmax)]
public partial class ActivationLayerNet { }

#pragma warning disable SN1002 // on purpose: the Dense layer works per position, so the Sigmoid rows do not span the sample
/// <summary>An Activation layer as the first layer, then a sigmoid one on a per-position Dense output (a row activation that does not span the sample).</summary>
[Input(4, 3)]
[Activation(Activation.Tanh)]
[Dense(2)]
[Activation(Activation.Sigmoid)]
[Flatten]
[Dense(2)]
public partial class LeadingActivationNet { }
#pragma warning restore SN1002

/// <summary>UpSampling1D feeding a Same Conv1D, then the global maximum over steps.</summary>
[Input(4, 3)]
[UpSampling1D(3)]                                                  // (12, 3)
[Conv1D(2, 3, Activation.Tanh, Padding = Padding.Same)]            // (12, 2)
[GlobalMaxPooling1D]                                               // (2)
[Dense(2)]
public partial class UpSampling1DNet { }

/// <summary>UpSampling2D between two convolutions: each pixel becomes a 2×2 block.</summary>
[Input(3, 3, 2)]
[Conv2D(2, 2, Activation.Sigmoid)]                                 // (2, 2, 2)
[UpSampling2D]                                                     // (4, 4, 2)
[Conv2D(2, 3)]                                                     // (2, 2, 2)
[Flatten]
[Dense(2)]
public partial class UpSampling2DNet { }

/// <summary>Asymmetric zero padding and cropping around a convolution.</summary>
[Input(5, 4, 1)]
[ZeroPadding2D(1, Top = 2, Right = 0)]                             // (8, 5, 1)
[Conv2D(2, 3, Activation.Tanh)]                                    // (6, 3, 2)
[Cropping2D(1, Left = 0, Bottom = 2)]                              // (3, 2, 2)
[Flatten]                                                          // (12)
[Dense(1, Activation.Sigmoid)]
public partial class BorderNet { }

#pragma warning disable SN1002 // on purpose: the Dense layer works per position, so LayerNormalization gets a rank-2 input
/// <summary>LayerNormalization on a rank-2 input (each of the 4 positions on its own) between a Dense and a flattened softmax.</summary>
[Input(4, 6)]
[Dense(5, Activation.Tanh)]                                        // (4, 5): per position
[LayerNormalization(Epsilon = 0.01)]                               // (4, 5): 10 weights
[Flatten]                                                          // (20)
[Dense(3, Activation.Softmax)]
public partial class LayerNormNet { }
#pragma warning restore SN1002

/// <summary>LayerNormalization first (no input gradient to write), with its gamma and beta trained from the loss alone.</summary>
[Input(7)]
[LayerNormalization]
[Dense(2)]
public partial class LeadingLayerNormNet { }

/// <summary>Two causal dilated Conv1D layers (the second strided, its span 4 wider than its taps), Keras 2's hard sigmoid.</summary>
[Input(9, 2)]
[Conv1D(3, 3, Activation.HardSigmoidKeras2, DilationRate = 2, Padding = Padding.Causal)] // (9, 3): pads 4 before
[Conv1D(2, 2, Activation.Tanh, Strides = 2, DilationRate = 3, Padding = Padding.Causal)]  // (5, 2): pads 3 before
[Flatten]                                                                                 // (10)
[Dense(2)]
public partial class CausalDilatedNet { }

/// <summary>A valid dilated Conv1D (span 7 of 12 steps), then a Same dilated one without bias (pads 1 before, 1 after).</summary>
[Input(12, 3)]
[Conv1D(4, 3, Activation.Gelu, DilationRate = 3)]                                        // (6, 4)
[Conv1D(2, 2, DilationRate = 2, Padding = Padding.Same, UseBias = false)]                // (6, 2)
[GlobalAveragePooling1D]                                                                  // (2)
[Dense(3, Activation.Softmax)]
public partial class DilatedValidSameNet { }

/// <summary>Conv2DTranspose first, Same at stride 2 with a 3×2 kernel: rows crop (3 − 2) / 2 = 0 before, columns nothing.</summary>
[Input(3, 4, 2)]
[Conv2DTranspose(3, 3, Activation.Tanh, KernelWidth = 2, Strides = 2, Padding = Padding.Same)] // (6, 8, 3)
[Flatten]
[Dense(2)]
public partial class TransposeSameNet { }

/// <summary>Conv2DTranspose after a layer (so ∂input is taken), Valid with strides 3×1 and a 2×4 kernel: k &lt; s along the rows.</summary>
[Input(3, 3, 2)]
[Conv2D(2, 1, Activation.Sigmoid)]                                                                               // (3, 3, 2)
[Conv2DTranspose(2, 2, Activation.Relu, KernelWidth = 4, StridesHeight = 3, StridesWidth = 1)]                  // (9, 6, 2): 3·3 + 0, 3·1 + 3
[GlobalAveragePooling2D]
[Dense(2)]
public partial class TransposeValidNet { }

/// <summary>Stride 1 Same (crop 1 before, 1 after) then stride 3 Same with a 4×5 kernel and no bias (crop 0 / 1 rows, 1 / 1 columns).</summary>
[Input(2, 3, 1)]
[Conv2DTranspose(2, 3, Activation.Sigmoid, Padding = Padding.Same)]                                               // (2, 3, 2)
[Conv2DTranspose(2, 4, KernelWidth = 5, Strides = 3, Padding = Padding.Same, UseBias = false)]                   // (6, 9, 2)
[Flatten]
[Dense(1)]
public partial class TransposeStridedSameNet { }

#pragma warning disable SN1002 // on purpose: the Dense layer works per position, so the second Normalization gets a rank-2 input
/// <summary>Normalization first (no ∂input) and after a Dense layer on a sequence (∂input divided by each feature's deviation).</summary>
[Input(4, 3)]
[Normalization]                 // (4, 3): mean, variance (3 each), count
[Dense(2, Activation.Tanh)]     // (4, 2)
[Normalization]                 // (4, 2)
[Flatten]
[Dense(1)]
public partial class NormalizationNet { }
#pragma warning restore SN1002

/// <summary>Two Normalization layers for Adapt: the second sees the first's output through a convolution (im2col scratch) and a Flatten.</summary>
[Input(2, 3)]
[Normalization]
[Conv1D(2, 2, Activation.Relu, Padding = Padding.Same)] // (2, 2)
[Flatten]                                                // (4)
[Normalization]
[Dense(1)]
public partial class AdaptNet { }

/// <summary>Normalization alone: its output is the normalised input.</summary>
[Input(2, 3)]
[Normalization]
public partial class NormalizationOnlyNet { }

/// <summary>Normalization before an LSTM: every layer works one step at a time, so the network streams.</summary>
[Input(5, 3)]
[Normalization]
[LSTM(2)]
[Dense(1)]
public partial class StreamingNormalizationNet { }
