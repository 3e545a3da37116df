using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace StaticNets.Keras.Reading;

/// <summary>
/// Turns one Keras layer config into a <see cref="KerasLayer"/> (kind and settings), or into problem lines naming
/// the layer and the setting that StaticNets cannot represent. Every key of the config is either understood,
/// known not to affect the model (names, initialisers, dtype float32, performance switches), or must hold its
/// "off" value (null, false, 0): an unknown setting that is switched on is refused rather than silently ignored.
/// </summary>
internal sealed class LayerConfigReader
{
    // Keys that never change what a StaticNets model computes or how it trains.
    private static readonly HashSet<string> s_ignored = new(StringComparer.Ordinal)
    {
        "name", "trainable", "dtype", "batch_input_shape", "batch_shape", "input_shape", "implementation", "unroll",
        "seed", "input_length", "use_cudnn", "fused", "autocast", "zero_output_for_mask", "build_config", "shared_object_id",
        "kernel_initializer", "bias_initializer", "recurrent_initializer", "embeddings_initializer", "gamma_initializer",
        "beta_initializer", "moving_mean_initializer", "moving_variance_initializer", "depthwise_initializer",
        "unit_forget_bias", "data_format", "registered_name", "module",
    };

    private readonly bool _keras2;
    private readonly List<string> _problems;
    private readonly List<string> _notes;

    public LayerConfigReader(bool keras2, List<string> problems, List<string> notes)
    {
        _keras2 = keras2;
        _problems = problems;
        _notes = notes;
    }

    /// <summary>Reads a <c>{class_name, config}</c> layer entry; null when it has problems (already reported).</summary>
    public KerasLayer? Read(JsonElement entry)
    {
        string kerasClass = JsonValues.String(entry, "class_name") ?? "?";
        JsonElement config = JsonValues.Get(entry, "config") ?? default;
        if (config.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"layer of class '{kerasClass}': its config is missing or not an object.");
            return null;
        }

        string name = JsonValues.String(config, "name") ?? kerasClass.ToLowerInvariant();
        var used = new HashSet<string>(StringComparer.Ordinal);
        int before = _problems.Count;
        var context = new Context(this, name, kerasClass, config, used);
        KerasLayer? layer = ReadKind(context);
        if (layer is null)
        {
            return null;
        }

