using StaticNets;

namespace StaticNets.Benchmarks;

/// <summary>Net A of PERFORMANCE.md: the seed's Practice 1 regressor.</summary>
[Input(2)]
[Dense(10, Activation.Relu)]
[Dense(1)]
public partial class NetA { }

/// <summary>Net B of PERFORMANCE.md: the MNIST-sized MLP with linear outputs (inference).</summary>
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
