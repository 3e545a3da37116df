using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Each id has a page at <c>generator/docs/diagnostics/SNxxxx.md</c>
/// and a line in <c>AnalyzerReleases.Unshipped.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Shape = "StaticNets.Shape";
    private const string Usage = "StaticNets.Usage";
    private const string HelpRoot = "https://github.com/staticnets/staticnets/blob/main/generator/docs/diagnostics/";

    /// <summary>SN0001: <c>Network '{0}' has layers but no [Input]; add [Input(...)] with the shape of one sample above '{1}'</c>.</summary>
    public static readonly DiagnosticDescriptor MissingInput = Create(
        "SN0001", Shape, "Network has no [Input]",
        "Network '{0}' has layers but no [Input]; add [Input(...)] with the shape of one sample above '{1}'");

    /// <summary>SN0002: <c>Network '{0}' declares [Input] more than once; keep exactly one</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateInput = Create(
        "SN0002", Shape, "Network declares [Input] more than once",
        "Network '{0}' declares [Input] more than once; keep exactly one");

    /// <summary>SN0003: <c>[Input] of network '{0}' must come before its layers; move it above '{1}'</c>.</summary>
    public static readonly DiagnosticDescriptor InputNotFirst = Create(
        "SN0003", Shape, "[Input] is not the first attribute",
        "[Input] of network '{0}' must come before its layers; move it above '{1}'");

    /// <summary>SN0004: <c>{0} must be positive, but is {1}</c>.</summary>
    public static readonly DiagnosticDescriptor NonPositiveSize = Create(
        "SN0004", Shape, "Size is not positive",
        "{0} must be positive, but is {1}");

    /// <summary>SN0005: <c>Network class '{0}' must be declared partial so that the generator can add its members</c>.</summary>
    public static readonly DiagnosticDescriptor NotPartial = Create(
        "SN0005", Usage, "Network class is not partial",
        "Network class '{0}' must be declared partial so that the generator can add its members");

    /// <summary>SN0006: <c>Network class '{0}' must not be generic: its sizes and code are fixed at compile time</c>.</summary>
    public static readonly DiagnosticDescriptor GenericClass = Create(
        "SN0006", Usage, "Network class is generic",
        "Network class '{0}' must not be generic: its sizes and code are fixed at compile time");

    /// <summary>SN0007: <c>Activation value {0} of layer '{1}' is not a member of StaticNets.Activation; use a named member such as Activation.Relu</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownActivation = Create(
        "SN0007", Usage, "Unknown activation",
        "Activation value {0} of layer '{1}' is not a member of StaticNets.Activation; use a named member such as Activation.Relu");

    /// <summary>SN0008: <c>[Input] of network '{0}' needs at least one dimension, e.g. [Input(784)] or [Input(28, 28, 1)]</c>.</summary>
    public static readonly DiagnosticDescriptor EmptyInputShape = Create(
        "SN0008", Shape, "[Input] has no dimensions",
        "[Input] of network '{0}' needs at least one dimension, e.g. [Input(784)] or [Input(28, 28, 1)]");

    /// <summary>SN0009: <c>{0} of network '{1}' is {2}, more than the {3} that fit in one .NET array; use smaller layers</c>.</summary>
    public static readonly DiagnosticDescriptor SizeOverflow = Create(
        "SN0009", Shape, "Size too large for an array",
        "{0} of network '{1}' is {2}, more than the {3} that fit in one .NET array; use smaller layers");

    /// <summary>SN0010: <c>Network class '{0}' must not be static: networks are instances that own their weights</c>.</summary>
    public static readonly DiagnosticDescriptor StaticClass = Create(
        "SN0010", Usage, "Network class is static",
        "Network class '{0}' must not be static: networks are instances that own their weights");

    /// <summary>SN0011: <c>Network class '{0}' is nested in '{1}', which must also be declared partial</c>.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "SN0011", Usage, "Containing type is not partial",
        "Network class '{0}' is nested in '{1}', which must also be declared partial");

    /// <summary>SN0012: <c>Layer name '{0}' is used more than once in network '{1}'; Keras requires unique layer names</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateLayerName = Create(
        "SN0012", Usage, "Duplicate layer name",
        "Layer name '{0}' is used more than once in network '{1}'; Keras requires unique layer names");

    /// <summary>SN0013: <c>The attributes of network '{0}' are spread over several partial declarations, so their order is undefined; put [Input] and all layers on one declaration</c>.</summary>
    public static readonly DiagnosticDescriptor SplitDeclaration = Create(
        "SN0013", Usage, "Layers are split across partial declarations",
        "The attributes of network '{0}' are spread over several partial declarations, so their order is undefined; put [Input] and all layers on one declaration");

    /// <summary>SN0014: <c>Layer name must not be empty or white space; remove Name to get the default '{0}'</c>.</summary>
    public static readonly DiagnosticDescriptor EmptyLayerName = Create(
        "SN0014", Usage, "Empty layer name",
        "Layer name must not be empty or white space; remove Name to get the default '{0}'");

    /// <summary>SN0015: <c>{0} expects {1} values in '{2}' ({3}), but this argument has {4}</c>.</summary>
    public static readonly DiagnosticDescriptor WrongArgumentLength = Create(
        "SN0015", Usage, "Argument length does not fit the network",
        "{0} expects {1} values in '{2}' ({3}), but this argument has {4}");

    /// <summary>SN0016: <c>The {0} window of layer '{1}' ({2}) is larger than its {3} input ({4}) with Padding.Valid, so the output would have {5} {6}; use a smaller window, Padding.Same, or a larger input</c>.</summary>
    public static readonly DiagnosticDescriptor WindowLargerThanInput = Create(
        "SN0016", Shape, "Window larger than its input",
        "The {0} window of layer '{1}' ({2}) is larger than its {3} input ({4}) with Padding.Valid, so the output would have {5} {6}; use a smaller window, Padding.Same, or a larger input");

    /// <summary>SN0017: <c>Reshape layer '{0}' cannot turn shape ({1}) of {2} values into ({3}): {4}</c>.</summary>
    public static readonly DiagnosticDescriptor ReshapeMismatch = Create(
        "SN0017", Shape, "Reshape does not keep the element count",
        "Reshape layer '{0}' cannot turn shape ({1}) of {2} values into ({3}): {4}");

    /// <summary>SN0018: <c>Layer '{0}' ({1}) needs samples of rank {2} ({3}), but gets shape ({4}){5}</c>.</summary>
    public static readonly DiagnosticDescriptor WrongInputRank = Create(
        "SN0018", Shape, "Layer gets an input of the wrong rank",
        "Layer '{0}' ({1}) needs samples of rank {2} ({3}), but gets shape ({4}){5}");

    /// <summary>SN0019: <c>{0} of layer '{1}' must be {2}, but is {3}</c>.</summary>
    public static readonly DiagnosticDescriptor ArgumentOutOfRange = Create(
        "SN0019", Usage, "Layer argument out of range",
        "{0} of layer '{1}' must be {2}, but is {3}");

    /// <summary>SN0020: <c>Cropping2D layer '{0}' removes {1} {4} ({2}), but its input has only {3}; at least one must remain, so crop fewer</c>.</summary>
    public static readonly DiagnosticDescriptor CroppingLeavesNothing = Create(
        "SN0020", Shape, "Cropping leaves nothing",
        "Cropping2D layer '{0}' removes {1} {4} ({2}), but its input has only {3}; at least one must remain, so crop fewer");

    /// <summary>SN0021: <c>Layer '{0}' ({1}) cannot use Padding.Causal: causal padding is only defined for Conv1D; use Padding.Valid or Padding.Same</c>.</summary>
    public static readonly DiagnosticDescriptor CausalPaddingOutsideConv1D = Create(
        "SN0021", Usage, "Causal padding outside Conv1D",
        "Layer '{0}' ({1}) cannot use Padding.Causal: causal padding is only defined for Conv1D; use Padding.Valid or Padding.Same");

    /// <summary>SN0022: <c>Bidirectional layer '{0}' must be directly followed by the recurrent layer it wraps ([SimpleRNN], [LSTM] or [GRU]){1}</c>.</summary>
    public static readonly DiagnosticDescriptor BidirectionalWithoutRecurrent = Create(
        "SN0022", Usage, "Bidirectional is not followed by a recurrent layer",
        "Bidirectional layer '{0}' must be directly followed by the recurrent layer it wraps ([SimpleRNN], [LSTM] or [GRU]){1}");

    /// <summary>SN0023: <c>Embedding layer '{0}' must be the first layer: it turns the network's input ids into vectors, and no layer before it can produce ids</c>.</summary>
    public static readonly DiagnosticDescriptor EmbeddingNotFirst = Create(
        "SN0023", Shape, "Embedding is not the first layer",
        "Embedding layer '{0}' must be the first layer: it turns the network's input ids into vectors, and no layer before it can produce ids");

    /// <summary>SN0024: <c>Recurrent layer '{0}' wrapped by Bidirectional layer '{1}' sets GoBackwards; Bidirectional runs the backward copy itself, so remove GoBackwards</c>.</summary>
    public static readonly DiagnosticDescriptor BidirectionalGoBackwards = Create(
        "SN0024", Usage, "Bidirectional wraps a GoBackwards layer",
        "Recurrent layer '{0}' wrapped by Bidirectional layer '{1}' sets GoBackwards; Bidirectional runs the backward copy itself, so remove GoBackwards");
    /// <summary>SN1001: <c>Layer '{0}' applies Softmax to a single unit, so it always outputs 1; use Activation.Sigmoid for one probability, or more units</c>.</summary>
    public static readonly DiagnosticDescriptor SoftmaxOnSingleUnit = Create(
        "SN1001", Usage, "Softmax on a single unit",
        "Layer '{0}' applies Softmax to a single unit, so it always outputs 1; use Activation.Sigmoid for one probability, or more units",
        DiagnosticSeverity.Warning);

    /// <summary>SN1002: <c>Layer '{0}' gets samples of shape ({1}) and, as in Keras, is applied to each of the {2} positions of the leading axes; if you meant one vector per sample, put [Flatten] before it or declare the input flat ([Input({3})])</c>.</summary>
    public static readonly DiagnosticDescriptor DensePerPosition = Create(
        "SN1002", Usage, "Dense applied per position of a rank > 1 input",
        "Layer '{0}' gets samples of shape ({1}) and, as in Keras, is applied to each of the {2} positions of the leading axes; if you meant one vector per sample, put [Flatten] before it or declare the input flat ([Input({3})])",
        DiagnosticSeverity.Warning);

    /// <summary>SN1003: <c>Dropout layer '{0}' is the last layer: it does nothing at inference and only adds noise to the outputs the loss sees in training; put it before a hidden layer</c>.</summary>
    public static readonly DiagnosticDescriptor DropoutLast = Create(
        "SN1003", Usage, "Dropout is the last layer",
        "Dropout layer '{0}' is the last layer: it does nothing at inference and only adds noise to the outputs the loss sees in training; put it before a hidden layer",
        DiagnosticSeverity.Warning);

    /// <summary>SN1004: <c>Layer '{0}' has a bias, but BatchNormalization layer '{1}' right after it subtracts the batch mean, so the bias never changes the output and its gradient is always 0; set UseBias = false</c>.</summary>
    public static readonly DiagnosticDescriptor BiasBeforeBatchNormalization = Create(
        "SN1004", Usage, "Bias before BatchNormalization",
        "Layer '{0}' has a bias, but BatchNormalization layer '{1}' right after it subtracts the batch mean, so the bias never changes the output and its gradient is always 0; set UseBias = false",
        DiagnosticSeverity.Warning);

    /// <summary>SN1005: <c>Embedding layer '{0}' masks id 0 (MaskZero), but {1}, so the mask changes nothing; remove MaskZero or put a recurrent layer or GlobalAveragePooling1D where the mask reaches it</c>.</summary>
    public static readonly DiagnosticDescriptor UnusedMask = Create(
        "SN1005", Usage, "The Embedding's mask reaches no layer that uses it",
        "Embedding layer '{0}' masks id 0 (MaskZero), but {1}, so the mask changes nothing; remove MaskZero or put a recurrent layer or GlobalAveragePooling1D where the mask reaches it",
        DiagnosticSeverity.Warning);

    /// <summary>SN9999: <c>StaticNets could not process network '{0}' ({1}); please report this with the declaration</c>.</summary>
    public static readonly DiagnosticDescriptor InternalError = Create(
        "SN9999", Usage, "Internal generator error",
        "StaticNets could not process network '{0}' ({1}); please report this with the declaration");

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new()
    {
        [MissingInput.Id] = MissingInput,
        [DuplicateInput.Id] = DuplicateInput,
        [InputNotFirst.Id] = InputNotFirst,
        [NonPositiveSize.Id] = NonPositiveSize,
        [NotPartial.Id] = NotPartial,
        [GenericClass.Id] = GenericClass,
        [UnknownActivation.Id] = UnknownActivation,
        [EmptyInputShape.Id] = EmptyInputShape,
        [SizeOverflow.Id] = SizeOverflow,
        [StaticClass.Id] = StaticClass,
        [ContainingTypeNotPartial.Id] = ContainingTypeNotPartial,
        [DuplicateLayerName.Id] = DuplicateLayerName,
        [SplitDeclaration.Id] = SplitDeclaration,
        [EmptyLayerName.Id] = EmptyLayerName,
        [WrongArgumentLength.Id] = WrongArgumentLength,
        [WindowLargerThanInput.Id] = WindowLargerThanInput,
        [ReshapeMismatch.Id] = ReshapeMismatch,
        [WrongInputRank.Id] = WrongInputRank,
        [ArgumentOutOfRange.Id] = ArgumentOutOfRange,
        [CroppingLeavesNothing.Id] = CroppingLeavesNothing,
        [CausalPaddingOutsideConv1D.Id] = CausalPaddingOutsideConv1D,
        [BidirectionalWithoutRecurrent.Id] = BidirectionalWithoutRecurrent,
        [EmbeddingNotFirst.Id] = EmbeddingNotFirst,
        [BidirectionalGoBackwards.Id] = BidirectionalGoBackwards,
        [SoftmaxOnSingleUnit.Id] = SoftmaxOnSingleUnit,
        [DensePerPosition.Id] = DensePerPosition,
        [DropoutLast.Id] = DropoutLast,
        [BiasBeforeBatchNormalization.Id] = BiasBeforeBatchNormalization,
        [UnusedMask.Id] = UnusedMask,
        [InternalError.Id] = InternalError,
    };

    /// <summary>All descriptors, for tests and docs.</summary>
    public static IReadOnlyCollection<DiagnosticDescriptor> All => s_byId.Values;

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Create(
        string id, string category, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error) => new(
        id,
        title,
        message,
        category,
        severity,
        isEnabledByDefault: true,
        helpLinkUri: HelpRoot + id + ".md");
}
