using System;
using System.Collections.Generic;

namespace StaticNets.Tests.Reference;

/// <summary>
/// The activations and their derivatives in double precision, straight from the Keras 3 definitions (docs/keras-semantics.md, "Activations"),
/// written independently of the runtime's float kernels. Only the algebra that keeps double itself accurate is used
/// (expm1/log1p instead of exp − 1 / log(1 + y), sigmoid split by sign, 1/cosh² for 1 − tanh²).
/// </summary>
internal static class ActivationReference
{
    public const double SeluAlpha = 1.6732632423543772;
    public const double SeluScale = 1.0507009873554805;
    public const double LeakySlope = 0.2;
    private const double GeluTanhC = 0.7978845608028654; // √(2/π)
    private const double GeluTanhK = 0.044715;

    /// <summary>f(x) for an element-wise activation.</summary>
    public static double Forward(Activation activation, double x) => activation switch
    {
        Activation.Linear => x,
        Activation.Relu => double.IsNaN(x) ? x : Math.Max(0.0, x),
        Activation.Sigmoid => Sigmoid(x),
        Activation.Tanh => Math.Tanh(x),
        Activation.Softplus => Softplus(x),
        Activation.Softsign => double.IsInfinity(x) ? Math.Sign(x) : x / (1.0 + Math.Abs(x)),
        Activation.Elu => x > 0 ? x : Expm1(x),
        Activation.Selu => SeluScale * (x > 0 ? x : SeluAlpha * Expm1(x)),
        Activation.Exponential => Math.Exp(x),
        Activation.LeakyRelu => x >= 0 ? x : LeakySlope * x,
        Activation.Relu6 => double.IsNaN(x) ? x : Math.Min(Math.Max(x, 0.0), 6.0),
        Activation.Gelu => 0.5 * x * ErrorFunctionReference.Erfc(-x / Math.Sqrt(2.0)),
        // 0.5·x·(1 + tanh(u)) = x / (1 + e^(−2u)); the second form stays accurate where tanh(u) ≈ −1.
        Activation.GeluTanh => x / (1.0 + Math.Exp(-2.0 * GeluTanhU(x))),
        Activation.Silu => x * Sigmoid(x),
        Activation.HardSigmoid => double.IsNaN(x) ? x : Math.Clamp(x / 6.0 + 0.5, 0.0, 1.0),
        Activation.Mish => x * Math.Tanh(Softplus(x)),
        Activation.HardSigmoidKeras2 => double.IsNaN(x) ? x : Math.Clamp(0.2 * x + 0.5, 0.0, 1.0),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an element-wise activation."),
    };

    /// <summary>f′(x); at kinks the value TensorFlow's gradient uses (see <see cref="Kinks"/>).</summary>
    public static double Derivative(Activation activation, double x)
    {
        switch (activation)
        {
            case Activation.Linear: return 1.0;
            case Activation.Relu: return x > 0 ? 1.0 : 0.0;
            case Activation.Sigmoid: return Sigmoid(x) * Sigmoid(-x);
            case Activation.Tanh:
            {
                double cosh = Math.Cosh(x);
                return 1.0 / (cosh * cosh);
            }

            case Activation.Softplus: return Sigmoid(x);
            case Activation.Softsign:
            {
                double d = 1.0 + Math.Abs(x);
                return 1.0 / (d * d);
            }

            case Activation.Elu: return x < 0 ? Math.Exp(x) : 1.0;
            case Activation.Selu: return x < 0 ? SeluScale * SeluAlpha * Math.Exp(x) : SeluScale;
            case Activation.Exponential: return Math.Exp(x);
            case Activation.LeakyRelu: return x > 0 ? 1.0 : LeakySlope;
            case Activation.Relu6: return x > 0 && x < 6 ? 1.0 : 0.0;
            case Activation.Gelu: return ErrorFunctionReference.NormalCdf(x) + x * ErrorFunctionReference.NormalDensity(x);
            case Activation.GeluTanh:
            {
                double twoU = 2.0 * GeluTanhU(x);
                double twoUPrime = 2.0 * GeluTanhC * (1.0 + 3.0 * GeluTanhK * x * x);
                return Sigmoid(twoU) + x * Sigmoid(twoU) * Sigmoid(-twoU) * twoUPrime;
            }

            case Activation.Silu: return Sigmoid(x) * (1.0 + x * Sigmoid(-x));
            case Activation.HardSigmoid: return x > -3 && x < 3 ? 1.0 / 6.0 : 0.0;
            case Activation.HardSigmoidKeras2: return x > -2.5 && x < 2.5 ? 0.2 : 0.0;
            case Activation.Mish:
            {
                double softplus = Softplus(x);
                double cosh = Math.Cosh(softplus);
                return Math.Tanh(softplus) + x * Sigmoid(x) / (cosh * cosh);
            }

            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an element-wise activation.");
        }
    }

