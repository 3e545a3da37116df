using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Parsing;

/// <summary>
/// What a layer kind's <c>Build</c> sees: its arguments, its name, the shape it receives (null when an earlier error
/// leaves it unknown: then only the layer's own arguments are checked) and where its weights start; and the checks
/// and diagnostics every kind shares, each put on the argument at fault.
/// </summary>
internal sealed class LayerContext
{
    /// <summary>Largest weight count: .NET's largest float array (0x7FFFFFC7) less the generated storage's slack.</summary>
    public const long MaxParameters = 0x7FFFFFC7L - 16;

    /// <summary>Largest floats in one sample at any layer: the forward pass keeps two such buffers (plus slack) in one array.</summary>
    public const long MaxSampleSize = (0x7FFFFFC7L - 64) / 2;

    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly int _start;

    public LayerContext(string networkName, string name, LayerArguments arguments, EquatableArray<int>? input, long offset, List<DiagnosticInfo> diagnostics, bool isFirst = false, LayerSpec? wrapped = null)
    {
        (NetworkName, Name, Arguments, Input, Offset, _diagnostics, IsFirst, Wrapped) = (networkName, name, arguments, input, offset, diagnostics, isFirst, wrapped);
        _start = diagnostics.Count;
    }

    /// <summary>Whether the layer is the network's first (Embedding must be).</summary>
    public bool IsFirst { get; }

    /// <summary>The checked layer a wrapper (Bidirectional) wraps: the attribute right after it, or null.</summary>
    public LayerSpec? Wrapped { get; }

    public string NetworkName { get; }

    /// <summary>The layer's Summary name (<c>dense_1</c> or the user's).</summary>
    public string Name { get; }

    public LayerArguments Arguments { get; }

    /// <summary>The shape of one sample entering the layer, or null when it is unknown.</summary>
    public EquatableArray<int>? Input { get; }

    /// <summary>Where the layer's weights start in <c>Parameters</c>.</summary>
    public long Offset { get; }

    /// <summary>Whether this layer has reported an error.</summary>
    public bool HasErrors => _diagnostics.Count > _start;

    /// <summary>The input shape when the layer can go on to infer its output: its arguments are fine and its input known.</summary>
    public bool CanInfer(out EquatableArray<int> input)
    {
        input = Input ?? default;
        return !HasErrors && Input is not null;
    }

