using System;

namespace StaticNets;

/// <summary>Numbers shared by the cross-entropy losses.</summary>
internal static class Crossentropy
{
    /// <summary>Keras <c>backend.epsilon()</c> as float32: probabilities are clipped to [ε, 1 − ε].</summary>
    public const float Epsilon = 1e-7f;

    /// <summary><c>1 − ε</c> rounded to float32 once, as Keras does when it builds the clip bound.</summary>
    public const float OneMinusEpsilon = (float)(1.0 - 1e-7);

    /// <summary><c>clip(p, ε, 1 − ε)</c>.</summary>
    public static double Clip(double p) => p < Epsilon ? Epsilon : p > OneMinusEpsilon ? OneMinusEpsilon : p;

    /// <summary>
    /// Whether <c>clip</c> passes the gradient at <paramref name="p"/>. TensorFlow's <c>clip_by_value</c> gradient is
    /// zero where the input lies outside [ε, 1 − ε] and passes through on the bounds themselves.
    /// </summary>
    public static bool ClipPassesGradient(double p) => p >= Epsilon && p <= OneMinusEpsilon;

    /// <summary><c>log(1 + e^x)</c> without overflow.</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    /// <summary><c>1 / (1 + e^-x)</c> without overflow.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0) return 1 / (1 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1 + e);
    }
}
