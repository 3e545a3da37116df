using System.Collections.Generic;
using System.Linq;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Layers;

/// <summary>Where a layer sits in its network: its name, the shapes of one sample in and out, its first weight.</summary>
/// <param name="Name">The Summary name: the user's <c>Name</c>, or <c>dense_1</c>, <c>conv2d_1</c>, ...</param>
/// <param name="InputShape">One sample entering the layer (no batch axis).</param>
/// <param name="OutputShape">One sample leaving it.</param>
/// <param name="ParameterOffset">Index of the layer's first weight in <c>Parameters</c>.</param>
internal sealed record LayerPlace(string Name, EquatableArray<int> InputShape, EquatableArray<int> OutputShape, int ParameterOffset);

/// <summary>
/// One checked layer: a subclass per layer kind owns everything about that kind (how it reads its attribute and checks
/// it, its shapes and weights, its description, its inference and training code, its warnings), so that a new kind
/// lives in one file. The frames (<see cref="Parsing.NetworkChecker"/>, <see cref="Emit.Emitter"/>) only walk the layers.
/// Every behaviour a kind must decide is abstract: a kind that forgets one does not compile, rather than quietly
/// becoming an identity layer. Subclasses are records of plain values, so equal declarations give equal specs and the
/// pipeline caches them.
/// </summary>
internal abstract record LayerSpec(LayerPlace Place)
{
    public string Name => Place.Name;

    public EquatableArray<int> InputShape => Place.InputShape;

    public EquatableArray<int> OutputShape => Place.OutputShape;

    public int ParameterOffset => Place.ParameterOffset;

    /// <summary>Keras's class name, shown in Summary: <c>Dense</c>, <c>MaxPooling2D</c>.</summary>
    public abstract string KerasClass { get; }

    /// <summary>Floats in one input sample.</summary>
    public int InputSize => Shapes.Product(InputShape);

    /// <summary>Floats in one output sample.</summary>
    public int OutputSize => Shapes.Product(OutputShape);

    /// <summary>The last input axis: Dense's kernel rows, BatchNormalization's channels.</summary>
    public int InputFeatures => InputShape[InputShape.Count - 1];

    /// <summary>The last output axis: the row an activation such as Softmax works over.</summary>
    public int OutputFeatures => OutputShape[OutputShape.Count - 1];

    // ---- Weights ----

    /// <summary>The layer's weights in Keras <c>get_weights()</c> order (empty for layers without weights).</summary>
    public abstract IReadOnlyList<WeightSpec> Weights();

    /// <summary>Keras's <c>kernel_regularizer</c> on the layer's kernel: none unless a kind with a kernel reads one.</summary>
    public KernelRegularizer KernelRegularizer { get; init; }

    /// <summary>
    /// The kernels whose penalty joins the training loss: the layer's first weight (its kernel, or an Embedding's
    /// table) when it is regularised. Bidirectional lists both directions'.
    /// </summary>
    public virtual IEnumerable<RegularizedKernel> RegularizedKernels()
    {
        if (KernelRegularizer.IsActive)
        {
            PlacedWeight kernel = PlacedWeights().First();
            yield return new RegularizedKernel(kernel, KernelRegularizer, Name + " " + kernel.Weight.Name);
        }
    }

    /// <summary>The weights with their offsets in <c>Parameters</c>.</summary>
    public IEnumerable<PlacedWeight> PlacedWeights()
    {
        int offset = ParameterOffset;
        foreach (WeightSpec weight in Weights())
        {
            yield return new PlacedWeight(weight, offset);
            offset += weight.Length;
        }
    }

    /// <summary>The weight named <paramref name="name"/>, with its offset.</summary>
    public PlacedWeight Weight(string name)
    {
        int offset = ParameterOffset;
        foreach (WeightSpec weight in Weights())
        {
            if (weight.Name == name)
            {
                return new PlacedWeight(weight, offset);
            }

            offset += weight.Length;
        }

        throw new System.ArgumentException($"{KerasClass} has no weight '{name}'.", nameof(name));
    }

