using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Tests;

/// <summary>
/// Layer + input shape → output shape, weight count and "same" padding, through the real parser and shape inference.
/// The expected values are literal: computed by hand from Keras's formulas (docs/keras-semantics.md) or known Keras printouts.
/// A second check runs a grid of window layers against those formulas written out in <see cref="KerasFormulas"/>.
/// </summary>
public class ShapeInferenceTableTests
{
    [Theory]
    // Known Keras results: the Fashion-MNIST CNN, layer by layer.
    [InlineData("Conv2D(32, 3, Activation.Relu)", "28, 28, 1", "26, 26, 32", 320)]
    [InlineData("MaxPooling2D(2)", "26, 26, 32", "13, 13, 32", 0)]
    [InlineData("Conv2D(64, 3, Activation.Relu)", "13, 13, 32", "11, 11, 64", 18_496)]
    [InlineData("MaxPooling2D(2)", "11, 11, 64", "5, 5, 64", 0)]
    [InlineData("Flatten", "5, 5, 64", "1600", 0)]
    [InlineData("Dense(64, Activation.Relu)", "1600", "64", 102_464)]
    [InlineData("Dense(10)", "64", "10", 650)]
    [InlineData("Conv2D(3, 3)", "8, 8, 1", "6, 6, 3", 30)] // golden cnn_small
    [InlineData("Dense(4)", "27", "4", 112)]              // golden cnn_small
    [InlineData("Conv2D(32, 3, Padding = Padding.Same)", "28, 28, 1", "28, 28, 32", 320, 1, 1)]
    [InlineData("MaxPooling2D", "28, 28, 1", "14, 14, 1", 0)] // poolSize defaults to 2
    [InlineData("BatchNormalization", "13, 13, 32", "13, 13, 32", 128)]
    [InlineData("GlobalAveragePooling2D", "7, 7, 64", "64", 0)]
    // Conv2D: strides, rectangular kernels, no bias, Same padding on odd and even sizes.
    [InlineData("Conv2D(16, 3, Strides = 2, Padding = Padding.Same)", "7, 7, 3", "4, 4, 16", 448, 1, 1)]
    [InlineData("Conv2D(8, 3, Strides = 2, Padding = Padding.Same)", "8, 8, 1", "4, 4, 8", 80, 0, 0)]
    [InlineData("Conv2D(8, 2, Strides = 2, Padding = Padding.Same)", "5, 5, 1", "3, 3, 8", 40, 0, 0)]
    [InlineData("Conv2D(8, 3, Strides = 2, Padding = Padding.Same)", "9, 9, 2", "5, 5, 8", 152, 1, 1)]
    [InlineData("Conv2D(4, 5, Padding = Padding.Same)", "3, 3, 2", "3, 3, 4", 204, 2, 2)]
    [InlineData("Conv2D(4, 3, KernelWidth = 2, Strides = 2, Padding = Padding.Same)", "13, 10, 2", "7, 5, 4", 52, 1, 0)]
    [InlineData("Conv2D(4, 4, Padding = Padding.Same)", "6, 6, 1", "6, 6, 4", 68, 1, 1)] // total 3: 1 before, 2 after
    [InlineData("Conv2D(6, 3, UseBias = false)", "6, 5, 4", "4, 3, 6", 216)]
    [InlineData("Conv2D(2, 1)", "5, 5, 3", "5, 5, 2", 8)]
    [InlineData("Conv2D(10, 3, KernelHeight = 1)", "4, 6, 2", "4, 4, 10", 70)]
    [InlineData("Conv2D(5, 2, KernelHeight = 3, KernelWidth = 1)", "5, 4, 1", "3, 4, 5", 20)]
    [InlineData("Conv2D(3, 3, Strides = 2)", "7, 7, 1", "3, 3, 3", 30)]
    [InlineData("Conv2D(3, 3, Strides = 3)", "10, 10, 1", "3, 3, 3", 30)]
    [InlineData("Conv2D(1, 3, Strides = 2)", "8, 6, 1", "3, 2, 1", 10)]
    // Conv1D.
    [InlineData("Conv1D(16, 3, Activation.Relu)", "10, 4", "8, 16", 208)]
    [InlineData("Conv1D(8, 5, Strides = 2)", "20, 3", "8, 8", 128)]
    [InlineData("Conv1D(8, 4, Padding = Padding.Same)", "10, 1", "10, 8", 40, 0, 1)]
    [InlineData("Conv1D(4, 3, Strides = 2, Padding = Padding.Same)", "9, 2", "5, 4", 28, 0, 1)]
    [InlineData("Conv1D(5, 2, Activation.Tanh)", "4, 6", "3, 5", 65)]
    [InlineData("Conv1D(7, 1, UseBias = false)", "6, 3", "6, 7", 21)]
    // Conv1D dilated (span e = d·(k − 1) + 1) and causal (all e − 1 padding before, out = ceil(n / s)).
    [InlineData("Conv1D(4, 3, Activation.Relu, Padding = Padding.Causal, DilationRate = 2)", "8, 2", "8, 4", 28, 0, 4)] // golden conv1d_causal_dilated
    [InlineData("Conv1D(3, 2, Activation.Tanh, Padding = Padding.Causal, DilationRate = 4)", "8, 4", "8, 3", 27, 0, 4)] // golden conv1d_causal_dilated
    [InlineData("Conv1D(2, 3, Strides = 2, Padding = Padding.Causal)", "9, 1", "5, 2", 8, 0, 2)]
    [InlineData("Conv1D(2, 3, DilationRate = 3)", "10, 1", "4, 2", 8)]                         // e = 7: 10 − 7 + 1
    [InlineData("Conv1D(2, 2, Strides = 2, DilationRate = 4)", "11, 1", "4, 2", 6)]            // e = 5: (11 − 5) / 2 + 1
    [InlineData("Conv1D(2, 3, Padding = Padding.Same, DilationRate = 2)", "7, 1", "7, 2", 8, 0, 2)]             // total 4
    [InlineData("Conv1D(2, 4, Strides = 2, Padding = Padding.Same, DilationRate = 2)", "9, 3", "5, 2", 26, 0, 3)] // e = 7, total 6
    [InlineData("Conv1D(2, 1, Padding = Padding.Causal, DilationRate = 9)", "6, 3", "6, 2", 8)]  // one tap: nothing to pad
    // 2-D pooling with strides ≠ pool size, and Same padding.
    [InlineData("MaxPooling2D(2, Strides = 1)", "4, 4, 3", "3, 3, 3", 0)]
    [InlineData("MaxPooling2D(3, Strides = 2)", "7, 7, 2", "3, 3, 2", 0)]
    [InlineData("MaxPooling2D(3, Strides = 2)", "8, 8, 2", "3, 3, 2", 0)]
    [InlineData("MaxPooling2D(2, Padding = Padding.Same)", "5, 5, 1", "3, 3, 1", 0, 0, 0)]
    [InlineData("MaxPooling2D(3, Strides = 1, Padding = Padding.Same)", "4, 4, 1", "4, 4, 1", 0, 1, 1)]
    [InlineData("MaxPooling2D(2, Strides = 3)", "9, 7, 2", "3, 2, 2", 0)]
    [InlineData("AveragePooling2D(2)", "7, 5, 3", "3, 2, 3", 0)]
    [InlineData("AveragePooling2D(2, Padding = Padding.Same)", "7, 5, 3", "4, 3, 3", 0, 0, 0)]
    [InlineData("AveragePooling2D(4, Strides = 2, Padding = Padding.Same)", "5, 5, 1", "3, 3, 1", 0, 1, 1)]
    [InlineData("AveragePooling2D(3, Strides = 1, Padding = Padding.Same)", "1, 4, 2", "1, 4, 2", 0, 1, 1)]
    // 1-D pooling.
    [InlineData("MaxPooling1D(2)", "9, 3", "4, 3", 0)]
    [InlineData("MaxPooling1D(3, Strides = 1)", "5, 2", "3, 2", 0)]
    [InlineData("MaxPooling1D(2, Padding = Padding.Same)", "5, 2", "3, 2", 0, 0, 0)]
    [InlineData("AveragePooling1D(3, Strides = 2, Padding = Padding.Same)", "7, 1", "4, 1", 0, 0, 1)]
    [InlineData("AveragePooling1D(2)", "10, 4", "5, 4", 0)]
    [InlineData("AveragePooling1D", "7, 3", "3, 3", 0)]
    // Global pooling.
    [InlineData("GlobalMaxPooling2D", "3, 5, 8", "8", 0)]
    [InlineData("GlobalAveragePooling1D", "10, 16", "16", 0)]
    // Flatten and Reshape (with −1 inferred).
    [InlineData("Flatten", "26, 26, 32", "21632", 0)]
    [InlineData("Flatten", "10, 4", "40", 0)]
    [InlineData("Flatten", "7", "7", 0)]
    [InlineData("Reshape(28, 28, 1)", "784", "28, 28, 1", 0)]
    [InlineData("Reshape(-1, 4)", "3, 2, 4", "6, 4", 0)]
    [InlineData("Reshape(4, -1)", "24", "4, 6", 0)]
    [InlineData("Reshape(2, -1, 3)", "12", "2, 2, 3", 0)]
    [InlineData("Reshape(-1)", "2, 3, 4", "24", 0)]
    [InlineData("Reshape(new[] { 5, -1 })", "4, 5", "5, 4", 0)]
    // BatchNormalization (4·C: gamma, beta, moving mean, moving variance), Dropout, Dense on rank > 1.
    [InlineData("BatchNormalization", "10", "10", 40)]
    [InlineData("BatchNormalization(Momentum = 0.9, Epsilon = 1e-5)", "5, 3", "5, 3", 12)]
    [InlineData("Dropout(0.5)", "13, 13, 32", "13, 13, 32", 0)]
    [InlineData("Dropout(0.0)", "4", "4", 0)]
    [InlineData("Dense(8)", "5, 3", "5, 8", 32)]
    [InlineData("Dense(10, UseBias = false)", "64", "10", 640)]
    // Strides per axis (Keras strides=(sh, sw)): rows floor((9 − 3) / 2) + 1 = 4, columns (8 − 3) / 1 + 1 = 6.
    [InlineData("Conv2D(4, 3, StridesHeight = 2)", "9, 8, 2", "4, 6, 4", 76)]
    // Same: rows ceil(7 / 2) = 4, total (4 − 1)·2 + 3 − 7 = 2 → 1 before; columns ceil(7 / 3) = 3, total 2 → 1 before.
    [InlineData("Conv2D(2, 3, StridesHeight = 2, StridesWidth = 3, Padding = Padding.Same)", "7, 7, 1", "4, 3, 2", 20, 1, 1)]
    [InlineData("MaxPooling2D(2, StridesWidth = 1)", "6, 6, 1", "3, 5, 1", 0)]
    [InlineData("AveragePooling2D(3, Strides = 1, StridesHeight = 3)", "9, 5, 2", "3, 3, 2", 0)]
    // The layers without windows: same shape, repeated, padded or cropped axes, a global maximum over steps.
    [InlineData("Activation(Activation.Softmax)", "4, 5", "4, 5", 0)]
    [InlineData("Rescaling(0.5, 0.25)", "7", "7", 0)]
    [InlineData("UpSampling1D", "5, 3", "10, 3", 0)]
    [InlineData("UpSampling1D(3)", "5, 3", "15, 3", 0)]
    [InlineData("UpSampling2D", "3, 4, 2", "6, 8, 2", 0)]
    [InlineData("ZeroPadding2D(1)", "4, 5, 2", "6, 7, 2", 0)]
    [InlineData("ZeroPadding2D(0, Top = 1, Right = 3)", "4, 5, 2", "5, 8, 2", 0)]
    [InlineData("Cropping2D(1)", "6, 7, 2", "4, 5, 2", 0)]
    [InlineData("Cropping2D(0, Bottom = 2, Left = 1)", "6, 7, 2", "4, 6, 2", 0)]
    [InlineData("GlobalMaxPooling1D", "10, 3", "3", 0)]
    // LayerNormalization: gamma and beta over the last axis (2·features), any rank.
    [InlineData("LayerNormalization", "8", "8", 16)] // golden layer_norm_activation_rescaling
    [InlineData("LayerNormalization(Epsilon = 1e-5)", "4, 5, 3", "4, 5, 3", 6)]
    // Normalization: mean, variance (features each) and count, all non-trainable.
    [InlineData("Normalization", "9", "9", 19)]
    [InlineData("Normalization", "4, 5, 3", "4, 5, 3", 7)]
    // Conv2DTranspose: Same n·s, crop max(k − s, 0) / 2 before; Valid n·s + max(k − s, 0); kernel (kh, kw, filters, cin).
    [InlineData("Conv2DTranspose(3, 3, Strides = 2, Padding = Padding.Same)", "3, 3, 2", "6, 6, 3", 57)] // golden conv2d_transpose_same_upsampling
    [InlineData("Conv2DTranspose(16, 3, Strides = 2, Padding = Padding.Same)", "7, 7, 32", "14, 14, 16", 4624)]
    [InlineData("Conv2DTranspose(4, 5, KernelHeight = 4, StridesHeight = 1, StridesWidth = 2, Padding = Padding.Same)", "3, 3, 2", "3, 6, 4", 164, 1, 1)]
    [InlineData("Conv2DTranspose(2, 3)", "4, 5, 1", "6, 7, 2", 20)]
    [InlineData("Conv2DTranspose(2, 2, Strides = 3)", "2, 3, 1", "6, 9, 2", 10)]
    [InlineData("Conv2DTranspose(1, 4, KernelWidth = 2, Strides = 2, UseBias = false)", "2, 3, 3", "6, 6, 1", 24)]
    public void Layer_HasKerasOutputShapeParametersAndPadding(string layer, string input, string output, int parameters, int padTop = 0, int padLeft = 0)
    {
        NetworkSpec spec = ParseValid($"[Input({input})]\n[{layer}]\npublic partial class Net {{ }}");
        LayerSpec inferred = Assert.Single(spec.Layers);
        Assert.Equal(Shape(input), inferred.InputShape.AsSpan().ToArray());
        Assert.Equal(Shape(output), inferred.OutputShape.AsSpan().ToArray());
        Assert.Equal(parameters, inferred.ParameterCount);
        if (inferred is ConvolutionTransposeLayer transpose)
        {
            // Its window is the convolution it is the adjoint of: padding = the crop, outputs = this layer's input cells.
            Assert.Equal((padTop, padLeft), (transpose.Window.PadTop, transpose.Window.PadLeft));
            Assert.Equal((Shape(input)[0], Shape(input)[1]), (transpose.Window.OutputHeight, transpose.Window.OutputWidth));
        }
        else if (((inferred as ConvolutionLayer)?.Window ?? (inferred as PoolingLayer)?.Window) is { } window)
        {
            Assert.Equal((padTop, padLeft), (window.PadTop, window.PadLeft));
            int[] outputShape = Shape(output);
            Assert.Equal(outputShape.Length == 3 ? outputShape[0] : 1, window.OutputHeight);
            Assert.Equal(outputShape[^2], window.OutputWidth);
        }
        else
        {
            Assert.Equal((0, 0), (padTop, padLeft)); // the row must not claim pads for a layer without a window
        }
    }

