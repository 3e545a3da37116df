using System;
using StaticNets.Runtime;
using StaticNets.Tests.Support;

namespace StaticNets.Tests;

/// <summary>The kernels sit on the hot path of every forward and backward pass, so they must not allocate.</summary>
public sealed class ActivationAllocationTests
{
    [Fact]
    public void Apply_and_Backward_do_not_allocate_for_any_activation()
    {
        Activation[] activations = Enum.GetValues<Activation>();
        const int RowLength = 11;
        float[] z = new float[33], a = new float[33], values = new float[33], gradient = new float[33];
        for (int i = 0; i < z.Length; i++) z[i] = (i - 16) * 0.37f;

        RunAll(activations, z, a, values, gradient, RowLength); // warm-up: JIT compilation and type loading
        Assert.Equal(0, Allocations.LeastPerRound(() => RunAll(activations, z, a, values, gradient, RowLength), callsPerRound: 20));
    }

    [Fact]
    public void Named_kernels_do_not_allocate()
    {
        float[] z = new float[37], a = new float[37], gradient = new float[37];
        for (int i = 0; i < z.Length; i++) z[i] = (i - 18) * 0.41f;
        // The delegates are created before measuring; invoking them allocates nothing.
        (Forward Forward, Backward Backward)[] kernels =
        {
            (Activations.Linear, Activations.LinearBackward),
            (Activations.Relu, Activations.ReluBackward),
            (Activations.Sigmoid, Activations.SigmoidBackward),
            (Activations.Tanh, Activations.TanhBackward),
            (Activations.Softmax, (zs, activations, g) => Activations.SoftmaxBackward(activations, g)),
            (Activations.Softplus, Activations.SoftplusBackward),
            (Activations.Softsign, Activations.SoftsignBackward),
            (Activations.Elu, Activations.EluBackward),
            (Activations.Selu, Activations.SeluBackward),
            (Activations.Exponential, Activations.ExponentialBackward),
            (Activations.LeakyRelu, Activations.LeakyReluBackward),
            (Activations.Relu6, Activations.Relu6Backward),
            (Activations.Gelu, Activations.GeluBackward),
            (Activations.GeluTanh, Activations.GeluTanhBackward),
            (Activations.Silu, Activations.SiluBackward),
            (Activations.HardSigmoid, Activations.HardSigmoidBackward),
            (Activations.Mish, Activations.MishBackward),
            (Activations.HardSigmoidKeras2, Activations.HardSigmoidKeras2Backward),
        };

        RunNamed(kernels, z, a, gradient);
        Assert.Equal(0, Allocations.LeastPerRound(() => RunNamed(kernels, z, a, gradient), callsPerRound: 20));
    }

    private static void RunAll(Activation[] activations, float[] z, float[] a, float[] values, float[] gradient, int rowLength)
    {
        foreach (Activation activation in activations)
        {
            z.AsSpan().CopyTo(a);
            Activations.Apply(activation, a, rowLength);
            Array.Fill(gradient, 0.5f);
            Activations.Backward(activation, z, a, gradient, rowLength);
            z.AsSpan().CopyTo(values);
            Activations.Apply(activation, values.AsSpan(0, 22), rowLength);
        }
    }

    private static void RunNamed((Forward Forward, Backward Backward)[] kernels, float[] z, float[] a, float[] gradient)
    {
        foreach ((Forward forward, Backward backward) in kernels)
        {
            z.AsSpan().CopyTo(a);
            forward(a);
            Array.Fill(gradient, 0.5f);
            backward(z, a, gradient);
        }
    }

    private delegate void Forward(Span<float> values);

    private delegate void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient);
}
