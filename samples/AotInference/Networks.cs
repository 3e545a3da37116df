using StaticNets;

namespace AotInference;

/// <summary>
/// Iris species from four measurements in cm (sepal length, sepal width, petal length, petal width) to three
/// scores (setosa, versicolor, virginica). Its weights, <c>iris.weights</c>, encode a decision tree; see <see cref="IrisWeights"/>.
/// </summary>
[Input(4)]
[Dense(4, Activation.Relu)]
[Dense(3)]
public partial class IrisNet { }

/// <summary>The benchmark network: an MNIST-sized multilayer perceptron with Keras-default (glorot) weights.</summary>
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(10)]
public partial class BenchNet { }
