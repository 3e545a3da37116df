using System;

namespace StaticNets.Benchmarks;

/// <summary>
/// The geometry of a small channels-last CNN: blocks of a square valid convolution (stride 1, ReLU) followed by 2×2
/// max pooling (stride 2, floor), then Flatten and Dense layers (ReLU on all but the last), and where each layer's
/// kernel and bias sit in the Keras <c>get_weights()</c> parameter vector (conv kernel (kh, kw, cin, filters), dense
/// kernel (in, units), each followed by its bias).
/// </summary>
public sealed class CnnShape
{
    /// <summary>
    /// <see cref="FashionCnn"/>: 28×28×1 → Conv 32 3×3 relu → pool → Conv 64 3×3 relu → pool → Flatten (1600) →
    /// Dense 64 relu → Dense 10.
    /// </summary>
    public static readonly CnnShape Fashion = new("fashion CNN", 28, 28, 1, 3, [32, 64], [64, 10]);

    private readonly int[] _filters;
    private readonly int[] _units;

    /// <summary>Creates the shape from the input size, the kernel size, each convolution's filters and each dense layer's units.</summary>
    public CnnShape(string name, int height, int width, int channels, int kernelSize, int[] filters, int[] units)
    {
        if (filters.Length == 0 || units.Length == 0) throw new ArgumentException("A CNN shape needs at least one convolution and one dense layer.");
        Name = name;
        InputHeight = height;
        InputWidth = width;
        InputChannels = channels;
        KernelSize = kernelSize;
        _filters = (int[])filters.Clone();
        _units = (int[])units.Clone();
        (int h, int w, int c) = ConvOutput(ConvCount - 1);
        (h, w) = (h / 2, w / 2);
        if (h < 1 || w < 1) throw new ArgumentException($"The input {height}×{width} is too small for {ConvCount} blocks of {kernelSize}×{kernelSize} convolution and 2×2 pooling.");
        FlattenSize = h * w * c;
        ParameterCount = DenseBiasOffset(DenseCount - 1) + _units[^1];
    }

    /// <summary>For tables.</summary>
    public string Name { get; }

    /// <summary>Input rows.</summary>
    public int InputHeight { get; }

    /// <summary>Input columns.</summary>
    public int InputWidth { get; }

    /// <summary>Input channels (innermost axis).</summary>
    public int InputChannels { get; }

    /// <summary>Height and width of every convolution kernel.</summary>
    public int KernelSize { get; }

    /// <summary>Convolution (+ pooling) blocks.</summary>
    public int ConvCount => _filters.Length;

    /// <summary>Dense layers after Flatten.</summary>
    public int DenseCount => _units.Length;

    /// <summary>Floats per input sample.</summary>
    public int InputSize => InputHeight * InputWidth * InputChannels;

    /// <summary>Floats per output sample.</summary>
    public int OutputSize => _units[^1];

    /// <summary>Floats after the last pooling, flattened in (h, w, c) order.</summary>
    public int FlattenSize { get; }

    /// <summary>All kernels and biases.</summary>
    public int ParameterCount { get; }

    /// <summary>Filters of convolution <paramref name="conv"/>.</summary>
    public int FiltersOf(int conv) => _filters[conv];

    /// <summary>Units of dense layer <paramref name="dense"/>.</summary>
    public int UnitsOf(int dense) => _units[dense];

    /// <summary>Inputs of dense layer <paramref name="dense"/>.</summary>
    public int DenseInputsOf(int dense) => dense == 0 ? FlattenSize : _units[dense - 1];

    /// <summary>Height, width and channels of convolution <paramref name="conv"/>'s input (the previous block's pooled output).</summary>
    public (int Height, int Width, int Channels) ConvInput(int conv)
    {
        (int h, int w, int c) = (InputHeight, InputWidth, InputChannels);
        for (int l = 0; l < conv; l++) (h, w, c) = ((h - KernelSize + 1) / 2, (w - KernelSize + 1) / 2, _filters[l]);
        return (h, w, c);
    }

    /// <summary>Height, width and channels of convolution <paramref name="conv"/>'s output (before pooling).</summary>
    public (int Height, int Width, int Channels) ConvOutput(int conv)
    {
        (int h, int w, _) = ConvInput(conv);
        return (h - KernelSize + 1, w - KernelSize + 1, _filters[conv]);
    }

    /// <summary>Floats in convolution <paramref name="conv"/>'s kernel.</summary>
    public int ConvKernelSize(int conv) => KernelSize * KernelSize * ConvInput(conv).Channels * _filters[conv];

    /// <summary>Offset of convolution <paramref name="conv"/>'s kernel (kh, kw, cin, filters) in the parameters.</summary>
    public int ConvKernelOffset(int conv)
    {
        int offset = 0;
        for (int l = 0; l < conv; l++) offset += ConvKernelSize(l) + _filters[l];
        return offset;
    }

    /// <summary>Offset of convolution <paramref name="conv"/>'s bias in the parameters.</summary>
    public int ConvBiasOffset(int conv) => ConvKernelOffset(conv) + ConvKernelSize(conv);

    /// <summary>Offset of dense layer <paramref name="dense"/>'s kernel (inputs, units) in the parameters.</summary>
    public int DenseKernelOffset(int dense)
    {
        int offset = ConvBiasOffset(ConvCount - 1) + _filters[^1];
        for (int l = 0; l < dense; l++) offset += DenseInputsOf(l) * _units[l] + _units[l];
        return offset;
    }

    /// <summary>Offset of dense layer <paramref name="dense"/>'s bias in the parameters.</summary>
    public int DenseBiasOffset(int dense) => DenseKernelOffset(dense) + DenseInputsOf(dense) * _units[dense];
}
