using StaticNets;

namespace Tutorials.Autoencoder;

/// <summary>
/// The tutorial's denoising autoencoder (<c>Denoise</c>): an encoder of two strided convolutions, 28×28×1 → 7×7×8, and
/// a decoder of two strided transposed convolutions and a sigmoid convolution back to 28×28×1.
/// </summary>
[Input(28, 28, 1)]
[Conv2D(16, 3, Activation.Relu, Padding = Padding.Same, Strides = 2)]
[Conv2D(8, 3, Activation.Relu, Padding = Padding.Same, Strides = 2)]
[Conv2DTranspose(8, 3, Activation.Relu, Padding = Padding.Same, Strides = 2)]
[Conv2DTranspose(16, 3, Activation.Relu, Padding = Padding.Same, Strides = 2)]
[Conv2D(1, 3, Activation.Sigmoid, Padding = Padding.Same)]
public partial class Denoise { }

/// <summary>The encoder alone (<c>autoencoder.encoder</c>), its weights copied from a trained <see cref="Denoise"/>.</summary>
[Input(28, 28, 1)]
[Conv2D(16, 3, Activation.Relu, Padding = Padding.Same, Strides = 2)]
[Conv2D(8, 3, Activation.Relu, Padding = Padding.Same, Strides = 2)]
public partial class Encoder { }

/// <summary>The decoder alone (<c>autoencoder.decoder</c>): from the 7×7×8 code back to an image.</summary>
[Input(7, 7, 8)]
[Conv2DTranspose(8, 3, Activation.Relu, Padding = Padding.Same, Strides = 2)]
[Conv2DTranspose(16, 3, Activation.Relu, Padding = Padding.Same, Strides = 2)]
[Conv2D(1, 3, Activation.Sigmoid, Padding = Padding.Same)]
public partial class Decoder { }

/// <summary>
/// The same encoder with the other decoder Keras examples use: <c>UpSampling2D</c> (nearest neighbour) then an ordinary
/// convolution, in place of each strided transposed convolution. Trained the same way, for comparison.
/// </summary>
[Input(28, 28, 1)]
[Conv2D(16, 3, Activation.Relu, Padding = Padding.Same, Strides = 2)]
[Conv2D(8, 3, Activation.Relu, Padding = Padding.Same, Strides = 2)]
[UpSampling2D(2)]
[Conv2D(8, 3, Activation.Relu, Padding = Padding.Same)]
[UpSampling2D(2)]
[Conv2D(16, 3, Activation.Relu, Padding = Padding.Same)]
[Conv2D(1, 3, Activation.Sigmoid, Padding = Padding.Same)]
public partial class DenoiseUpSampling { }
