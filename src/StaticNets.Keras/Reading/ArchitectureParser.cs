using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace StaticNets.Keras.Reading;

/// <summary>
/// Reads a network's architecture text (<c>INetwork.Architecture</c>, as <see cref="ArchitectureKey"/> writes it)
/// back into layers, so a weights-only Keras file can be matched against the network that will hold its weights.
/// </summary>
internal static class ArchitectureParser
{
    public static (int[] InputShape, List<KerasLayer> Layers) Parse(string architecture)
    {
        string[] segments = architecture.Split('>');
        (string inputKind, string[] inputFields) = Split(segments[0]);
        if (inputKind != "Input") throw Unknown(segments[0]);
        int[] input = inputFields.Select(Int).ToArray();
        var layers = new List<KerasLayer>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string segment in segments.Skip(1))
        {
            layers.Add(Layer(segment, counts));
        }

        return (input, layers);
    }

    private static KerasLayer Layer(string segment, Dictionary<string, int> counts)
    {
        (string kind, string[] f) = Split(segment);
        var o = new LayerOptions();
        KerasLayer? wrapped = null;
        int i = 0;
        string Next() => i < f.Length ? f[i++] : throw Unknown(segment);
        switch (kind)
        {
            case "Dense":
                o.Units = Int(Next());
                o.Activation = Act(Next());
                o.UseBias = Next() == "bias";
                break;
            case "Activation":
                o.Activation = Act(Next());
                break;
            case "Dropout":
                o.Rate = Double(Next());
                break;
            case "Reshape":
                o.Shape = f.Select(Int).ToArray();
                break;
            case "Conv1D":
            case "Conv2D":
            case "Conv2DTranspose":
                o.Filters = Int(Next());
                Window(o, Next, f, ref i);
                o.Activation = Act(Next());
                o.UseBias = Next() == "bias";
                break;
            case "MaxPooling1D":
            case "AveragePooling1D":
            case "MaxPooling2D":
            case "AveragePooling2D":
                Window(o, Next, f, ref i);
                break;
            case "GlobalAveragePooling1D":
            case "GlobalMaxPooling1D":
            case "GlobalAveragePooling2D":
            case "GlobalMaxPooling2D":
            case "Flatten":
            case "Normalization":
                break;
            case "BatchNormalization":
                o.Momentum = Double(Next());
                o.Epsilon = Double(Next());
                break;
            case "LayerNormalization":
                o.Epsilon = Double(Next());
                break;
            case "Rescaling":
                o.Scale = Double(Next());
                o.Offset = Double(Next());
                break;
            case "UpSampling1D":
            case "UpSampling2D":
                o.Size = Int(Next().Split('x')[0]);
                break;
            case "ZeroPadding2D":
            case "Cropping2D":
                o.Top = Int(Next()[1..]);
                o.Bottom = Int(Next()[1..]);
                o.Left = Int(Next()[1..]);
                o.Right = Int(Next()[1..]);
                break;
            case "Embedding":
                string[] dims = Next().Split('x');
                o.InputDim = Int(dims[0]);
                o.OutputDim = Int(dims[1]);
                o.MaskZero = f.Contains("mask0");
                break;
            case "SimpleRNN":
            case "LSTM":
            case "GRU":
                o.Units = Int(Next());
                o.Activation = Act(Next());
                if (kind != "SimpleRNN") o.RecurrentActivation = Act(Next());
                if (kind == "GRU") o.ResetAfter = Next() == "resetafter";
                o.UseBias = Next() == "bias";
                o.ReturnSequences = f.Contains("seq");
                o.GoBackwards = f.Contains("back");
                break;
            case "Bidirectional":
                o.MergeMode = Enum.Parse<MergeMode>(Next());
                wrapped = Layer(Next(), new Dictionary<string, int>());
                break;
            default:
                throw Unknown(segment);
        }

        string key = WeightsReader.SnakeCase(kind);
        int index = counts.TryGetValue(key, out int n) ? n : 0;
        counts[key] = index + 1;
        return new KerasLayer(kind, kind, index == 0 ? key : key + "_" + index.ToString(CultureInfo.InvariantCulture), o, wrapped) { DescribedBy = "network" };
    }

    private static void Window(LayerOptions o, Func<string> next, string[] fields, ref int i)
    {
        string[] size = next().Split('x');
        (o.KernelHeight, o.KernelWidth) = (Int(size[0]), Int(size[1]));
        string[] strides = next()[1..].Split('x');
        (o.StridesHeight, o.StridesWidth) = strides.Length == 2 ? (Int(strides[0]), Int(strides[1])) : (Int(strides[0]), Int(strides[0]));
        string padding = next();
        if (padding.StartsWith('d'))
        {
            o.Dilation = Int(padding[1..]);
            padding = next();
        }

        o.Padding = Enum.Parse<Padding>(padding);
    }

    /// <summary><c>Dense[8,Relu,bias]</c> → ("Dense", ["8", "Relu", "bias"]), splitting only at the top level of brackets.</summary>
    private static (string Kind, string[] Fields) Split(string segment)
    {
        int open = segment.IndexOf('[');
        if (open < 0) return (segment, Array.Empty<string>());
        if (!segment.EndsWith(']')) throw Unknown(segment);
        string body = segment[(open + 1)..^1];
        var fields = new List<string>();
        int depth = 0, start = 0;
        for (int k = 0; k < body.Length; k++)
        {
            if (body[k] == '[') depth++;
            else if (body[k] == ']') depth--;
            else if (body[k] == ',' && depth == 0)
            {
                fields.Add(body[start..k]);
                start = k + 1;
            }
        }

        fields.Add(body[start..]);
        return (segment[..open], fields.ToArray());
    }

    private static int Int(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw Unknown(text);

    private static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static Activation Act(string text) => Enum.TryParse(text, out Activation a) ? a : throw Unknown(text);

    private static InvalidDataException Unknown(string text)
        => new($"The network's architecture has '{text}', which the Keras weight reader does not know; load a full model file (.keras or .h5 with its config) instead, or update StaticNets.Keras.");
}
