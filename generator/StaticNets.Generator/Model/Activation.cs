namespace StaticNets.Generator.Model;

/// <summary>Mirror of <c>StaticNets.Activation</c> (the generator reads the enum as its integer; a test keeps the two in step).</summary>
internal enum Activation
{
    Linear, Relu, Sigmoid, Tanh, Softmax, Softplus, Softsign, Elu, Selu, Exponential,
    LeakyRelu, Relu6, Gelu, GeluTanh, Silu, HardSigmoid, Mish, HardSigmoidKeras2,
}