    /// <summary>Every window size, stride and padding on small inputs, against Keras's formulas written out below.</summary>
    [Theory]
    [InlineData("Conv1D")]
    [InlineData("Conv2D")]
    [InlineData("MaxPooling1D")]
    [InlineData("MaxPooling2D")]
    [InlineData("AveragePooling1D")]
    [InlineData("AveragePooling2D")]
    public void WindowGrid_MatchesKerasFormulas(string kind)
    {
        bool twoDimensional = kind.EndsWith("2D", StringComparison.Ordinal);
        bool convolution = kind.StartsWith("Conv", StringComparison.Ordinal);
        const int channels = 3, filters = 2;
        var cases = new List<(string Name, int Height, int Width, int KernelHeight, int KernelWidth, int StrideHeight, int Stride, bool Same)>();
        var source = new StringBuilder("using StaticNets;\n");
        foreach (bool same in new[] { false, true })
        {
            for (int n = 1; n <= 9; n++)
            {
                for (int k = 1; k <= 5; k++)
                {
                    for (int s = 1; s <= 3; s++)
                    {
                        // 2-D: a rectangular input, and for convolutions a rectangular kernel (pooling windows are square).
                        int height = twoDimensional ? n % 4 + 1 : 1;
                        int kernelHeight = !twoDimensional ? 1 : convolution ? (k + s) % 3 + 1 : k;
                        string name = $"{kind}_{(same ? "Same" : "Valid")}_{n}_{k}_{s}";
                        string window = convolution
                            ? $"{filters}, {k}" + (twoDimensional ? $", KernelHeight = {kernelHeight}" : "")
                            : $"{k}";
                        // 2-D: the row stride differs from the column stride in two cases of three (Keras strides=(sh, sw)).
                        int strideHeight = twoDimensional ? (s + n) % 3 + 1 : 1;
                        source.Append($"[Input({(twoDimensional ? height + ", " : "")}{n}, {channels})]\n")
                            .Append($"[{kind}({window}, Strides = {s}{(twoDimensional ? $", StridesHeight = {strideHeight}" : "")}, Padding = Padding.{(same ? "Same" : "Valid")})]\n")
                            .Append($"public partial class {name} {{ }}\n");
                        cases.Add((name, height, n, kernelHeight, k, strideHeight, s, same));
                    }
                }
            }
        }

        Compilation compilation = GeneratorHarness.Compile(source.ToString());
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        int valid = 0;
        foreach (var c in cases)
        {
            ParseResult result = NetworkParser.ParseType(compilation.GetTypeByMetadataName(c.Name)!, default);
            var rows = KerasFormulas.WindowAxis(c.Height, c.KernelHeight, c.StrideHeight, c.Same);
            var columns = KerasFormulas.WindowAxis(c.Width, c.KernelWidth, c.Stride, c.Same);
            if (rows is null || columns is null)
            {
                Assert.Null(result.Spec);
                Assert.Equal("SN0016", Assert.Single(result.Diagnostics).Id);
                continue;
            }

            valid++;
            Assert.True(result.Spec is not null, c.Name + ": " + string.Join("; ", result.Diagnostics.AsSpan().ToArray().Select(d => d.Id)));
            LayerSpec layer = Assert.Single(result.Spec!.Layers);
            WindowSpec window = ((layer as ConvolutionLayer)?.Window ?? (layer as PoolingLayer)?.Window)!;
            int outputChannels = convolution ? filters : channels;
            int[] expected = twoDimensional ? new[] { (int)rows.Value.Output, (int)columns.Value.Output, outputChannels } : new[] { (int)columns.Value.Output, outputChannels };
            Assert.True(expected.SequenceEqual(layer.OutputShape.AsSpan().ToArray()), $"{c.Name}: ({string.Join(", ", layer.OutputShape)}) vs Keras ({string.Join(", ", expected)})");
            Assert.True((rows.Value.Before, columns.Value.Before) == ((long)window.PadTop, (long)window.PadLeft), $"{c.Name}: pads ({window.PadTop}, {window.PadLeft}) vs Keras ({rows.Value.Before}, {columns.Value.Before})");
            Assert.Equal(convolution ? c.KernelHeight * c.KernelWidth * channels * filters + filters : 0, layer.ParameterCount);
        }

        Assert.InRange(valid, cases.Count / 2, cases.Count - 1); // both outcomes are exercised
    }

