namespace StaticNets.Generator.Tests;

/// <summary>The sequence layers' diagnostics (Embedding, recurrent layers, Bidirectional, masks): each on the argument at fault.</summary>
public class SequenceDiagnosticTests
{
    [Fact]
    public void LstmOnFlatSamples_ReportsSN0018_WithTheFeatureAxisHint() => DiagnosticTests.AssertSingle(
        """
        [Input(28)]
        [LSTM(16)]
        public partial class Net { }
        """,
        "SN0018", "LSTM(16)",
        "Layer 'lstm_1' (LSTM) needs samples of rank 2 (steps, channels), but gets shape (28); for one channel add the channel axis: (28, 1), e.g. with [Reshape(28, 1)]");

    [Fact]
    public void GruOnImages_ReportsSN0018() => DiagnosticTests.AssertSingle(
        """
        [Input(28, 28, 1)]
        [GRU(16)]
        public partial class Net { }
        """,
        "SN0018", "GRU(16)",
        "Layer 'gru_1' (GRU) needs samples of rank 2 (steps, channels), but gets shape (28, 28, 1)");

    [Fact]
    public void StackedLstmWithoutReturnSequences_ReportsSN0018_OnTheSecond() => DiagnosticTests.AssertSingle(
        """
        [Input(10, 3)]
        [LSTM(8)]
        [LSTM(4)]
        public partial class Net { }
        """,
        "SN0018", "LSTM(4)",
        "Layer 'lstm_2' (LSTM) needs samples of rank 2 (steps, channels), but gets shape (8); for one channel add the channel axis: (8, 1), e.g. with [Reshape(8, 1)]");

    [Fact]
    public void ZeroUnits_ReportsSN0004_OnTheUnits() => DiagnosticTests.AssertSingle(
        """
        [Input(10, 3)]
        [SimpleRNN(0)]
        public partial class Net { }
        """,
        "SN0004", "0",
        "Units of layer 'simple_rnn_1' must be positive, but is 0");

    [Fact]
    public void UnknownRecurrentActivation_ReportsSN0007_OnIt() => DiagnosticTests.AssertSingle(
        """
        [Input(10, 3)]
        [GRU(4, RecurrentActivation = (Activation)99)]
        public partial class Net { }
        """,
        "SN0007", "RecurrentActivation = (Activation)99",
        "Activation value 99 of layer 'gru_1' is not a member of StaticNets.Activation; use a named member such as Activation.Relu");

    [Fact]
    public void EmbeddingWithoutVocabulary_ReportsSN0004_OnInputDim() => DiagnosticTests.AssertSingle(
        """
        [Input(10)]
        [Embedding(0, 4)]
        public partial class Net { }
        """,
        "SN0004", "0",
        "InputDim of layer 'embedding_1' must be positive, but is 0");

    [Fact]
    public void EmbeddingAfterDense_ReportsSN0023_OnTheEmbedding() => DiagnosticTests.AssertSingle(
        """
        [Input(10)]
        [Dense(10)]
        [Embedding(100, 4)]
        public partial class Net { }
        """,
        "SN0023", "Embedding(100, 4)",
        "Embedding layer 'embedding_1' must be the first layer: it turns the network's input ids into vectors, and no layer before it can produce ids");

    [Fact]
    public void BidirectionalBeforeDense_ReportsSN0022_OnTheBidirectional() => DiagnosticTests.AssertSingle(
        """
        [Input(10, 3)]
        [Bidirectional]
        [Dense(4)]
        [LSTM(4)]
        public partial class Net { }
        """,
        "SN0022", "Bidirectional",
        "Bidirectional layer 'bidirectional_1' must be directly followed by the recurrent layer it wraps ([SimpleRNN], [LSTM] or [GRU]), but the next attribute is [Dense]");

    [Fact]
    public void BidirectionalLast_ReportsSN0022() => DiagnosticTests.AssertSingle(
        """
        [Input(10, 3)]
        [LSTM(4, ReturnSequences = true)]
        [Bidirectional(MergeMode.Sum)]
        public partial class Net { }
        """,
        "SN0022", "Bidirectional(MergeMode.Sum)",
        "Bidirectional layer 'bidirectional_1' must be directly followed by the recurrent layer it wraps ([SimpleRNN], [LSTM] or [GRU]), but it is the last attribute");

    [Fact]
    public void BidirectionalOverGoBackwards_ReportsSN0024_OnGoBackwards() => DiagnosticTests.AssertSingle(
        """
        [Input(10, 3)]
        [Bidirectional]
        [GRU(4, GoBackwards = true)]
        public partial class Net { }
        """,
        "SN0024", "GoBackwards = true",
        "Recurrent layer 'gru_1' wrapped by Bidirectional layer 'bidirectional_1' sets GoBackwards; Bidirectional runs the backward copy itself, so remove GoBackwards");

    [Fact]
    public void BidirectionalWrappedLayerError_IsReportedOnTheWrappedLayer() => DiagnosticTests.AssertSingle(
        """
        [Input(10, 3)]
        [Bidirectional]
        [LSTM(-2)]
        public partial class Net { }
        """,
        "SN0004", "-2",
        "Units of layer 'lstm_1' must be positive, but is -2");

    [Fact]
    public void MergeModeOutOfRange_ReportsSN0019_OnIt() => DiagnosticTests.AssertSingle(
        """
        [Input(10, 3)]
        [Bidirectional((MergeMode)7)]
        [LSTM(2)]
        public partial class Net { }
        """,
        "SN0019", "(MergeMode)7",
        "MergeMode of layer 'bidirectional_1' must be MergeMode.Concat, Sum, Mul or Ave, but is 7");

    [Fact]
    public void MaskDroppedByFlatten_WarnsSN1005_OnMaskZero() => DiagnosticTests.AssertSingle(
        """
        [Input(12)]
        [Embedding(50, 4, MaskZero = true)]
        [Flatten]
        [Dense(1)]
        public partial class Net { }
        """,
        "SN1005", "MaskZero = true",
        "Embedding layer 'embedding_1' masks id 0 (MaskZero), but layer 'flatten_1' (Flatten) drops it before any layer uses it, so the mask changes nothing; remove MaskZero or put a recurrent layer or GlobalAveragePooling1D where the mask reaches it");

    [Fact]
    public void MaskReachingOnlyDense_WarnsSN1005() => DiagnosticTests.AssertSingle(
        """
        [Input(12)]
        [Embedding(50, 4, MaskZero = true)]
        [Dense(3)]
        public partial class Net { }
        """,
        "SN1005", "MaskZero = true",
        "Embedding layer 'embedding_1' masks id 0 (MaskZero), but no layer after it uses the mask, so the mask changes nothing; remove MaskZero or put a recurrent layer or GlobalAveragePooling1D where the mask reaches it");

    [Fact]
    public void MaskUsedThroughDenseAndDropout_IsSilent()
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze("""
            using StaticNets;
            [Input(12)]
            [Embedding(50, 4, MaskZero = true)]
            [Dense(8, Activation.Relu)]
            [Dropout(0.2)]
            [LSTM(4)]
            [Dense(1)]
            public partial class Net { }
            """);
        Assert.Empty(analyzer);
        Assert.Empty(generator);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public void DenseOnASequence_DoesNotWarnSN1002()
    {
        var (output, analyzer, generator) = GeneratorHarness.Analyze("""
            using StaticNets;
            [Input(12, 3)]
            [LSTM(8, ReturnSequences = true)]
            [Dense(4)]
            [Dense(1)]
            public partial class Net { }
            """);
        Assert.Empty(analyzer);
        Assert.Empty(generator);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }
}
