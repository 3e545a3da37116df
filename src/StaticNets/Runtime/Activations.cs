using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.Intrinsics;

namespace StaticNets.Runtime;

/// <summary>
/// The activation kernels that generated networks call: in place on float32 spans of any length (including 0),
/// vectorised with the widest hardware-accelerated width, allocation-free, with the Keras 3 definitions listed on
/// <see cref="Activation"/>.
/// </summary>
/// <remarks>
/// <para>Accuracy: within 3 ulp of the exact function for every finite input, including the saturated tails (results
/// that pass through the subnormal range keep absolute accuracy there), so results agree with Keras far inside its
/// float32 noise. The one exception is inherent to its formula: GELU-tanh rounds its gate argument
/// 2u = 2√(2/π)(x + 0.044715x³) to float, so for negative x its relative error grows to about |2u| ulp (≈ 1e-5 at
/// x = −10), as in any float32 evaluation. Backward steps are within about 4 ulp, except next to zeros of the derivative
/// (gelu, gelu_tanh, silu, mish), where the error is a few ulp of the derivative's terms.</para>
/// <para>Extremes: nothing overflows internally. sigmoid(±1000) = 1 / 0, tanh(±1000) = ±1, softplus(1000) = 1000,
/// elu(−1000) = −1, selu(−1000) = −scale·α, and the self-gated activations (gelu, gelu_tanh, silu, mish) go to −0 for
/// large negative inputs, also at −∞. <see cref="Exponential"/> overflows to +∞ above ≈ 88.72, as Keras does in float32.</para>
/// <para>NaN in gives NaN out for every activation (relu included, as in TensorFlow and NumPy). relu(−0) and relu6(−0)
/// give +0; the other activations with f(0) = 0 return a zero of the input's sign. Infinite inputs give the limits
/// (e.g. silu(−∞) = −0, softsign(∞) = 1), not NaN.</para>
/// <para>Every vector width gives the same bits (softmax included: its row sums are taken in an order that does not
/// depend on the width), and so do the in-register relu, relu6 and leaky_relu of generated kernels
/// (<see cref="Simd512"/>, <see cref="Simd256"/>, <see cref="Simd128"/> and <see cref="SimdScalar"/>), which evaluate
/// the same formulas. The exception is the sign and payload of a NaN result, which IEEE 754 leaves open and the JIT
/// may settle differently from one compilation to the next; linear, relu, relu6 and leaky_relu return the input NaN
/// itself.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Activations
{
    /// <summary>Keras <c>linear</c>: leaves <paramref name="values"/> unchanged (so every activation has a kernel to call).</summary>
    public static void Linear(Span<float> values)
    {
    }

    /// <summary><c>max(0, x)</c> in place.</summary>
    public static void Relu(Span<float> values) => ElementwiseLoop.Forward<ReluActivation>(values);

    /// <summary><c>1 / (1 + e^−x)</c> in place.</summary>
    public static void Sigmoid(Span<float> values) => ElementwiseLoop.Forward<SigmoidActivation>(values);

    /// <summary><c>tanh(x)</c> in place.</summary>
    public static void Tanh(Span<float> values) => ElementwiseLoop.Forward<TanhActivation>(values);

    /// <summary><c>log(1 + e^x)</c> in place.</summary>
    public static void Softplus(Span<float> values) => ElementwiseLoop.Forward<SoftplusActivation>(values);

    /// <summary><c>x / (1 + |x|)</c> in place.</summary>
    public static void Softsign(Span<float> values) => ElementwiseLoop.Forward<SoftsignActivation>(values);

    /// <summary><c>x</c> for x &gt; 0, else <c>e^x − 1</c> (α = 1), in place.</summary>
    public static void Elu(Span<float> values) => ElementwiseLoop.Forward<EluActivation>(values);

    /// <summary><c>scale · elu(x, α)</c>, α = 1.6732632423543772, scale = 1.0507009873554805, in place.</summary>
    public static void Selu(Span<float> values) => ElementwiseLoop.Forward<SeluActivation>(values);

    /// <summary><c>e^x</c> in place.</summary>
    public static void Exponential(Span<float> values) => ElementwiseLoop.Forward<ExponentialActivation>(values);

    /// <summary><c>x</c> for x ≥ 0, else <c>0.2 x</c>, in place.</summary>
    public static void LeakyRelu(Span<float> values) => ElementwiseLoop.Forward<LeakyReluActivation>(values);

    /// <summary><c>min(max(x, 0), 6)</c> in place.</summary>
    public static void Relu6(Span<float> values) => ElementwiseLoop.Forward<Relu6Activation>(values);

    /// <summary>Exact GELU <c>0.5 x (1 + erf(x / √2))</c> in place.</summary>
    public static void Gelu(Span<float> values) => ElementwiseLoop.Forward<GeluActivation>(values);

    /// <summary>Tanh-approximated GELU <c>0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))</c> in place.</summary>
    public static void GeluTanh(Span<float> values) => ElementwiseLoop.Forward<GeluTanhActivation>(values);

    /// <summary><c>x · sigmoid(x)</c> in place.</summary>
    public static void Silu(Span<float> values) => ElementwiseLoop.Forward<SiluActivation>(values);

    /// <summary>Keras 3 hard sigmoid <c>clip(x / 6 + 0.5, 0, 1)</c> in place.</summary>
    public static void HardSigmoid(Span<float> values) => ElementwiseLoop.Forward<HardSigmoidActivation>(values);

    /// <summary><c>x · tanh(softplus(x))</c> in place.</summary>
    public static void Mish(Span<float> values) => ElementwiseLoop.Forward<MishActivation>(values);

    /// <summary>Keras 2 hard sigmoid <c>clip(0.2 x + 0.5, 0, 1)</c> in place.</summary>
    public static void HardSigmoidKeras2(Span<float> values) => ElementwiseLoop.Forward<HardSigmoidKeras2Activation>(values);

    /// <summary>
    /// Softmax of one row (the last axis) in place: <c>e^(x − max) / Σ e^(x − max)</c>. Finite rows give finite outputs
    /// summing to 1 (x − max is taken exactly, so small probabilities keep their relative accuracy); −∞ entries get 0;
    /// a row containing NaN or +∞, or only −∞, gives NaN, as in Keras. An empty row is left as is.
    /// </summary>
    public static void Softmax(Span<float> row)
    {
        if (Vector512.IsHardwareAccelerated) SoftmaxRow.Forward<Vector512Ops, Vector512<float>>(row);
        else if (Vector256.IsHardwareAccelerated) SoftmaxRow.Forward<Vector256Ops, Vector256<float>>(row);
        else SoftmaxRow.Forward<Vector128Ops, Vector128<float>>(row);
    }

    /// <summary>
    /// Applies <paramref name="activation"/> in place. Softmax is applied to each consecutive row of
    /// <paramref name="rowLength"/> values; the other activations are element-wise and ignore the row structure.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowLength"/> is not positive, or
    /// <paramref name="activation"/> is not a defined <see cref="Activation"/>.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="values"/> is not a multiple of <paramref name="rowLength"/>.</exception>
    public static void Apply(Activation activation, Span<float> values, int rowLength)
    {
        CheckRows(values.Length, rowLength, nameof(values));
        if (Vector512.IsHardwareAccelerated) Apply<Vector512Ops, Vector512<float>>(activation, values, rowLength);
        else if (Vector256.IsHardwareAccelerated) Apply<Vector256Ops, Vector256<float>>(activation, values, rowLength);
        else Apply<Vector128Ops, Vector128<float>>(activation, values, rowLength);
    }

    /// <summary><see cref="Apply(Activation, Span{float}, int)"/> with one given vector width (arguments already checked).</summary>
    internal static void Apply<TOps, TVector>(Activation activation, Span<float> values, int rowLength)
        where TOps : IVectorOps<TVector> where TVector : struct
    {
        switch (activation)
        {
            case Activation.Linear: return;
            case Activation.Relu: ElementwiseLoop.Forward<ReluActivation, TOps, TVector>(values); return;
            case Activation.Sigmoid: ElementwiseLoop.Forward<SigmoidActivation, TOps, TVector>(values); return;
            case Activation.Tanh: ElementwiseLoop.Forward<TanhActivation, TOps, TVector>(values); return;
            case Activation.Softmax:
                for (int start = 0; start < values.Length; start += rowLength)
                {
                    SoftmaxRow.Forward<TOps, TVector>(values.Slice(start, rowLength));
                }

                return;
            case Activation.Softplus: ElementwiseLoop.Forward<SoftplusActivation, TOps, TVector>(values); return;
            case Activation.Softsign: ElementwiseLoop.Forward<SoftsignActivation, TOps, TVector>(values); return;
            case Activation.Elu: ElementwiseLoop.Forward<EluActivation, TOps, TVector>(values); return;
            case Activation.Selu: ElementwiseLoop.Forward<SeluActivation, TOps, TVector>(values); return;
            case Activation.Exponential: ElementwiseLoop.Forward<ExponentialActivation, TOps, TVector>(values); return;
            case Activation.LeakyRelu: ElementwiseLoop.Forward<LeakyReluActivation, TOps, TVector>(values); return;
            case Activation.Relu6: ElementwiseLoop.Forward<Relu6Activation, TOps, TVector>(values); return;
            case Activation.Gelu: ElementwiseLoop.Forward<GeluActivation, TOps, TVector>(values); return;
            case Activation.GeluTanh: ElementwiseLoop.Forward<GeluTanhActivation, TOps, TVector>(values); return;
            case Activation.Silu: ElementwiseLoop.Forward<SiluActivation, TOps, TVector>(values); return;
            case Activation.HardSigmoid: ElementwiseLoop.Forward<HardSigmoidActivation, TOps, TVector>(values); return;
            case Activation.Mish: ElementwiseLoop.Forward<MishActivation, TOps, TVector>(values); return;
            case Activation.HardSigmoidKeras2: ElementwiseLoop.Forward<HardSigmoidKeras2Activation, TOps, TVector>(values); return;
            default: ThrowUnknownActivation(activation); return;
        }
    }

    private static void CheckRows(int length, int rowLength, string valuesName)
    {
        if (rowLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowLength), rowLength, "The row length must be positive.");
        }

        if (length % rowLength != 0)
        {
            throw new ArgumentException(
                $"Expected a multiple of the row length {rowLength} values in {valuesName}, but got {length}.", valuesName);
        }
    }

    [DoesNotReturn]
    private static void ThrowUnknownActivation(Activation activation)
        => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not a defined activation.");
}
