using StaticNets.Runtime;

namespace StaticNets.Tests.Layers;

/// <summary>
/// One test geometry: an input, a window and Keras padding, built with Keras's own output/padding formulas. A dilated
/// window (convolutions only) spans <c>d·(k − 1) + 1</c> cells; <see cref="Causal"/> (Keras Conv1D's "causal") pads
/// all <c>d·(k − 1)</c> cells before the input.
/// </summary>
public sealed record WindowCase(
    string Name, int Height, int Width, int Channels, int WindowHeight, int WindowWidth, int StrideHeight, int StrideWidth, bool Same, int Samples,
    int DilationHeight = 1, int DilationWidth = 1, bool Causal = false)
{
    public Window2D Window
    {
        get
        {
            (int outH, int padTop) = Axis(Height, WindowHeight, StrideHeight, DilationHeight);
            (int outW, int padLeft) = Axis(Width, WindowWidth, StrideWidth, DilationWidth);
            return new Window2D(Height, Width, Channels, WindowHeight, WindowWidth, StrideHeight, StrideWidth, padTop, padLeft, outH, outW)
            {
                DilationHeight = DilationHeight,
                DilationWidth = DilationWidth,
            };
        }
    }

    public override string ToString() => Name;

    /// <summary>
    /// Keras, with the dilated extent e = d(k − 1) + 1: valid out = floor((n − e)/s) + 1; same out = ceil(n/s),
    /// total = max(0, (out−1)s + e − n), before = total/2; causal out = ceil(n/s), before = e − 1.
    /// </summary>
    private (int Output, int PadBefore) Axis(int n, int k, int s, int d)
    {
        int extent = d * (k - 1) + 1;
        if (Causal) return ((n + s - 1) / s, extent - 1);
        if (!Same) return ((n - extent) / s + 1, 0);
        int output = (n + s - 1) / s;
        int total = Math.Max(0, (output - 1) * s + extent - n);
        return (output, total / 2);
    }

    /// <summary>
    /// Every shape family the kernels must handle: strides 1–3, also different per axis, odd "same" totals, kh ≠ kw, 1-D,
    /// 1/3/5/17/32/33 channels, batch 1/3.
    /// </summary>
    public static readonly WindowCase[] All =
    [
        new("2d valid 3x3 s1 c1 n1", 6, 7, 1, 3, 3, 1, 1, false, 1),
        new("2d same 2x3 s2 c5 n3 (odd totals)", 7, 6, 5, 2, 3, 2, 2, true, 3),
        new("2d same 3x2 s3 c17 n3 (odd totals)", 8, 7, 17, 3, 2, 3, 3, true, 3),
        new("2d same 5x5 s1 c5 n1", 4, 4, 5, 5, 5, 1, 1, true, 1),
        new("2d same 4x4 s1 c1 n3 (pad 1/2)", 5, 6, 1, 4, 4, 1, 1, true, 3),
        new("2d valid 3x2 s2 c17 n1", 7, 8, 17, 3, 2, 2, 2, false, 1),
        new("2d valid 2x2 s3 c5 n3 (gaps)", 8, 7, 5, 2, 2, 3, 3, false, 3),
        new("2d same 3x3 s2 c8 n3", 5, 5, 8, 3, 3, 2, 2, true, 3),
        new("2d same 2x2 s2 c9 n1 (odd input)", 5, 7, 9, 2, 2, 2, 2, true, 1),
        new("2d valid 2x2 s2 c32 n3", 6, 6, 32, 2, 2, 2, 2, false, 3),
        new("1d same 4 s2 c5 n3", 1, 11, 5, 1, 4, 2, 2, true, 3),
        new("1d valid 3 s3 c17 n1", 1, 10, 17, 1, 3, 3, 3, false, 1),
        new("1d same 3 s1 c1 n3", 1, 9, 1, 1, 3, 1, 1, true, 3),
        new("2d pointwise 1x1 s1 c5 n3", 4, 5, 5, 1, 1, 1, 1, false, 3),
        new("2d 1x1 s2 c17 n1", 5, 5, 17, 1, 1, 2, 2, false, 1),
        new("2d same 3x3 s2x1 c5 n3", 7, 6, 5, 3, 3, 2, 1, true, 3),
        new("2d valid 2x3 s1x3 c17 n1", 5, 10, 17, 2, 3, 1, 3, false, 1),
        new("2d same 2x2 s1x3 c3 n3 (odd totals)", 4, 7, 3, 2, 2, 1, 3, true, 3),
        new("2d valid 3x2 s3x2 c33 n3", 9, 8, 33, 3, 2, 3, 2, false, 3),
        new("2d 1x1 s1x2 c5 n1 (not pointwise)", 4, 6, 5, 1, 1, 1, 2, false, 1),
    ];

    /// <summary>
    /// Dilated windows, which only convolutions take (Conv1D's DilationRate; the runtime geometry allows 2-D ones too):
    /// causal, valid and same padding, strides 1–2, a dilated window wider than its input, and a 1-tap window whose
    /// dilation changes nothing.
    /// </summary>
    public static readonly WindowCase[] Dilated =
    [
        new("1d causal 3 d2 s1 c2 n3", 1, 8, 2, 1, 3, 1, 1, false, 3, DilationWidth: 2, Causal: true),
        new("1d causal 2 d4 s1 c3 n1", 1, 8, 3, 1, 2, 1, 1, false, 1, DilationWidth: 4, Causal: true),
        new("1d causal 3 d2 s2 c5 n3", 1, 9, 5, 1, 3, 2, 2, false, 3, DilationWidth: 2, Causal: true),
        new("1d causal 3 d5 s1 c2 n1 (wider than the input)", 1, 4, 2, 1, 3, 1, 1, false, 1, DilationWidth: 5, Causal: true),
        new("1d causal 1 d3 s1 c5 n3 (pointwise)", 1, 6, 5, 1, 1, 1, 1, false, 3, DilationWidth: 3, Causal: true),
        new("1d valid 3 d3 s1 c17 n1", 1, 10, 17, 1, 3, 1, 1, false, 1, DilationWidth: 3),
        new("1d valid 2 d4 s2 c1 n3", 1, 11, 1, 1, 2, 2, 2, false, 3, DilationWidth: 4),
        new("1d same 3 d2 s1 c5 n3", 1, 7, 5, 1, 3, 1, 1, true, 3, DilationWidth: 2),
        new("1d same 4 d2 s2 c3 n1 (odd total)", 1, 9, 3, 1, 4, 2, 2, true, 1, DilationWidth: 2),
        new("2d same 3x3 d2x3 s1 c5 n1", 6, 7, 5, 3, 3, 1, 1, true, 1, DilationHeight: 2, DilationWidth: 3),
        new("2d valid 2x3 d3x2 s2x1 c8 n3", 8, 7, 8, 2, 3, 2, 1, false, 3, DilationHeight: 3, DilationWidth: 2),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (WindowCase c in All) data.Add(c.Name);
        return data;
    }

    /// <summary>Every geometry a convolution takes: <see cref="All"/> and <see cref="Dilated"/>.</summary>
    public static TheoryData<string> ConvolutionNames()
    {
        var data = new TheoryData<string>();
        foreach (WindowCase c in All.Concat(Dilated)) data.Add(c.Name);
        return data;
    }

    public static WindowCase Named(string name) => All.Concat(Dilated).Single(c => c.Name == name);
}
