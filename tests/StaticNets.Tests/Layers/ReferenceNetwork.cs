using StaticNets.Tests.Reference;

namespace StaticNets.Tests.Layers;

/// <summary>
/// A sequential network evaluated naively in double straight from the Keras definitions (docs/keras-semantics.md, "Layers"): explicit index
/// math for convolution and pooling with Keras's "same" padding (<c>before = total / 2</c>, the extra cell after),
/// batch statistics with the biased variance for BatchNormalization in training, inverted dropout with a given mask.
/// It shares no code with the runtime kernels, so generated networks can be checked against it. The layers are
/// declared again in the test, in the same order and with the same parameter layout as the attributes.
/// An <c>Embedding(maskZero: true)</c> mask travels with the values, one float per sample and step (0 where the id
/// is 0), as Keras 3 propagates it (see ReferenceNetwork.Sequences.cs).
/// </summary>
internal sealed partial class ReferenceNetwork
{
    private readonly List<ReferenceLayer> _layers = [];

    public ReferenceNetwork(params int[] inputShape)
    {
        InputShape = inputShape;
        OutputShape = inputShape;
    }

    public int[] InputShape { get; }

    public int[] OutputShape { get; private set; }

    public int InputSize => Product(InputShape);

    public int OutputSize => Product(OutputShape);

    public int ParameterCount { get; private set; }

    public IReadOnlyList<ReferenceLayer> Layers => _layers;

    /// <summary>Indices of the parameters no optimizer may change (BatchNormalization moving statistics).</summary>
    public IEnumerable<int> NonTrainableIndices => _layers.SelectMany(l => l.NonTrainableIndices);

