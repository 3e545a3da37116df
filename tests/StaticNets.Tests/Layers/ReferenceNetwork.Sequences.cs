using StaticNets.Runtime;

namespace StaticNets.Tests.Layers;

/// <summary>
/// The sequence layers of <see cref="ReferenceNetwork"/> (docs/keras-semantics.md, "Sequences"): Embedding, the
/// recurrent layers through <see cref="RecurrentReference"/> (the cell equations in double, one sample and one step at
/// a time), and Bidirectional, declared like the attributes: <c>.Bidirectional(MergeMode.Sum).Lstm(3)</c> wraps the
/// recurrent layer that follows.
/// <para>
/// Masks as Keras 3 propagates them (<c>Layer.__call__</c> keeps a mask only through layers with
/// <c>supports_masking</c>): <c>Embedding(mask_zero=True)</c> makes it from its input ids; Dense, Dropout, Activation
/// and Rescaling pass it; a recurrent layer (or Bidirectional) uses it, and passes it on unchanged with
/// <c>return_sequences</c> (<c>RNN.compute_mask</c> returns the input mask as it is, even going backwards, whose
/// outputs are in processing order); GlobalAveragePooling1D uses it and outputs none; every other layer drops it.
/// </para>
/// </summary>
internal sealed partial class ReferenceNetwork
{
    private MergeMode? _bidirectional;

    public ReferenceNetwork Embedding(int inputDim, int outputDim, bool maskZero = false)
    {
        Assert.Single(OutputShape);
        return Add(new EmbeddingReferenceLayer(OutputShape, inputDim, outputDim, maskZero));
    }

    public ReferenceNetwork SimpleRnn(int units, Activation activation = Activation.Tanh, bool useBias = true, bool returnSequences = false, bool goBackwards = false)
        => Recurrent(new RecurrentConfiguration(RecurrentKind.SimpleRnn, units, activation, Activation.Sigmoid, useBias, returnSequences, goBackwards));

    public ReferenceNetwork Lstm(
        int units, Activation activation = Activation.Tanh, Activation recurrentActivation = Activation.Sigmoid, bool useBias = true,
        bool returnSequences = false, bool goBackwards = false)
        => Recurrent(new RecurrentConfiguration(RecurrentKind.Lstm, units, activation, recurrentActivation, useBias, returnSequences, goBackwards));

    public ReferenceNetwork Gru(
        int units, Activation activation = Activation.Tanh, Activation recurrentActivation = Activation.Sigmoid, bool resetAfter = true,
        bool useBias = true, bool returnSequences = false, bool goBackwards = false)
        => Recurrent(new RecurrentConfiguration(
            resetAfter ? RecurrentKind.GruResetAfter : RecurrentKind.GruResetBefore, units, activation, recurrentActivation, useBias, returnSequences, goBackwards));

    /// <summary>Wraps the recurrent layer declared next, as the attribute does.</summary>
    public ReferenceNetwork Bidirectional(MergeMode mergeMode = MergeMode.Concat)
    {
        Assert.Null(_bidirectional);
        _bidirectional = mergeMode;
        return this;
    }

    private ReferenceNetwork Recurrent(RecurrentConfiguration configuration)
    {
        Assert.Equal(2, OutputShape.Length);
        MergeMode? merge = _bidirectional;
        _bidirectional = null;
        if (merge is null)
        {
            return Add(new RecurrentReferenceLayer(OutputShape, configuration));
        }

        Assert.False(configuration.GoBackwards); // an SN error, as in Keras 3
        return Add(new BidirectionalReferenceLayer(OutputShape, configuration, merge.Value));
    }
}

/// <summary>Embedding: each id of a <c>(steps)</c> sample replaced by its row of the table <c>(inputDim, outputDim)</c>.</summary>
internal sealed class EmbeddingReferenceLayer(int[] inputShape, int inputDim, int outputDim, bool maskZero)
    : ReferenceLayer(inputShape, [inputShape[0], outputDim], inputDim * outputDim)
{
    public int InputDim => inputDim;

    public bool MaskZero => maskZero;

    public override double[] Forward(double[] w, double[] x, int n, bool training)
    {
        var y = new double[x.Length * outputDim];
        for (int p = 0; p < x.Length; p++)
        {
            int id = (int)x[p];
            Assert.True(id == x[p] && id >= 0 && id < inputDim, $"Embedding id {x[p]} is not an integer in [0, {inputDim})");
            Array.Copy(w, Offset + id * outputDim, y, p * outputDim, outputDim);
        }

        return y;
    }

    /// <summary><c>Embedding.compute_mask</c>: <c>inputs != 0</c> with <c>mask_zero</c>, else none.</summary>
    public override float[]? OutputMask(double[] x, float[]? mask) => maskZero ? x.Select(id => id == 0 ? 0f : 1f).ToArray() : null;
}

