using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Tests;

/// <summary>The shape and argument diagnostics of the convolutional and shape layers: each on the argument at fault.</summary>
public class LayerDiagnosticTests
{
    [Fact]
    public void KernelLargerThanInput_ReportsSN0016_OnTheKernelSize() => DiagnosticTests.AssertSingle(
        """
        [Input(8, 8, 1)]
        [Conv2D(4, 3, Activation.Relu)]
        [MaxPooling2D(2)]
        [Conv2D(8, 5)]
        public partial class Net { }
        """,
        "SN0016", "5",
        "The kernel window of layer 'conv2d_2' (5×5) is larger than its height × width input (3×3) with Padding.Valid, so the output would have -1 rows; use a smaller window, Padding.Same, or a larger input");

    [Fact]
    public void RectangularKernelTooWide_ReportsSN0016_OnKernelWidth() => DiagnosticTests.AssertSingle(
        """
        [Input(10, 4, 2)]
        [Conv2D(4, 3, KernelWidth = 5)]
        public partial class Net { }
        """,
        "SN0016", "KernelWidth = 5",
        "The kernel window of layer 'conv2d_1' (3×5) is larger than its height × width input (10×4) with Padding.Valid, so the output would have 0 columns; use a smaller window, Padding.Same, or a larger input");

    [Fact]
    public void PoolLargerThanSteps_ReportsSN0016_OnThePoolSize() => DiagnosticTests.AssertSingle(
        """
        [Input(3, 2)]
        [MaxPooling1D(4)]
        public partial class Net { }
        """,
        "SN0016", "4",
        "The pooling window of layer 'max_pooling1d_1' (4) is larger than its steps input (3) with Padding.Valid, so the output would have 0 steps; use a smaller window, Padding.Same, or a larger input");

    [Fact]
    public void DilatedWindowLargerThanSteps_ReportsSN0016_OnTheDilationRate() => DiagnosticTests.AssertSingle(
        """
        [Input(8, 2)]
        [Conv1D(4, 3, DilationRate = 4)]
        public partial class Net { }
        """,
        "SN0016", "DilationRate = 4",
        "The kernel window of layer 'conv1d_1' (3 with DilationRate 4: 9 steps) is larger than its steps input (8) with Padding.Valid, so the output would have 0 steps; use a smaller window, Padding.Same, or a larger input");

    [Fact]
    public void KernelLargerThanSteps_ReportsSN0016_OnTheKernelSize_EvenWhenDilated() => DiagnosticTests.AssertSingle(
        """
        [Input(4, 2)]
        [Conv1D(4, 5, DilationRate = 2)]
        public partial class Net { }
        """,
        "SN0016", "5",
        "The kernel window of layer 'conv1d_1' (5 with DilationRate 2: 9 steps) is larger than its steps input (4) with Padding.Valid, so the output would have -4 steps; use a smaller window, Padding.Same, or a larger input");

    [Theory]
    [InlineData("Padding.Causal")]
    [InlineData("Padding.Same")]
    public void DilatedWindowLargerThanSteps_IsAcceptedWithPadding(string padding)
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze($$"""
            using StaticNets;
            [Input(4, 2)]
            [Conv1D(3, 3, DilationRate = 5, Padding = {{padding}})]
            public partial class Net { }
            """);
        Assert.Empty(analyzer);
        Assert.Empty(generator);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-3", "-3")]
    public void NonPositiveDilationRate_ReportsSN0004_OnIt(string dilation, string shown) => DiagnosticTests.AssertSingle(
        $$"""
        [Input(8, 2)]
        [Conv1D(4, 3, DilationRate = {{dilation}}, Padding = Padding.Causal)]
        public partial class Net { }
        """,
        "SN0004", "DilationRate = " + dilation,
        $"DilationRate of layer 'conv1d_1' must be positive, but is {shown}");