    public static int Product(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    public ReferenceNetwork Dense(int units, Activation activation = Activation.Linear, bool useBias = true)
        => Add(new DenseLayer(OutputShape, units, activation, useBias));

    /// <summary>A 2-D convolution; <paramref name="stridesWidth"/>, when given, is the column stride and <paramref name="strides"/> the row stride.</summary>
    public ReferenceNetwork Conv2D(int filters, int kernelHeight, int kernelWidth, Activation activation = Activation.Linear, int strides = 1, bool same = false, bool useBias = true, int? stridesWidth = null)
    {
        Assert.Equal(3, OutputShape.Length);
        return Add(new ConvolutionLayer(OutputShape, OutputShape[0], OutputShape[1], OutputShape[2], filters, kernelHeight, kernelWidth, strides, stridesWidth ?? strides, same, activation, useBias));
    }

    /// <summary>
    /// Conv1D is a Conv2D over a single row with a 1 × k kernel: Keras's (k, cin, filters) is the same layout as
    /// (1, k, cin, filters). Its taps are <paramref name="dilation"/> steps apart; <paramref name="causal"/> pads all
    /// d·(k − 1) steps before the input.
    /// </summary>
    public ReferenceNetwork Conv1D(int filters, int kernelSize, Activation activation = Activation.Linear, int strides = 1, bool same = false, bool useBias = true,
        int dilation = 1, bool causal = false)
    {
        Assert.Equal(2, OutputShape.Length);
        return Add(new ConvolutionLayer(OutputShape, 1, OutputShape[0], OutputShape[1], filters, 1, kernelSize, strides, strides, same, activation, useBias, dilation, causal));
    }

    /// <summary>Keras Conv2DTranspose: a scatter-add of each input cell through the kernel (kh, kw, filters, cin), cropped as Keras crops "same".</summary>
    public ReferenceNetwork Conv2DTranspose(int filters, int kernelHeight, int kernelWidth, Activation activation = Activation.Linear, int strides = 1, int? stridesWidth = null, bool same = false, bool useBias = true)
    {
        Assert.Equal(3, OutputShape.Length);
        return Add(new ConvolutionTransposeLayer(OutputShape, filters, kernelHeight, kernelWidth, strides, stridesWidth ?? strides, same, activation, useBias));
    }

    public ReferenceNetwork MaxPooling2D(int pool, int? strides = null, bool same = false, int? stridesWidth = null) => Pooling2D(true, pool, strides, same, stridesWidth);

    public ReferenceNetwork AveragePooling2D(int pool, int? strides = null, bool same = false, int? stridesWidth = null) => Pooling2D(false, pool, strides, same, stridesWidth);

    public ReferenceNetwork MaxPooling1D(int pool, int? strides = null, bool same = false) => Pooling1D(true, pool, strides, same);

    public ReferenceNetwork AveragePooling1D(int pool, int? strides = null, bool same = false) => Pooling1D(false, pool, strides, same);

    public ReferenceNetwork GlobalMaxPooling2D() => Add(new GlobalPoolingLayer(OutputShape, max: true));

    public ReferenceNetwork GlobalAveragePooling2D() => Add(new GlobalPoolingLayer(OutputShape, max: false));

    public ReferenceNetwork GlobalAveragePooling1D() => Add(new GlobalPoolingLayer(OutputShape, max: false));

    public ReferenceNetwork GlobalMaxPooling1D()
    {
        Assert.Equal(2, OutputShape.Length);
        return Add(new GlobalPoolingLayer(OutputShape, max: true));
    }

    public ReferenceNetwork ActivationLayer(Activation activation) => Add(new ActivationOnlyLayer(OutputShape, activation));

    public ReferenceNetwork Rescaling(double scale, double offset = 0) => Add(new RescalingLayer(OutputShape, scale, offset));

    public ReferenceNetwork UpSampling1D(int size)
    {
        Assert.Equal(2, OutputShape.Length);
        return Add(new UpSamplingLayer(OutputShape, 1, OutputShape[0], OutputShape[1], 1, size));
    }

    public ReferenceNetwork UpSampling2D(int size)
    {
        Assert.Equal(3, OutputShape.Length);
        return Add(new UpSamplingLayer(OutputShape, OutputShape[0], OutputShape[1], OutputShape[2], size, size));
    }

    public ReferenceNetwork ZeroPadding2D(int top, int bottom, int left, int right)
    {
        Assert.Equal(3, OutputShape.Length);
        return Add(new BorderLayer(OutputShape, top, bottom, left, right));
    }

    /// <summary>Cropping is a border of negative width.</summary>
    public ReferenceNetwork Cropping2D(int top, int bottom, int left, int right)
    {
        Assert.Equal(3, OutputShape.Length);
        return Add(new BorderLayer(OutputShape, -top, -bottom, -left, -right));
    }

    public ReferenceNetwork Flatten() => Add(new ReshapeLayer(OutputShape, [Product(OutputShape)]));

    public ReferenceNetwork Reshape(params int[] shape)
    {
        int known = shape.Where(d => d != -1).Aggregate(1, (a, b) => a * b);
        return Add(new ReshapeLayer(OutputShape, shape.Select(d => d == -1 ? Product(OutputShape) / known : d).ToArray()));
    }

    public ReferenceNetwork Dropout(double rate) => Add(new DropoutLayer(OutputShape, rate));

    public ReferenceNetwork BatchNormalization(double momentum = 0.99, double epsilon = 1e-3) => Add(new BatchNormalizationLayer(OutputShape, momentum, epsilon));

    public ReferenceNetwork Normalization() => Add(new NormalizationReferenceLayer(OutputShape));

    public ReferenceNetwork LayerNormalization(double epsilon = 1e-3) => Add(new LayerNormalizationLayer(OutputShape, epsilon));

    private ReferenceNetwork Pooling2D(bool max, int pool, int? strides, bool same, int? stridesWidth)
    {
        Assert.Equal(3, OutputShape.Length);
        return Add(new PoolingLayer(OutputShape, OutputShape[0], OutputShape[1], OutputShape[2], pool, pool, strides ?? pool, stridesWidth ?? strides ?? pool, same, max));
    }

    private ReferenceNetwork Pooling1D(bool max, int pool, int? strides, bool same)
    {
        Assert.Equal(2, OutputShape.Length);
        return Add(new PoolingLayer(OutputShape, 1, OutputShape[0], OutputShape[1], 1, pool, strides ?? pool, strides ?? pool, same, max));
    }

    private ReferenceNetwork Add(ReferenceLayer layer)
    {
        Assert.Null(_bidirectional); // Bidirectional(...) must be followed by a recurrent layer
        layer.Offset = ParameterCount;
        ParameterCount += layer.ParameterCount;
        OutputShape = layer.OutputShape;
        _layers.Add(layer);
        return this;
    }

    /// <summary>Every layer's output for <paramref name="n"/> samples; entry 0 is the input, entry i + 1 layer i's output.</summary>
    public double[][] ForwardAll(double[] w, double[] x, int n, bool training) => Run(w, x, n, training).Values;

    /// <summary>The mask (samples × steps, 0 where masked) reaching each layer's input, or null where none does.</summary>
    public float[]?[] MasksReaching(double[] w, double[] x, int n) => Run(w, x, n, training: false).Masks;

    private (double[][] Values, float[]?[] Masks) Run(double[] w, double[] x, int n, bool training)
    {
        Assert.Equal(ParameterCount, w.Length);
        Assert.Equal(n * InputSize, x.Length);
        var values = new double[_layers.Count + 1][];
        var masks = new float[]?[_layers.Count];
        values[0] = x;
        float[]? mask = null;
        for (int i = 0; i < _layers.Count; i++)
        {
            masks[i] = mask;
            values[i + 1] = _layers[i].Forward(w, values[i], n, training, mask);
            mask = _layers[i].OutputMask(values[i], mask);
        }

        return (values, masks);
    }

    public double[] Forward(double[] w, double[] x, int n, bool training) => ForwardAll(w, x, n, training)[^1];

    /// <summary>
    /// Weights a trained network could have: kernels U(−0.5, 0.5), biases and beta U(−0.3, 0.3), gamma U(0.5, 1.5),
    /// moving means U(−0.5, 0.5) and moving variances U(0.5, 2), so that inference differs from training.
    /// </summary>
    public double[] RandomParameters(Random random)
    {
        var w = new double[ParameterCount];
        foreach (ReferenceLayer layer in _layers) layer.Randomize(random, w);
        return w;
    }

    public static double[] ApplyActivation(Activation activation, double[] z, int lastAxis)
    {
        if (activation == Activation.Softmax)
        {
            var a = new double[z.Length];
            for (int row = 0; row < z.Length; row += lastAxis)
            {
                ActivationReference.Softmax(z.AsSpan(row, lastAxis)).CopyTo(a, row);
            }

            return a;
        }

        return z.Select(v => ActivationReference.Forward(activation, v)).ToArray();
    }

    /// <summary>Keras's output length and padding before the first cell along one axis (extra "same" padding goes after).</summary>
    public static (int Output, int Before) Axis(int size, int window, int stride, bool same)
    {
        int output = same ? (size - 1) / stride + 1 : (size - window) / stride + 1;
        int total = Math.Max(0, (output - 1) * stride + window - size);
        return (output, same ? total / 2 : 0);
    }

    /// <summary>
    /// The same with taps <paramref name="dilation"/> apart (the window spans d·(k − 1) + 1 cells), or Keras's causal
    /// padding: ceil(size / stride) outputs and the whole d·(k − 1) before.
    /// </summary>
    public static (int Output, int Before) Axis(int size, int window, int stride, bool same, int dilation, bool causal)
    {
        int span = dilation * (window - 1) + 1;
        return causal ? ((size - 1) / stride + 1, span - 1) : Axis(size, span, stride, same);
    }
}

/// <summary>One layer of a <see cref="ReferenceNetwork"/>, with its parameters at <see cref="Offset"/> in Keras order.</summary>
internal abstract class ReferenceLayer(int[] inputShape, int[] outputShape, int parameterCount)
{
    public int[] InputShape { get; } = inputShape;

