using System.Collections.Generic;
using System.Globalization;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator;

/// <summary>
/// Keras's shape rules, layer by layer: the output shape, the window geometry and the weight count of one layer whose
/// arguments are valid, or a shape diagnostic on the attribute (argument) at fault.
/// </summary>
internal static class ShapeInference
{
    /// <summary>Returns the layer, or <see langword="null"/> after adding an error to <paramref name="diagnostics"/>.</summary>
    public static LayerSpec? Infer(
        string networkName,
        LayerDeclaration declaration,
        string name,
        EquatableArray<int> inputShape,
        long offset,
        List<DiagnosticInfo> diagnostics)
    {
        LayerKind kind = declaration.Kind;
        int rank = kind.RequiredRank();
        if (rank != 0 && inputShape.Count != rank)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.WrongInputRank,
                declaration.Location,
                name,
                kind.ToString(),
                rank.ToString(CultureInfo.InvariantCulture),
                rank == 2 ? "steps, channels" : "height, width, channels",
                string.Join(", ", inputShape),
                RankHint(rank, inputShape)));
            return null;
        }

        int channels = inputShape[inputShape.Count - 1];
        WindowSpec? window = null;
        int[] outputShape;
        long parameters = 0;
        switch (kind)
        {
            case LayerKind.Dense:
                outputShape = inputShape.AsSpan().ToArray();
                outputShape[outputShape.Length - 1] = declaration.Units;
                parameters = (long)channels * declaration.Units + (declaration.UseBias ? declaration.Units : 0);
                break;
            case LayerKind.Conv1D:
            case LayerKind.Conv2D:
            case LayerKind.MaxPooling1D:
            case LayerKind.MaxPooling2D:
            case LayerKind.AveragePooling1D:
            case LayerKind.AveragePooling2D:
                window = Window(declaration, name, inputShape, diagnostics);
                if (window is null)
                {
                    return null;
                }

                int outputChannels = kind.IsConvolution() ? declaration.Units : channels;
                outputShape = rank == 2
                    ? new[] { window.OutputWidth, outputChannels }
                    : new[] { window.OutputHeight, window.OutputWidth, outputChannels };
                if (kind.IsConvolution())
                {
                    // Same padding lets a window exceed its input, so these products can pass long: saturate instead.
                    parameters = SaturatingProduct(window.WindowHeight, window.WindowWidth, channels, declaration.Units) + (declaration.UseBias ? declaration.Units : 0);
                    long columns = SaturatingProduct(window.OutputHeight, window.OutputWidth, window.WindowHeight, window.WindowWidth, channels);
                    if (columns > ShapeChecker.MaxSampleSize)
                    {
                        return Overflow(diagnostics, declaration, $"The im2col buffer of layer '{name}' (windows × window size)", networkName, columns, ShapeChecker.MaxSampleSize);
                    }
                }

                break;
            case LayerKind.GlobalAveragePooling1D:
            case LayerKind.GlobalAveragePooling2D:
            case LayerKind.GlobalMaxPooling2D:
                outputShape = new[] { channels };
                break;
            case LayerKind.Flatten:
                outputShape = new[] { Shapes.Product(inputShape) };
                break;
            case LayerKind.Reshape:
                int[]? target = Reshape(declaration, name, inputShape, diagnostics);
                if (target is null)
                {
                    return null;
                }

                outputShape = target;
                break;
            case LayerKind.BatchNormalization:
                outputShape = inputShape.AsSpan().ToArray();
                parameters = 4L * channels;
                break;
            default: // Dropout
                outputShape = inputShape.AsSpan().ToArray();
                break;
        }

        long outputSize = SaturatingProduct(outputShape);

        if (outputSize > ShapeChecker.MaxSampleSize)
        {
            return Overflow(diagnostics, declaration, $"The output size of layer '{name}'", networkName, outputSize, ShapeChecker.MaxSampleSize);
        }

        if (parameters > ShapeChecker.MaxParameters || offset + parameters > ShapeChecker.MaxParameters)
        {
            return Overflow(diagnostics, declaration, $"The parameter count up to layer '{name}'", networkName, offset + parameters, ShapeChecker.MaxParameters);
        }

        return new LayerSpec(
            kind,
            name,
            kind.HasKernel() ? declaration.Units : 0,
            kind.HasKernel() ? declaration.Activation : 0,
            kind.HasKernel() && declaration.UseBias,
            inputShape,
            outputShape.ToEquatableArray(),
            (int)offset,
            (int)parameters)
        {
            Window = window,
            Padding = declaration.Padding,
            Rate = declaration.Rate,
            Momentum = declaration.Momentum,
            Epsilon = declaration.Epsilon,
        };
    }

    /// <summary>
    /// Keras's window geometry per axis: Valid <c>out = floor((n − k) / s) + 1</c>; Same <c>out = ceil(n / s)</c> with
    /// <c>total = max(0, (out − 1)·s + k − n)</c> padding, <c>total / 2</c> before and the rest after.
    /// </summary>
    private static WindowSpec? Window(LayerDeclaration declaration, string name, EquatableArray<int> inputShape, List<DiagnosticInfo> diagnostics)
    {
        bool twoDimensional = inputShape.Count == 3;
        int height = twoDimensional ? inputShape[0] : 1;
        int width = twoDimensional ? inputShape[1] : inputShape[0];
        int channels = inputShape[inputShape.Count - 1];
        int windowHeight = twoDimensional ? declaration.WindowHeight : 1;
        int windowWidth = declaration.WindowWidth;
        int stride = declaration.Strides;
        bool same = declaration.Padding == 1;

        (int output, int before)? Axis(int n, int k)
        {
            if (same)
            {
                int output = (int)(((long)n + stride - 1) / stride);
                long total = System.Math.Max(0, (long)(output - 1) * stride + k - n);
                return (output, (int)(total / 2));
            }

            return n >= k ? ((n - k) / stride + 1, 0) : null;
        }

        var rows = Axis(height, windowHeight);
        var columns = Axis(width, windowWidth);
        if (rows is null || columns is null)
        {
            string what = declaration.Kind.IsConvolution() ? "kernel" : "pooling";
            bool rowsFail = rows is null;
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.WindowLargerThanInput,
                (rowsFail ? declaration.WindowHeightLocation : declaration.WindowWidthLocation) ?? declaration.Location,
                what,
                name,
                twoDimensional ? windowHeight + "×" + windowWidth : windowWidth.ToString(CultureInfo.InvariantCulture),
                twoDimensional ? "height × width" : "steps",
                twoDimensional ? height + "×" + width : width.ToString(CultureInfo.InvariantCulture),
                (rowsFail ? height - windowHeight + 1 : width - windowWidth + 1).ToString(CultureInfo.InvariantCulture),
                !twoDimensional ? "steps" : rowsFail ? "rows" : "columns"));
            return null;
        }

        return new WindowSpec(height, width, channels, windowHeight, windowWidth, stride, rows.Value.before, columns.Value.before, rows.Value.output, columns.Value.output);
    }

    /// <summary>Keras Reshape: the target shape with at most one −1 inferred; the element count must not change.</summary>
    private static int[]? Reshape(LayerDeclaration declaration, string name, EquatableArray<int> inputShape, List<DiagnosticInfo> diagnostics)
    {
        int[] target = (int[])declaration.TargetShape.Clone();
        long size = Shapes.Product(inputShape);
        long known = 1;
        int inferred = -1;
        string? problem = null;
        for (int d = 0; d < target.Length && problem is null; d++)
        {
            if (target[d] != -1)
            {
                known *= target[d];
                if (known > size)
                {
                    problem = "the new shape has more values";
                }
            }
            else if (inferred >= 0)
            {
                problem = "only one dimension can be −1 (inferred)";
            }
            else
            {
                inferred = d;
            }
        }

        if (problem is null && target.Length == 0)
        {
            problem = "the new shape needs at least one dimension";
        }
        else if (problem is null && inferred >= 0)
        {
            if (size % known != 0)
            {
                problem = $"{Numbers.WithSeparators(size)} is not a multiple of {Numbers.WithSeparators(known)}, so −1 has no whole value";
            }
            else
            {
                target[inferred] = (int)(size / known);
            }
        }
        else if (problem is null && known != size)
        {
            problem = $"the new shape has {Numbers.WithSeparators(known)} values";
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ReshapeMismatch,
                declaration.Location,
                name,
                string.Join(", ", inputShape),
                Numbers.WithSeparators(size),
                string.Join(", ", declaration.TargetShape),
                problem));
            return null;
        }

        return target;
    }

    /// <summary>The product of positive factors, or <see cref="long.MaxValue"/> when it would not fit.</summary>
    private static long SaturatingProduct(params int[] factors)
    {
        long product = 1;
        foreach (int factor in factors)
        {
            if (factor != 0 && product > long.MaxValue / factor)
            {
                return long.MaxValue;
            }

            product *= factor;
        }

        return product;
    }

    private static string RankHint(int rank, EquatableArray<int> inputShape)
    {
        if (rank == 3 && inputShape.Count == 2)
        {
            return $"; for single-channel images add the channel axis: ({inputShape[0]}, {inputShape[1]}, 1), e.g. with [Reshape({inputShape[0]}, {inputShape[1]}, 1)]";
        }

        if (rank == 2 && inputShape.Count == 1)
        {
            return $"; for one channel add the channel axis: ({inputShape[0]}, 1), e.g. with [Reshape({inputShape[0]}, 1)]";
        }

        return inputShape.Count == 1 ? "; a Flatten or Dense before it has already made the samples flat" : "";
    }

    private static LayerSpec? Overflow(List<DiagnosticInfo> diagnostics, LayerDeclaration declaration, string what, string networkName, long value, long limit)
    {
        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.SizeOverflow, declaration.Location, what, networkName, Numbers.WithSeparators(value), Numbers.WithSeparators(limit)));
        return null;
    }
}