    [Fact]
    public void DilatedWindowReachingPastInt_ReportsSN0009_OnTheDilationRate() => DiagnosticTests.AssertSingle(
        """
        [Input(8, 2)]
        [Conv1D(4, 3, DilationRate = int.MaxValue, Padding = Padding.Causal)]
        public partial class Net { }
        """,
        "SN0009", "DilationRate = int.MaxValue",
        "The reach of the kernel window of layer 'conv1d_1' ((outputs − 1) · stride + window span, along its steps) of network 'Net' is 4,294,967,302, more than the 2,147,483,647 that fit in one .NET array; use smaller layers");

    [Theory]
    [InlineData("[Input(4, 2)]", "[MaxPooling1D(int.MaxValue, Strides = 1, Padding = Padding.Same)]", "max_pooling1d_1", "steps")]
    [InlineData("[Input(3, 3, 1)]", "[AveragePooling2D(int.MaxValue, Strides = 1, Padding = Padding.Same)]", "average_pooling2d_1", "rows")]
    public void SamePaddedPoolReachingPastInt_ReportsSN0009_OnThePoolSize(string input, string layer, string name, string axis) => DiagnosticTests.AssertSingle(
        input + "\n" + layer + "\npublic partial class Net { }",
        "SN0009", "int.MaxValue",
        $"The reach of the pooling window of layer '{name}' ((outputs − 1) · stride + window span, along its {axis}) of network 'Net' is {(axis == "steps" ? "2,147,483,650" : "2,147,483,649")}, more than the 2,147,483,647 that fit in one .NET array; use smaller layers");

    [Theory]
    [InlineData("MaxPooling1D(2, Padding = Padding.Causal)", "8, 2", "max_pooling1d_1", "MaxPooling1D")]
    [InlineData("AveragePooling1D(Padding = Padding.Causal)", "8, 2", "average_pooling1d_1", "AveragePooling1D")]
    [InlineData("MaxPooling2D(2, Padding = Padding.Causal)", "8, 8, 1", "max_pooling2d_1", "MaxPooling2D")]
    [InlineData("AveragePooling2D(2, Padding = Padding.Causal)", "8, 8, 1", "average_pooling2d_1", "AveragePooling2D")]
    [InlineData("Conv2D(4, 3, Padding = Padding.Causal)", "8, 8, 1", "conv2d_1", "Conv2D")]
    [InlineData("Conv2D(4, 3, Padding = (Padding)2)", "8, 8, 1", "conv2d_1", "Conv2D")]
    [InlineData("Conv2DTranspose(4, 3, Padding = Padding.Causal)", "8, 8, 1", "conv2d_transpose_1", "Conv2DTranspose")]
    public void CausalPaddingOutsideConv1D_ReportsSN0021_OnThePadding(string layer, string input, string name, string kind)
    {
        string padding = layer.Contains("(Padding)2", StringComparison.Ordinal) ? "Padding = (Padding)2" : "Padding = Padding.Causal";
        DiagnosticTests.AssertSingle(
            $"[Input({input})]\n[{layer}]\npublic partial class Net {{ }}",
            "SN0021", padding,
            $"Layer '{name}' ({kind}) cannot use Padding.Causal: causal padding is only defined for Conv1D; use Padding.Valid or Padding.Same");
    }

    [Fact]
    public void UndefinedPaddingOnConv1D_ReportsSN0019_ListingCausal() => DiagnosticTests.AssertSingle(
        """
        [Input(8, 2)]
        [Conv1D(4, 3, Padding = (Padding)7)]
        public partial class Net { }
        """,
        "SN0019", "Padding = (Padding)7",
        "Padding of layer 'conv1d_1' must be Padding.Valid, Padding.Same or Padding.Causal, but is 7");