    /// <summary>
    /// The sum of the magnitudes of the terms f′ is made of (|f′| itself for one-term derivatives): the scale of the
    /// rounding error any float evaluation makes, which matters where the terms cancel (e.g. gelu′ near −0.75).
    /// </summary>
    public static double DerivativeTermMagnitude(Activation activation, double x)
    {
        switch (activation)
        {
            case Activation.Gelu:
                return ErrorFunctionReference.NormalCdf(x) + Math.Abs(x * ErrorFunctionReference.NormalDensity(x));
            case Activation.GeluTanh:
            {
                double twoU = 2.0 * GeluTanhU(x);
                double twoUPrime = 2.0 * GeluTanhC * (1.0 + 3.0 * GeluTanhK * x * x);
                return Sigmoid(twoU) + Math.Abs(x * Sigmoid(twoU) * Sigmoid(-twoU) * twoUPrime);
            }

            case Activation.Silu: return Sigmoid(x) + Math.Abs(x * Sigmoid(x) * Sigmoid(-x));
            case Activation.Mish:
            {
                double softplus = Softplus(x);
                double cosh = Math.Cosh(softplus);
                return Math.Tanh(softplus) + Math.Abs(x * Sigmoid(x) / (cosh * cosh));
            }

            default: return Math.Abs(Derivative(activation, x));
        }
    }

    /// <summary>2u = 2√(2/π)(x + 0.044715 x³), the argument of the gate σ(2u) in the tanh-approximated GELU.</summary>
    public static double GeluTanhTwoU(double x) => 2.0 * GeluTanhU(x);

    /// <summary>Points where f′ jumps (finite differences are meaningless there).</summary>
    public static IReadOnlyList<double> Kinks(Activation activation) => activation switch
    {
        Activation.Relu or Activation.LeakyRelu or Activation.Selu => new[] { 0.0 },
        Activation.Relu6 => new[] { 0.0, 6.0 },
        Activation.HardSigmoid => new[] { -3.0, 3.0 },
        Activation.HardSigmoidKeras2 => new[] { -2.5, 2.5 },
        _ => Array.Empty<double>(),
    };

    /// <summary>softmax of one row: e^(x − max) / Σ e^(x − max).</summary>
    public static double[] Softmax(ReadOnlySpan<double> row)
    {
        double max = double.NegativeInfinity;
        foreach (double x in row) max = Math.Max(max, x);
        var result = new double[row.Length];
        double sum = 0;
        for (int i = 0; i < row.Length; i++)
        {
            result[i] = Math.Exp(row[i] - max);
            sum += result[i];
        }

        for (int i = 0; i < row.Length; i++) result[i] /= sum;
        return result;
    }

    /// <summary>The softmax Jacobian J[i, j] = ∂a_i/∂z_j = a_i (δ_ij − a_j) at output <paramref name="a"/>.</summary>
    public static double[,] SoftmaxJacobian(IReadOnlyList<double> a)
    {
        int n = a.Count;
        var jacobian = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                jacobian[i, j] = a[i] * ((i == j ? 1.0 : 0.0) - a[j]);
            }
        }

        return jacobian;
    }

    /// <summary>1 / (1 + e^−x), split by sign so neither tail overflows or cancels.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0) return 1.0 / (1.0 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1.0 + e);
    }

    /// <summary>log(1 + e^x) = max(x, 0) + log1p(e^−|x|).</summary>
    public static double Softplus(double x) => Math.Max(x, 0.0) + Log1p(Math.Exp(-Math.Abs(x)));

    /// <summary>e^x − 1 without cancellation (Kahan's trick: the rounding of e^x cancels in (u − 1)/log u).</summary>
    public static double Expm1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0) return x;
        if (double.IsPositiveInfinity(u)) return u;
        double uMinusOne = u - 1.0;
        if (uMinusOne == -1.0) return -1.0;
        return uMinusOne * x / Math.Log(u);
    }

    /// <summary>log(1 + y) without cancellation (Goldberg's trick).</summary>
    public static double Log1p(double y)
    {
        double u = 1.0 + y;
        if (u == 1.0) return y;
        return Math.Log(u) * y / (u - 1.0);
    }

    private static double GeluTanhU(double x) => GeluTanhC * (x + GeluTanhK * x * x * x);
}