    /// <summary>Conv1D over every kernel size, stride, dilation and padding (causal included) on small inputs, against Keras's formulas.</summary>
    [Fact]
    public void DilatedConv1DGrid_MatchesKerasFormulas()
    {
        const int channels = 2, filters = 3;
        var cases = new List<(string Name, int Steps, int Kernel, int Stride, int Dilation, string Padding)>();
        var source = new StringBuilder("using StaticNets;\n");
        foreach (string padding in new[] { "Valid", "Same", "Causal" })
        {
            for (int n = 1; n <= 9; n++)
            for (int k = 1; k <= 4; k++)
            for (int s = 1; s <= 3; s++)
            for (int d = 1; d <= 4; d++)
            {
                string name = $"Dilated_{padding}_{n}_{k}_{s}_{d}";
                source.Append($"[Input({n}, {channels})]\n[Conv1D({filters}, {k}, Strides = {s}, DilationRate = {d}, Padding = Padding.{padding})]\npublic partial class {name} {{ }}\n");
                cases.Add((name, n, k, s, d, padding));
            }
        }

        Compilation compilation = GeneratorHarness.Compile(source.ToString());
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        int valid = 0;
        foreach (var c in cases)
        {
            ParseResult result = NetworkParser.ParseType(compilation.GetTypeByMetadataName(c.Name)!, default);
            var expected = KerasFormulas.WindowAxis(c.Steps, c.Kernel, c.Stride, c.Padding, c.Dilation);
            if (expected is null)
            {
                Assert.Null(result.Spec);
                Assert.Equal("SN0016", Assert.Single(result.Diagnostics).Id);
                continue;
            }

            valid++;
            Assert.True(result.Spec is not null, c.Name + ": " + string.Join("; ", result.Diagnostics.AsSpan().ToArray().Select(d => d.Id)));
            var layer = (ConvolutionLayer)Assert.Single(result.Spec!.Layers);
            Assert.Equal(new[] { (int)expected.Value.Output, filters }, layer.OutputShape.AsSpan().ToArray());
            Assert.True(expected.Value.Before == layer.Window.PadLeft, $"{c.Name}: pads {layer.Window.PadLeft} before, Keras {expected.Value.Before}");
            Assert.Equal((1, c.Dilation), (layer.Window.DilationHeight, layer.Window.DilationWidth));
            Assert.Equal(c.Kernel * channels * filters + filters, layer.ParameterCount);
        }

        Assert.InRange(valid, cases.Count / 2, cases.Count - 1); // both outcomes are exercised
    }

