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
    /// NativeAOT's default instruction set still gets Vector128/256 code) and one kernel per width.
    /// <code>
    /// private void Forward(ref float x, ref float y)
    /// {
    ///     scratch = stackalloc float[ScratchSize];
    ///     if (Vector512.IsHardwareAccelerated) Forward512(ref w, ref x, ref y, ref s); else if ...
    /// }
    /// </code>
    /// </summary>
    private static void WriteForward(IndentedTextWriter writer, NetworkSpec spec)
    {
        NetworkPlan plan = spec.Plan;
        bool onHeap = plan.ForwardScratch > StackScratchLimit;
        writer.Line($"// Two ping-pong buffers for the layers' outputs, each the largest output plus {NetworkPlan.VectorSlack} floats of slack{(plan.ColumnsPerSample > 0 ? ", then the largest convolution's im2col rows." : ".")}");
        writer.Line($"private const int ScratchSize = {plan.ForwardScratch};");
        if (onHeap)
        {
            writer.Line();
            writer.Line("[global::System.ThreadStatic]");
            writer.Line("private static float[]? t_scratch;");
        }

        writer.Line();
        writer.Line("/// <summary>One sample from <paramref name=\"x\"/> (InputSize floats) to <paramref name=\"y\"/> (OutputSize floats).</summary>");
        writer.Line(s_generatedCode);
        writer.Line(AggressiveOptimization);
        using (writer.Block("private void Forward(ref float x, ref float y)"))
        {
            writer.Line($"ref float w = ref {MemoryMarshal}.GetArrayDataReference(_parameters);");
            if (onHeap)
            {
                writer.Line("// Per thread, so Predict stays thread-safe; kept, so it allocates only on a thread's first call.");
                writer.Line("float[] scratch = t_scratch ??= new float[ScratchSize];");
                writer.Line($"ref float s = ref {MemoryMarshal}.GetArrayDataReference(scratch);");
            }
            else
            {
                writer.Line("global::System.Span<float> scratch = stackalloc float[ScratchSize];");
                writer.Line($"ref float s = ref {MemoryMarshal}.GetReference(scratch);");
            }

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
                writer.Line($"    Forward{VectorWidth.All[i].Suffix}(ref w, ref x, ref y, ref s);");
            }
        }

        writer.Line();
        foreach (VectorWidth width in VectorWidth.All)
        {
            WriteForwardKernel(writer, spec, width);
        }
    }

    /// <summary>One step of a width's kernel: a layer, or a layer and the next one fused with it.</summary>
    private readonly record struct ForwardStage(LayerSpec Layer, LayerSpec? Fused)
    {
        public LayerSpec Last => Fused ?? Layer;
    }

    /// <summary>The layers of <paramref name="width"/>'s kernel, grouped where a layer fuses with the next (<see cref="LayerSpec.FusesWithNext"/>).</summary>
    private static List<ForwardStage> ForwardStages(NetworkSpec spec, VectorWidth width)
    {
        var stages = new List<ForwardStage>();
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            bool fuses = l + 1 < spec.Layers.Count && layer.FusesWithNext(spec.Layers[l + 1], width);
            stages.Add(new ForwardStage(layer, fuses ? spec.Layers[++l] : null));
        }

        return stages;
    }

    /// <summary>
    /// One kernel: each stage reads the previous one's buffer and writes the other; the last writes <c>y</c> directly
    /// when its code writes exact lengths, else scratch and a copy. Layers that are the identity at inference pass
    /// their buffer on.
    /// </summary>
    private static void WriteForwardKernel(IndentedTextWriter writer, NetworkSpec spec, VectorWidth width)
    {
        writer.Line($"/// <summary>The forward pass with {(width.IsScalar ? "scalar code" : width.Static.Substring(width.Static.LastIndexOf('.') + 1) + Invariant.Text($" ({width.Lanes} lanes)"))}.</summary>");
        writer.Line(s_generatedCode);
        writer.Line(AggressiveOptimization);
        using (writer.Block($"private static void Forward{width.Suffix}(ref float w, ref float x, ref float y, ref float s)"))
        {
            if (spec.Layers.Count == 0)
            {
                writer.Line("// No layers: the output is the input.");
                writer.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref x, InputSize).CopyTo({MemoryMarshal}.CreateSpan(ref y, OutputSize));");
                writer.Line("_ = s;");
                writer.Line("_ = w;");
                return;
            }

            writer.Line("ref float s0 = ref s;");
            writer.Line($"ref float s1 = ref {Unsafe}.Add(ref s, {spec.Plan.ForwardBuffer});");
            if (spec.Plan.ColumnsPerSample > 0)
            {
                writer.Line($"ref float columns = ref {Unsafe}.Add(ref s, {2 * spec.Plan.ForwardBuffer});");
            }

            if (spec.Layers.Any(l => l is not DenseLayer && l.ParameterCount > 0))
            {
                writer.Line($"global::System.ReadOnlySpan<float> weights = {MemoryMarshal}.CreateReadOnlySpan(ref w, ParameterCount);");
            }

            List<ForwardStage> stages = ForwardStages(spec, width);
            ForwardBuffer source = ForwardBuffer.Input;
            for (int i = 0; i < stages.Count; i++)
            {
                ForwardStage stage = stages[i];
                bool last = i == stages.Count - 1;
                writer.Line();
                if (stage.Layer.IsIdentityAtInference)
                {
                    writer.Line($"// {stage.Layer.Name} ({stage.Layer.Describe()}): {stage.Layer.ShapeArrow}, the same floats at inference");
                    if (last)
                    {
                        WriteCopyToOutput(writer, source);
                    }

                    continue;
                }

                // A fused pair ends in one float, written exactly.
                bool direct = last && (stage.Fused is not null || stage.Layer.WritesExactly(width));
                var call = new ForwardOneCall(width, source, direct ? ForwardBuffer.Output : source.Other());
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
                    WriteCopyToOutput(writer, call.Destination);
                }

                source = call.Destination;
            }
        }

        writer.Line();
    }

    /// <summary><c>MemoryMarshal.CreateReadOnlySpan(ref s1, OutputSize).CopyTo(MemoryMarshal.CreateSpan(ref y, OutputSize));</c></summary>
    private static void WriteCopyToOutput(IndentedTextWriter writer, ForwardBuffer source)
        => writer.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref {source.Ref()}, OutputSize).CopyTo({MemoryMarshal}.CreateSpan(ref y, OutputSize));");
}