    public int[] OutputShape { get; } = outputShape;

    public int ParameterCount { get; } = parameterCount;

    public int Offset { get; set; }

    public int InputSize => ReferenceNetwork.Product(InputShape);

    public int OutputSize => ReferenceNetwork.Product(OutputShape);

    public virtual IEnumerable<int> NonTrainableIndices => [];

    public abstract double[] Forward(double[] w, double[] x, int n, bool training);

    /// <summary>The forward pass given the mask reaching the layer; only the layers that use a mask look at it.</summary>
    public virtual double[] Forward(double[] w, double[] x, int n, bool training, float[]? mask) => Forward(w, x, n, training);

    /// <summary>Whether the layer's output depends on a mask reaching it (recurrent layers, masked average pooling).</summary>
    public virtual bool UsesMask => false;

    /// <summary>
    /// The mask the layer's output carries, given its input and the mask reaching it. Keras 3 drops the mask at every
    /// layer without <c>supports_masking</c> (the default here); the layers that pass it override this.
    /// </summary>
    public virtual float[]? OutputMask(double[] x, float[]? mask) => null;

    /// <summary>Kernel then bias, the layout of Dense and convolutions.</summary>
    public virtual void Randomize(Random random, double[] w)
    {
        for (int i = 0; i < ParameterCount; i++) w[Offset + i] = random.NextDouble() - 0.5;
    }

