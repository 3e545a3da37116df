using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>
    /// Streaming inference for networks that work one time step at a time (<see cref="StepNetwork"/>):
    /// <code>
    /// public sealed class State { ParameterArray Values; public void Reset(); }   // every recurrent layer's h (and c), every causal Conv1D's last inputs
    /// public State CreateState();
    /// public void Step(State state, ReadOnlySpan&lt;float&gt; input, Span&lt;float&gt; output) { checks; StepForward(...); }
    /// </code>
    /// </summary>
    private static void WriteStreaming(IndentedTextWriter writer, NetworkSpec spec)
    {
        if (spec.Step is not { } step)
        {
            return;
        }

        Member(writer, "Floats of one time step's input for <see cref=\"Step\"/>.", Invariant.Text($"public const int StepInputSize = {step.InputSize};"));
        Member(writer, "Floats <see cref=\"Step\"/> writes per time step (the last layer's output for one step).", Invariant.Text($"public const int StepOutputSize = {step.OutputSize};"));
        writer.Line("/// <summary>One stream's state for <see cref=\"Step\"/>: every recurrent layer's h (and c for LSTM) and every causal Conv1D's last d·(k − 1) inputs, zero at first and after <see cref=\"Reset\"/>. Use one per stream; streams may run at once on one network.</summary>");
        writer.Line(s_generatedCode);
        using (writer.Block("public sealed class State"))
        {
            // Cache-line aligned like the weights: the step kernels load h and c as whole vectors every step.
            writer.Line($"internal readonly global::StaticNets.Runtime.ParameterArray Values = new global::StaticNets.Runtime.ParameterArray({step.StateSize});");
            writer.Line();
            writer.Line("/// <summary>Starts the stream again: the state is zero, as before the first step.</summary>");
            writer.Line($"public void Reset() => Values.Slice(0, {step.StateSize}).Clear();");
        }

        writer.Line();
        Member(writer, "A new stream's state, zero: feed it to <see cref=\"Step\"/> one time step after another.", "public State CreateState() => new State();");
        writer.Line("/// <summary>");
        writer.Line("/// Runs one time step of a stream: <paramref name=\"input\"/> is the step's features (<see cref=\"StepInputSize\"/> floats), and");
        writer.Line("/// <paramref name=\"output\"/> gets what <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/> would give for the sequence so far");
        writer.Line("/// (its last step's output when the network returns sequences). Allocates nothing.");
        writer.Line("/// </summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"state\"/> is null.</exception>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Line(s_generatedCode);
        using (writer.Block("public void Step(State state, global::System.ReadOnlySpan<float> input, global::System.Span<float> output)"))
        {
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(state);");
            writer.Line("global::StaticNets.Runtime.Guard.Length(input.Length, StepInputSize, nameof(input));");
            writer.Line("global::StaticNets.Runtime.Guard.Length(output.Length, StepOutputSize, nameof(output));");
            writer.Line($"StepForward(ref {MemoryMarshal}.GetReference(input), ref {MemoryMarshal}.GetReference(output), state.Values.Slice(0, {step.StateSize}));");
        }

        writer.Line();
        WriteForward(writer, ForwardPass.Step(step));
    }

    /// <summary>
    /// With an Embedding first, the ids as ints:
    /// <code>
    /// public void Predict(ReadOnlySpan&lt;int&gt; ids, Span&lt;float&gt; output) { ids → floats (stack or per-thread); Predict(floats, output); }
    /// </code>
    /// </summary>
    private static void WriteIdsPrediction(IndentedTextWriter writer, NetworkSpec spec)
    {
        if (spec.Layers.Count == 0 || spec.Layers[0] is not EmbeddingLayer)
        {
            return;
        }

        bool onHeap = spec.InputSize > StackScratchLimit;
        if (onHeap)
        {
            writer.Line("[global::System.ThreadStatic]");
            writer.Line("private static float[]? t_ids;");
            writer.Line();
        }

        writer.Line("/// <summary>Runs one sample of token ids (<see cref=\"InputSize\"/> of them) through the network into <paramref name=\"output\"/>. Thread-safe; allocates nothing.</summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">An id is outside the Embedding's <c>[0, inputDim)</c>.</exception>");
        writer.Line(s_generatedCode);
        using (writer.Block("public void Predict(global::System.ReadOnlySpan<int> ids, global::System.Span<float> output)"))
        {
            writer.Line("global::StaticNets.Runtime.Guard.Length(ids.Length, InputSize, nameof(ids));");
            writer.Line(onHeap
                ? "global::System.Span<float> input = t_ids ??= new float[InputSize];"
                : "global::System.Span<float> input = stackalloc float[InputSize];");
            using (writer.Block("for (int i = 0; i < InputSize; i++)"))
            {
                writer.Line("input[i] = ids[i];");
            }

            writer.Line("Predict(input, output);");
        }

        writer.Line();
    }
}
