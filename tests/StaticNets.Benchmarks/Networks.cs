using StaticNets;

namespace StaticNets.Benchmarks;

/// <summary>Net A (2 → 10 relu → 1), the small benchmark network: the seed's Practice 1 regressor.</summary>
[Input(2)]
[Dense(10, Activation.Relu)]
[Dense(1)]
public partial class NetA { }

/// <summary>Net B (784 → 128 relu → 64 relu → 10), the MNIST-sized benchmark network, with linear outputs (inference).</summary>
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(10)]
public partial class NetB { }

/// <summary>Net B with a softmax output, for the training benchmark (categorical cross-entropy).</summary>
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class NetBSoftmax { }

/// <summary>
/// The TensorFlow Keras Fashion-MNIST tutorial's MLP (Flatten, Dense 128 relu, Dense 10 logits), with the input
/// declared flat: <c>[Input(784)]</c> is the same network as <c>[Input(28, 28)] [Flatten]</c> (Flatten only
/// renames the row-major axes), the form samples/FashionMnist declares.
/// </summary>
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(10)]
public partial class FashionMlp { }

/// <summary>
/// The Fashion-MNIST CNN of the inference comparison with ONNX Runtime (121,930 parameters): two 3×3 valid
/// convolutions with 2×2 max pooling, then Dense 64 relu and Dense 10 logits; channels last as in Keras.
/// </summary>
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dense(64, Activation.Relu)]
[Dense(10)]
public partial class FashionCnn { }
