using System.Collections.Generic;
using System.Globalization;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator;

/// <summary>
/// Checks a declared network and infers every layer's shape and parameters with Keras's rules. Kept apart from the
/// Roslyn-facing parser so that an analyzer can share it.
/// </summary>
internal static class ShapeChecker
{
    /// <summary>Largest weight count: .NET's largest float array (0x7FFFFFC7) less the generated storage's slack.</summary>
    public const long MaxParameters = 0x7FFFFFC7L - 16;

    /// <summary>Largest floats in one sample at any layer: the forward pass keeps two such buffers (plus slack) in one array.</summary>
    public const long MaxSampleSize = (0x7FFFFFC7L - 64) / 2;

    /// <summary>
    /// Returns the checked layers, or <see langword="null"/> when any error was added to <paramref name="diagnostics"/>.
    /// </summary>
    public static EquatableArray<LayerSpec>? Check(
        string networkName,
        InputDeclaration input,
        IReadOnlyList<LayerDeclaration> declarations,
        List<DiagnosticInfo> diagnostics)
    {
        int errorsBefore = diagnostics.Count; // the checks before the layer loop only add errors
        CheckInput(networkName, input, diagnostics);
        string[] names = AssignNames(declarations, diagnostics, networkName);
        if (diagnostics.Count > errorsBefore)
        {
            // Shapes downstream of a bad input are meaningless; report each layer's own argument errors only.
            for (int i = 0; i < declarations.Count; i++)
            {
                CheckArguments(declarations[i], names[i], diagnostics);
            }

            return null;
        }

        var layers = new List<LayerSpec>(declarations.Count);
        EquatableArray<int> shape = input.Shape.ToEquatableArray();
        long offset = 0;
        for (int i = 0; i < declarations.Count; i++)
        {
            LayerDeclaration declaration = declarations[i];
            if (!CheckArguments(declaration, names[i], diagnostics))
            {
                continue;
            }

            LayerSpec? layer = InferDense(networkName, declaration, names[i], shape, offset, diagnostics);
            if (layer is null)
            {
                return null;
            }

            Lint(layer, declaration, layers.Count == 0 || layers[layers.Count - 1].InputShape.Count == 1, diagnostics);
            layers.Add(layer);
            shape = layer.OutputShape;
            offset += layer.ParameterCount;
        }

        return HasErrorsSince(diagnostics, errorsBefore) ? null : layers.ToEquatableArray();
    }

