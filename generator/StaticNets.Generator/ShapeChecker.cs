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
        var declared = new List<LayerDeclaration>(declarations.Count);
        EquatableArray<int> shape = input.Shape.ToEquatableArray();
        long offset = 0;
        for (int i = 0; i < declarations.Count; i++)
        {
            LayerDeclaration declaration = declarations[i];
            if (!CheckArguments(declaration, names[i], diagnostics))
            {
                continue;
            }

            // After a layer with bad arguments the shapes are unknown: only arguments are checked from there on.
            if (layers.Count < i)
            {
                continue;
            }

            LayerSpec? layer = ShapeInference.Infer(networkName, declaration, names[i], shape, offset, diagnostics);
            if (layer is null)
            {
                return null;
            }

            layers.Add(layer);
            declared.Add(declaration);
            shape = layer.OutputShape;
            offset += layer.ParameterCount;
        }

        if (HasErrorsSince(diagnostics, errorsBefore))
        {
            return null;
        }

        Lint(layers, declared, diagnostics);
        return layers.ToEquatableArray();
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
            string defaultName = kind.NamePrefix() + "_" + next.ToString(CultureInfo.InvariantCulture);
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
    private static void Lint(List<LayerSpec> layers, List<LayerDeclaration> declarations, List<DiagnosticInfo> diagnostics)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            LayerSpec layer = layers[i];
            LayerDeclaration declaration = declarations[i];
            LayerSpec? previous = i > 0 ? layers[i - 1] : null;
            if (layer.Kind.HasKernel() && (Activation)layer.Activation == Activation.Softmax && layer.OutputFeatures == 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.SoftmaxOnSingleUnit, declaration.ActivationLocation ?? declaration.Location, layer.Name));
            }

            // Only the first Dense of a per-position run: the ones after it follow from it.
            bool previousPerPosition = previous is { Kind: LayerKind.Dense } && previous.InputShape.Count > 1;
            if (layer.Kind == LayerKind.Dense && layer.InputShape.Count > 1 && !previousPerPosition)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DensePerPosition,
                    declaration.Location,
                    layer.Name,
                    string.Join(", ", layer.InputShape),
                    Numbers.WithSeparators(layer.Positions),
                    layer.InputSize.ToString(CultureInfo.InvariantCulture)));
            }

            if (layer.Kind == LayerKind.Dropout && i == layers.Count - 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutLast, declaration.Location, layer.Name));
            }

            // Only a bias that reaches the normalisation unchanged is wasted: after a non-linear activation it is not.
            if (layer.Kind == LayerKind.BatchNormalization && previous is not null && previous.Kind.HasKernel() && previous.UseBias
                && (Activation)previous.Activation == Activation.Linear)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.BiasBeforeBatchNormalization, declarations[i - 1].Location, previous.Name, layer.Name));
            }
        }
    }

    /// <summary>Checks a layer's own arguments; returns false when it added an error.</summary>
    private static bool CheckArguments(LayerDeclaration declaration, string name, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        LayerKind kind = declaration.Kind;
        if (kind.HasKernel())
        {
            if (declaration.Units <= 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NonPositiveSize,
                    declaration.UnitsLocation ?? declaration.Location,
                    $"{(kind == LayerKind.Dense ? "Units" : "Filters")} of layer '{name}'",
                    Numbers.WithSeparators(declaration.Units)));
            }

            if (declaration.Activation < 0 || declaration.Activation > (int)Activation.Mish)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnknownActivation,
                    declaration.ActivationLocation ?? declaration.Location,
                    Numbers.WithSeparators(declaration.Activation),
                    name));
            }
        }

        if (kind.IsConvolution() || kind.IsPooling())
        {
            CheckWindow(declaration, name, diagnostics);
        }

        switch (kind)
        {
            case LayerKind.Dropout when !(declaration.Rate >= 0 && declaration.Rate < 1):
                OutOfRange("The rate", name, "in [0, 1)", Text(declaration.Rate), declaration.RateLocation ?? declaration.Location, diagnostics);
                break;
            case LayerKind.BatchNormalization:
                if (!(declaration.Momentum >= 0 && declaration.Momentum <= 1))
                {
                    OutOfRange("Momentum", name, "in [0, 1]", Text(declaration.Momentum), declaration.MomentumLocation ?? declaration.Location, diagnostics);
                }

                // The kernels compute in float: an epsilon that is 0 or infinite as a float is no epsilon.
                if (!(declaration.Epsilon > 0 && (float)declaration.Epsilon > 0 && (float)declaration.Epsilon <= float.MaxValue))
                {
                    OutOfRange("Epsilon", name, "positive and finite as a float (at most 3.4E+38)", Text(declaration.Epsilon), declaration.EpsilonLocation ?? declaration.Location, diagnostics);
                }

                break;
            case LayerKind.Reshape:
                for (int d = 0; d < declaration.TargetShape.Length; d++)
                {
                    if (declaration.TargetShape[d] <= 0 && declaration.TargetShape[d] != -1)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.NonPositiveSize,
                            declaration.TargetShapeLocations[d] ?? declaration.Location,
                            $"Dimension {d + 1} of Reshape layer '{name}' (or −1, inferred)",
                            Numbers.WithSeparators(declaration.TargetShape[d])));
                    }
                }

                break;
        }

        return diagnostics.Count == before;
    }

    /// <summary>Convolution and pooling: window sizes and strides positive, padding a Padding member. One report per argument.</summary>
    private static void CheckWindow(LayerDeclaration declaration, string name, List<DiagnosticInfo> diagnostics)
    {
        LayerKind kind = declaration.Kind;
        string window = kind.IsConvolution() ? "Kernel" : "Pool";
        bool twoDimensional = kind.RequiredRank() == 3;
        var reported = new HashSet<LocationInfo?>();
        void Check(int value, string what, LocationInfo? location)
        {
            if (value <= 0 && reported.Add(location))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NonPositiveSize, location ?? declaration.Location, $"{what} of layer '{name}'", Numbers.WithSeparators(value)));
            }
        }

        // [Conv2D(8, 0)] sets height and width (and a pool size the strides) from one argument: report it once.
        if (twoDimensional)
        {
            Check(declaration.WindowHeight, window + (declaration.WindowHeightLocation == declaration.WindowWidthLocation ? " size" : " height"), declaration.WindowHeightLocation);
        }

        Check(declaration.WindowWidth, twoDimensional && declaration.WindowHeightLocation != declaration.WindowWidthLocation ? window + " width" : window + " size", declaration.WindowWidthLocation);
        Check(declaration.Strides, "Strides", declaration.StridesLocation);
        if (declaration.Padding is not (0 or 1))
        {
            OutOfRange("Padding", name, "Padding.Valid or Padding.Same", declaration.Padding.ToString(CultureInfo.InvariantCulture), declaration.PaddingLocation ?? declaration.Location, diagnostics);
        }
    }

    private static void OutOfRange(string what, string name, string range, string value, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ArgumentOutOfRange, location, what, name, range, value));

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

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
