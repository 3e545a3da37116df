using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace StaticNets.Keras;

/// <summary>
/// The architecture text a generated class reports (<c>INetwork.Architecture</c>) for the layers of a
/// <see cref="KerasModel"/>: <c>Input[4]&gt;Dense[8,Relu,bias]&gt;Dense[3,Softmax,bias]</c>. It follows the
/// generator's layer keys (generator/StaticNets.Generator/Layers/*.cs, <c>Fields()</c>); the tests compare it with
/// the <c>Architecture</c> of each compiled imported class, so a drift shows at once.
/// </summary>
internal static class ArchitectureKey
{
    public static string Of(KerasModel model)
    {
        var text = new StringBuilder("Input[").Append(string.Join(",", model.InputShape.Select(Int))).Append(']');
        foreach (KerasLayer layer in model.Layers)
        {
            text.Append('>').Append(Of(layer));
        }

        return text.ToString();
    }

    public static string Of(KerasLayer layer)
    {
        LayerOptions o = layer.Options;
        var fields = new List<string>();
        switch (layer.Kind)
        {
            case "Dense":
                fields.Add(Int(o.Units));
                fields.Add(o.Activation.ToString());
                fields.Add(o.UseBias ? "bias" : "nobias");
                break;
            case "Activation":
                fields.Add(o.Activation.ToString());
                break;
            case "Dropout":
                fields.Add(Double(o.Rate));
                break;
            case "Reshape":
                fields.Add(string.Join(",", o.Shape.Select(Int)));
                break;
            case "Conv1D":
            case "Conv2D":
            case "Conv2DTranspose":
                fields.Add(Int(o.Filters));
                fields.AddRange(Window(layer));
                fields.Add(o.Activation.ToString());
                fields.Add(o.UseBias ? "bias" : "nobias");
                break;
            case "MaxPooling1D":
            case "AveragePooling1D":
            case "MaxPooling2D":
            case "AveragePooling2D":
                fields.AddRange(Window(layer));
                break;
            case "BatchNormalization":
                fields.Add(Double(o.Momentum));
                fields.Add(Double(o.Epsilon));
                break;
            case "LayerNormalization":
                fields.Add(Double(o.Epsilon));
                break;
            case "Rescaling":
                fields.Add(Double(o.Scale));
                fields.Add(Double(o.Offset));
                break;
            case "UpSampling1D":
                fields.Add(Int(o.Size));
                break;
            case "UpSampling2D":
                fields.Add($"{Int(o.Size)}x{Int(o.Size)}");
                break;
            case "ZeroPadding2D":
            case "Cropping2D":
                fields.Add("t" + Int(o.Top));
                fields.Add("b" + Int(o.Bottom));
                fields.Add("l" + Int(o.Left));
                fields.Add("r" + Int(o.Right));
                break;
            case "Embedding":
                fields.Add($"{Int(o.InputDim)}x{Int(o.OutputDim)}");
                if (o.MaskZero) fields.Add("mask0");
                break;
            case "SimpleRNN":
            case "LSTM":
            case "GRU":
                fields.Add(Int(o.Units));
                fields.Add(o.Activation.ToString());
                if (layer.Kind != "SimpleRNN") fields.Add(o.RecurrentActivation.ToString());
                if (layer.Kind == "GRU") fields.Add(o.ResetAfter ? "resetafter" : "resetbefore");
                fields.Add(o.UseBias ? "bias" : "nobias");
                if (o.ReturnSequences) fields.Add("seq");
                if (o.GoBackwards) fields.Add("back");
                break;
            case "Bidirectional":
                fields.Add(o.MergeMode.ToString());
                fields.Add(Of(layer.Wrapped!));
                break;
        }

        return fields.Count == 0 ? layer.Kind : layer.Kind + "[" + string.Join(",", fields) + "]";
    }

    /// <summary>Window size, stride (one number when both axes agree), dilation when not 1, padding.</summary>
    private static IEnumerable<string> Window(KerasLayer layer)
    {
        LayerOptions o = layer.Options;
        bool two = layer.Kind.Contains("2D", System.StringComparison.Ordinal);
        yield return $"{Int(o.KernelHeight)}x{Int(o.KernelWidth)}";
        yield return o.StridesHeight == o.StridesWidth || !two ? "s" + Int(o.StridesWidth) : $"s{Int(o.StridesHeight)}x{Int(o.StridesWidth)}";
        if (o.Dilation != 1) yield return "d" + Int(o.Dilation);
        yield return o.Padding.ToString();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