    private static void CheckInput(string networkName, InputDeclaration input, List<DiagnosticInfo> diagnostics)
    {
        if (input.Shape.Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyInputShape, input.Location, networkName));
            return;
        }

        long size = 1;
        bool positive = true;
        for (int d = 0; d < input.Shape.Length; d++)
        {
            if (input.Shape[d] <= 0)
            {
                positive = false;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NonPositiveSize,
                    input.DimensionLocations[d] ?? input.Location,
                    $"Dimension {d + 1} of [Input]",
                    Numbers.WithSeparators(input.Shape[d])));
            }
            else if (size <= MaxSampleSize)
            {
                size *= input.Shape[d];
            }
        }

        if (positive && size > MaxSampleSize)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.SizeOverflow, input.Location, "The input size", networkName, Numbers.WithSeparators(size), Numbers.WithSeparators(MaxSampleSize)));
        }
    }

    /// <summary>The user's names, or Keras's defaults (<c>dense_1</c>, <c>dense_2</c>, ...: unnamed layers counted per kind).</summary>
    private static string[] AssignNames(IReadOnlyList<LayerDeclaration> declarations, List<DiagnosticInfo> diagnostics, string networkName)
    {
        var names = new string[declarations.Count];
        var counts = new Dictionary<LayerKind, int>();
        for (int i = 0; i < declarations.Count; i++)
        {
            // Like Keras, only layers without a name of their own take a number from the per-kind counter.
            LayerKind kind = declarations[i].Kind;
            int next = (counts.TryGetValue(kind, out int count) ? count : 0) + 1;
            string defaultName = DefaultNamePrefix(kind) + "_" + next.ToString(CultureInfo.InvariantCulture);
            string? name = declarations[i].Name;
            if (name is null || string.IsNullOrWhiteSpace(name))
            {
                counts[kind] = next;
            }

            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.EmptyLayerName, declarations[i].NameLocation ?? declarations[i].Location, defaultName));
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
                int culprit = declarations[i].Name is null ? FirstIndexOf(names, names[i]) : i;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateLayerName,
                    declarations[culprit].NameLocation ?? declarations[culprit].Location,
                    names[i],
                    networkName));
            }
        }

        return names;
    }

    /// <summary>Warnings: declarations Keras accepts but that are probably not what the user meant.</summary>
    private static void Lint(LayerSpec layer, LayerDeclaration declaration, bool firstPerPositionLayer, List<DiagnosticInfo> diagnostics)
    {
        if ((Activation)layer.Activation == Activation.Softmax && layer.Units == 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.SoftmaxOnSingleUnit, declaration.ActivationLocation ?? declaration.Location, layer.Name));
        }

        // Only the first layer that goes per position: the ones after it follow from it.
        if (layer.InputShape.Count > 1 && firstPerPositionLayer)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.DensePerPosition,
                declaration.Location,
                layer.Name,
                string.Join(", ", layer.InputShape),
                Numbers.WithSeparators(layer.Positions),
                layer.InputSize.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Checks a layer's own arguments; returns false when it added an error.</summary>
    private static bool CheckArguments(LayerDeclaration declaration, string name, List<DiagnosticInfo> diagnostics)
    {
        bool ok = true;
        if (declaration.Units <= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.NonPositiveSize,
                declaration.UnitsLocation ?? declaration.Location,
                $"Units of layer '{name}'",
                Numbers.WithSeparators(declaration.Units)));
            ok = false;
        }

        if (declaration.Activation < 0 || declaration.Activation > (int)Activation.Mish)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnknownActivation,
                declaration.ActivationLocation ?? declaration.Location,
                Numbers.WithSeparators(declaration.Activation),
                name));
            ok = false;
        }

        return ok;
    }

    /// <summary>
    /// Keras Dense: kernel <c>(in, units)</c> on the last axis, bias <c>(units)</c>;
    /// output shape = input shape with the last axis replaced by <c>units</c>.
    /// </summary>
    private static LayerSpec? InferDense(
        string networkName,
        LayerDeclaration declaration,
        string name,
        EquatableArray<int> inputShape,
        long offset,
        List<DiagnosticInfo> diagnostics)
    {
        int inputFeatures = inputShape[inputShape.Count - 1];
        long parameters = (long)inputFeatures * declaration.Units + (declaration.UseBias ? declaration.Units : 0);
        var outputShape = new int[inputShape.Count];
        for (int d = 0; d < outputShape.Length - 1; d++)
        {
            outputShape[d] = inputShape[d];
        }

        outputShape[outputShape.Length - 1] = declaration.Units;
        long outputSize = (long)Shapes.Product(inputShape) / inputFeatures * declaration.Units;
        if (outputSize > MaxSampleSize)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.SizeOverflow, declaration.Location, $"The output size of layer '{name}'", networkName, Numbers.WithSeparators(outputSize), Numbers.WithSeparators(MaxSampleSize)));
            return null;
        }

        if (offset + parameters > MaxParameters)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.SizeOverflow, declaration.Location, $"The parameter count up to layer '{name}'", networkName, Numbers.WithSeparators(offset + parameters), Numbers.WithSeparators(MaxParameters)));
            return null;
        }

        return new LayerSpec(
            LayerKind.Dense,
            name,
            declaration.Units,
            declaration.Activation,
            declaration.UseBias,
            inputShape,
            outputShape.ToEquatableArray(),
            (int)offset,
            (int)parameters);
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

    private static string DefaultNamePrefix(LayerKind kind) => kind switch
    {
        LayerKind.Dense => "dense",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static int FirstIndexOf(string[] names, string name)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

}
