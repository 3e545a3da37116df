using System;
using System.Globalization;

namespace StaticNets;

/// <summary>Which formula a categorical cross-entropy row uses; see <see cref="CategoricalForms.Select"/>.</summary>
internal enum CategoricalForm
{
    /// <summary>Outputs are logits: stable log-softmax value, gradient <c>softmax·Σy − y</c> with respect to them.</summary>
    Logits,

    /// <summary>Outputs came from a softmax: Keras's clipped value, fused gradient <c>p·Σy − y</c> with respect to the logits.</summary>
    FusedSoftmax,

    /// <summary>Outputs are probabilities from elsewhere: gradient through Keras's normalisation and clip.</summary>
    Probabilities,
}

/// <summary>Picks the categorical form and the gradient target for a loss configuration.</summary>
internal static class CategoricalForms
{
    public static CategoricalForm Select(bool fromLogits, Activation outputActivation, out GradientTarget gradientTarget)
    {
        if (fromLogits)
        {
            // Keras applies the loss to the model's output, which is the logit even if an activation produced it.
            gradientTarget = outputActivation == Activation.Linear ? GradientTarget.Logits : GradientTarget.Outputs;
            return CategoricalForm.Logits;
        }

        if (outputActivation == Activation.Softmax)
        {
            gradientTarget = GradientTarget.Logits;
            return CategoricalForm.FusedSoftmax;
        }

        gradientTarget = GradientTarget.Outputs;
        return CategoricalForm.Probabilities;
    }
}

/// <summary>One sample of (sparse) categorical cross-entropy: its value and its gradient row, divided by n.</summary>
internal static class CategoricalRows
{
    /// <summary>A row with a dense (possibly smoothed) target: <c>y' = y·keep + shift</c>.</summary>
    public static double Dense(
        CategoricalForm form,
        ReadOnlySpan<float> outputs,
        ReadOnlySpan<float> targets,
        double keep,
        double shift,
        int samples,
        Span<float> gradient)
    {
        double targetSum = 0;
        for (int c = 0; c < targets.Length; c++) targetSum += targets[c] * keep + shift;

        double value = 0;
        switch (form)
        {
            case CategoricalForm.Logits:
            {
                double max = Max(outputs);
                double expSum = 0;
                for (int c = 0; c < outputs.Length; c++) expSum += Math.Exp(outputs[c] - max);
                double logSumExp = max + Math.Log(expSum);
                for (int c = 0; c < outputs.Length; c++)
                {
                    double y = targets[c] * keep + shift;
                    value += y * (logSumExp - outputs[c]);
                    double softmax = Math.Exp(outputs[c] - max) / expSum;
                    gradient[c] = (float)((softmax * targetSum - y) / samples);
                }

                return value;
            }

            case CategoricalForm.FusedSoftmax:
            {
                double total = Sum(outputs);
                for (int c = 0; c < outputs.Length; c++)
                {
                    double y = targets[c] * keep + shift;
                    value -= y * Math.Log(Crossentropy.Clip(outputs[c] / total));
                    gradient[c] = (float)((outputs[c] * targetSum - y) / samples);
                }

                return value;
            }

            default:
            {
                // L = −Σ y·log clip(q), q = p / Σp. With a_c = ∂L/∂q_c, ∂L/∂p_j = (a_j − Σ_c a_c·q_c) / Σp.
                double total = Sum(outputs);
                double dot = 0;
                for (int c = 0; c < outputs.Length; c++)
                {
                    double y = targets[c] * keep + shift;
                    double q = outputs[c] / total;
                    double clipped = Crossentropy.Clip(q);
                    value -= y * Math.Log(clipped);
                    dot += Derivative(y, q, clipped) * q;
                }

                double scale = 1.0 / (total * samples);
                for (int c = 0; c < outputs.Length; c++)
                {
                    double y = targets[c] * keep + shift;
                    double q = outputs[c] / total;
                    gradient[c] = (float)((Derivative(y, q, Crossentropy.Clip(q)) - dot) * scale);
                }

                return value;
            }
        }
    }

    /// <summary>A row whose target is the one-hot vector of <paramref name="label"/>.</summary>
    public static double Sparse(CategoricalForm form, ReadOnlySpan<float> outputs, int label, int samples, Span<float> gradient)
    {
        switch (form)
        {
            case CategoricalForm.Logits:
            {
                double max = Max(outputs);
                double expSum = 0;
                for (int c = 0; c < outputs.Length; c++) expSum += Math.Exp(outputs[c] - max);
                for (int c = 0; c < outputs.Length; c++)
                {
                    double softmax = Math.Exp(outputs[c] - max) / expSum;
                    gradient[c] = (float)((softmax - (c == label ? 1 : 0)) / samples);
                }

                return max + Math.Log(expSum) - outputs[label];
            }

            case CategoricalForm.FusedSoftmax:
            {
                double total = Sum(outputs);
                for (int c = 0; c < outputs.Length; c++)
                {
                    gradient[c] = (float)((outputs[c] - (c == label ? 1 : 0)) / samples);
                }

                return -Math.Log(Crossentropy.Clip(outputs[label] / total));
            }

            default:
            {
                double total = Sum(outputs);
                double q = outputs[label] / total;
                double clipped = Crossentropy.Clip(q);
                double a = Crossentropy.ClipPassesGradient(q) ? -1 / clipped : 0;
                double scale = 1.0 / (total * samples);
                double common = -a * q * scale;
                for (int c = 0; c < outputs.Length; c++) gradient[c] = (float)common;
                gradient[label] = (float)((a - a * q) * scale);
                return -Math.Log(clipped);
            }
        }
    }

    /// <summary>The class index stored in <paramref name="target"/>, or an exception naming the sample.</summary>
    public static int ClassIndex(float target, int outputSize, int sample)
    {
        if (!(target >= 0 && target < outputSize) || target != MathF.Floor(target))
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Sample {sample}: the target {target} is not a class index; expected an integer in [0, {outputSize})."),
                "targets");
        }

        return (int)target;
    }

    /// <summary><c>∂(−y·log clip(q))/∂q</c>: <c>−y / q</c> inside the clip range, 0 outside.</summary>
    private static double Derivative(double y, double q, double clipped)
        => Crossentropy.ClipPassesGradient(q) ? -y / clipped : 0;

    private static double Max(ReadOnlySpan<float> values)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < values.Length; i++) max = Math.Max(max, values[i]);
        return max;
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        double sum = 0;
        for (int i = 0; i < values.Length; i++) sum += values[i];
        return sum;
    }
}