    protected static void Uniform(Random random, double[] w, int start, int count, double low, double high)
    {
        for (int i = start; i < start + count; i++) w[i] = low + (high - low) * random.NextDouble();
    }
}

/// <summary>Dense on the last axis (Keras applies it per position on rank > 1 inputs).</summary>
internal sealed class DenseLayer(int[] inputShape, int units, Activation activation, bool useBias)
    : ReferenceLayer(inputShape, [.. inputShape[..^1], units], inputShape[^1] * units + (useBias ? units : 0))
{
    /// <summary>Keras 3 Dense has <c>supports_masking</c>: the mask passes.</summary>
    public override float[]? OutputMask(double[] x, float[]? mask) => mask;

    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        int inputs = InputShape[^1], rows = n * InputSize / inputs;
        var z = new double[rows * units];
        for (int r = 0; r < rows; r++)
        for (int u = 0; u < units; u++)
        {
            double sum = useBias ? w[Offset + inputs * units + u] : 0;
            for (int i = 0; i < inputs; i++) sum += x[r * inputs + i] * w[Offset + i * units + u];
            z[r * units + u] = sum;
        }

        return ReferenceNetwork.ApplyActivation(activation, z, units);
    }

    public override void Randomize(Random random, double[] w)
    {
        int kernel = InputShape[^1] * units;
        Uniform(random, w, Offset, kernel, -0.5, 0.5);
        Uniform(random, w, Offset + kernel, ParameterCount - kernel, -0.3, 0.3);
    }
}

/// <summary>Channels-last convolution over (height, width, channels), kernel (kh, kw, cin, filters), then bias.</summary>
internal sealed class ConvolutionLayer : ReferenceLayer
{
    private readonly int _height, _width, _channels, _filters, _kernelHeight, _kernelWidth, _strideHeight, _strideWidth, _padTop, _padLeft, _outputHeight, _outputWidth;
    private readonly int _dilation;
    private readonly Activation _activation;
    private readonly bool _useBias;

    /// <param name="dilation">Column steps between the kernel's taps (Conv1D's dilation_rate); rows are never dilated.</param>
    /// <param name="causal">Keras Conv1D's causal padding along the columns: d·(k − 1) zeros before, none after.</param>
    public ConvolutionLayer(int[] inputShape, int height, int width, int channels, int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, bool same, Activation activation, bool useBias,
        int dilation = 1, bool causal = false)
        : base(inputShape, OutputShapeOf(inputShape, height, width, filters, kernelHeight, kernelWidth, strideHeight, strideWidth, same, dilation, causal), kernelHeight * kernelWidth * channels * filters + (useBias ? filters : 0))
    {
        (_height, _width, _channels, _filters, _kernelHeight, _kernelWidth) = (height, width, channels, filters, kernelHeight, kernelWidth);
        (_strideHeight, _strideWidth, _dilation) = (strideHeight, strideWidth, dilation);
        (_outputHeight, _padTop) = ReferenceNetwork.Axis(height, kernelHeight, strideHeight, same);
        (_outputWidth, _padLeft) = ReferenceNetwork.Axis(width, kernelWidth, strideWidth, same, dilation, causal);
        (_activation, _useBias) = (activation, useBias);
    }

    public (int Top, int Left) Padding => (_padTop, _padLeft);

    private static int[] OutputShapeOf(int[] inputShape, int height, int width, int filters, int kh, int kw, int strideHeight, int strideWidth, bool same, int dilation, bool causal)
    {
        int oh = ReferenceNetwork.Axis(height, kh, strideHeight, same).Output, ow = ReferenceNetwork.Axis(width, kw, strideWidth, same, dilation, causal).Output;
        return inputShape.Length == 2 ? [ow, filters] : [oh, ow, filters];
    }

    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        int kernelSize = _kernelHeight * _kernelWidth * _channels * _filters;
        var z = new double[n * _outputHeight * _outputWidth * _filters];
        for (int s = 0; s < n; s++)
        for (int oh = 0; oh < _outputHeight; oh++)
        for (int ow = 0; ow < _outputWidth; ow++)
        for (int f = 0; f < _filters; f++)
        {
            double sum = _useBias ? w[Offset + kernelSize + f] : 0;
            for (int i = 0; i < _kernelHeight; i++)
            for (int j = 0; j < _kernelWidth; j++)
            {
                int row = oh * _strideHeight - _padTop + i, col = ow * _strideWidth - _padLeft + j * _dilation;
                if (row < 0 || row >= _height || col < 0 || col >= _width) continue; // zero padding
                for (int c = 0; c < _channels; c++)
                {
                    sum += x[((s * _height + row) * _width + col) * _channels + c]
                         * w[Offset + ((i * _kernelWidth + j) * _channels + c) * _filters + f];
                }
            }

            z[((s * _outputHeight + oh) * _outputWidth + ow) * _filters + f] = sum;
        }

