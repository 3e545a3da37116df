using StaticNets;

namespace FashionMnist;

/// <summary>
/// The TensorFlow Keras tutorial's classifier ("Basic classification: Classify images of clothing"):
/// <c>Flatten(input_shape=(28, 28))</c>, <c>Dense(128, activation="relu")</c>, <c>Dense(10)</c>, ten logits out.
/// </summary>
[Input(28, 28)]
[Flatten]
[Dense(128, Activation.Relu)]
[Dense(10)]
public partial class FashionMlp { }

/// <summary>
/// A small Keras-style convolutional network: two 3 × 3 convolutions, each followed by 2 × 2 max pooling, then a
/// 64-unit hidden layer and ten logits.
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

/// <summary>
/// The classic Keras sequence classifier on images: each 28 × 28 image read as 28 time steps of one 28-pixel row by an
/// LSTM, whose last output feeds ten logits.
/// </summary>
[Input(28, 28)]
[LSTM(128)]
[Dense(10)]
public partial class FashionLstm { }
