using System.Collections.Generic;
using System.Linq;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>Scratch at or below this many floats lives on the stack; above, in a per-thread array kept for the next call.</summary>
    private const int StackScratchLimit = 16 * 1024;

    /// <summary>
    /// The forward pass: a dispatcher that picks the widest accelerated vector width (a JIT-time constant, so
    /// NativeAOT's default instruction set still gets Vector128/256 code) and one kernel per width, each taking the
    /// scratch it needs itself.
    /// <code>
    /// private void Forward(ref float x, ref float y)
    /// {
    ///     if (Vector512.IsHardwareAccelerated) Forward512(ref w, ref x, ref y); else if ...
    /// }
    /// </code>
    /// </summary>
    private static void WriteForward(IndentedTextWriter writer, ForwardPass pass)
    {
        NetworkPlan plan = pass.Plan;
        // A stream's step keeps its scratch per thread too: a stackalloc is cleared on every call, which costs a
        // streamed step of a small recurrent network a large share of its time.
        bool onHeap = plan.ForwardScratch > StackScratchLimit || pass.Streams;
        writer.Line($"// Two ping-pong buffers for the layers' outputs, each the largest output plus {NetworkPlan.VectorSlack} floats of slack{(plan.ColumnsPerSample == 0 ? "." : pass.Layers.Any(l => l is RecurrentLayer or BidirectionalLayer) ? ", then the layers' largest scratch (im2col rows, every step's recurrent gates)." : ", then the largest convolution's im2col rows.")}");
        writer.Line($"private const int {pass.ScratchSize} = {plan.ForwardScratch};");
        if (onHeap)
        {
            writer.Line();
            writer.Line("[global::System.ThreadStatic]");
            writer.Line($"private static float[]? {pass.ThreadScratch};");
        }

        writer.Line();
        writer.Line($"/// <summary>{pass.What} from <paramref name=\"x\"/> ({pass.InputSizeName} floats) to <paramref name=\"y\"/> ({pass.OutputSizeName} floats).</summary>");
        writer.Line(s_generatedCode);
        writer.Line(AggressiveOptimization);
        using (writer.Block($"private void {pass.Name}(ref float x, ref float y{pass.StateParameter})"))
        {
            if (!pass.Streams)
            {
                WriteOneThreadScope(writer, pass.Layers);
            }

            writer.Line("ref float w = ref _parameters.Origin;");
            string[] conditions =
            {
                "if (global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)",
                "else if (global::System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)",
                "else if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)",
                "else",
            };
            for (int i = 0; i < VectorWidth.All.Length; i++)
            {
                writer.Line(conditions[i]);
                writer.Line($"    {pass.Name}{VectorWidth.All[i].Suffix}(ref w, ref x, ref y{pass.StateArgument});");
            }
        }

        writer.Line();
        foreach (VectorWidth width in VectorWidth.All)
        {
            WriteForwardKernel(writer, pass, width, onHeap);
        }
    }

    /// <summary>
    /// <c>using var onOneThread = CallerThread.Stay(_predictBatchThreads == 1);</c> where the runtime may split one sample
    /// of a layer across two threads (an LSTM, alone or in a Bidirectional pair), so PredictBatchThreads = 1 keeps it on one.
    /// </summary>
    private static void WriteOneThreadScope(IndentedTextWriter writer, EquatableArray<LayerSpec> layers)
    {
        if (layers.Any(l => l is RecurrentLayer { Cell: RecurrentCell.LSTM } or BidirectionalLayer { Forward.Cell: RecurrentCell.LSTM }))
        {
            writer.Line("// PredictBatchThreads = 1 keeps a large LSTM's one sample on this thread too (else half its units may run on a second).");
            writer.Line("using var onOneThread = global::StaticNets.Runtime.CallerThread.Stay(_predictBatchThreads == 1);");
        }
    }

    /// <summary>
    /// A one-sample forward pass to write: <c>Forward</c> (Predict's: the whole sample) or <c>StepForward</c> (Step's:
    /// one time step of the layers re-checked for a one-step sequence, with the stream's state).
    /// </summary>
    private sealed record ForwardPass(string Name, EquatableArray<LayerSpec> Layers, NetworkPlan Plan, int InputSize, bool Streams)
    {
        public static ForwardPass Predict(NetworkSpec spec) => new("Forward", spec.Layers, spec.Plan, spec.InputSize, Streams: false);

        public static ForwardPass Step(StepNetwork step) => new("StepForward", step.Layers, step.Plan, step.InputSize, Streams: true);

        public string What => Streams ? "One time step of a stream" : "One sample";

        /// <summary>What each width's kernel is, in its comment.</summary>
        public string KernelWhat => Streams ? "One time step" : "The forward pass";

        /// <summary>The constant holding the pass's scratch floats.</summary>
        public string ScratchSize => Streams ? "StepScratchSize" : "ScratchSize";

        /// <summary>The per-thread scratch array of a pass whose scratch is too large for the stack.</summary>
        public string ThreadScratch => Streams ? "t_stepScratch" : "t_scratch";

        public string InputSizeName => Streams ? "StepInputSize" : "InputSize";

        public string OutputSizeName => Streams ? "StepOutputSize" : "OutputSize";

        public string StateParameter => Streams ? ", global::System.Span<float> state" : "";

        public string StateArgument => Streams ? ", state" : "";
    }

    /// <summary>One step of a width's kernel: a layer, or a layer and the next one fused with it.</summary>
    private readonly record struct ForwardStage(int Index, LayerSpec Layer, LayerSpec? Fused)
    {
        public LayerSpec Last => Fused ?? Layer;
    }

    /// <summary>The layers of <paramref name="width"/>'s kernel, grouped where a layer fuses with the next (<see cref="LayerSpec.FusesWithNext"/>).</summary>
    private static List<ForwardStage> ForwardStages(EquatableArray<LayerSpec> layers, VectorWidth width)
    {
        var stages = new List<ForwardStage>();
        for (int l = 0; l < layers.Count; l++)
        {
            LayerSpec layer = layers[l];
            bool fuses = l + 1 < layers.Count && layer.FusesWithNext(layers[l + 1], width);
            stages.Add(new ForwardStage(l, layer, fuses ? layers[l + 1] : null));
            l += fuses ? 1 : 0;
        }

        return stages;
    }

    /// <summary>
    /// One kernel: each stage reads the previous one's buffer and writes the other; the last writes <c>y</c> directly
    /// when its code writes exact lengths, else scratch and a copy. Layers that are the identity at inference pass
    /// their buffer on.
    /// </summary>
    private static void WriteForwardKernel(IndentedTextWriter writer, ForwardPass pass, VectorWidth width, bool scratchOnHeap)
    {
        EquatableArray<LayerSpec> layers = pass.Layers;
        writer.Line($"/// <summary>{pass.KernelWhat} with {(width.IsScalar ? "scalar code" : width.Static.Substring(width.Static.LastIndexOf('.') + 1) + Invariant.Text($" ({width.Lanes} lanes)"))}.</summary>");
        writer.Line(s_generatedCode);
        writer.Line(AggressiveOptimization);
        using (writer.Block($"private static void {pass.Name}{width.Suffix}(ref float w, ref float x, ref float y{pass.StateParameter})"))
        {
            if (layers.Count == 0)
            {
                writer.Line("// No layers: the output is the input.");
                writer.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref x, InputSize).CopyTo({MemoryMarshal}.CreateSpan(ref y, OutputSize));");
                writer.Line("_ = w;");
                return;
            }

            List<ForwardStage> stages = ForwardStages(layers, width);
            if (UsesScratch(pass, stages, width))
            {
                WriteScratch(writer, pass, scratchOnHeap);
            }
            else
            {
                writer.Line("// x to y in registers: no scratch (clearing a stackalloc would cost more than the layers).");
            }

            if (layers.Any(l => l is not DenseLayer && l.ParameterCount > 0))
            {
                writer.Line($"global::System.ReadOnlySpan<float> weights = {MemoryMarshal}.CreateReadOnlySpan(ref w, ParameterCount);");
            }

            EquatableArray<bool> masks = Parsing.SequenceMasks.Reaching(layers);
            int[] stateOffsets = StateOffsets(layers);
            ForwardBuffer source = ForwardBuffer.Input;
            for (int i = 0; i < stages.Count; i++)
            {
                ForwardStage stage = stages[i];
                string mask = masks[stage.Index] ? ReadOnlySpanOver(ForwardBuffer.Input, pass.InputSize) : "default";
                string state = pass.Streams && stage.Layer.StateSize > 0 ? Invariant.Text($"state.Slice({stateOffsets[stage.Index]}, {stage.Layer.StateSize})") : "default";
                bool last = i == stages.Count - 1;
                writer.Line();
                if (stage.Layer.IsIdentityAtInference)
                {
                    writer.Line($"// {stage.Layer.Name} ({stage.Layer.Describe()}): {stage.Layer.ShapeArrow}, the same floats at inference");
                    if (last)
                    {
                        WriteCopyToOutput(writer, source, pass.OutputSizeName);
                    }

                    continue;
                }

                // A fused pair ends in one float, written exactly.
                bool direct = last && (stage.Fused is not null || stage.Layer.WritesExactly(width, source));
                var call = new ForwardOneCall(width, source, direct ? ForwardBuffer.Output : source.Other(), mask, state);
                if (stage.Fused is not null)
                {
                    stage.Layer.WriteFusedWithNext(writer, stage.Fused, call);
                }
                else
                {
                    stage.Layer.WriteForwardOne(writer, call);
                }

                if (last && !direct)
                {
                    WriteCopyToOutput(writer, call.Destination, pass.OutputSizeName);
                }

                source = call.Destination;
            }
        }

        writer.Line();
    }

    /// <summary>
    /// Whether a kernel needs scratch: all do but one whose only computing stage reads <c>x</c> and writes <c>y</c>
    /// exactly (net A's fused pair), with no im2col rows or recurrent gates.
    /// </summary>
    private static bool UsesScratch(ForwardPass pass, List<ForwardStage> stages, VectorWidth width)
    {
        if (pass.Plan.ColumnsPerSample > 0)
        {
            return true;
        }

        int computing = stages.FindIndex(stage => !stage.Layer.IsIdentityAtInference);
        if (computing < 0)
        {
            return false;
        }

        ForwardStage only = stages[computing];
        return computing != stages.Count - 1 || !(only.Fused is not null || only.Layer.WritesExactly(width, ForwardBuffer.Input));
    }

    /// <summary>
    /// <c>ref float s0 = stackalloc float[ScratchSize]; ref float s1 = s0 + ForwardBuffer;</c> (per thread on the heap
    /// when too large for the stack, or for a stream's step), then the im2col rows.
    /// </summary>
    private static void WriteScratch(IndentedTextWriter writer, ForwardPass pass, bool onHeap)
    {
        if (onHeap)
        {
            writer.Line("// Per thread, so Predict stays thread-safe; kept, so it allocates only on a thread's first call.");
            writer.Line($"float[] scratch = {pass.ThreadScratch} ??= new float[{pass.ScratchSize}];");
            writer.Line($"ref float s0 = ref {MemoryMarshal}.GetArrayDataReference(scratch);");
        }
        else
        {
            writer.Line($"global::System.Span<float> scratch = stackalloc float[{pass.ScratchSize}];");
            writer.Line($"ref float s0 = ref {MemoryMarshal}.GetReference(scratch);");
        }

        writer.Line($"ref float s1 = ref {Unsafe}.Add(ref s0, {pass.Plan.ForwardBuffer});");
        if (pass.Plan.ColumnsPerSample > 0)
        {
            writer.Line($"ref float columns = ref {Unsafe}.Add(ref s0, {2 * pass.Plan.ForwardBuffer});");
        }
    }

    /// <summary>Where each layer's part of a stream's state starts (recurrent layers in order).</summary>
    private static int[] StateOffsets(EquatableArray<LayerSpec> layers)
    {
        var offsets = new int[layers.Count];
        int offset = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            offsets[l] = offset;
            offset += layers[l].StateSize;
        }

        return offsets;
    }

    /// <summary><c>MemoryMarshal.CreateReadOnlySpan(ref s1, OutputSize).CopyTo(MemoryMarshal.CreateSpan(ref y, OutputSize));</c></summary>
    private static void WriteCopyToOutput(IndentedTextWriter writer, ForwardBuffer source, string outputSize)
        => writer.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref {source.Ref()}, {outputSize}).CopyTo({MemoryMarshal}.CreateSpan(ref y, {outputSize}));");
}