        context.CheckDtype();
        context.CheckRest();
        return _problems.Count == before ? layer : null;
    }

    private KerasLayer? ReadKind(Context c)
    {
        var o = new LayerOptions();
        switch (c.KerasClass)
        {
            case "Dense":
                o.Units = c.Positive("units");
                o.Activation = c.Activation("activation");
                o.UseBias = c.Bool("use_bias", true);
                ReadKernelRegularizer(c, o, "kernel_regularizer");
                return c.Layer("Dense", o);
            case "Activation":
                o.Activation = c.Activation("activation");
                return c.Layer("Activation", o);
            case "ReLU":
                double? maxValue = c.OptionalNumber("max_value");
                c.Require("negative_slope", 0);
                c.Require("threshold", 0);
                if (maxValue is not null && maxValue != 6) c.Problem("max_value", $"{maxValue} (only none or 6, as Activation.Relu6)");
                o.Activation = maxValue is null ? Activation.Relu : Activation.Relu6;
                return c.Layer("Activation", o);
            case "LeakyReLU":
                double slope = c.OptionalNumber("negative_slope") ?? c.OptionalNumber("alpha") ?? 0.3;
                if (Math.Abs(slope - 0.2) > 1e-7) c.Problem("negative_slope", $"{slope.ToString(CultureInfo.InvariantCulture)} (StaticNets's LeakyRelu has slope 0.2)");
                o.Activation = Activation.LeakyRelu;
                return c.Layer("Activation", o);
            case "Softmax":
                c.RequireLastAxis("axis");
                o.Activation = Activation.Softmax;
                return c.Layer("Activation", o);
            case "Dropout":
                o.Rate = c.Number("rate", 0);
                c.Use("noise_shape");
                if (!c.IsOff("noise_shape")) c.Problem("noise_shape", "a dropout noise shape (StaticNets drops values independently)");
                return c.Layer("Dropout", o);
            case "Flatten":
                c.ChannelsLast();
                return c.Layer("Flatten", o);
            case "Reshape":
                o.Shape = c.Ints("target_shape") ?? Array.Empty<int>();
                if (o.Shape.Length == 0) c.Problem("target_shape", "missing");
                return c.Layer("Reshape", o);
            case "Conv1D":
            case "Conv2D":
                return ReadConvolution(c, o, c.KerasClass == "Conv2D");
            case "Conv2DTranspose":
                if (!c.IsOff("output_padding")) c.Problem("output_padding", JsonValues.Text(c.Config.GetProperty("output_padding")) + " (StaticNets's Conv2DTranspose has no output padding)");
                c.Use("output_padding");
                return ReadConvolution(c, o, twoDimensional: true, transposed: true);
            case "MaxPooling1D":
            case "AveragePooling1D":
            case "MaxPooling2D":
            case "AveragePooling2D":
                return ReadPooling(c, o, c.KerasClass.EndsWith("2D", StringComparison.Ordinal));
            case "GlobalAveragePooling1D":
            case "GlobalMaxPooling1D":
            case "GlobalAveragePooling2D":
            case "GlobalMaxPooling2D":
                c.ChannelsLast();
                if (c.BoolValue("keepdims") == true) c.Problem("keepdims", "true (StaticNets global pooling drops the pooled axes)");
                return c.Layer(c.KerasClass, o);
            case "BatchNormalization":
                c.RequireLastAxis("axis");
                o.Momentum = c.Number("momentum", 0.99);
                o.Epsilon = c.Number("epsilon", 1e-3);
                o.Center = c.Bool("center", true);
                o.Scaled = c.Bool("scale", true);
                foreach (string key in new[] { "renorm", "synchronized" })
                {
                    if (c.BoolValue(key) == true) c.Problem(key, "true");
                }

                c.Use("virtual_batch_size");
                if (!c.IsOff("virtual_batch_size")) c.Problem("virtual_batch_size", "ghost batch normalisation");
                o.Axis = c.LastAxisCandidate;
                return c.Layer("BatchNormalization", o);
            case "LayerNormalization":
                c.RequireLastAxis("axis");
                o.Epsilon = c.Number("epsilon", 1e-3);
                o.Center = c.Bool("center", true);
                o.Scaled = c.Bool("scale", true);
                if (c.BoolValue("rms_scaling") == true) c.Problem("rms_scaling", "true (RMS normalisation)");
                o.Axis = c.LastAxisCandidate;
                return c.Layer("LayerNormalization", o);
            case "Normalization":
                return ReadNormalization(c, o);
            case "Rescaling":
                o.Scale = c.Number("scale", 1);
                o.Offset = c.Number("offset", 0);
                return c.Layer("Rescaling", o);
            case "UpSampling1D":
                o.Size = c.IntsOf("size", 1)?[0] ?? 2;
                return c.Layer("UpSampling1D", o);
            case "UpSampling2D":
            {
                c.ChannelsLast();
                int[] size = c.IntsOf("size", 2) ?? new[] { 2, 2 };
                if (size[0] != size[1]) c.Problem("size", $"{JsonValues.Shape(size)} (StaticNets upsamples both axes by the same factor)");
                o.Size = size[0];
                string interpolation = c.StringValue("interpolation") ?? "nearest";
                if (interpolation != "nearest") c.Problem("interpolation", $"'{interpolation}' (only 'nearest')");
                return c.Layer("UpSampling2D", o);
            }

            case "ZeroPadding2D":
            case "Cropping2D":
            {
                c.ChannelsLast();
                (int top, int bottom, int left, int right)? sides = c.Sides(c.KerasClass == "ZeroPadding2D" ? "padding" : "cropping");
                if (sides is null) return null;
                (o.Top, o.Bottom, o.Left, o.Right) = sides.Value;
                return c.Layer(c.KerasClass, o);
            }

            case "Embedding":
                o.InputDim = c.Positive("input_dim");
                o.OutputDim = c.Positive("output_dim");
                o.MaskZero = c.Bool("mask_zero", false);
                c.Use("lora_rank");
                if (!c.IsOff("lora_rank")) c.Problem("lora_rank", "LoRA adapters");
                ReadKernelRegularizer(c, o, "embeddings_regularizer");
                return c.Layer("Embedding", o);
            case "SimpleRNN":
            case "LSTM":
            case "GRU":
                return ReadRecurrent(c, o);
            case "Bidirectional":
                return ReadBidirectional(c, o);
            case "InputLayer":
                c.Problem("class", "an InputLayer in the middle of the model");
                return null;
            default:
                if (c.KerasClass is "Sequential" or "Functional" or "Model")
                {
                    _problems.Add($"layer '{c.Name}' ({c.KerasClass}): a nested model; StaticNets imports flat models (rebuild it as one Sequential model).");
                }
                else
                {
                    _problems.Add($"layer '{c.Name}' ({c.KerasClass}): StaticNets has no such layer.");
                }

                return null;
        }
    }

    private KerasLayer? ReadConvolution(Context c, LayerOptions o, bool twoDimensional, bool transposed = false)
    {
        int rank = twoDimensional ? 2 : 1;
        c.ChannelsLast();
        o.Filters = c.Positive("filters");
        int[] kernel = c.IntsOf("kernel_size", rank) ?? new[] { 1, 1 };
        int[] strides = c.IntsOf("strides", rank) ?? new[] { 1, 1 };
        int[] dilation = c.IntsOf("dilation_rate", rank) ?? new[] { 1, 1 };
        (o.KernelHeight, o.KernelWidth) = twoDimensional ? (kernel[0], kernel[1]) : (1, kernel[0]);
        (o.StridesHeight, o.StridesWidth) = twoDimensional ? (strides[0], strides[1]) : (1, strides[0]);
        o.Padding = c.PaddingValue(allowCausal: !twoDimensional);
        if (twoDimensional && dilation.Any(d => d != 1)) c.Problem("dilation_rate", $"{JsonValues.Shape(dilation)} (StaticNets dilates Conv1D only)");
        o.Dilation = twoDimensional ? 1 : dilation[0];
        c.Use("groups");
        if (c.OptionalNumber("groups") is { } groups && groups != 1) c.Problem("groups", $"{groups} (grouped convolution)");
        o.Activation = c.Activation("activation");
        o.UseBias = c.Bool("use_bias", true);
        c.Use("lora_rank");
        if (!c.IsOff("lora_rank")) c.Problem("lora_rank", "LoRA adapters");
        ReadKernelRegularizer(c, o, "kernel_regularizer");
        return c.Layer(transposed ? "Conv2DTranspose" : twoDimensional ? "Conv2D" : "Conv1D", o);
    }

    /// <summary>
    /// Keras <c>Normalization</c> over the last axis, adapted (statistics in the weights file) or given <c>mean</c> and
    /// <c>variance</c> in the config (one number, or one per feature; Keras then stores no weights).
    /// </summary>
    private static KerasLayer? ReadNormalization(Context c, LayerOptions o)
    {
        if (JsonValues.Get(c.Config, "axis") is { ValueKind: JsonValueKind.Array } axis && axis.GetArrayLength() == 0)
        {
            c.Use("axis");
            c.Problem("axis", "None (one mean and variance for every value; StaticNets normalises each feature of the last axis)");
        }
        else
        {
            c.RequireLastAxis("axis");
            o.Axis = c.LastAxisCandidate;
        }

        if (c.BoolValue("invert") == true) c.Problem("invert", "true (StaticNets's Normalization does not undo a normalisation)");
        c.Use("mean");
        c.Use("variance");
        JsonElement? mean = JsonValues.Get(c.Config, "mean"), variance = JsonValues.Get(c.Config, "variance");
        if (mean is null && variance is null) return c.Layer("Normalization", o);
        if (mean is null || variance is null)
        {
            string given = mean is null ? "variance" : "mean";
            c.Problem(given, $"{JsonValues.Text((mean ?? variance)!.Value)} without {(mean is null ? "mean" : "variance")} (Keras needs both)");
            return null;
        }

        o.ConfigMean = Statistic(c, "mean", mean.Value);
        o.ConfigVariance = Statistic(c, "variance", variance.Value);
        return o.ConfigMean is null || o.ConfigVariance is null ? null : c.Layer("Normalization", o);
    }

    /// <summary>A number or a flat list of numbers; anything else is refused.</summary>
    private static double[]? Statistic(Context c, string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number) return new[] { value.GetDouble() };
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number))
        {
            return value.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        }

        c.Problem(key, JsonValues.Text(value) + " (one number, or a list with one per feature of the last axis)");
        return null;
    }

    private static KerasLayer? ReadPooling(Context c, LayerOptions o, bool twoDimensional)
    {
        int rank = twoDimensional ? 2 : 1;
        c.ChannelsLast();
        int[] pool = c.IntsOf("pool_size", rank) ?? new[] { 2, 2 };
        if (twoDimensional && pool[0] != pool[1]) c.Problem("pool_size", $"{JsonValues.Shape(pool)} (StaticNets pools square windows)");
        int[] strides = c.IntsOf("strides", rank) ?? pool;
        o.KernelHeight = twoDimensional ? pool[0] : 1;
        o.KernelWidth = pool[^1];
        (o.StridesHeight, o.StridesWidth) = twoDimensional ? (strides[0], strides[1]) : (1, strides[0]);
        o.Padding = c.PaddingValue(allowCausal: false);
        return c.Layer(c.KerasClass, o);
    }

    private KerasLayer? ReadRecurrent(Context c, LayerOptions o)
    {
        o.Units = c.Positive("units");
        o.Activation = c.Activation("activation", Activation.Tanh);
        if (c.KerasClass != "SimpleRNN")
        {
            o.RecurrentActivation = c.Activation("recurrent_activation", _keras2 ? Activation.HardSigmoidKeras2 : Activation.Sigmoid);
        }

        o.UseBias = c.Bool("use_bias", true);
        o.ReturnSequences = c.Bool("return_sequences", false);
        o.GoBackwards = c.Bool("go_backwards", false);
        if (c.KerasClass == "LSTM") o.UnitForgetBias = c.Bool("unit_forget_bias", true);
        // Keras 2 GRU defaulted to reset_after=False; tf.keras 2 and Keras 3 write the key.
        if (c.KerasClass == "GRU") o.ResetAfter = c.Bool("reset_after", !_keras2);
        foreach (string key in new[] { "stateful", "return_state", "time_major" })
        {
            if (c.BoolValue(key) == true) c.Problem(key, "true" + (key == "stateful" ? " (StaticNets keeps state only in streaming Step, not across Predict calls)" : ""));
        }

        ReadKernelRegularizer(c, o, "kernel_regularizer");
        foreach (string key in new[] { "dropout", "recurrent_dropout" })
        {
            c.Use(key);
            if (!c.IsOff(key)) c.Note(key, "StaticNets recurrent layers have no dropout");
        }
        return c.Layer(c.KerasClass, o);
    }

    /// <summary>
    /// <c>L1</c>, <c>L2</c> or <c>L1L2</c> on the kernel (Keras 2 and Keras 3 configs alike: <c>{class_name, config: {l1, l2}}</c>)
    /// becomes the attribute's KernelL1/KernelL2; any other regulariser is noted as training-only.
    /// </summary>
    private static void ReadKernelRegularizer(Context c, LayerOptions o, string key)
    {
        c.Use(key);
        if (c.IsOff(key)) return;
        JsonElement regularizer = c.Config.GetProperty(key);
        string kind = (JsonValues.String(regularizer, "class_name") ?? "").ToLowerInvariant().Replace("_", "", StringComparison.Ordinal);
        JsonElement settings = JsonValues.Get(regularizer, "config") ?? default;
        if (kind is not ("l1" or "l2" or "l1l2") || settings.ValueKind != JsonValueKind.Object)
        {
            c.Note(key, "StaticNets has no such regulariser");
            return;
        }

        o.KernelL1 = Factor(c, key, settings, "l1");
        o.KernelL2 = Factor(c, key, settings, "l2");
    }

    /// <summary>A regularisation factor: absent means 0; it must be a number at least 0 and finite as a float (the generator's rule).</summary>
    private static double Factor(Context c, string key, JsonElement settings, string name)
    {
        JsonElement? value = JsonValues.Get(settings, name);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null) return 0;
        double? factor = JsonValues.Number(settings, name);
        if (factor is >= 0 and <= float.MaxValue) return factor.Value;
        c.Problem(key, $"{JsonValues.Text(c.Config.GetProperty(key))} with {name} = {JsonValues.Text(value.Value)} (a factor at least 0 is needed)");
        return 0;
    }

    private KerasLayer? ReadBidirectional(Context c, LayerOptions o)
    {
        string mode = c.StringValue("merge_mode") ?? "null";
        switch (mode)
        {
            case "concat": o.MergeMode = MergeMode.Concat; break;
            case "sum": o.MergeMode = MergeMode.Sum; break;
            case "mul": o.MergeMode = MergeMode.Mul; break;
            case "ave": o.MergeMode = MergeMode.Ave; break;
            default: c.Problem("merge_mode", $"'{mode}' (concat, sum, mul or ave)"); break;
        }

        c.Use("layer");
        c.Use("backward_layer");
        KerasLayer? inner = JsonValues.Get(c.Config, "layer") is { } layer ? Read(layer) : null;
        if (inner is null)
        {
            if (JsonValues.Get(c.Config, "layer") is null) c.Problem("layer", "missing");
            return null;
        }

        if (inner.Kind is not ("SimpleRNN" or "LSTM" or "GRU"))
        {
            c.Problem("layer", $"wraps a {inner.KerasClass} (a recurrent layer is needed)");
            return null;
        }

        if (inner.Options.GoBackwards) c.Problem("layer", "wraps a go_backwards layer");
        if (JsonValues.Get(c.Config, "backward_layer") is { } backward && JsonValues.String(backward, "class_name") != inner.KerasClass)
        {
            c.Problem("backward_layer", $"a {JsonValues.String(backward, "class_name")} with a {inner.KerasClass} forward layer");
        }

        return c.Layer("Bidirectional", o, inner);
    }

    /// <summary>The activation a Keras name stands for; Keras 2's <c>hard_sigmoid</c> is another function than Keras 3's.</summary>
    internal Activation? ActivationNamed(string name) => name switch
    {
        "linear" => Activation.Linear,
        "relu" => Activation.Relu,
        "sigmoid" => Activation.Sigmoid,
        "tanh" => Activation.Tanh,
        "softmax" => Activation.Softmax,
        "softplus" => Activation.Softplus,
        "softsign" => Activation.Softsign,
        "elu" => Activation.Elu,
        "selu" => Activation.Selu,
        "exponential" => Activation.Exponential,
        "leaky_relu" => Activation.LeakyRelu,
        "relu6" => Activation.Relu6,
        "gelu" => Activation.Gelu,
        "silu" or "swish" => Activation.Silu,
        "hard_sigmoid" => _keras2 ? Activation.HardSigmoidKeras2 : Activation.HardSigmoid,
        "mish" => Activation.Mish,
        _ => null,
    };

    /// <summary>One layer config being read: tracks which keys were understood and reports problems on the layer.</summary>
    private sealed class Context(LayerConfigReader reader, string name, string kerasClass, JsonElement config, HashSet<string> used)
    {
        public string Name => name;
        public string KerasClass => kerasClass;
        public JsonElement Config => config;

        public KerasLayer Layer(string kind, LayerOptions options, KerasLayer? wrapped = null) => new(kind, kerasClass, name, options, wrapped);

        public void Use(string key) => used.Add(key);

        public bool IsOff(string key) => !config.TryGetProperty(key, out JsonElement value) || JsonValues.IsOff(value);

        public void Problem(string key, string what) => reader._problems.Add($"layer '{name}' ({kerasClass}): {key} = {what} is not supported.");

        public int Positive(string key)
        {
            used.Add(key);
            int[]? value = JsonValues.Ints(config, key);
            if (value is not { Length: 1 } || value[0] <= 0)
            {
                reader._problems.Add($"layer '{name}' ({kerasClass}): {key} is missing or not a positive integer.");
                return 1;
            }

            return value[0];
        }

        public bool Bool(string key, bool fallback)
        {
            used.Add(key);
            return JsonValues.Bool(config, key) ?? fallback;
        }

        public bool? BoolValue(string key)
        {
            used.Add(key);
            return JsonValues.Bool(config, key);
        }

        public string? StringValue(string key)
        {
            used.Add(key);
            return JsonValues.String(config, key);
        }

        public double Number(string key, double fallback)
        {
            used.Add(key);
            if (JsonValues.Get(config, key) is { } value && value.ValueKind != JsonValueKind.Number)
            {
                Problem(key, JsonValues.Text(value) + " (a single number is needed)");
            }

            return JsonValues.Number(config, key) ?? fallback;
        }

        public double? OptionalNumber(string key)
        {
            used.Add(key);
            return JsonValues.Number(config, key);
        }

        public void Require(string key, double value)
        {
            used.Add(key);
            if (JsonValues.Number(config, key) is { } actual && actual != value)
            {
                Problem(key, actual.ToString(CultureInfo.InvariantCulture));
            }
        }

        public int[]? Ints(string key)
        {
            used.Add(key);
            return JsonValues.Ints(config, key);
        }

        /// <summary>An int or a list of <paramref name="rank"/> ints (a single int repeats).</summary>
        public int[]? IntsOf(string key, int rank)
        {
            used.Add(key);
            if (JsonValues.Get(config, key) is null) return null;
            int[]? value = JsonValues.Ints(config, key);
            if (value is null || (value.Length != 1 && value.Length != rank) || value.Any(v => v <= 0))
            {
                Problem(key, JsonValues.Text(config.GetProperty(key)) + $" (need {rank} positive integer(s))");
                return null;
            }

            return value.Length == rank ? value : Enumerable.Repeat(value[0], rank).ToArray();
        }

        public Activation Activation(string key, Activation fallback = StaticNets.Activation.Linear)
        {
            used.Add(key);
            JsonElement? value = JsonValues.Get(config, key);
            if (value is null) return fallback;
            string? text = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString()
                : JsonValues.String(value.Value, "config") ?? (JsonValues.Get(value.Value, "config") is { } inner ? JsonValues.String(inner, "name") : null);
            if (text is not null && reader.ActivationNamed(text) is { } activation) return activation;
            Problem(key, $"'{text ?? JsonValues.Text(value.Value)}' (StaticNets has no such activation)");
            return fallback;
        }

        public Padding PaddingValue(bool allowCausal)
        {
            string padding = StringValue("padding") ?? "valid";
            switch (padding)
            {
                case "valid": return Padding.Valid;
                case "same": return Padding.Same;
                case "causal" when allowCausal: return Padding.Causal;
                default:
                    Problem("padding", $"'{padding}'");
                    return Padding.Valid;
            }
        }

        public void ChannelsLast()
        {
            used.Add("data_format");
            string? format = JsonValues.String(config, "data_format");
            if (format is not null && format != "channels_last") Problem("data_format", $"'{format}' (StaticNets is channels_last)");
        }

        public void RequireLastAxis(string key)
        {
            used.Add(key);
            // -1, or the input's last axis counted with the batch (tf.keras writes [3] for an NHWC BatchNormalization).
            int[]? axis = JsonValues.Ints(config, key);
            if (JsonValues.Get(config, key) is null) return;
            if (axis is not { Length: 1 }) Problem(key, JsonValues.Text(config.GetProperty(key)) + " (only the last axis)");
            else if (axis[0] != -1) LastAxisCandidate = axis[0];
        }

        /// <summary>A positive axis, checked against the input rank once it is known.</summary>
        public int? LastAxisCandidate { get; private set; }

        public (int, int, int, int)? Sides(string key)
        {
            used.Add(key);
            JsonElement? value = JsonValues.Get(config, key);
            if (value is null) return (1, 1, 1, 1);
            if (JsonValues.Ints(config, key) is { } flat)
            {
                if (flat.Length == 1) return (flat[0], flat[0], flat[0], flat[0]);
                if (flat.Length == 2) return (flat[0], flat[0], flat[1], flat[1]);
            }
            else if (value.Value.ValueKind == JsonValueKind.Array && value.Value.GetArrayLength() == 2)
            {
                int[][] pairs = value.Value.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().Select(v => v.TryGetInt32(out int n) ? n : -1).ToArray() : Array.Empty<int>()).ToArray();
                if (pairs.All(p => p.Length == 2 && p.All(v => v >= 0))) return (pairs[0][0], pairs[0][1], pairs[1][0], pairs[1][1]);
            }

            Problem(key, JsonValues.Text(value.Value));
            return null;
        }

        /// <summary>A setting that acts only in training: the import is exact for prediction, so it is noted, not refused.</summary>
        public void Note(string key, string why)
            => reader._notes.Add($"layer '{name}' ({kerasClass}): {key} = {JsonValues.Text(config.GetProperty(key))} is ignored ({why}; it acts only in training, so predictions are unaffected).");

        public void CheckDtype()
        {
            JsonElement? dtype = JsonValues.Get(config, "dtype");
            if (dtype is null) return;
            string? text = dtype.Value.ValueKind == JsonValueKind.String ? dtype.Value.GetString()
                : JsonValues.Get(dtype.Value, "config") is { } inner ? JsonValues.String(inner, "name") : null;
            if (text is not null && text != "float32")
            {
                Problem("dtype", $"'{text}' (StaticNets computes in float32)");
            }
        }

        /// <summary>Every key not understood must be off, except the ones known to be harmless.</summary>
        public void CheckRest()
        {
            foreach (JsonProperty property in config.EnumerateObject())
            {
                string key = property.Name;
                if (used.Contains(key) || s_ignored.Contains(key) || JsonValues.IsOff(property.Value)) continue;
                if (key.EndsWith("_regularizer", StringComparison.Ordinal))
                {
                    Note(key, key == "activity_regularizer" ? "StaticNets has no activity regularisers" : "StaticNets regularises only kernels");
                }
                else if (key.EndsWith("_constraint", StringComparison.Ordinal))
                {
                    // Keras projects the weights after every training step; StaticNets cannot, so training would differ.
                    reader._problems.Add($"layer '{name}' ({kerasClass}): {key} = {JsonValues.Text(property.Value)} is not supported (StaticNets has no weight constraints).");
                }
                else
                {
                    reader._problems.Add($"layer '{name}' ({kerasClass}): setting {key} = {JsonValues.Text(property.Value)} is not supported.");
                }
            }
        }
    }
}