        return ReferenceNetwork.ApplyActivation(_activation, z, _filters);
    }
}

/// <summary>
/// Conv2DTranspose written as Keras documents it: input cell (r, c) adds <c>x[r, c, :] · kernel[i, j, f, :]</c> to full
/// output cell (r·s + i, c·s + j); the full output ((n − 1)·s + k long) is then cropped to Keras's length, n·s (Same,
/// max(k − s, 0) / 2 cells cropped before) or n·s + max(k − s, 0) (Valid: nothing cropped, k &lt; s leaves trailing cells
/// that only get the bias).
/// </summary>
internal sealed class ConvolutionTransposeLayer : ReferenceLayer
{
    private readonly int _height, _width, _channels, _filters, _kernelHeight, _kernelWidth, _strideHeight, _strideWidth, _cropTop, _cropLeft, _outputHeight, _outputWidth;
    private readonly Activation _activation;
    private readonly bool _useBias;

    public ConvolutionTransposeLayer(int[] inputShape, int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, bool same, Activation activation, bool useBias)
        : base(inputShape, [Length(inputShape[0], kernelHeight, strideHeight, same).Output, Length(inputShape[1], kernelWidth, strideWidth, same).Output, filters],
            kernelHeight * kernelWidth * filters * inputShape[2] + (useBias ? filters : 0))
    {
        (_height, _width, _channels, _filters, _kernelHeight, _kernelWidth) = (inputShape[0], inputShape[1], inputShape[2], filters, kernelHeight, kernelWidth);
        (_strideHeight, _strideWidth, _activation, _useBias) = (strideHeight, strideWidth, activation, useBias);
        (_outputHeight, _cropTop) = Length(_height, kernelHeight, strideHeight, same);
        (_outputWidth, _cropLeft) = Length(_width, kernelWidth, strideWidth, same);
    }

    private static (int Output, int Crop) Length(int n, int k, int s, bool same)
        => same ? (n * s, Math.Max(k - s, 0) / 2) : (n * s + Math.Max(k - s, 0), 0);

    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        int kernelSize = _kernelHeight * _kernelWidth * _filters * _channels;
        var z = new double[n * _outputHeight * _outputWidth * _filters];
        for (int s = 0; s < n; s++)
        {
            for (int cell = 0; cell < _outputHeight * _outputWidth; cell++)
            for (int f = 0; f < _filters; f++)
            {
                z[(s * _outputHeight * _outputWidth + cell) * _filters + f] = _useBias ? w[Offset + kernelSize + f] : 0;
            }

            for (int r = 0; r < _height; r++)
            for (int c = 0; c < _width; c++)
            for (int i = 0; i < _kernelHeight; i++)
            for (int j = 0; j < _kernelWidth; j++)
            {
                int row = r * _strideHeight + i - _cropTop, col = c * _strideWidth + j - _cropLeft;
                if (row < 0 || row >= _outputHeight || col < 0 || col >= _outputWidth) continue; // cropped away
                for (int f = 0; f < _filters; f++)
                {
                    double sum = 0;
                    for (int ci = 0; ci < _channels; ci++)
                    {
                        sum += x[((s * _height + r) * _width + c) * _channels + ci] * w[Offset + ((i * _kernelWidth + j) * _filters + f) * _channels + ci];
                    }

                    z[((s * _outputHeight + row) * _outputWidth + col) * _filters + f] += sum;
                }
            }
        }

        return ReferenceNetwork.ApplyActivation(_activation, z, _filters);
    }
}

