using System.Collections.Generic;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>
/// Keras's <c>kernel_regularizer=l1_l2(l1, l2)</c> on a layer's kernel (an Embedding's table): <c>l1·Σ|w| + l2·Σw²</c>
/// is added to the training loss, and <c>l1·sign(w) + 2·l2·w</c> to the kernel's gradient. Both 0: none.
/// </summary>
internal readonly record struct KernelRegularizer(double L1, double L2)
{
    public bool IsActive => L1 != 0 || L2 != 0;

    /// <summary>
    /// <c>KernelL1</c> and <c>KernelL2</c> as written; SN0019 on each that is negative or not finite as a float (Keras
    /// casts the factors to the kernel's float32). After an error the regularizer is none, and the layer still builds.
    /// </summary>
    public static KernelRegularizer Read(LayerArguments arguments, LayerContext context)
    {
        double Factor(string property)
        {
            Argument<double> value = arguments.Named(property, 0.0);
            if (value.Value >= 0 && value.Value <= float.MaxValue)
            {
                return value.Value;
            }

            context.OutOfRange(property, "at least 0 and finite as a float", Numbers.Text(value.Value), value.Location);
            return 0;
        }

        return new KernelRegularizer(Factor("KernelL1"), Factor("KernelL2"));
    }

    /// <summary><c>l1 0.01, l2 0.001</c> for comments.</summary>
    public override string ToString() => Invariant.Text($"l1 {Numbers.Text(L1)}, l2 {Numbers.Text(L2)}");
}

/// <summary>One regularised kernel: where it lies in <c>Parameters</c>, its factors, and what comments call it (<c>dense_1 kernel</c>).</summary>
internal readonly record struct RegularizedKernel(PlacedWeight Kernel, KernelRegularizer Regularizer, string Description);