    [Fact]
    public void FashionMnistCnn_SummaryMatchesKeras()
    {
        object network = Instantiate("""
            [Input(28, 28, 1)]
            [Conv2D(32, 3, Activation.Relu)]
            [MaxPooling2D(2)]
            [Conv2D(64, 3, Activation.Relu)]
            [MaxPooling2D(2)]
            [Flatten]
            [Dense(64, Activation.Relu)]
            [Dense(10)]
            public partial class FashionCnn { }
            """, "FashionCnn");
        Assert.Equal(
            """
            Model: "FashionCnn"
            _________________________________________________________________
            Layer (type)                 Output Shape              Param #   
            =================================================================
            conv2d_1 (Conv2D)            (None, 26, 26, 32)        320       
            _________________________________________________________________
            max_pooling2d_1 (MaxPooling2 (None, 13, 13, 32)        0         
            _________________________________________________________________
            conv2d_2 (Conv2D)            (None, 11, 11, 64)        18496     
            _________________________________________________________________
            max_pooling2d_2 (MaxPooling2 (None, 5, 5, 64)          0         
            _________________________________________________________________
            flatten_1 (Flatten)          (None, 1600)              0         
            _________________________________________________________________
            dense_1 (Dense)              (None, 64)                102464    
            _________________________________________________________________
            dense_2 (Dense)              (None, 10)                650       
            =================================================================
            Total params: 121,930
            Trainable params: 121,930
            Non-trainable params: 0
            _________________________________________________________________
            """.ReplaceLineEndings("\n"),
            Summary(network));
        Assert.Equal(121_930, Constant(network, "ParameterCount"));
        Assert.Equal(121_930, Constant(network, "TrainableParameterCount"));
        Assert.Equal(784, Constant(network, "InputSize"));
        Assert.Equal(10, Constant(network, "OutputSize"));
    }

