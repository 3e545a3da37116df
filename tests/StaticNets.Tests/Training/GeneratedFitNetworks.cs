namespace StaticNets.Tests.Training;

// Generated networks that GeneratedFitTests trains end to end.

/// <summary>XOR: <c>Dense(8, tanh, input_shape=(2,))</c>, <c>Dense(1, sigmoid)</c>.</summary>
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorClassifier { }

/// <summary>Iris: <c>Dense(16, relu, input_shape=(4,))</c>, <c>Dense(3, softmax)</c>.</summary>
[Input(4)]
[Dense(16, Activation.Relu)]
[Dense(3, Activation.Softmax)]
public partial class IrisClassifier { }
