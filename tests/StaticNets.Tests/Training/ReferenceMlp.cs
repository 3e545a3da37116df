using System;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary>
/// A hand-written dense MLP test double: forward and backward in double precision, in plain loops, independent of
/// the code under test (it only calls the <see cref="Loss"/> it is given, as generated networks do). Buffers grow to
/// the largest batch seen and are reused, so a steady-state <see cref="ComputeGradients"/> allocates nothing.
/// </summary>
internal sealed class ReferenceMlp : ITrainableNetwork
{
    private const double SeluAlpha = 1.6732632423543772;
    private const double SeluScale = 1.0507009873554805;

    private readonly int[] _units;
    private readonly Activation[] _activations;
    private readonly int[] _kernelOffsets;
    private readonly int[] _biasOffsets;
    private readonly float[] _parameters;
    private readonly int[] _inputShape;
    private readonly int[] _outputShape;
    private int _capacity;
    private double[][] _pre = [];
    private double[][] _post = [];
    private double[][] _delta = [];
    private float[] _outputs = [];
    private float[] _logits = [];
    private float[] _lossGradient = [];

    /// <summary>Creates the MLP with zero weights; <paramref name="layers"/> are (units, activation) from input to output.</summary>
    public ReferenceMlp(int inputSize, params (int Units, Activation Activation)[] layers)
    {
        InputSize = inputSize;
        _units = new int[layers.Length + 1];
        _activations = new Activation[layers.Length];
        _kernelOffsets = new int[layers.Length];
        _biasOffsets = new int[layers.Length];
        _units[0] = inputSize;
        int offset = 0;
        for (int l = 0; l < layers.Length; l++)
        {
            _units[l + 1] = layers[l].Units;
            _activations[l] = layers[l].Activation;
            _kernelOffsets[l] = offset;
            offset += _units[l] * _units[l + 1];
            _biasOffsets[l] = offset;
            offset += _units[l + 1];
        }

        _parameters = new float[offset];
        _inputShape = [inputSize];
        _outputShape = [_units[^1]];
    }

    /// <summary>Fills the weights with Glorot-uniform kernels (System.Random, seeded) and zero biases.</summary>
    public ReferenceMlp InitializeGlorot(int seed)
    {
        var random = new Random(seed);
        for (int l = 0; l < _activations.Length; l++)
        {
            double limit = Math.Sqrt(6.0 / (_units[l] + _units[l + 1]));
            for (int i = 0; i < _units[l] * _units[l + 1]; i++)
            {
                _parameters[_kernelOffsets[l] + i] = (float)((2 * random.NextDouble() - 1) * limit);
            }
        }

        return this;
    }

    /// <summary>Entries treated as non-trainable: <c>[start, length]</c> pairs; their gradient is reported as 0.</summary>
    public int[] NonTrainable { get; set; } = [];

    public int InputSize { get; }

    public int OutputSize => _units[^1];

    public int ParameterCount => _parameters.Length;

    public ReadOnlySpan<int> InputShape => _inputShape;

    public ReadOnlySpan<int> OutputShape => _outputShape;

    public string Architecture => "ReferenceMlp(" + string.Join(",", _units) + ")";

    public Span<float> Parameters => _parameters;

    public Activation OutputActivation => _activations[^1];

    public ReadOnlySpan<int> NonTrainableRanges => NonTrainable;

    public TrainingConfiguration? Training { get; set; }

