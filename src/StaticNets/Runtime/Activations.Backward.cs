using System;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

// Backward steps: on entry `gradient` holds dL/da, on exit dL/dz, for a = f(z). z and a are the values the forward pass
// saw and produced (same length as gradient); each kernel reads whichever gives the more accurate derivative. gradient
// must not overlap z or a. Derivatives at kinks, and for NaN z in piecewise activations, follow TensorFlow's
// gradient kernels (see PiecewiseLinearActivations.cs); smooth activations give NaN for NaN z.
public static partial class Activations
{
    /// <summary>Backward step of <see cref="Linear"/>: dL/dz = dL/da, so <paramref name="gradient"/> is left unchanged.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void LinearBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
        => CheckBackward(z, a, gradient);

    /// <summary>Backward step of <see cref="Relu"/>: dL/dz = dL/da where z &gt; 0, else 0.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void ReluBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<ReluActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="Sigmoid"/>: dL/dz = dL/da · σ(z)(1 − σ(z)).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void SigmoidBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<SigmoidActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="Tanh"/>: dL/dz = dL/da · (1 − tanh²(z)).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void TanhBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<TanhActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="Softplus"/>: dL/dz = dL/da · σ(z).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void SoftplusBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<SoftplusActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="Softsign"/>: dL/dz = dL/da / (1 + |z|)².</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void SoftsignBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<SoftsignActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="Elu"/>: dL/dz = dL/da · e^z for z &lt; 0, else dL/da.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void EluBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<EluActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="Selu"/>: dL/dz = dL/da · scale·α·e^z for z &lt; 0, else dL/da · scale.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void SeluBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<SeluActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="Exponential"/>: dL/dz = dL/da · a.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void ExponentialBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<ExponentialActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="LeakyRelu"/>: dL/dz = dL/da where z &gt; 0, else 0.2 · dL/da.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void LeakyReluBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<LeakyReluActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="Relu6"/>: dL/dz = dL/da where 0 &lt; z &lt; 6, else 0.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void Relu6Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<Relu6Activation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="Gelu"/>: dL/dz = dL/da · (Φ(z) + z·φ(z)).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void GeluBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<GeluActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="GeluTanh"/> (the derivative of the tanh approximation itself).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void GeluTanhBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<GeluTanhActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="Silu"/>: dL/dz = dL/da · σ(z)(1 + z(1 − σ(z))).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void SiluBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<SiluActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="HardSigmoid"/>: dL/dz = dL/da / 6 where −3 &lt; z &lt; 3, else 0.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void HardSigmoidBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<HardSigmoidActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="Mish"/>: dL/dz = dL/da · (t + z·σ(z)·(1 − t²)), t = tanh(softplus(z)).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void MishBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<MishActivation>(z, a, gradient);
    }

    /// <summary>Backward step of <see cref="HardSigmoidKeras2"/>: dL/dz = dL/da / 5 where −2.5 &lt; z &lt; 2.5, else 0.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps an input.</exception>
    public static void HardSigmoidKeras2Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        CheckBackward(z, a, gradient);
        ElementwiseLoop.Backward<HardSigmoidKeras2Activation>(z, a, gradient);
    }

    /// <summary>
    /// Backward step of <see cref="Softmax"/> for one row: dL/dz = a ⊙ (dL/da − Σ dL/da ⊙ a), where
    /// <paramref name="a"/> is the row's softmax output.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, or <paramref name="gradient"/> overlaps <paramref name="a"/>.</exception>
    public static void SoftmaxBackward(ReadOnlySpan<float> a, Span<float> gradient)
    {
        Guard.Length(a.Length, gradient.Length, nameof(a));
        CheckNoOverlap(gradient, a, nameof(a));
        if (Vector512.IsHardwareAccelerated) SoftmaxRow.Backward<Vector512Ops, Vector512<float>>(a, gradient);
        else if (Vector256.IsHardwareAccelerated) SoftmaxRow.Backward<Vector256Ops, Vector256<float>>(a, gradient);
        else SoftmaxRow.Backward<Vector128Ops, Vector128<float>>(a, gradient);
    }

    /// <summary>
    /// Backward step of <paramref name="activation"/>: on entry <paramref name="gradient"/> holds dL/da, on exit dL/dz,
    /// where <paramref name="z"/> are the pre-activation values and <paramref name="a"/> = activation(z). Softmax works
    /// per row of <paramref name="rowLength"/> values.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowLength"/> is not positive, or
    /// <paramref name="activation"/> is not a defined <see cref="Activation"/>.</exception>
    /// <exception cref="ArgumentException">Lengths differ or are not a multiple of <paramref name="rowLength"/>, or
    /// <paramref name="gradient"/> overlaps <paramref name="z"/> or <paramref name="a"/>.</exception>
    public static void Backward(Activation activation, ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient, int rowLength)
    {
        CheckBackward(z, a, gradient);
        CheckRows(gradient.Length, rowLength, nameof(gradient));
        if (Vector512.IsHardwareAccelerated) Backward<Vector512Ops, Vector512<float>>(activation, z, a, gradient, rowLength);
        else if (Vector256.IsHardwareAccelerated) Backward<Vector256Ops, Vector256<float>>(activation, z, a, gradient, rowLength);
        else Backward<Vector128Ops, Vector128<float>>(activation, z, a, gradient, rowLength);
    }

    /// <summary><see cref="Backward(Activation, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int)"/> with one given vector width (arguments already checked).</summary>
    internal static void Backward<TOps, TVector>(
        Activation activation, ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient, int rowLength)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        switch (activation)
        {
            case Activation.Linear: return;
            case Activation.Relu: ElementwiseLoop.Backward<ReluActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.Sigmoid: ElementwiseLoop.Backward<SigmoidActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.Tanh: ElementwiseLoop.Backward<TanhActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.Softmax:
                for (int start = 0; start < gradient.Length; start += rowLength)
                {
                    SoftmaxRow.Backward<TOps, TVector>(a.Slice(start, rowLength), gradient.Slice(start, rowLength));
                }

                return;
            case Activation.Softplus: ElementwiseLoop.Backward<SoftplusActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.Softsign: ElementwiseLoop.Backward<SoftsignActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.Elu: ElementwiseLoop.Backward<EluActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.Selu: ElementwiseLoop.Backward<SeluActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.Exponential: ElementwiseLoop.Backward<ExponentialActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.LeakyRelu: ElementwiseLoop.Backward<LeakyReluActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.Relu6: ElementwiseLoop.Backward<Relu6Activation, TOps, TVector>(z, a, gradient); return;
            case Activation.Gelu: ElementwiseLoop.Backward<GeluActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.GeluTanh: ElementwiseLoop.Backward<GeluTanhActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.Silu: ElementwiseLoop.Backward<SiluActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.HardSigmoid: ElementwiseLoop.Backward<HardSigmoidActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.Mish: ElementwiseLoop.Backward<MishActivation, TOps, TVector>(z, a, gradient); return;
            case Activation.HardSigmoidKeras2: ElementwiseLoop.Backward<HardSigmoidKeras2Activation, TOps, TVector>(z, a, gradient); return;
            default: ThrowUnknownActivation(activation); return;
        }
    }

    private static void CheckBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient)
    {
        Guard.Length(z.Length, gradient.Length, nameof(z));
        Guard.Length(a.Length, gradient.Length, nameof(a));
        CheckNoOverlap(gradient, z, nameof(z));
        CheckNoOverlap(gradient, a, nameof(a));
    }

    private static void CheckNoOverlap(Span<float> gradient, ReadOnlySpan<float> input, string inputName)
    {
        if (((ReadOnlySpan<float>)gradient).Overlaps(input))
        {
            throw new ArgumentException($"The gradient buffer must not overlap {inputName}.", nameof(gradient));
        }
    }
}
