using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace StaticNets.Keras;

/// <summary>The StaticNets attribute text of a layer: <c>Dense(8, Activation.Relu, Name = "dense")</c>.</summary>
internal static class CSharpAttributes
{
    /// <summary>The attributes (one, or two for Bidirectional + its recurrent layer), without brackets.</summary>
    public static IEnumerable<string> Of(KerasLayer layer)
    {
        if (layer.Kind == "Bidirectional")
        {
            yield return Compose("Bidirectional", new[] { "MergeMode." + layer.Options.MergeMode }, new List<string>(), layer.Name);
            // The wrapped layer is part of the pair; its Keras name is the forward layer's.
            yield return Of(layer.Wrapped!).Single();
            yield break;
        }

        LayerOptions o = layer.Options;
        var args = new List<string>();
        var named = new List<string>();
        switch (layer.Kind)
        {
            case "Dense":
                args.Add(Int(o.Units));
                if (o.Activation != Activation.Linear) args.Add(Act(o.Activation));
                if (!o.UseBias) named.Add("UseBias = false");
                break;
            case "Activation":
                args.Add(Act(o.Activation));
                break;
            case "Dropout":
                args.Add(Double(o.Rate));
                break;
            case "Reshape":
                args.AddRange(o.Shape.Select(Int));
                break;
            case "Conv1D":
            case "Conv2D":
            case "Conv2DTranspose":
                args.Add(Int(o.Filters));
                bool square = o.KernelHeight == o.KernelWidth || layer.Kind == "Conv1D";
                args.Add(Int(o.KernelWidth));
                if (o.Activation != Activation.Linear) args.Add(Act(o.Activation));
                if (!square)
                {
                    named.Add("KernelHeight = " + Int(o.KernelHeight));
                    named.Add("KernelWidth = " + Int(o.KernelWidth));
                }

                AddStrides(layer, named, 1);
                if (o.Dilation != 1) named.Add("DilationRate = " + Int(o.Dilation));
                if (o.Padding != Padding.Valid) named.Add("Padding = Padding." + o.Padding);
                if (!o.UseBias) named.Add("UseBias = false");
                break;
            case "MaxPooling1D":
            case "AveragePooling1D":
            case "MaxPooling2D":
            case "AveragePooling2D":
                args.Add(Int(o.KernelWidth));
                AddStrides(layer, named, o.KernelWidth);
                if (o.Padding != Padding.Valid) named.Add("Padding = Padding." + o.Padding);
                break;
            case "BatchNormalization":
                if (o.Momentum != 0.99) named.Add("Momentum = " + Double(o.Momentum));
                if (o.Epsilon != 1e-3) named.Add("Epsilon = " + Double(o.Epsilon));
                break;
            case "LayerNormalization":
                if (o.Epsilon != 1e-3) named.Add("Epsilon = " + Double(o.Epsilon));
                break;
            case "Rescaling":
                args.Add(Double(o.Scale));
                if (o.Offset != 0) args.Add(Double(o.Offset));
                break;
            case "UpSampling1D":
            case "UpSampling2D":
                args.Add(Int(o.Size));
                break;
            case "ZeroPadding2D":
            case "Cropping2D":
                if (o.Top == o.Bottom && o.Top == o.Left && o.Top == o.Right)
                {
                    args.Add(Int(o.Top));
                }
                else
                {
                    args.Add("0");
                    named.Add("Top = " + Int(o.Top));
                    named.Add("Bottom = " + Int(o.Bottom));
                    named.Add("Left = " + Int(o.Left));
                    named.Add("Right = " + Int(o.Right));
                }

                break;
            case "Embedding":
                args.Add(Int(o.InputDim));
                args.Add(Int(o.OutputDim));
                if (o.MaskZero) named.Add("MaskZero = true");
                break;
            case "SimpleRNN":
            case "LSTM":
            case "GRU":
                args.Add(Int(o.Units));
                if (o.Activation != Activation.Tanh) args.Add(Act(o.Activation));
                if (layer.Kind != "SimpleRNN" && o.RecurrentActivation != Activation.Sigmoid) named.Add("RecurrentActivation = " + Act(o.RecurrentActivation));
                if (layer.Kind == "GRU" && !o.ResetAfter) named.Add("ResetAfter = false");
                if (layer.Kind == "LSTM" && !o.UnitForgetBias) named.Add("UnitForgetBias = false");
                if (!o.UseBias) named.Add("UseBias = false");
                if (o.ReturnSequences) named.Add("ReturnSequences = true");
                if (o.GoBackwards) named.Add("GoBackwards = true");
                break;
        }

        if (o.KernelL1 != 0) named.Add("KernelL1 = " + Factor(o.KernelL1));
        if (o.KernelL2 != 0) named.Add("KernelL2 = " + Factor(o.KernelL2));
        yield return Compose(layer.Kind, args, named, layer.Name);
    }

    private static void AddStrides(KerasLayer layer, List<string> named, int defaultStride)
    {
        LayerOptions o = layer.Options;
        bool two = layer.Kind.Contains("2D", System.StringComparison.Ordinal);
        if (!two || o.StridesHeight == o.StridesWidth)
        {
            if (o.StridesWidth != defaultStride) named.Add("Strides = " + Int(o.StridesWidth));
        }
        else
        {
            named.Add("StridesHeight = " + Int(o.StridesHeight));
            named.Add("StridesWidth = " + Int(o.StridesWidth));
        }
    }

    private static string Compose(string kind, IEnumerable<string> args, List<string> named, string name)
    {
        named.Add("Name = " + Literal(name));
        return kind + "(" + string.Join(", ", args.Concat(named)) + ")";
    }

    private static string Act(Activation activation) => "Activation." + activation;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shortest text that round-trips, so the attribute holds exactly the config's double.</summary>
    internal static string Double(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary>
    /// A regularisation factor. tf.keras 2 stores them as float32 widened to double (<c>l2(0.01)</c> is written
    /// 0.009999999776482582); the generator uses them as floats, so a value that is exactly a float is written as that
    /// float's shortest text (<c>0.01</c>), which names the same float, and any other value round-trips as a double.
    /// </summary>
    internal static string Factor(double value)
    {
        float single = (float)value;
        if ((double)single != value) return Double(value);
        string text = single.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    internal static string Literal(string text)
    {
        var builder = new System.Text.StringBuilder("\"");
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' || c > '~' => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
