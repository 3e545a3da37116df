using StaticNets.Generator.Helpers;

namespace StaticNets.Generator.Emit;

/// <summary>How generated code reaches the weights in a given method: <c>weights.Slice(o, n)</c> or <c>w.Slice(o, n)</c>.</summary>
/// <param name="Variable">The <c>ReadOnlySpan&lt;float&gt;</c> over all parameters in that method.</param>
internal sealed record WeightsSource(string Variable)
{
    public string Slice(int offset, int length) => Invariant.Text($"{Variable}.Slice({offset}, {length})");
}

/// <summary>
/// What a layer's inference code works on: <see cref="Samples"/> samples from span <see cref="Input"/> into span
/// <see cref="Output"/>, with an im2col scratch span and the weights. The same layer code serves one sample
/// (<c>Predict</c>), a chunk of a batch (<c>PredictBatch</c>) and, for layers that behave the same, training.
/// </summary>
/// <param name="Samples">An int expression: <c>1</c> or <c>n</c>.</param>
/// <param name="Input">A <c>ReadOnlySpan&lt;float&gt;</c> expression over the samples' inputs.</param>
/// <param name="Output">A <c>Span&lt;float&gt;</c> expression over the samples' outputs.</param>
/// <param name="Columns">A <c>Span&lt;float&gt;</c> expression for im2col rows, or <c>default</c>.</param>
/// <param name="Weights">The method's weights.</param>
/// <param name="Mask">A <c>ReadOnlySpan&lt;float&gt;</c> expression over the samples' network inputs (the token ids whose
/// zeros mask steps) when an <c>Embedding(MaskZero = true)</c> mask reaches the layer, else <c>default</c>.</param>
/// <param name="State">A <c>Span&lt;float&gt;</c> expression over the layer's part of a <c>Step</c> stream's state, else <c>default</c>.</param>
internal sealed record InferenceCall(string Samples, string Input, string Output, string Columns, WeightsSource Weights, string Mask = "default", string State = "default")
{
    /// <summary>Rows of <paramref name="perSample"/> per sample: <c>n * 6</c>, <c>n</c>, or a constant for one sample.</summary>
    public string Rows(int perSample) => Emitter.Times(Samples, perSample);
}

/// <summary>
/// One layer's training-mode forward over <c>n</c> samples: the input span, the pre-activation span <see cref="Z"/> it
/// writes, and the workspace slices it asked for (named with the layer's number, e.g. <c>c3</c> for layer 3's im2col rows).
/// </summary>
/// <param name="Number">The layer's number, from 1 (slices and buffers are named with it).</param>
/// <param name="Input">The input span: <c>inputs</c> or the previous layer's output <c>a2</c>.</param>
/// <param name="Z">The output span the layer writes (before any activation the frame applies).</param>
/// <param name="StatisticsOffset">Where the layer's batch statistics start in <c>_batchStatistics</c>.</param>
/// <param name="Mask">The batch's network inputs when a mask reaches the layer (<see cref="InferenceCall.Mask"/>), else <c>default</c>.</param>
internal sealed record TrainingCall(int Number, string Input, string Z, int StatisticsOffset, string Mask = "default")
{
    /// <summary>The name of this layer's workspace slice <paramref name="prefix"/> (<c>c</c>, <c>m</c>, <c>h</c>...).</summary>
    public string Scratch(string prefix) => Invariant.Text($"{prefix}{Number}");

    /// <summary>The same computation through the inference code (for layers that behave alike in both modes).</summary>
    public InferenceCall AsInference() => new("n", Input, Z, "default", new WeightsSource("w"), Mask);
}

