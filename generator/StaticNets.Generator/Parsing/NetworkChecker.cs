using System.Collections.Generic;
using System.Linq;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Parsing;

/// <summary>A layer attribute found on the class: what was written, and its kind (null when the generator does not know it).</summary>
internal sealed record DeclaredLayer(LayerArguments Arguments, LayerKind? Kind);

/// <summary>The checker's result: the layers when every one is valid, and the input shape when that is.</summary>
internal sealed record CheckedNetwork(EquatableArray<LayerSpec>? Layers, EquatableArray<int>? Input, EquatableArray<string> Names);

/// <summary>
/// The checking frame: the input shape, the layers' names, then each layer in turn through its kind's <c>Build</c>,
/// which checks its arguments and infers its output from the shape before it; then each valid layer's warnings.
/// What a layer means lives in its type, not here. Free of Roslyn types, so the generator and the analyzers share it.
/// </summary>
internal static class NetworkChecker
{
    public static CheckedNetwork Check(string networkName, Argument<int>[] inputShape, LocationInfo? inputLocation, IReadOnlyList<DeclaredLayer> layers, List<DiagnosticInfo> diagnostics)
    {
        int errorsBefore = diagnostics.Count;
        EquatableArray<int>? input = CheckInput(networkName, inputShape, inputLocation, diagnostics);
        string[] names = AssignNames(layers, diagnostics, networkName);

        var built = new List<LayerSpec>(layers.Count);
        var builtFrom = new List<DeclaredLayer>(layers.Count);
        EquatableArray<int>? shape = input;
        long offset = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            DeclaredLayer declared = layers[i];
            if (declared.Kind is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InternalError,
                    declared.Arguments.Location,
                    networkName,
                    $"this version of the generator does not know the layer attribute [{declared.Arguments.AttributeName}]; the StaticNets runtime and generator must come from the same package"));
                shape = null;
                continue;
            }

            // A wrapper (Bidirectional) takes the recurrent layer declared right after it: that one is built first, with
            // the shape and weights the pair starts from, and is part of the wrapper rather than a layer of its own.
            int at = i;
            LayerSpec? wrapped = null;
            if (declared.Kind.Role == LayerRole.Wrapper)
            {
                bool wraps = TryWrap(networkName, names, layers, at, shape, offset, diagnostics, out wrapped);
                if (at + 1 < layers.Count && layers[at + 1].Kind?.Role == LayerRole.Recurrent)
                {
                    i++;
                }

                if (!wraps)
                {
                    shape = null;
                    continue;
                }
            }

            // With an unknown input shape (an earlier error), a layer checks its own arguments only.
            var context = new LayerContext(networkName, names[at], declared.Arguments, shape, offset, diagnostics, isFirst: at == 0, wrapped);
            LayerSpec? layer = declared.Kind.Build(declared.Arguments, context);
            if (layer is null || context.HasErrors)
            {
                shape = null;
                continue;
            }

            built.Add(layer);
            builtFrom.Add(declared);
            shape = layer.OutputShape;
            offset += layer.ParameterCount;
        }

        if (HasErrorsSince(diagnostics, errorsBefore))
        {
            return new CheckedNetwork(null, input, names.ToEquatableArray());
        }

        Lint(built, builtFrom, diagnostics);
        SequenceMasks.Lint(built, builtFrom, diagnostics);
        return new CheckedNetwork(built.ToEquatableArray(), input, names.ToEquatableArray());
    }

    /// <summary>
    /// Builds the layer a wrapper at <paramref name="index"/> wraps (SN0022 when the next attribute is not recurrent,
    /// SN0024 when it goes backwards itself); false after an error.
    /// </summary>
    private static bool TryWrap(string networkName, string[] names, IReadOnlyList<DeclaredLayer> layers, int index, EquatableArray<int>? shape, long offset, List<DiagnosticInfo> diagnostics, out LayerSpec? wrapped)
    {
        wrapped = null;
        DeclaredLayer wrapper = layers[index];
        if (index + 1 >= layers.Count || layers[index + 1].Kind is not { Role: LayerRole.Recurrent } kind)
        {
            string found = index + 1 >= layers.Count ? ", but it is the last attribute" : Invariant.Text($", but the next attribute is [{layers[index + 1].Arguments.AttributeName.Replace("Attribute", "")}]");
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BidirectionalWithoutRecurrent, wrapper.Arguments.Location, names[index], found));
            return false;
        }

        DeclaredLayer inner = layers[index + 1];
        var context = new LayerContext(networkName, names[index + 1], inner.Arguments, shape, offset, diagnostics);
        wrapped = kind.Build(inner.Arguments, context);
        Argument<bool> backwards = inner.Arguments.Named("GoBackwards", false);
        if (backwards.Value)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BidirectionalGoBackwards, backwards.Location ?? inner.Arguments.Location, names[index + 1], names[index]));
            return false;
        }

        return wrapped is not null && !context.HasErrors;
    }

    /// <summary>The input shape when every dimension is positive and the sample fits; otherwise null after an error.</summary>
    private static EquatableArray<int>? CheckInput(string networkName, Argument<int>[] shape, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (shape.Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyInputShape, location, networkName));
            return null;
        }

        long size = 1;
        bool positive = true;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d].Value <= 0)
            {
                positive = false;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NonPositiveSize,
                    shape[d].Location ?? location,
                    Invariant.Text($"Dimension {d + 1} of [Input]"),
                    Numbers.WithSeparators(shape[d].Value)));
            }
            else if (size <= LayerContext.MaxSampleSize)
            {
                size *= shape[d].Value;
            }
        }

        if (positive && size > LayerContext.MaxSampleSize)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.SizeOverflow, location, "The input size", networkName, Numbers.WithSeparators(size), Numbers.WithSeparators(LayerContext.MaxSampleSize)));
            return null;
        }

        return positive ? shape.Select(d => d.Value).ToEquatableArray() : null;
    }

    /// <summary>The user's names, or Keras's defaults (<c>dense_1</c>, <c>dense_2</c>, ...: unnamed layers counted per kind).</summary>
    private static string[] AssignNames(IReadOnlyList<DeclaredLayer> layers, List<DiagnosticInfo> diagnostics, string networkName)
    {
        var names = new string[layers.Count];
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < layers.Count; i++)
        {
            // Like Keras, only layers without a name of their own take a number from the per-kind counter.
            string prefix = layers[i].Kind?.NamePrefix ?? "layer";
            int next = (counts.TryGetValue(prefix, out int count) ? count : 0) + 1;
            string defaultName = Invariant.Text($"{prefix}_{next}");
            Argument<string?> written = layers[i].Arguments.Name;
            string? name = written.Value;
            if (name is null || string.IsNullOrWhiteSpace(name))
            {
                counts[prefix] = next;
            }

            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyLayerName, written.Location ?? layers[i].Arguments.Location, defaultName));
                name = null;
            }

            names[i] = name ?? defaultName;
        }

        var seen = new HashSet<string>();
        for (int i = 0; i < names.Length; i++)
        {
            if (!seen.Add(names[i]))
            {
                // Point at the user's Name where there is one: that is what they can change.
                int culprit = layers[i].Arguments.Name.Value is null ? System.Array.IndexOf(names, names[i]) : i;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateLayerName,
                    layers[culprit].Arguments.Name.Location ?? layers[culprit].Arguments.Location,
                    names[i],
                    networkName));
            }
        }

        return names;
    }

    /// <summary>Each layer's warnings, with its neighbours in view.</summary>
    private static void Lint(List<LayerSpec> layers, IReadOnlyList<DeclaredLayer> declared, List<DiagnosticInfo> diagnostics)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            layers[i].Lint(new LintContext(
                i > 0 ? layers[i - 1] : null,
                i > 0 ? declared[i - 1].Arguments : null,
                declared[i].Arguments,
                i == layers.Count - 1,
                diagnostics));
        }
    }

    private static bool HasErrorsSince(List<DiagnosticInfo> diagnostics, int start)
    {
        for (int i = start; i < diagnostics.Count; i++)
        {
            if (DiagnosticDescriptors.ById(diagnostics[i].Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }
}