    public void Predict(ReadOnlySpan<float> input, Span<float> output) => PredictBatch(input, output);

    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int samples = inputs.Length / InputSize;
        if (samples * InputSize != inputs.Length || outputs.Length != samples * OutputSize) throw new ArgumentException("Bad batch shape.");
        Forward(inputs, samples);
        double[] last = _post[^1];
        for (int i = 0; i < samples * OutputSize; i++) outputs[i] = (float)last[i];
    }

    public string Summary() => Architecture;

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Loss loss, Span<float> gradients, Span<float> outputs)
    {
        int samples = inputs.Length / InputSize;
        if (samples * InputSize != inputs.Length || gradients.Length != ParameterCount) throw new ArgumentException("Bad batch shape.");
        Forward(inputs, samples);
        int outputCount = samples * OutputSize;
        for (int i = 0; i < outputCount; i++)
        {
            _outputs[i] = (float)_post[^1][i];
            _logits[i] = (float)_pre[^1][i];
        }

        if (!outputs.IsEmpty) _outputs.AsSpan(0, outputCount).CopyTo(outputs);
        float value = loss.Compute(
            _outputs.AsSpan(0, outputCount),
            _logits.AsSpan(0, outputCount),
            targets,
            OutputSize,
            OutputActivation,
            _lossGradient.AsSpan(0, outputCount),
            out GradientTarget target);

        int layers = _activations.Length;
        double[] delta = _delta[layers - 1];
        if (target == GradientTarget.Logits)
        {
            for (int i = 0; i < outputCount; i++) delta[i] = _lossGradient[i];
        }
        else
        {
            for (int i = 0; i < outputCount; i++) delta[i] = _lossGradient[i];
            ActivationBackward(_activations[^1], _pre[^1], _post[^1], delta, samples, OutputSize);
        }

        gradients.Clear();
        for (int l = layers - 1; l >= 0; l--)
        {
            int fanIn = _units[l];
            int fanOut = _units[l + 1];
            double[] input = _post[l];
            double[] d = _delta[l];
            for (int i = 0; i < fanIn; i++)
            {
                for (int o = 0; o < fanOut; o++)
                {
                    double sum = 0;
                    for (int s = 0; s < samples; s++) sum += input[s * fanIn + i] * d[s * fanOut + o];
                    gradients[_kernelOffsets[l] + i * fanOut + o] = (float)sum;
                }
            }

            for (int o = 0; o < fanOut; o++)
            {
                double sum = 0;
                for (int s = 0; s < samples; s++) sum += d[s * fanOut + o];
                gradients[_biasOffsets[l] + o] = (float)sum;
            }

            if (l == 0) break;
            double[] previous = _delta[l - 1];
            for (int s = 0; s < samples; s++)
            {
                for (int i = 0; i < fanIn; i++)
                {
                    double sum = 0;
                    for (int o = 0; o < fanOut; o++) sum += d[s * fanOut + o] * _parameters[_kernelOffsets[l] + i * fanOut + o];
                    previous[s * fanIn + i] = sum;
                }
            }

            ActivationBackward(_activations[l - 1], _pre[l], _post[l], previous, samples, fanIn);
        }

        for (int r = 0; r < NonTrainable.Length; r += 2) gradients.Slice(NonTrainable[r], NonTrainable[r + 1]).Clear();
        return value;
    }

    /// <summary>
    /// Runs the layers: <c>_post[0]</c> is the input, <c>_pre[l+1]</c>/<c>_post[l+1]</c> the output of layer l
    /// before/after its activation.
    /// </summary>
    private void Forward(ReadOnlySpan<float> inputs, int samples)
    {
        EnsureCapacity(samples);
        for (int i = 0; i < inputs.Length; i++) _post[0][i] = inputs[i];
        for (int l = 0; l < _activations.Length; l++)
        {
            int fanIn = _units[l];
            int fanOut = _units[l + 1];
            double[] input = _post[l];
            double[] pre = _pre[l + 1];
            for (int s = 0; s < samples; s++)
            {
                for (int o = 0; o < fanOut; o++)
                {
                    double sum = _parameters[_biasOffsets[l] + o];
                    for (int i = 0; i < fanIn; i++) sum += input[s * fanIn + i] * _parameters[_kernelOffsets[l] + i * fanOut + o];
                    pre[s * fanOut + o] = sum;
                }
            }

            ActivationForward(_activations[l], pre, _post[l + 1], samples, fanOut);
        }
    }

    private static void ActivationForward(Activation activation, double[] pre, double[] post, int samples, int width)
    {
        int count = samples * width;
        if (activation == Activation.Softmax)
        {
            for (int s = 0; s < samples; s++)
            {
                double max = double.NegativeInfinity;
                for (int c = 0; c < width; c++) max = Math.Max(max, pre[s * width + c]);
                double sum = 0;
                for (int c = 0; c < width; c++) sum += post[s * width + c] = Math.Exp(pre[s * width + c] - max);
                for (int c = 0; c < width; c++) post[s * width + c] /= sum;
            }

            return;
        }

        for (int i = 0; i < count; i++)
        {
            double z = pre[i];
            post[i] = activation switch
            {
                Activation.Linear => z,
                Activation.Relu => Math.Max(z, 0),
                Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
                Activation.Tanh => Math.Tanh(z),
                Activation.Softplus => Math.Log(1 + Math.Exp(z)),
                Activation.Softsign => z / (1 + Math.Abs(z)),
                Activation.Elu => z > 0 ? z : Math.Exp(z) - 1,
                Activation.Selu => SeluScale * (z > 0 ? z : SeluAlpha * (Math.Exp(z) - 1)),
                _ => throw new NotSupportedException(activation.ToString()),
            };
        }
    }

    /// <summary>Turns ∂L/∂post (in <paramref name="delta"/>) into ∂L/∂pre, in place.</summary>
    private static void ActivationBackward(Activation activation, double[] pre, double[] post, double[] delta, int samples, int width)
    {
        if (activation == Activation.Softmax)
        {
            for (int s = 0; s < samples; s++)
            {
                double dot = 0;
                for (int c = 0; c < width; c++) dot += delta[s * width + c] * post[s * width + c];
                for (int c = 0; c < width; c++) delta[s * width + c] = post[s * width + c] * (delta[s * width + c] - dot);
            }

            return;
        }

        for (int i = 0; i < samples * width; i++)
        {
            double z = pre[i];
            double y = post[i];
            delta[i] *= activation switch
            {
                Activation.Linear => 1,
                Activation.Relu => z > 0 ? 1 : 0,
                Activation.Sigmoid => y * (1 - y),
                Activation.Tanh => 1 - y * y,
                Activation.Softplus => 1 / (1 + Math.Exp(-z)),
                Activation.Softsign => 1 / ((1 + Math.Abs(z)) * (1 + Math.Abs(z))),
                Activation.Elu => z > 0 ? 1 : Math.Exp(z),
                Activation.Selu => z > 0 ? SeluScale : SeluScale * SeluAlpha * Math.Exp(z),
                _ => throw new NotSupportedException(activation.ToString()),
            };
        }
    }

    private void EnsureCapacity(int samples)
    {
        if (samples <= _capacity) return;
        int layers = _units.Length;
        _pre = new double[layers][];
        _post = new double[layers][];
        _delta = new double[layers - 1][];
        for (int l = 0; l < layers; l++)
        {
            _pre[l] = new double[samples * _units[l]];
            _post[l] = new double[samples * _units[l]];
            if (l > 0) _delta[l - 1] = new double[samples * _units[l]];
        }

        _outputs = new float[samples * OutputSize];
        _logits = new float[samples * OutputSize];
        _lossGradient = new float[samples * OutputSize];
        _capacity = samples;
    }
}
