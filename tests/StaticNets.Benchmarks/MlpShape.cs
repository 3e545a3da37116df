using System;

namespace StaticNets.Benchmarks;

/// <summary>
/// The layer sizes of a plain MLP (Dense layers, ReLU on hidden layers, linear or softmax output) and where each
/// layer's kernel and bias sit in the Keras <c>get_weights()</c> parameter vector.
/// </summary>
public sealed class MlpShape
{
    /// <summary>Net A, the small benchmark network: 2 → 10 relu → 1.</summary>
    public static readonly MlpShape NetA = new("A", 2, 10, 1);

    /// <summary>Net B, the MNIST-sized benchmark network: 784 → 128 relu → 64 relu → 10.</summary>
    public static readonly MlpShape NetB = new("B", 784, 128, 64, 10);

    private readonly int[] _sizes;

    /// <summary>Creates the shape from the input size followed by each layer's units.</summary>
    public MlpShape(string name, params int[] sizes)
    {
        if (sizes.Length < 2) throw new ArgumentException("An MLP needs an input size and at least one layer.", nameof(sizes));
        Name = name;
        _sizes = (int[])sizes.Clone();
        int count = 0;
        for (int l = 0; l < LayerCount; l++) count += InputsOf(l) * UnitsOf(l) + UnitsOf(l);
        ParameterCount = count;
    }

    /// <summary>"A" or "B", for tables.</summary>
    public string Name { get; }

    /// <summary>Dense layers.</summary>
    public int LayerCount => _sizes.Length - 1;

    /// <summary>Floats per input sample.</summary>
    public int InputSize => _sizes[0];

    /// <summary>Floats per output sample.</summary>
    public int OutputSize => _sizes[^1];

    /// <summary>Kernel and bias floats of all layers.</summary>
    public int ParameterCount { get; }

    /// <summary>Inputs of layer <paramref name="layer"/>.</summary>
    public int InputsOf(int layer) => _sizes[layer];

    /// <summary>Units of layer <paramref name="layer"/>.</summary>
    public int UnitsOf(int layer) => _sizes[layer + 1];

    /// <summary>Offset of layer <paramref name="layer"/>'s kernel (inputs × units, row-major) in the parameters.</summary>
    public int KernelOffset(int layer)
    {
        int offset = 0;
        for (int l = 0; l < layer; l++) offset += InputsOf(l) * UnitsOf(l) + UnitsOf(l);
        return offset;
    }

    /// <summary>Offset of layer <paramref name="layer"/>'s bias in the parameters.</summary>
    public int BiasOffset(int layer) => KernelOffset(layer) + InputsOf(layer) * UnitsOf(layer);

    /// <summary>Multiply-adds of one sample's forward pass.</summary>
    public long MultiplyAddsPerSample
    {
        get
        {
            long total = 0;
            for (int l = 0; l < LayerCount; l++) total += (long)InputsOf(l) * UnitsOf(l);
            return total;
        }
    }
}