    public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location ?? Arguments.Location, arguments));

    /// <summary>SN0004 unless <paramref name="value"/> is positive: <c>Units of layer 'dense_1' must be positive, but is 0</c>.</summary>
    public bool Positive(Argument<int> value, string what)
    {
        if (value.Value > 0)
        {
            return true;
        }

        Report(DiagnosticDescriptors.NonPositiveSize, value.Location, $"{what} of layer '{Name}'", Numbers.WithSeparators(value.Value));
        return false;
    }

    /// <summary>SN0019 unless <paramref name="value"/> is 0 or more.</summary>
    public bool NotNegative(Argument<int> value, string what)
    {
        if (value.Value >= 0)
        {
            return true;
        }

        OutOfRange(what, "at least 0", Numbers.WithSeparators(value.Value), value.Location);
        return false;
    }

    /// <summary>SN0007 unless <paramref name="activation"/> is a member of <c>StaticNets.Activation</c>.</summary>
    public bool KnownActivation(Argument<int> activation)
    {
        if (System.Enum.IsDefined(typeof(Activation), activation.Value))
        {
            return true;
        }

        Report(DiagnosticDescriptors.UnknownActivation, activation.Location, Numbers.WithSeparators(activation.Value), Name);
        return false;
    }

    /// <summary>SN0019 unless <paramref name="padding"/> is one of <paramref name="allowed"/> (listed as "A, B or C").</summary>
    public bool KnownPadding(Argument<int> padding, params Padding[] allowed)
    {
        foreach (Padding member in allowed)
        {
            if (padding.Value == (int)member)
            {
                return true;
            }
        }

        string[] names = System.Array.ConvertAll(allowed, m => "Padding." + m);
        string range = names.Length < 2 ? string.Concat(names) : string.Join(", ", names, 0, names.Length - 1) + " or " + names[names.Length - 1];
        OutOfRange("Padding", range, padding.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), padding.Location);
        return false;
    }

    /// <summary>SN0019: <c>{what} of layer '{name}' must be {range}, but is {value}</c>.</summary>
    public void OutOfRange(string what, string range, string value, LocationInfo? location)
        => Report(DiagnosticDescriptors.ArgumentOutOfRange, location, what, Name, range, value);

    /// <summary>
    /// SN0018 unless the input has <paramref name="rank"/> axes (2: steps, channels; 3: height, width, channels), with a
    /// hint for the usual mistakes (a missing channel axis, a Flatten too early).
    /// </summary>
    public bool RequireRank(EquatableArray<int> input, int rank, string kind)
    {
        if (input.Count == rank)
        {
            return true;
        }

        Report(
            DiagnosticDescriptors.WrongInputRank,
            Arguments.Location,
            Name,
            kind,
            rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
            rank == 2 ? "steps, channels" : "height, width, channels",
            Shapes.Join(input),
            RankHint(rank, input));
        return false;
    }

    /// <summary>SN0009: a size past what one .NET array holds; returns null for the caller to return.</summary>
    public LayerSpec? Overflow(string what, long value, long limit)
    {
        Report(DiagnosticDescriptors.SizeOverflow, Arguments.Location, what, NetworkName, Numbers.WithSeparators(value), Numbers.WithSeparators(limit));
        return null;
    }

    /// <summary>The layer's place with <paramref name="outputShape"/> (checked by <see cref="Finish"/>).</summary>
    public LayerPlace Place(EquatableArray<int> input, params int[] outputShape)
        => new(Name, input, outputShape.ToEquatableArray(), (int)Offset);

    /// <summary>
    /// Checks what every layer must fit (its output in one array, the weights up to it in one array) and returns the
    /// layer, or null after an SN0009. The counts are taken in 64 bits, saturating, since the ints may not fit yet.
    /// </summary>
    public LayerSpec? Finish(LayerSpec layer)
    {
        long outputSize = Shapes.SaturatingProduct(layer.OutputShape);
        if (outputSize > MaxSampleSize)
        {
            return Overflow($"The output size of layer '{Name}'", outputSize, MaxSampleSize);
        }

        long parameters = 0;
        foreach (WeightSpec weight in layer.Weights())
        {
            parameters = System.Math.Min(long.MaxValue / 2, parameters + weight.SaturatingLength);
        }

        if (parameters > MaxParameters || Offset + parameters > MaxParameters)
        {
            return Overflow($"The parameter count up to layer '{Name}'", Offset + parameters, MaxParameters);
        }

        return layer;
    }

    private static string RankHint(int rank, EquatableArray<int> input)
    {
        if (rank == 3 && input.Count == 2)
        {
            return $"; for single-channel images add the channel axis: ({input[0]}, {input[1]}, 1), e.g. with [Reshape({input[0]}, {input[1]}, 1)]";
        }

        if (rank == 2 && input.Count == 1)
        {
            return $"; for one channel add the channel axis: ({input[0]}, 1), e.g. with [Reshape({input[0]}, 1)]";
        }

        return input.Count == 1 ? "; a Flatten or Dense before it has already made the samples flat" : "";
    }
}

/// <summary>What a layer's <c>Lint</c> sees: its neighbours, the arguments as written, and where warnings go.</summary>
internal sealed class LintContext
{
    private readonly List<DiagnosticInfo> _diagnostics;

    public LintContext(LayerSpec? previous, LayerArguments? previousArguments, LayerArguments arguments, bool isLast, List<DiagnosticInfo> diagnostics)
        => (Previous, PreviousArguments, Arguments, IsLast, _diagnostics) = (previous, previousArguments, arguments, isLast, diagnostics);

    public LayerSpec? Previous { get; }

    public LayerArguments? PreviousArguments { get; }

    public LayerArguments Arguments { get; }

    public bool IsLast { get; }

    public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location ?? Arguments.Location, arguments));
}