    [Fact]
    public void SamePadding_AcceptsAWindowLargerThanTheInput()
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze("""
            using StaticNets;
            [Input(3, 3, 2)]
            [Conv2D(4, 5, Padding = Padding.Same)]
            [MaxPooling2D(4, Padding = Padding.Same)]
            public partial class Net { }
            """);
        Assert.Empty(analyzer);
        Assert.Empty(generator);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public void ReshapeCountMismatch_ReportsSN0017() => DiagnosticTests.AssertSingle(
        """
        [Input(784)]
        [Reshape(28, 27, 1)]
        public partial class Net { }
        """,
        "SN0017", "Reshape(28, 27, 1)",
        "Reshape layer 'reshape_1' cannot turn shape (784) of 784 values into (28, 27, 1): the new shape has 756 values");

    [Fact]
    public void ReshapeTwoInferred_ReportsSN0017() => DiagnosticTests.AssertSingle(
        """
        [Input(784)]
        [Reshape(-1, -1)]
        public partial class Net { }
        """,
        "SN0017", "Reshape(-1, -1)",
        "Reshape layer 'reshape_1' cannot turn shape (784) of 784 values into (-1, -1): only one dimension can be −1 (inferred)");

    [Fact]
    public void ReshapeInferredNotWhole_ReportsSN0017() => DiagnosticTests.AssertSingle(
        """
        [Input(10)]
        [Reshape(3, -1)]
        public partial class Net { }
        """,
        "SN0017", "Reshape(3, -1)",
        "Reshape layer 'reshape_1' cannot turn shape (10) of 10 values into (3, -1): 10 is not a multiple of 3, so −1 has no whole value");

    [Fact]
    public void ReshapeZeroDimension_ReportsSN0004_OnThatDimension() => DiagnosticTests.AssertSingle(
        """
        [Input(10)]
        [Reshape(10, 0)]
        public partial class Net { }
        """,
        "SN0004", "0",
        "Dimension 2 of Reshape layer 'reshape_1' (or −1, inferred) must be positive, but is 0");

    [Fact]
    public void Conv2DOnRankTwo_ReportsSN0018_WithTheChannelHint() => DiagnosticTests.AssertSingle(
        """
        [Input(28, 28)]
        [Conv2D(32, 3, Activation.Relu)]
        public partial class Net { }
        """,
        "SN0018", "Conv2D(32, 3, Activation.Relu)",
        "Layer 'conv2d_1' (Conv2D) needs samples of rank 3 (height, width, channels), but gets shape (28, 28); for single-channel images add the channel axis: (28, 28, 1), e.g. with [Reshape(28, 28, 1)]");

    [Fact]
    public void PoolingAfterFlatten_ReportsSN0018() => DiagnosticTests.AssertSingle(
        """
        [Input(8, 8, 1)]
        [Flatten]
        [MaxPooling2D]
        public partial class Net { }
        """,
        "SN0018", "MaxPooling2D",
        "Layer 'max_pooling2d_1' (MaxPooling2D) needs samples of rank 3 (height, width, channels), but gets shape (64); a Flatten or Dense before it has already made the samples flat");

    [Fact]
    public void Conv1DOnRankThree_ReportsSN0018() => DiagnosticTests.AssertSingle(
        """
        [Input(8, 8, 1)]
        [Conv1D(4, 3)]
        public partial class Net { }
        """,
        "SN0018", "Conv1D(4, 3)",
        "Layer 'conv1d_1' (Conv1D) needs samples of rank 2 (steps, channels), but gets shape (8, 8, 1)");

    [Theory]
    [InlineData("1.0", "1")]
    [InlineData("-0.1", "-0.1")]
    [InlineData("double.NaN", "NaN")]
    public void DropoutRateOutsideZeroToOne_ReportsSN0019_OnTheRate(string rate, string shown) => DiagnosticTests.AssertSingle(
        $$"""
        [Input(4)]
        [Dense(4, Activation.Relu)]
        [Dropout({{rate}})]
        [Dense(1)]
        public partial class Net { }
        """,
        "SN0019", rate,
        $"The rate of layer 'dropout_1' must be in [0, 1), but is {shown}");

