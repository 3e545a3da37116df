using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;

namespace StaticNets.Generator.Emit;

internal static partial class Emitter
{
    /// <summary><c>AddKernelRegularization(call, gradients)</c> when the network has regularised kernels, else the call.</summary>
    private static string Regularized(RegularizedKernel[] regularized, string call)
        => regularized.Length > 0 ? Invariant.Text($"AddKernelRegularization({call}, gradients)") : call;

    /// <summary>
    /// Keras's kernel regularisers, written only for networks that have one:
    /// <code>
    /// private float AddKernelRegularization(float value, Span&lt;float&gt; gradients)   // value + penalty; gradients += its gradient
    /// public float RegularizationLoss()                                             // the penalty alone (Evaluate)
    /// </code>
    /// </summary>
    private static void WriteKernelRegularization(IndentedTextWriter writer, RegularizedKernel[] regularized)
    {
        writer.Line("/// <summary>Adds the kernel regularisers' penalty to a batch's mean loss <paramref name=\"value\"/> and its gradient to <paramref name=\"gradients\"/>, as Keras adds <c>sum(model.losses)</c>.</summary>");
        writer.Line(s_generatedCode);
        using (writer.Block("private float AddKernelRegularization(float value, global::System.Span<float> gradients)"))
        {
            writer.Line("global::System.ReadOnlySpan<float> w = _parameters.Slice(0, ParameterCount);");
            writer.Line("double penalty = 0;");
            foreach (RegularizedKernel kernel in regularized)
            {
                writer.Line($"penalty += global::StaticNets.Runtime.KernelRegularization.Apply(w.Slice({kernel.Kernel.Offset}, {kernel.Kernel.Length}), {Numbers.FloatLiteral(kernel.Regularizer.L1)}, {Numbers.FloatLiteral(kernel.Regularizer.L2)}, gradients.Slice({kernel.Kernel.Offset}, {kernel.Kernel.Length})); // {kernel.Description}");
            }

            writer.Line("return value + (float)penalty;");
        }

        writer.Line();
        writer.Line("/// <inheritdoc cref=\"global::StaticNets.ITrainableNetwork.RegularizationLoss\"/>");
        writer.Line(s_generatedCode);
        using (writer.Block("public float RegularizationLoss()"))
        {
            writer.Line("global::System.ReadOnlySpan<float> w = _parameters.Slice(0, ParameterCount);");
            writer.Line("double penalty = 0;");
            foreach (RegularizedKernel kernel in regularized)
            {
                writer.Line($"penalty += global::StaticNets.Runtime.KernelRegularization.Penalty(w.Slice({kernel.Kernel.Offset}, {kernel.Kernel.Length}), {Numbers.FloatLiteral(kernel.Regularizer.L1)}, {Numbers.FloatLiteral(kernel.Regularizer.L2)}); // {kernel.Description}");
            }

            writer.Line("return (float)penalty;");
        }

        writer.Line();
    }
}
