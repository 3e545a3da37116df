using StaticNets;

namespace Iris;

/// <summary>
/// Keras: <c>Dense(16, activation="relu", input_shape=(4,))</c>, <c>Dense(3, activation="softmax")</c>:
/// four measurements in, one probability per species out.
/// </summary>
[Input(4)]
[Dense(16, Activation.Relu)]
[Dense(3, Activation.Softmax)]
public partial class IrisClassifier { }