    [Fact]
    public void BatchNormalizationMomentum_ReportsSN0019_OnTheNamedArgument() => DiagnosticTests.AssertSingle(
        """
        [Input(4)]
        [BatchNormalization(Momentum = 1.5)]
        public partial class Net { }
        """,
        "SN0019", "Momentum = 1.5",
        "Momentum of layer 'batch_normalization_1' must be in [0, 1], but is 1.5");

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-1e-3", "-0.001")]
    [InlineData("1e-50", "1E-50")]
    [InlineData("1e39", "1E+39")]
    [InlineData("double.NaN", "NaN")]
    public void LayerNormalizationEpsilon_ReportsSN0019_OnTheNamedArgument(string epsilon, string shown) => DiagnosticTests.AssertSingle(
        $$"""
        [Input(4, 3)]
        [LayerNormalization(Epsilon = {{epsilon}})]
        public partial class Net { }
        """,
        "SN0019", "Epsilon = " + epsilon,
        $"Epsilon of layer 'layer_normalization_1' must be positive and finite as a float (at most 3.4E+38), but is {shown}");

    [Fact]
    public void BatchNormalizationEpsilon_ReportsSN0019() => DiagnosticTests.AssertSingle(
        """
        [Input(4)]
        [BatchNormalization(Epsilon = 0)]
        public partial class Net { }
        """,
        "SN0019", "Epsilon = 0",
        "Epsilon of layer 'batch_normalization_1' must be positive and finite as a float (at most 3.4E+38), but is 0");

    [Fact]
    public void UndefinedPadding_ReportsSN0019() => DiagnosticTests.AssertSingle(
        """
        [Input(8, 8, 1)]
        [Conv2D(4, 3, Padding = (Padding)7)]
        public partial class Net { }
        """,
        "SN0019", "Padding = (Padding)7",
        "Padding of layer 'conv2d_1' must be Padding.Valid or Padding.Same, but is 7");

    [Theory]
    [InlineData("[Conv2D(0, 3)]", "0", "Filters of layer 'conv2d_1' must be positive, but is 0")]
    [InlineData("[Conv2D(4, 0)]", "0", "Kernel size of layer 'conv2d_1' must be positive, but is 0")]
    [InlineData("[Conv2D(4, 3, KernelHeight = -2)]", "KernelHeight = -2", "Kernel height of layer 'conv2d_1' must be positive, but is -2")]
    [InlineData("[Conv2D(4, 3, Strides = 0)]", "Strides = 0", "Strides of layer 'conv2d_1' must be positive, but is 0")]
    [InlineData("[Conv2DTranspose(0, 3)]", "0", "Filters of layer 'conv2d_transpose_1' must be positive, but is 0")]
    [InlineData("[Conv2DTranspose(4, -1)]", "-1", "Kernel size of layer 'conv2d_transpose_1' must be positive, but is -1")]
    [InlineData("[Conv2DTranspose(4, 3, KernelWidth = 0)]", "KernelWidth = 0", "Kernel width of layer 'conv2d_transpose_1' must be positive, but is 0")]
    [InlineData("[Conv2DTranspose(4, 3, StridesHeight = 0)]", "StridesHeight = 0", "StridesHeight of layer 'conv2d_transpose_1' must be positive, but is 0")]
    [InlineData("[MaxPooling2D(0)]", "0", "Pool size of layer 'max_pooling2d_1' must be positive, but is 0")]
    [InlineData("[AveragePooling2D(2, Strides = -1)]", "Strides = -1", "Strides of layer 'average_pooling2d_1' must be positive, but is -1")]
    public void NonPositiveWindowArguments_ReportSN0004_Once_OnTheArgument(string layer, string underlined, string message) => DiagnosticTests.AssertSingle(
        "[Input(8, 8, 1)]\n" + layer + "\npublic partial class Net { }",
        "SN0004", underlined, message);

