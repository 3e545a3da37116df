using StaticNets.Generator.Helpers;

namespace StaticNets.Generator.Model;

/// <summary>How a weight starts out in a new network, as Keras initialises it.</summary>
internal enum Initializer
{
    /// <summary>Keras <c>"zeros"</c> (biases, beta, moving_mean): the storage already is.</summary>
    Zeros,

    /// <summary>Keras <c>"ones"</c> (gamma, moving_variance).</summary>
    Ones,

    /// <summary>Keras <c>glorot_uniform</c>: U(−L, L), L = sqrt(6 / (fan_in + fan_out)).</summary>
    GlorotUniform,

    /// <summary>Keras <c>orthogonal</c> (recurrent kernels): the orthonormal factor of a normal matrix, shaped (rows, cols).</summary>
    Orthogonal,

    /// <summary>Keras <c>uniform</c> as Embedding uses it: U(−0.05, 0.05).</summary>
    Uniform,

    /// <summary>An LSTM bias with <c>unit_forget_bias</c>: zeros, except ones for the forget gate (the second of four blocks).</summary>
    UnitForgetBias,
}

/// <summary>One weight tensor of a layer, in Keras's <c>get_weights()</c> order within the layer.</summary>
/// <param name="Name">Keras's name: <c>kernel</c>, <c>bias</c>, <c>gamma</c>, ...</param>
/// <param name="Shape">Keras's shape; the floats are stored row-major in it.</param>
/// <param name="Initializer">How a new network fills it.</param>
/// <param name="Trainable">Whether optimizers update it (BatchNormalization's moving statistics: no).</param>
/// <param name="FanIn">glorot_uniform's fan_in (receptive field × input channels).</param>
/// <param name="FanOut">glorot_uniform's fan_out (receptive field × output channels).</param>
internal sealed record WeightSpec(string Name, EquatableArray<int> Shape, Initializer Initializer, bool Trainable = true, int FanIn = 0, int FanOut = 0)
{
    /// <summary>Floats in the tensor (the checker has made sure it fits an <see cref="int"/>).</summary>
    public int Length => Shapes.Product(Shape);

    /// <summary>The float count in 64 bits, saturating, for the checks made before that is known to fit.</summary>
    public long SaturatingLength => Shapes.SaturatingProduct(Shape);

    public static WeightSpec Kernel(int fanIn, int fanOut, params int[] shape)
        => new("kernel", shape.ToEquatableArray(), Initializer.GlorotUniform, FanIn: fanIn, FanOut: fanOut);

    public static WeightSpec Bias(int units) => new("bias", new[] { units }.ToEquatableArray(), Initializer.Zeros);
}

/// <summary>A weight with its place in <c>Parameters</c>.</summary>
internal readonly record struct PlacedWeight(WeightSpec Weight, int Offset)
{
    public int Length => Weight.Length;

    public int End => Offset + Weight.Length;
}
