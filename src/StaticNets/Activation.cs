namespace StaticNets;

/// <summary>
/// Activation functions with Keras 3 definitions. The numeric values are part of the contract:
/// the generator reads them as integers, so members are only ever appended.
/// </summary>
public enum Activation
{
    /// <summary><c>x</c> (Keras <c>"linear"</c>, the default).</summary>
    Linear = 0,
    /// <summary><c>max(0, x)</c>.</summary>
    Relu = 1,
    /// <summary><c>1 / (1 + e^-x)</c>.</summary>
    Sigmoid = 2,
    /// <summary><c>tanh(x)</c>.</summary>
    Tanh = 3,
    /// <summary><c>e^x / Σ e^x</c> over the last axis, computed stably (max subtracted first).</summary>
    Softmax = 4,
    /// <summary><c>log(1 + e^x)</c>.</summary>
    Softplus = 5,
    /// <summary><c>x / (1 + |x|)</c>.</summary>
    Softsign = 6,
    /// <summary><c>x</c> for x &gt; 0, else <c>e^x − 1</c> (α = 1).</summary>
    Elu = 7,
    /// <summary><c>scale · elu(x, α)</c> with α = 1.6732632423543772, scale = 1.0507009873554805.</summary>
    Selu = 8,
    /// <summary><c>e^x</c>.</summary>
    Exponential = 9,
    /// <summary><c>x</c> for x ≥ 0, else <c>0.2 x</c> (Keras's activation-string slope).</summary>
    LeakyRelu = 10,
    /// <summary><c>min(max(x, 0), 6)</c>.</summary>
    Relu6 = 11,
    /// <summary>Exact GELU: <c>0.5 x (1 + erf(x / √2))</c>.</summary>
    Gelu = 12,
    /// <summary>Tanh-approximated GELU: <c>0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))</c>.</summary>
    GeluTanh = 13,
    /// <summary><c>x · sigmoid(x)</c> (also known as swish).</summary>
    Silu = 14,
    /// <summary>Keras 3 hard sigmoid: <c>clip(x / 6 + 0.5, 0, 1)</c>.</summary>
    HardSigmoid = 15,
    /// <summary><c>x · tanh(softplus(x))</c>.</summary>
    Mish = 16,
    /// <summary>
    /// Keras 2 hard sigmoid: <c>clip(0.2 x + 0.5, 0, 1)</c>, what <c>"hard_sigmoid"</c> meant in Keras 2 and TensorFlow.js
    /// (and Keras 2's default recurrent activation), so models from there keep their numbers.
    /// </summary>
    HardSigmoidKeras2 = 17,
}