    [Fact]
    public void BatchNormalizedCnn_SummaryCountsMovingStatisticsAsNonTrainable()
    {
        // conv 3·3·3·8 = 216; BN 4·8 = 32 (16 trainable); GAP 0; same-padded conv 3·3·8·4 + 4 = 292; Dense 4·10 + 10 = 50.
        object network = Instantiate("""
            [Input(32, 32, 3)]
            [Conv2D(8, 3, UseBias = false)]
            [BatchNormalization]
            [Conv2D(4, 3, Activation.Relu, Strides = 2, Padding = Padding.Same)]
            [GlobalAveragePooling2D]
            [Dense(10, Activation.Softmax)]
            public partial class BnCnn { }
            """, "BnCnn");
        Assert.Equal(
            """
            Model: "BnCnn"
            _________________________________________________________________
            Layer (type)                 Output Shape              Param #   
            =================================================================
            conv2d_1 (Conv2D)            (None, 30, 30, 8)         216       
            _________________________________________________________________
            batch_normalization_1 (Batch (None, 30, 30, 8)         32        
            _________________________________________________________________
            conv2d_2 (Conv2D)            (None, 15, 15, 4)         292       
            _________________________________________________________________
            global_average_pooling2d_1 ( (None, 4)                 0         
            _________________________________________________________________
            dense_1 (Dense)              (None, 10)                50        
            =================================================================
            Total params: 590
            Trainable params: 574
            Non-trainable params: 16
            _________________________________________________________________
            """.ReplaceLineEndings("\n"),
            Summary(network));
        Assert.Equal(590, Constant(network, "ParameterCount"));
        Assert.Equal(574, Constant(network, "TrainableParameterCount"));
        Assert.Equal(16, Constant(network, "NonTrainableParameterCount"));
    }

