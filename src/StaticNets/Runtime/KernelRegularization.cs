using System;
using System.ComponentModel;

namespace StaticNets.Runtime;

/// <summary>
/// Keras's <c>l1_l2(l1, l2)</c> kernel regulariser: the penalty <c>l1·Σ|w| + l2·Σw²</c> that joins the training loss,
/// and its gradient <c>l1·sign(w) + 2·l2·w</c> (sign 0 at 0, as TensorFlow's). Sums are taken in double, in index order.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelRegularization
{
    /// <summary><c>l1·Σ|w| + l2·Σw²</c> over <paramref name="kernel"/>.</summary>
    public static double Penalty(ReadOnlySpan<float> kernel, float l1, float l2)
    {
        CheckFactors(l1, l2);
        double absolute = 0, squares = 0;
        foreach (float w in kernel)
        {
            absolute += Math.Abs(w);
            squares += (double)w * w;
        }

        return l1 * absolute + l2 * squares;
    }

    /// <summary>
    /// Adds <c>l1·sign(w) + 2·l2·w</c> to <paramref name="gradients"/> (the kernel's slice of ∂loss/∂Parameters, as long as
    /// <paramref name="kernel"/>) and returns the penalty, <see cref="Penalty"/>.
    /// </summary>
    public static double Apply(ReadOnlySpan<float> kernel, float l1, float l2, Span<float> gradients)
    {
        CheckFactors(l1, l2);
        KernelChecks.Length(gradients.Length, kernel.Length, nameof(gradients), "the kernel's length");
        double absolute = 0, squares = 0;
        float twiceL2 = 2 * l2;
        for (int i = 0; i < kernel.Length; i++)
        {
            float w = kernel[i];
            absolute += Math.Abs(w);
            squares += (double)w * w;
            gradients[i] += l1 * MathF.Sign(w) + twiceL2 * w;
        }

        return l1 * absolute + l2 * squares;
    }

    private static void CheckFactors(float l1, float l2)
    {
        if (!(l1 >= 0 && float.IsFinite(l1))) throw new ArgumentOutOfRangeException(nameof(l1), l1, "The L1 factor must be finite and at least 0.");
        if (!(l2 >= 0 && float.IsFinite(l2))) throw new ArgumentOutOfRangeException(nameof(l2), l2, "The L2 factor must be finite and at least 0.");
    }
}
