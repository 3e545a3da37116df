namespace StaticNets.Tests.Networks;

// Per activation: a one-layer network (fed an identity kernel, it outputs the activation itself) and a two-layer
// network whose hidden and output layers both use it (for gradient checks through both positions).

[Input(64)]
[Dense(64, Activation.Linear)]
public partial class OnlyLinear { }

[Input(3)]
[Dense(5, Activation.Linear)]
[Dense(3, Activation.Linear)]
public partial class TwiceLinear { }

[Input(64)]
[Dense(64, Activation.Relu)]
public partial class OnlyRelu { }

[Input(3)]
[Dense(5, Activation.Relu)]
[Dense(3, Activation.Relu)]
public partial class TwiceRelu { }

[Input(64)]
[Dense(64, Activation.Sigmoid)]
public partial class OnlySigmoid { }

[Input(3)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Sigmoid)]
public partial class TwiceSigmoid { }

[Input(64)]
[Dense(64, Activation.Tanh)]
public partial class OnlyTanh { }

[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
public partial class TwiceTanh { }

[Input(64)]
[Dense(64, Activation.Softmax)]
public partial class OnlySoftmax { }

[Input(3)]
[Dense(5, Activation.Softmax)]
[Dense(3, Activation.Softmax)]
public partial class TwiceSoftmax { }

[Input(64)]
[Dense(64, Activation.Softplus)]
public partial class OnlySoftplus { }

[Input(3)]
[Dense(5, Activation.Softplus)]
[Dense(3, Activation.Softplus)]
public partial class TwiceSoftplus { }

[Input(64)]
[Dense(64, Activation.Softsign)]
public partial class OnlySoftsign { }

[Input(3)]
[Dense(5, Activation.Softsign)]
[Dense(3, Activation.Softsign)]
public partial class TwiceSoftsign { }

[Input(64)]
[Dense(64, Activation.Elu)]
public partial class OnlyElu { }

[Input(3)]
[Dense(5, Activation.Elu)]
[Dense(3, Activation.Elu)]
public partial class TwiceElu { }

[Input(64)]
[Dense(64, Activation.Selu)]
public partial class OnlySelu { }

[Input(3)]
[Dense(5, Activation.Selu)]
[Dense(3, Activation.Selu)]
public partial class TwiceSelu { }

[Input(64)]
[Dense(64, Activation.Exponential)]
public partial class OnlyExponential { }

[Input(3)]
[Dense(5, Activation.Exponential)]
[Dense(3, Activation.Exponential)]
public partial class TwiceExponential { }

[Input(64)]
[Dense(64, Activation.LeakyRelu)]
public partial class OnlyLeakyRelu { }

[Input(3)]
[Dense(5, Activation.LeakyRelu)]
[Dense(3, Activation.LeakyRelu)]
public partial class TwiceLeakyRelu { }

[Input(64)]
[Dense(64, Activation.Relu6)]
public partial class OnlyRelu6 { }

[Input(3)]
[Dense(5, Activation.Relu6)]
[Dense(3, Activation.Relu6)]
public partial class TwiceRelu6 { }

[Input(64)]
[Dense(64, Activation.Gelu)]
public partial class OnlyGelu { }

[Input(3)]
[Dense(5, Activation.Gelu)]
[Dense(3, Activation.Gelu)]
public partial class TwiceGelu { }

[Input(64)]
[Dense(64, Activation.GeluTanh)]
public partial class OnlyGeluTanh { }

[Input(3)]
[Dense(5, Activation.GeluTanh)]
[Dense(3, Activation.GeluTanh)]
public partial class TwiceGeluTanh { }

[Input(64)]
[Dense(64, Activation.Silu)]
public partial class OnlySilu { }

[Input(3)]
[Dense(5, Activation.Silu)]
[Dense(3, Activation.Silu)]
public partial class TwiceSilu { }

[Input(64)]
[Dense(64, Activation.HardSigmoid)]
public partial class OnlyHardSigmoid { }

[Input(3)]
[Dense(5, Activation.HardSigmoid)]
[Dense(3, Activation.HardSigmoid)]
public partial class TwiceHardSigmoid { }

[Input(64)]
[Dense(64, Activation.Mish)]
public partial class OnlyMish { }

[Input(3)]
[Dense(5, Activation.Mish)]
[Dense(3, Activation.Mish)]
public partial class TwiceMish { }

[Input(64)]
[Dense(64, Activation.HardSigmoidKeras2)]
public partial class OnlyHardSigmoidKeras2 { }

[Input(3)]
[Dense(5, Activation.HardSigmoidKeras2)]
[Dense(3, Activation.HardSigmoidKeras2)]
public partial class TwiceHardSigmoidKeras2 { }

/// <summary>Every activation network, by activation.</summary>
internal static class ActivationNetworks
{
    public static ITrainableNetwork Only(Activation activation) => activation switch
    {
        Activation.Linear => new OnlyLinear(1),
        Activation.Relu => new OnlyRelu(1),
        Activation.Sigmoid => new OnlySigmoid(1),
        Activation.Tanh => new OnlyTanh(1),
        Activation.Softmax => new OnlySoftmax(1),
        Activation.Softplus => new OnlySoftplus(1),
        Activation.Softsign => new OnlySoftsign(1),
        Activation.Elu => new OnlyElu(1),
        Activation.Selu => new OnlySelu(1),
        Activation.Exponential => new OnlyExponential(1),
        Activation.LeakyRelu => new OnlyLeakyRelu(1),
        Activation.Relu6 => new OnlyRelu6(1),
        Activation.Gelu => new OnlyGelu(1),
        Activation.GeluTanh => new OnlyGeluTanh(1),
        Activation.Silu => new OnlySilu(1),
        Activation.HardSigmoid => new OnlyHardSigmoid(1),
        Activation.Mish => new OnlyMish(1),
        Activation.HardSigmoidKeras2 => new OnlyHardSigmoidKeras2(1),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    public static ITrainableNetwork Twice(Activation activation) => activation switch
    {
        Activation.Linear => new TwiceLinear(1),
        Activation.Relu => new TwiceRelu(1),
        Activation.Sigmoid => new TwiceSigmoid(1),
        Activation.Tanh => new TwiceTanh(1),
        Activation.Softmax => new TwiceSoftmax(1),
        Activation.Softplus => new TwiceSoftplus(1),
        Activation.Softsign => new TwiceSoftsign(1),
        Activation.Elu => new TwiceElu(1),
        Activation.Selu => new TwiceSelu(1),
        Activation.Exponential => new TwiceExponential(1),
        Activation.LeakyRelu => new TwiceLeakyRelu(1),
        Activation.Relu6 => new TwiceRelu6(1),
        Activation.Gelu => new TwiceGelu(1),
        Activation.GeluTanh => new TwiceGeluTanh(1),
        Activation.Silu => new TwiceSilu(1),
        Activation.HardSigmoid => new TwiceHardSigmoid(1),
        Activation.Mish => new TwiceMish(1),
        Activation.HardSigmoidKeras2 => new TwiceHardSigmoidKeras2(1),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}