/// <summary>Max or average pooling per channel: padding never wins a max, and a mean counts real cells only.</summary>
internal sealed class PoolingLayer : ReferenceLayer
{
    private readonly int _height, _width, _channels, _poolHeight, _poolWidth, _strideHeight, _strideWidth, _padTop, _padLeft, _outputHeight, _outputWidth;
    private readonly bool _max;

    public PoolingLayer(int[] inputShape, int height, int width, int channels, int poolHeight, int poolWidth, int strideHeight, int strideWidth, bool same, bool max)
        : base(inputShape, OutputShapeOf(inputShape, height, width, channels, poolHeight, poolWidth, strideHeight, strideWidth, same), 0)
    {
        (_height, _width, _channels, _poolHeight, _poolWidth, _max) = (height, width, channels, poolHeight, poolWidth, max);
        (_strideHeight, _strideWidth) = (strideHeight, strideWidth);
        (_outputHeight, _padTop) = ReferenceNetwork.Axis(height, poolHeight, strideHeight, same);
        (_outputWidth, _padLeft) = ReferenceNetwork.Axis(width, poolWidth, strideWidth, same);
    }

    private static int[] OutputShapeOf(int[] inputShape, int height, int width, int channels, int ph, int pw, int strideHeight, int strideWidth, bool same)
    {
        int oh = ReferenceNetwork.Axis(height, ph, strideHeight, same).Output, ow = ReferenceNetwork.Axis(width, pw, strideWidth, same).Output;
        return inputShape.Length == 2 ? [ow, channels] : [oh, ow, channels];
    }

    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        var y = new double[n * _outputHeight * _outputWidth * _channels];
        for (int s = 0; s < n; s++)
        for (int oh = 0; oh < _outputHeight; oh++)
        for (int ow = 0; ow < _outputWidth; ow++)
        for (int c = 0; c < _channels; c++)
        {
            double best = double.NegativeInfinity, sum = 0;
            int count = 0;
            for (int i = 0; i < _poolHeight; i++)
            for (int j = 0; j < _poolWidth; j++)
            {
                int row = oh * _strideHeight - _padTop + i, col = ow * _strideWidth - _padLeft + j;
                if (row < 0 || row >= _height || col < 0 || col >= _width) continue;
                double v = x[((s * _height + row) * _width + col) * _channels + c];
                best = Math.Max(best, v);
                sum += v;
                count++;
            }

            y[((s * _outputHeight + oh) * _outputWidth + ow) * _channels + c] = _max ? best : sum / count;
        }

        return y;
    }
}

/// <summary>
/// Max or mean over all positions of each channel (the last axis). GlobalAveragePooling1D with a mask averages the
/// unmasked steps only, <c>Σ m·x / Σ m</c> (Keras 3's <c>GlobalAveragePooling1D.call</c>), and outputs no mask.
/// </summary>
internal sealed class GlobalPoolingLayer(int[] inputShape, bool max) : ReferenceLayer(inputShape, [inputShape[^1]], 0)
{
    public override bool UsesMask => !max && InputShape.Length == 2;

    public override double[] Forward(double[] w, double[] x, int n, bool training, float[]? mask)
    {
        if (mask is null || !UsesMask) return Forward(w, x, n, training);
        int steps = InputShape[0], channels = InputShape[1];
        Assert.Equal(n * steps, mask.Length);
        var y = new double[n * channels];
        for (int s = 0; s < n; s++)
        {
            double weight = 0;
            for (int t = 0; t < steps; t++) weight += mask[s * steps + t];
            for (int c = 0; c < channels; c++)
            {
                double sum = 0;
                for (int t = 0; t < steps; t++) sum += mask[s * steps + t] * x[(s * steps + t) * channels + c];
                y[s * channels + c] = sum / weight;
            }
        }

        return y;
    }

    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        int channels = InputShape[^1], positions = InputSize / channels;
        var y = new double[n * channels];
        for (int s = 0; s < n; s++)
        for (int c = 0; c < channels; c++)
        {
            IEnumerable<double> values = Enumerable.Range(0, positions).Select(p => x[(s * positions + p) * channels + c]);
            y[s * channels + c] = max ? values.Max() : values.Average();
        }

        return y;
    }
}

/// <summary>Flatten and Reshape: the same floats in row-major order under a new shape.</summary>
internal sealed class ReshapeLayer(int[] inputShape, int[] outputShape) : ReferenceLayer(inputShape, outputShape, 0)
{
    public override double[] Forward(double[] w, double[] x, int n, bool training) => (double[])x.Clone();
}