    public int ParameterCount => Count(trainableOnly: false);

    /// <summary>Weights optimizers leave alone.</summary>
    public int NonTrainableCount => ParameterCount - Count(trainableOnly: true);

    private int Count(bool trainableOnly)
    {
        int count = 0;
        foreach (WeightSpec weight in Weights())
        {
            count += trainableOnly && !weight.Trainable ? 0 : weight.Length;
        }

        return count;
    }

    protected static readonly IReadOnlyList<WeightSpec> NoWeights = System.Array.Empty<WeightSpec>();

    // ---- Description ----

    /// <summary>What defines the layer beyond its kind, once for comments and the architecture key (<see cref="LayerField"/>).</summary>
    public abstract IEnumerable<LayerField> Fields();

    /// <summary>The layer as generated comments describe it: <c>Conv2D(32, 3×3, stride 1, Valid, Relu)</c>.</summary>
    public string Describe() => Join(Fields(), describe: true, "(", ", ", ")");

    /// <summary>
    /// The layer in the architecture key weight files are checked against (<c>INetwork.Architecture</c>):
    /// <c>Conv2D[32,3x3,s1,Valid,Relu,bias]</c>. Names are left out: renaming a layer does not change what its weights mean.
    /// Existing keys must never change, or saved weight files stop loading.
    /// </summary>
    public string ArchitectureKey() => Join(Fields(), describe: false, "[", ",", "]");

    /// <summary><c>Kind(a, b)</c> from the fields' texts, or <c>Kind[a,b]</c> from their keys; the bare kind when there are none.</summary>
    private string Join(IEnumerable<LayerField> fields, bool describe, string open, string separator, string close)
    {
        var text = new System.Text.StringBuilder(KerasClass);
        int count = 0;
        foreach (LayerField field in fields)
        {
            string? part = describe ? field.Text : field.Key;
            if (part is not null)
            {
                text.Append(count++ == 0 ? open : separator).Append(part);
            }
        }

        return (count > 0 ? text.Append(close) : text).ToString();
    }

    /// <summary>The arrow of a comment: <c>(None, 6, 6, 2) → (None, 3, 3, 2)</c>.</summary>
    public string ShapeArrow => Shapes.ToKerasString(InputShape) + " → " + Shapes.ToKerasString(OutputShape);

    // ---- Activation ----

    /// <summary>
    /// The activation the layer applies to what <see cref="WriteInference"/> and <see cref="WriteTrainingForward"/>
    /// write, over rows of <see cref="OutputFeatures"/> (Linear: none). The frames apply it and its derivative, so a
    /// loss can fuse its gradient through the last one.
    /// </summary>
    public virtual Activation Activation => Activation.Linear;

    // ---- Inference ----

    /// <summary>Whether the layer's output is its input's floats at inference (Flatten, Reshape, Dropout): no code, no buffer.</summary>
    public virtual bool IsIdentityAtInference => false;

    /// <summary>
    /// The inference-mode computation as runtime calls (before <see cref="Activation"/>, which the frame applies).
    /// <code>
    /// Pooling.MaxForward(n, new Window2D(...), x, y);
    /// </code>
    /// </summary>
    public abstract void WriteInference(IndentedTextWriter writer, InferenceCall call);

    /// <summary>
    /// Whether the layer's one-sample code may write straight into the caller's output (no slack past it) at
    /// <paramref name="width"/>, reading <paramref name="source"/>; otherwise the last layer writes scratch and the frame
    /// copies. Runtime calls write exact lengths; unrolled vector code may store whole vectors.
    /// </summary>
    public virtual bool WritesExactly(VectorWidth width, ForwardBuffer source) => true;