    [Fact]
    public void Conv1DSequenceModel_OutputShapeThroughTheGenerator()
    {
        // (100, 8) → Conv1D k5 s2: floor(95/2)+1 = 48 → MaxPooling1D(3): 16 → Conv1D same k3: 16 → GAP1D: 12 → Dense 1.
        object network = Instantiate("""
            [Input(100, 8)]
            [Conv1D(16, 5, Activation.Relu, Strides = 2)]
            [MaxPooling1D(3)]
            [Conv1D(12, 3, Padding = Padding.Same)]
            [GlobalAveragePooling1D]
            [Reshape(3, -1)]
            [Flatten]
            [Dense(1, Activation.Sigmoid)]
            public partial class SequenceNet { }
            """, "SequenceNet");
        Type type = network.GetType();
        Assert.Equal(new[] { 1 }, StaticShape(type, "OutputShape"));
        Assert.Equal(new[] { 100, 8 }, StaticShape(type, "InputShape"));
        // 5·8·16 + 16 = 656; 3·16·12 + 12 = 588; 12 + 1 = 13.
        Assert.Equal(656 + 588 + 13, Constant(network, "ParameterCount"));
        string summary = Summary(network);
        Assert.Contains("conv1d_1 (Conv1D)            (None, 48, 16)            656       \n", summary, StringComparison.Ordinal);
        Assert.Contains("max_pooling1d_1 (MaxPooling1 (None, 16, 16)            0         \n", summary, StringComparison.Ordinal);
        Assert.Contains("conv1d_2 (Conv1D)            (None, 16, 12)            588       \n", summary, StringComparison.Ordinal);
        Assert.Contains("reshape_1 (Reshape)          (None, 3, 4)              0         \n", summary, StringComparison.Ordinal);
    }

    private static NetworkSpec ParseValid(string declaration)
    {
        Compilation compilation = GeneratorHarness.Compile("using StaticNets;\n" + declaration);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        ParseResult result = NetworkParser.ParseType(compilation.GetTypeByMetadataName("Net")!, default);
        Assert.True(result.Spec is not null, "rejected: " + string.Join("; ", result.Diagnostics.AsSpan().ToArray().Select(d => d.Id)));
        return result.Spec!;
    }

    private static object Instantiate(string declaration, string typeName)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("using StaticNets;\n" + declaration);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        return Activator.CreateInstance(GeneratorHarness.Load(output).GetType(typeName)!, 42)!;
    }

    private static string Summary(object network) => (string)network.GetType().GetMethod("Summary")!.Invoke(network, null)!;

    private static int Constant(object network, string name) => (int)network.GetType().GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static int[] StaticShape(Type type, string name)
    {
        // ReadOnlySpan<int> cannot be boxed: read it through the network interface instead.
        var network = (INetwork)Activator.CreateInstance(type, 1)!;
        return name == "OutputShape" ? network.OutputShape.ToArray() : network.InputShape.ToArray();
    }

    private static int[] Shape(string text) => text.Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
}