/// <summary>Inverted dropout: identity at inference and at rate 0 (Keras skips it); in training, <c>x · Mask</c> with a mask the test supplies.</summary>
internal sealed class DropoutLayer(int[] inputShape, double rate) : ReferenceLayer(inputShape, inputShape, 0)
{
    public override float[]? OutputMask(double[] x, float[]? mask) => mask;

    public double Rate { get; } = rate;

    /// <summary>Per element of the batch: 0 where dropped, 1 / (1 − rate) where kept.</summary>
    public double[]? Mask { get; set; }

    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        if (!training || Rate == 0) return (double[])x.Clone();
        Assert.NotNull(Mask);
        Assert.Equal(x.Length, Mask.Length);
        return x.Select((v, i) => v * Mask[i]).ToArray();
    }
}

/// <summary>BatchNormalization on the last axis: gamma, beta, moving mean, moving variance.</summary>
internal sealed class BatchNormalizationLayer(int[] inputShape, double momentum, double epsilon)
    : ReferenceLayer(inputShape, inputShape, 4 * inputShape[^1])
{
    public int Channels => InputShape[^1];

    public double Momentum { get; } = momentum;

    public double Epsilon { get; } = epsilon;

    public int MovingMeanOffset => Offset + 2 * Channels;

    public int MovingVarianceOffset => Offset + 3 * Channels;

    public override IEnumerable<int> NonTrainableIndices => Enumerable.Range(MovingMeanOffset, 2 * Channels);

    /// <summary>Per channel mean and biased variance over the batch and all positions.</summary>
    public (double[] Mean, double[] Variance) BatchStatistics(double[] x)
    {
        int c = Channels, rows = x.Length / c;
        var mean = new double[c];
        var variance = new double[c];
        for (int k = 0; k < c; k++)
        {
            for (int r = 0; r < rows; r++) mean[k] += x[r * c + k];
            mean[k] /= rows;
            for (int r = 0; r < rows; r++) variance[k] += (x[r * c + k] - mean[k]) * (x[r * c + k] - mean[k]);
            variance[k] /= rows;
        }

        return (mean, variance);
    }

    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        int c = Channels;
        double[] mean, variance;
        if (training)
        {
            (mean, variance) = BatchStatistics(x);
        }
        else
        {
            mean = w[MovingMeanOffset..(MovingMeanOffset + c)];
            variance = w[MovingVarianceOffset..(MovingVarianceOffset + c)];
        }

        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int k = i % c;
            y[i] = w[Offset + k] * (x[i] - mean[k]) / Math.Sqrt(variance[k] + Epsilon) + w[Offset + c + k];
        }

        return y;
    }

    public override void Randomize(Random random, double[] w)
    {
        int c = Channels;
        Uniform(random, w, Offset, c, 0.5, 1.5);
        Uniform(random, w, Offset + c, c, -0.3, 0.3);
        Uniform(random, w, MovingMeanOffset, c, -0.5, 0.5);
        Uniform(random, w, MovingVarianceOffset, c, 0.5, 2);
    }
}

/// <summary>
/// Keras 3 Normalization on the last axis: <c>(x − mean) / max(sqrt(variance), 1e-7)</c> with stored statistics mean,
/// variance (features each) and count (one value), none of them trained.
/// </summary>
internal sealed class NormalizationReferenceLayer(int[] inputShape) : ReferenceLayer(inputShape, inputShape, 2 * inputShape[^1] + 1)
{
    private int Features => InputShape[^1];

    public override IEnumerable<int> NonTrainableIndices => Enumerable.Range(Offset, ParameterCount);

    /// <summary>Statistics as Adapt could leave them: any mean, a positive variance, a count.</summary>
    public override void Randomize(Random random, double[] w)
    {
        Uniform(random, w, Offset, Features, -0.5, 0.5);
        Uniform(random, w, Offset + Features, Features, 0.3, 2);
        w[Offset + 2 * Features] = 12;
    }

    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int f = i % Features;
            y[i] = (x[i] - w[Offset + f]) / Math.Max(Math.Sqrt(w[Offset + Features + f]), 1e-7);
        }

        return y;
    }
}