/// <summary>A recurrent layer's kind, units, activations and options, as its attribute declares them.</summary>
internal sealed record RecurrentConfiguration(
    RecurrentKind Kind, int Units, Activation Activation, Activation RecurrentActivation, bool UseBias, bool ReturnSequences, bool GoBackwards)
{
    public int Gates => Kind switch { RecurrentKind.SimpleRnn => 1, RecurrentKind.Lstm => 4, _ => 3 };

    /// <summary>Kernel <c>(in, gates·u)</c>, recurrent kernel <c>(u, gates·u)</c>, bias <c>(gates·u)</c> or, for GRU with reset_after, <c>(2, 3u)</c>.</summary>
    public int ParameterCount(int inputs)
        => (inputs + Units) * Gates * Units + (UseBias ? (Kind == RecurrentKind.GruResetAfter ? 2 : 1) * Gates * Units : 0);

    /// <summary>
    /// One direction's outputs for <paramref name="n"/> samples of <c>(steps, inputs)</c>, with its weights at
    /// <paramref name="offset"/> in <paramref name="w"/>; <paramref name="zeroMaskedOutputs"/> for the halves of a
    /// Bidirectional layer returning sequences.
    /// </summary>
    public double[] Run(double[] w, int offset, double[] x, int n, int steps, int inputs, float[]? mask, bool goBackwards, bool zeroMaskedOutputs)
    {
        int width = Gates * Units, kernel = inputs * width, recurrent = Units * width;
        RecurrentOptions options = (ReturnSequences ? RecurrentOptions.ReturnSequences : 0)
            | (goBackwards ? RecurrentOptions.GoBackwards : 0)
            | (zeroMaskedOutputs ? RecurrentOptions.ZeroMaskedOutputs : 0);
        var layer = new RecurrentLayer(Kind, n, steps, inputs, Units, options, Activation, RecurrentActivation);
        if (mask is not null) Assert.Equal(n * steps, mask.Length);
        return RecurrentReference.Forward(
            layer,
            w[offset..(offset + kernel)],
            w[(offset + kernel)..(offset + kernel + recurrent)],
            UseBias ? w[(offset + kernel + recurrent)..(offset + ParameterCount(inputs))] : null,
            mask,
            x);
    }
}

/// <summary>SimpleRNN, LSTM or GRU on <c>(steps, inputs)</c>: <c>(steps, units)</c> with return_sequences, else <c>(units)</c>.</summary>
internal sealed class RecurrentReferenceLayer(int[] inputShape, RecurrentConfiguration configuration)
    : ReferenceLayer(inputShape, configuration.ReturnSequences ? [inputShape[0], configuration.Units] : [configuration.Units], configuration.ParameterCount(inputShape[1]))
{
    public RecurrentConfiguration Configuration => configuration;

    public override bool UsesMask => true;

    public override double[] Forward(double[] w, double[] x, int n, bool training) => Forward(w, x, n, training, null);

    public override double[] Forward(double[] w, double[] x, int n, bool training, float[]? mask)
        => configuration.Run(w, Offset, x, n, InputShape[0], InputShape[1], mask, configuration.GoBackwards, zeroMaskedOutputs: false);

    /// <summary>Passed on unchanged with return_sequences (also going backwards: Keras does not reverse it), else none.</summary>
    public override float[]? OutputMask(double[] x, float[]? mask) => configuration.ReturnSequences ? mask : null;
}

/// <summary>
/// Keras Bidirectional: the layer forwards, and a copy with its own weights (after the forward ones) reading backwards.
/// With return_sequences the backward copy's outputs, in its processing order, are flipped back into time order, and
/// both halves output zeros at masked steps; then the halves merge per row: Concat <c>[f, b]</c>, Sum <c>f + b</c>,
/// Mul <c>f ⊙ b</c>, Ave <c>(f + b) / 2</c>.
/// </summary>
internal sealed class BidirectionalReferenceLayer(int[] inputShape, RecurrentConfiguration configuration, MergeMode mergeMode)
    : ReferenceLayer(
        inputShape,
        OutputShapeOf(inputShape, configuration, mergeMode),
        2 * configuration.ParameterCount(inputShape[1]))
{
    public MergeMode MergeMode => mergeMode;

    public override bool UsesMask => true;

    private static int[] OutputShapeOf(int[] inputShape, RecurrentConfiguration configuration, MergeMode mergeMode)
    {
        int width = mergeMode == MergeMode.Concat ? 2 * configuration.Units : configuration.Units;
        return configuration.ReturnSequences ? [inputShape[0], width] : [width];
    }

    public override double[] Forward(double[] w, double[] x, int n, bool training) => Forward(w, x, n, training, null);

    public override double[] Forward(double[] w, double[] x, int n, bool training, float[]? mask)
    {
        int steps = InputShape[0], inputs = InputShape[1], u = configuration.Units;
        bool sequences = configuration.ReturnSequences;
        double[] forward = configuration.Run(w, Offset, x, n, steps, inputs, mask, goBackwards: false, zeroMaskedOutputs: sequences);
        double[] backward = configuration.Run(w, Offset + ParameterCount / 2, x, n, steps, inputs, mask, goBackwards: true, zeroMaskedOutputs: sequences);
        int rows = sequences ? steps : 1, width = mergeMode == MergeMode.Concat ? 2 * u : u;
        var y = new double[n * rows * width];
        for (int s = 0; s < n; s++)
        for (int t = 0; t < rows; t++)
        {
            int f = (s * rows + t) * u, b = (s * rows + (sequences ? rows - 1 - t : t)) * u, o = (s * rows + t) * width;
            for (int j = 0; j < u; j++)
            {
                switch (mergeMode)
                {
                    case MergeMode.Concat:
                        y[o + j] = forward[f + j];
                        y[o + u + j] = backward[b + j];
                        break;
                    case MergeMode.Sum:
                        y[o + j] = forward[f + j] + backward[b + j];
                        break;
                    case MergeMode.Mul:
                        y[o + j] = forward[f + j] * backward[b + j];
                        break;
                    case MergeMode.Ave:
                        y[o + j] = (forward[f + j] + backward[b + j]) / 2;
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(mergeMode));
                }
            }
        }

        return y;
    }

    /// <summary><c>Bidirectional.compute_mask</c>: the input mask with return_sequences, else none.</summary>
    public override float[]? OutputMask(double[] x, float[]? mask) => configuration.ReturnSequences ? mask : null;
}