    [Fact]
    public void ConvolutionParameterOverflow_ReportsSN0009()
    {
        var (_, analyzer, _) = GeneratorHarness.Analyze("""
            using StaticNets;
            [Input(4, 4, 60000)]
            [Conv2D(60000, 1)]
            public partial class Net { }
            """);
        Diagnostic diagnostic = Assert.Single(analyzer);
        Assert.Equal("SN0009", diagnostic.Id);
        Assert.Contains("The parameter count up to layer 'conv2d_1'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Input(4)]\n[Dense(2, KernelL1 = -0.5)]", "KernelL1 = -0.5", "KernelL1 of layer 'dense_1' must be at least 0 and finite as a float, but is -0.5")]
    [InlineData("[Input(4, 4, 1)]\n[Conv2D(2, 3, KernelL2 = double.NaN)]", "KernelL2 = double.NaN", "KernelL2 of layer 'conv2d_1' must be at least 0 and finite as a float, but is NaN")]
    [InlineData("[Input(6, 3)]\n[LSTM(2, KernelL2 = 1e39)]", "KernelL2 = 1e39", "KernelL2 of layer 'lstm_1' must be at least 0 and finite as a float, but is 1E+39")]
    [InlineData("[Input(6)]\n[Embedding(5, 2, KernelL1 = double.PositiveInfinity)]", "KernelL1 = double.PositiveInfinity", "KernelL1 of layer 'embedding_1' must be at least 0 and finite as a float, but is Infinity")]
    public void RegularizerFactorOutOfRange_ReportsSN0019_OnTheArgument(string declaration, string underlined, string message) => DiagnosticTests.AssertSingle(
        declaration + "\npublic partial class Net { }",
        "SN0019", underlined, message);