/// <summary>LayerNormalization on the last axis: each position by its own mean and biased variance; gamma, beta.</summary>
internal sealed class LayerNormalizationLayer(int[] inputShape, double epsilon) : ReferenceLayer(inputShape, inputShape, 2 * inputShape[^1])
{
    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        int features = InputShape[^1];
        var y = new double[x.Length];
        for (int row = 0; row < x.Length / features; row++)
        {
            double mean = 0, variance = 0;
            for (int i = 0; i < features; i++) mean += x[row * features + i];
            mean /= features;
            for (int i = 0; i < features; i++) variance += (x[row * features + i] - mean) * (x[row * features + i] - mean);
            variance /= features;
            for (int i = 0; i < features; i++)
            {
                int at = row * features + i;
                y[at] = w[Offset + i] * (x[at] - mean) / Math.Sqrt(variance + epsilon) + w[Offset + features + i];
            }
        }

        return y;
    }

    /// <summary>gamma U(0.5, 1.5), beta U(−0.3, 0.3), as a trained layer could have.</summary>
    public override void Randomize(Random random, double[] w)
    {
        int features = InputShape[^1];
        Uniform(random, w, Offset, features, 0.5, 1.5);
        Uniform(random, w, Offset + features, features, -0.3, 0.3);
    }
}

/// <summary>Keras's Activation layer: the activation alone, the same shape (Softmax over the last axis).</summary>
internal sealed class ActivationOnlyLayer(int[] inputShape, Activation activation) : ReferenceLayer(inputShape, inputShape, 0)
{
    public override float[]? OutputMask(double[] x, float[]? mask) => mask;

    public override double[] Forward(double[] w, double[] x, int n, bool training) => ReferenceNetwork.ApplyActivation(activation, x, InputShape[^1]);
}

/// <summary>Keras Rescaling in double: <c>x · scale + offset</c> (the float rounding of the kernel is far below the tests' tolerance).</summary>
internal sealed class RescalingLayer(int[] inputShape, double scale, double offset) : ReferenceLayer(inputShape, inputShape, 0)
{
    public override float[]? OutputMask(double[] x, float[]? mask) => mask;

    public override double[] Forward(double[] w, double[] x, int n, bool training)
        => x.Select(v => v * (double)(float)scale + (double)(float)offset).ToArray();
}

/// <summary>Nearest up-sampling: output cell (r, c) is input cell (r / sizeHeight, c / sizeWidth). 1-D uses height 1.</summary>
internal sealed class UpSamplingLayer(int[] inputShape, int height, int width, int channels, int sizeHeight, int sizeWidth)
    : ReferenceLayer(inputShape, inputShape.Length == 2 ? [width * sizeWidth, channels] : [height * sizeHeight, width * sizeWidth, channels], 0)
{
    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        int outputHeight = height * sizeHeight, outputWidth = width * sizeWidth;
        var y = new double[n * outputHeight * outputWidth * channels];
        for (int s = 0; s < n; s++)
        for (int r = 0; r < outputHeight; r++)
        for (int c = 0; c < outputWidth; c++)
        for (int k = 0; k < channels; k++)
        {
            y[((s * outputHeight + r) * outputWidth + c) * channels + k] = x[((s * height + r / sizeHeight) * width + c / sizeWidth) * channels + k];
        }

        return y;
    }
}

/// <summary>
/// Zero padding (positive sides) or cropping (negative sides) of a (height, width, channels) sample: output cell
/// (r, c) is input cell (r − top, c − left), or 0 outside the input.
/// </summary>
internal sealed class BorderLayer(int[] inputShape, int top, int bottom, int left, int right)
    : ReferenceLayer(inputShape, [inputShape[0] + top + bottom, inputShape[1] + left + right, inputShape[2]], 0)
{
    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        int height = InputShape[0], width = InputShape[1], channels = InputShape[2];
        int outputHeight = OutputShape[0], outputWidth = OutputShape[1];
        var y = new double[n * OutputSize];
        for (int s = 0; s < n; s++)
        for (int r = 0; r < outputHeight; r++)
        for (int c = 0; c < outputWidth; c++)
        {
            int row = r - top, col = c - left;
            if (row < 0 || row >= height || col < 0 || col >= width) continue;
            for (int k = 0; k < channels; k++)
            {
                y[((s * outputHeight + r) * outputWidth + c) * channels + k] = x[((s * height + row) * width + col) * channels + k];
            }
        }

        return y;
    }
}