    /// <summary>
    /// The layer in one width's one-sample kernel: by default its runtime calls over one sample (the same code for
    /// every width: the runtime kernels pick their own), then its activation. Dense writes unrolled vector code instead.
    /// </summary>
    public virtual void WriteForwardOne(IndentedTextWriter writer, ForwardOneCall call)
    {
        writer.Line($"// {Name} ({Describe()}): {ShapeArrow}");
        string output = Emitter.SpanOver(call.Destination, OutputSize);
        WriteInference(writer, new InferenceCall(
            "1",
            Emitter.ReadOnlySpanOver(call.Source, InputSize),
            output,
            ColumnsPerSample > 0 ? Emitter.ColumnsSpan(ColumnsPerSample) : "default",
            new WeightsSource("weights"),
            call.Mask,
            call.State));
        Emitter.WriteActivation(writer, this, output);
    }

    /// <summary>
    /// Whether this layer and the next run as one in <paramref name="width"/>'s one-sample kernel (Dense feeding a
    /// one-unit Dense from a register).
    /// </summary>
    public virtual bool FusesWithNext(LayerSpec next, VectorWidth width) => false;

    /// <summary>Writes this layer and <paramref name="next"/> as one (only called when <see cref="FusesWithNext"/>).</summary>
    public virtual void WriteFusedWithNext(IndentedTextWriter writer, LayerSpec next, ForwardOneCall call)
        => throw new System.InvalidOperationException(KerasClass + " does not fuse.");

    // ---- What the plan and the frames need to know ----

    /// <summary>im2col floats per sample (convolutions; 0 for the rest).</summary>
    public virtual int ColumnsPerSample => 0;

    /// <summary>Floats of a transposed kernel the backward pass needs (Dense, convolutions).</summary>
    public virtual int TransposedKernelSize => 0;

    /// <summary>Floats of batch statistics the layer keeps between a training step and <c>UpdateMovingStatistics</c>.</summary>
    public virtual int BatchStatisticsSize => 0;

    /// <summary>Whether training draws random numbers (Dropout masks) from the network's stream.</summary>
    public virtual bool UsesRandom => false;

    /// <summary>Whether a training step must see the whole batch at once (batch statistics): no split over threads.</summary>
    public virtual bool NeedsWholeBatch => false;

    /// <summary>Whether a batch should go through the GEMM path whatever the network's size (convolutions).</summary>
    public virtual bool PrefersBatchKernels => false;

    // ---- Sequences ----

    /// <summary>What the layer does with an <c>Embedding(MaskZero = true)</c> mask that reaches it (Keras's mask propagation).</summary>
    public virtual MaskUse MaskUse => MaskUse.Drops;

    /// <summary>
    /// Whether the layer can run one time step at a time in <c>Step</c>: its output at a step depends on that step's
    /// input and on <see cref="StateSize"/> floats kept from the steps before.
    /// </summary>
    public virtual bool StreamsSteps => false;

    /// <summary>Floats of a <c>Step</c> stream's state the layer keeps (a recurrent layer's h, and c for LSTM).</summary>
    public virtual int StateSize => 0;

    // ---- Training ----

    /// <summary>Workspace slices the training forward writes and the backward pass reads again: (prefix, floats per sample).</summary>
    public virtual IEnumerable<(string Prefix, int PerSample)> TrainingScratch() => System.Array.Empty<(string, int)>();

    /// <summary>
    /// Whether the training forward writes its own output (<c>z</c>); false when the layer's pre-activation output is its
    /// input itself (Flatten, Reshape, an Activation layer).
    /// </summary>
    public virtual bool WritesTrainingOutput => true;

    /// <summary>The training-mode forward into <c>call.Z</c> (Dropout masks, batch statistics, im2col rows kept for backward).</summary>
    public abstract void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call);

    /// <summary>The parameter gradients from ∂z, and ∂input unless the layer is first; says where ∂input is left.</summary>
    public abstract GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call);

    /// <summary>Folds the last batch's statistics into moving statistics (<c>UpdateMovingStatistics</c>); BatchNormalization only.</summary>
    public virtual void WriteMovingStatisticsUpdate(IndentedTextWriter writer, int statisticsOffset)
    {
    }

    // ---- Warnings ----

    /// <summary>Warnings about a layer Keras accepts but that is probably not what the user meant.</summary>
    public virtual void Lint(Parsing.LintContext context)
    {
    }
}