/// <summary>
/// One layer's backward step: from <see cref="Dz"/> (∂loss/∂z of this layer, already through its activation) to the
/// parameter gradients and, unless it is the first layer, ∂loss/∂input.
/// </summary>
/// <param name="Number">The layer's number, from 1.</param>
/// <param name="Input">The layer's forward input (<c>inputs</c> or <c>a2</c>).</param>
/// <param name="Z">The layer's forward output before activation (<c>z3</c>).</param>
/// <param name="Dz">A span expression over ∂z.</param>
/// <param name="Dx">A span expression over the ∂input buffer (when the route is <see cref="GradientRoute.NewBuffer"/>).</param>
/// <param name="IsFirst">The first layer: no ∂input is needed.</param>
/// <param name="StatisticsOffset">Where the layer's batch statistics start in <c>_batchStatistics</c>.</param>
/// <param name="Mask">The batch's network inputs when a mask reaches the layer, else <c>default</c>.</param>
internal sealed record BackwardCall(int Number, string Input, string Z, string Dz, string Dx, bool IsFirst, int StatisticsOffset, string Mask = "default")
{
    /// <inheritdoc cref="TrainingCall.Scratch"/>
    public string Scratch(string prefix) => Invariant.Text($"{prefix}{Number}");
}

/// <summary>Where a layer's backward step leaves ∂input.</summary>
internal enum GradientRoute
{
    /// <summary>Written into the other gradient buffer (<c>dx</c>); the frame swaps the two.</summary>
    NewBuffer,

    /// <summary>Computed in place in <c>dz</c>.</summary>
    InPlace,

    /// <summary>∂input is ∂z, the same floats: no code (Flatten, Reshape, an Activation layer after its activation's step).</summary>
    SameFloats,
}

/// <summary>The buffers of the one-sample forward kernel, as <c>ref float</c> locals.</summary>
internal enum ForwardBuffer
{
    /// <summary>The caller's input <c>x</c>: exactly InputSize floats, no slack.</summary>
    Input,

    /// <summary>The first ping-pong scratch buffer, <c>s0</c>, with slack for whole-vector stores.</summary>
    Scratch0,

    /// <summary>The second ping-pong scratch buffer, <c>s1</c>.</summary>
    Scratch1,

    /// <summary>The caller's output <c>y</c>: exactly OutputSize floats, no slack.</summary>
    Output,
}

/// <summary>Names and facts of <see cref="ForwardBuffer"/>s.</summary>
internal static class ForwardBuffers
{
    public static string Ref(this ForwardBuffer buffer) => buffer switch
    {
        ForwardBuffer.Input => "x",
        ForwardBuffer.Scratch0 => "s0",
        ForwardBuffer.Scratch1 => "s1",
        _ => "y",
    };

    /// <summary>Whether whole vectors may be read or written past the data (the scratch buffers have the slack).</summary>
    public static bool HasSlack(this ForwardBuffer buffer) => buffer is ForwardBuffer.Scratch0 or ForwardBuffer.Scratch1;

    /// <summary>The ping-pong buffer a layer reading <paramref name="source"/> writes.</summary>
    public static ForwardBuffer Other(this ForwardBuffer source) => source == ForwardBuffer.Scratch0 ? ForwardBuffer.Scratch1 : ForwardBuffer.Scratch0;
}

/// <summary>A layer in one width's one-sample forward kernel: it reads <see cref="Source"/> and writes <see cref="Destination"/>.</summary>
/// <param name="Mask">The sample's network input when a mask reaches the layer (<see cref="InferenceCall.Mask"/>), else <c>default</c>.</param>
/// <param name="State">The layer's part of a <c>Step</c> stream's state (<see cref="InferenceCall.State"/>), else <c>default</c>.</param>
internal sealed record ForwardOneCall(Model.VectorWidth Width, ForwardBuffer Source, ForwardBuffer Destination, string Mask = "default", string State = "default");

/// <summary>
/// An index in generated code: a constant, a loop variable, or a variable plus a constant, so offsets fold to one
/// number where they can (<c>32 + 16</c> is written <c>48</c>, <c>col + 16</c> stays).
/// </summary>
internal readonly record struct CodeIndex(string? Variable, int Constant)
{
    public static CodeIndex Of(int constant) => new(null, constant);

    public static CodeIndex Of(string variable) => new(variable, 0);

    public static CodeIndex operator +(CodeIndex index, int constant) => index with { Constant = index.Constant + constant };

    public static CodeIndex operator +(CodeIndex index, CodeIndex other)
        => new(index.Variable is null ? other.Variable : other.Variable is null ? index.Variable : index.Variable + " + " + other.Variable, index.Constant + other.Constant);

    public override string ToString()
        => Variable is null ? Invariant.Text($"{Constant}") : Constant == 0 ? Variable : Invariant.Text($"{Variable} + {Constant}");
}