    [Theory]
    [InlineData("[Input(4, 4, 1)]\n[Conv2DTranspose(2, 3, Strides = int.MaxValue)]", "The output size of layer 'conv2d_transpose_1'")]
    [InlineData("[Input(300, 300, 1)]\n[Conv2DTranspose(2, 3, Strides = 100000, Padding = Padding.Same)]", "The output size of layer 'conv2d_transpose_1'")]
    [InlineData("[Input(64, 64, 64)]\n[Conv2DTranspose(256, 64)]", "The im2col buffer of layer 'conv2d_transpose_1'")]
    [InlineData("[Input(2, 2, 40000)]\n[Dense(33000)]\n[Conv2DTranspose(30000, 1)]", "The parameter count up to layer 'conv2d_transpose_1'")]
    public void TransposeSizesPastAnArray_ReportSN0009(string declaration, string what)
    {
        var (_, analyzer, _) = GeneratorHarness.Analyze("using StaticNets;\n" + declaration + "\npublic partial class Net { }");
        Diagnostic diagnostic = Assert.Single(analyzer);
        Assert.Equal("SN0009", diagnostic.Id);
        Assert.Contains(what, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DropoutLast_WarnsSN1003_AndStillGenerates()
    {
        DiagnosticTests.AssertSingle(
            """
            [Input(4)]
            [Dense(2)]
            [Dropout(0.5)]
            public partial class Net { }
            """,
            "SN1003", "Dropout(0.5)",
            "Dropout layer 'dropout_1' is the last layer: it does nothing at inference and only adds noise to the outputs the loss sees in training; put it before a hidden layer");
    }

    [Fact]
    public void BiasBeforeBatchNormalization_WarnsSN1004_OnTheBiasedLayer() => DiagnosticTests.AssertSingle(
        """
        [Input(8, 8, 1)]
        [Conv2D(4, 3)]
        [BatchNormalization]
        public partial class Net { }
        """,
        "SN1004", "Conv2D(4, 3)",
        "Layer 'conv2d_1' has a bias, but BatchNormalization layer 'batch_normalization_1' right after it subtracts the batch mean, so the bias never changes the output and its gradient is always 0; set UseBias = false");

    [Fact]
    public void ActivatedLayerBeforeBatchNormalization_DoesNotWarn()
    {
        // The bias passes through Tanh before the normalisation: it is not cancelled, so SN1004 must stay quiet.
        var (output, analyzer, generator) = GeneratorHarness.Analyze("""
            using StaticNets;
            [Input(6)]
            [Dense(4, Activation.Tanh)]
            [BatchNormalization]
            [Dense(1)]
            public partial class Net { }
            """);
        Assert.Empty(analyzer);
        Assert.Empty(generator);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public void ValidCnn_ReportsNothing_AndCompiles()
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze(Models.Cnn);
        Assert.Empty(analyzer);
        Assert.Empty(generator);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Theory]
    [InlineData("[Conv2D(4, 3, StridesHeight = 0)]", "StridesHeight = 0", "StridesHeight of layer 'conv2d_1' must be positive, but is 0")]
    [InlineData("[Conv2D(4, 3, StridesWidth = -3)]", "StridesWidth = -3", "StridesWidth of layer 'conv2d_1' must be positive, but is -3")]
    [InlineData("[MaxPooling2D(2, StridesHeight = 0)]", "StridesHeight = 0", "StridesHeight of layer 'max_pooling2d_1' must be positive, but is 0")]
    [InlineData("[UpSampling2D(0)]", "0", "Size of layer 'up_sampling2d_1' must be positive, but is 0")]
    public void NonPositiveNewArguments_ReportSN0004_OnTheArgument(string layer, string underlined, string message) => DiagnosticTests.AssertSingle(
        "[Input(8, 8, 1)]\n" + layer + "\npublic partial class Net { }",
        "SN0004", underlined, message);

    [Fact]
    public void UpSampling1DSizeZero_ReportsSN0004() => DiagnosticTests.AssertSingle(
        "[Input(8, 2)]\n[UpSampling1D(size: 0)]\npublic partial class Net { }",
        "SN0004", "size: 0", "Size of layer 'up_sampling1d_1' must be positive, but is 0");

    [Theory]
    [InlineData("[ZeroPadding2D(-1)]", "-1", "Padding of layer 'zero_padding2d_1' must be at least 0, but is -1")]
    [InlineData("[ZeroPadding2D(1, Left = -2)]", "Left = -2", "Left padding of layer 'zero_padding2d_1' must be at least 0, but is -2")]
    [InlineData("[Cropping2D(0, Bottom = -1)]", "Bottom = -1", "Bottom cropping of layer 'cropping2d_1' must be at least 0, but is -1")]
    public void NegativeBorder_ReportsSN0019_OnTheArgument(string layer, string underlined, string message) => DiagnosticTests.AssertSingle(
        "[Input(8, 8, 1)]\n" + layer + "\npublic partial class Net { }",
        "SN0019", underlined, message);

    [Fact]
    public void CroppingEveryRow_ReportsSN0020_OnTheCropping() => DiagnosticTests.AssertSingle(
        "[Input(5, 8, 1)]\n[Cropping2D(1, Top = 4)]\npublic partial class Net { }",
        "SN0020", "Top = 4",
        "Cropping2D layer 'cropping2d_1' removes 5 rows (top 4 + bottom 1), but its input has only 5; at least one must remain, so crop fewer");

    [Fact]
    public void CroppingEveryColumn_ReportsSN0020_OnTheCropping() => DiagnosticTests.AssertSingle(
        "[Input(8, 4, 1)]\n[Conv2D(2, 3)]\n[Cropping2D(1)]\npublic partial class Net { }",
        "SN0020", "1",
        "Cropping2D layer 'cropping2d_1' removes 2 columns (left 1 + right 1), but its input has only 2; at least one must remain, so crop fewer");

    [Theory]
    [InlineData("[UpSampling2D]", "UpSampling2D", "Layer 'up_sampling2d_1' (UpSampling2D) needs samples of rank 3 (height, width, channels), but gets shape (8, 3); for single-channel images add the channel axis: (8, 3, 1), e.g. with [Reshape(8, 3, 1)]")]
    [InlineData("[Conv2DTranspose(2, 3)]", "Conv2DTranspose(2, 3)", "Layer 'conv2d_transpose_1' (Conv2DTranspose) needs samples of rank 3 (height, width, channels), but gets shape (8, 3); for single-channel images add the channel axis: (8, 3, 1), e.g. with [Reshape(8, 3, 1)]")]
    [InlineData("[ZeroPadding2D(1)]", "ZeroPadding2D(1)", "Layer 'zero_padding2d_1' (ZeroPadding2D) needs samples of rank 3 (height, width, channels), but gets shape (8, 3); for single-channel images add the channel axis: (8, 3, 1), e.g. with [Reshape(8, 3, 1)]")]
    [InlineData("[Flatten]\n[UpSampling1D]", "UpSampling1D", "Layer 'up_sampling1d_1' (UpSampling1D) needs samples of rank 2 (steps, channels), but gets shape (24); for one channel add the channel axis: (24, 1), e.g. with [Reshape(24, 1)]")]
    [InlineData("[Flatten]\n[GlobalMaxPooling1D]", "GlobalMaxPooling1D", "Layer 'global_max_pooling1d_1' (GlobalMaxPooling1D) needs samples of rank 2 (steps, channels), but gets shape (24); for one channel add the channel axis: (24, 1), e.g. with [Reshape(24, 1)]")]
    public void NewLayerOnTheWrongRank_ReportsSN0018(string layers, string underlined, string message) => DiagnosticTests.AssertSingle(
        "[Input(8, 3)]\n" + layers + "\npublic partial class Net { }",
        "SN0018", underlined, message);

    [Theory]
    [InlineData("double.NaN", "The scale of layer 'rescaling_1' must be finite as a float (at most 3.4E+38 in size), but is NaN")]
    [InlineData("1e39", "The scale of layer 'rescaling_1' must be finite as a float (at most 3.4E+38 in size), but is 1E+39")]
    public void RescalingNotFinite_ReportsSN0019(string scale, string message) => DiagnosticTests.AssertSingle(
        $"[Input(4)]\n[Rescaling({scale})]\n[Dense(1)]\npublic partial class Net {{ }}",
        "SN0019", scale, message);

    [Fact]
    public void ActivationLayerWithUndefinedValue_ReportsSN0007() => DiagnosticTests.AssertSingle(
        "[Input(4)]\n[Activation((Activation)42)]\npublic partial class Net { }",
        "SN0007", "(Activation)42",
        "Activation value 42 of layer 'activation_1' is not a member of StaticNets.Activation; use a named member such as Activation.Relu");

    [Fact]
    public void SoftmaxLayerOnOneFeature_WarnsSN1001() => DiagnosticTests.AssertSingle(
        "[Input(4)]\n[Dense(1)]\n[Activation(Activation.Softmax)]\npublic partial class Net { }",
        "SN1001", "Activation.Softmax",
        "Layer 'activation_1' applies Softmax to a single unit, so it always outputs 1; use Activation.Sigmoid for one probability, or more units");

    [Fact]
    public void BatchNormalizationAfterAnActivationLayer_DoesNotWarn()
    {
        // Dense (linear, biased) → Activation(Relu) → BatchNormalization: the bias passes a non-linearity first.
        var (_, analyzer, generator) = GeneratorHarness.Analyze("using StaticNets;\n[Input(6)]\n[Dense(4)]\n[Activation(Activation.Relu)]\n[BatchNormalization]\n[Dense(1)]\npublic partial class Net { }");
        Assert.Empty(analyzer);
        Assert.Empty(generator);
    }
}
