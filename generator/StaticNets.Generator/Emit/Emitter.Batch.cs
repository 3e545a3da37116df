using System.Linq;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>
    /// Below this many weights the per-sample kernels win even for batches: the whole network sits in registers and
    /// L1, and a GEMM pass per layer only adds calls (measured: net A, 41 weights, 6.9 ns a sample either way
    /// through Predict, 26 ns through the GEMM path).
    /// </summary>
    private const int BatchKernelMinimumParameters = 2048;

    /// <summary>Large networks, and every network with a layer that prefers it (one GEMM over a chunk's windows beats one per sample).</summary>
    private static bool UsesBatchKernels(NetworkSpec spec)
        => spec.Layers.Count > 0 && (spec.ParameterCount >= BatchKernelMinimumParameters || spec.Layers.Any(l => l.PrefersBatchKernels));

    /// <summary>
    /// A batch of work worth a thread hand-off (tens of microseconds): about 1.5 million weight reads for Dense networks
    /// (net B, 109k weights: 14 samples), and 8 samples with a convolution or recurrence, whose every sample already
    /// costs far more multiply-adds than it has weights.
    /// </summary>
    private static int SplitBatch(NetworkSpec spec)
        => spec.Layers.Any(l => l.PrefersBatchKernels)
            ? 8
            : System.Math.Max(8, (int)System.Math.Min(int.MaxValue, (1_500_000L + spec.ParameterCount - 1) / System.Math.Max(1, spec.ParameterCount)));

    /// <summary>
    /// <code>
    /// public int PredictBatchThreads { get; set; }   // 2 (default) or 1
    /// </code>
    /// </summary>
    private static void WritePredictBatchThreads(IndentedTextWriter writer, bool splits)
    {
        writer.Line("private int _predictBatchThreads = 2;");
        writer.Line();
        writer.Line(splits
            ? "/// <summary>Cores a large <see cref=\"PredictBatch\"/> may use: 2 (the default; the second half of the batch runs on a second thread, with the same results) or 1 (every call stays on the caller's thread).</summary>"
            : "/// <summary>Cores a large <see cref=\"PredictBatch\"/> may use, 2 (the default) or 1. This network is small enough that its batches always run on the caller's thread.</summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The value is not 1 or 2.</exception>");
        writer.Line(s_generatedCode);
        using (writer.Block("public int PredictBatchThreads"))
        {
            writer.Line("get => _predictBatchThreads;");
            writer.Line("set => _predictBatchThreads = value is 1 or 2 ? value : throw new global::System.ArgumentOutOfRangeException(nameof(value), value, \"PredictBatchThreads must be 1 or 2.\");");
        }

        writer.Line();
    }

    /// <summary>The buffers of PredictBatch's chunk loop.</summary>
    private enum BatchBuffer
    {
        /// <summary>The chunk's inputs, <c>x</c>.</summary>
        Input,

        /// <summary>The first half of the per-thread scratch array.</summary>
        Half0,

        /// <summary>The second half.</summary>
        Half1,

        /// <summary>The chunk's outputs, <c>y</c>.</summary>
        Output,
    }

    /// <summary>The span expression of a chunk buffer holding <paramref name="perSample"/> floats for each of the chunk's <c>n</c> samples.</summary>
    private static string BatchSpan(BatchBuffer buffer, int perSample, NetworkPlan plan) => buffer switch
    {
        BatchBuffer.Input => "x",
        BatchBuffer.Output => "y",
        BatchBuffer.Half0 => Invariant.Text($"new global::System.Span<float>(scratch, 0, n * {perSample})"),
        _ => Invariant.Text($"new global::System.Span<float>(scratch, Chunk * {plan.LargestOutput}, n * {perSample})"),
    };

    /// <summary>
    /// <c>PredictBatch</c>'s fast path: each layer is one register-blocked GEMM (or its runtime kernel) over a chunk of
    /// samples, so a weight row loaded from cache serves several samples. Scratch is per thread and kept, so it stays
    /// thread-safe and allocation-free.
    /// <code>
    /// for each chunk of up to 128 samples: z1 = x·W1 + b1 → act → ... → outputs
    /// </code>
    /// </summary>
    private static void WriteBatchForward(IndentedTextWriter writer, NetworkSpec spec)
    {
        if (!UsesBatchKernels(spec))
        {
            return;
        }

        NetworkPlan plan = spec.Plan;
        writer.Line($"private const int BatchThreshold = {NetworkPlan.BatchThreshold};");
        writer.Line($"private const int SplitBatch = {SplitBatch(spec)};");
        writer.Line("private global::StaticNets.Runtime.PredictionShard.Forward? _forwardBatch;");
        writer.Line();
        writer.Line("// Chunk buffers per thread (PredictBatch is thread-safe), kept so that only a thread's first call allocates.");
        writer.Line("[global::System.ThreadStatic]");
        writer.Line("private static float[]? t_batchScratch;");
        writer.Line();
        writer.Line($"/// <summary>Runs <paramref name=\"samples\"/> samples layer by layer over chunks of {plan.BatchChunk} (one GEMM per Dense or convolution layer).</summary>");
        writer.Line(s_generatedCode);
        using (writer.Block("private void ForwardBatch(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs, int samples)"))
        {
            WriteOneThreadScope(writer, spec.Layers);
            writer.Line($"const int Chunk = {plan.BatchChunk};");
            writer.Line($"float[] scratch = t_batchScratch ??= new float[2 * Chunk * {plan.LargestOutput}{(plan.ColumnsPerSample > 0 ? Invariant.Text($" + Chunk * {plan.ColumnsPerSample}") : "")}];");
            writer.Line("global::System.ReadOnlySpan<float> w = _parameters.Slice(0, ParameterCount);");
            using (writer.Block("for (int start = 0; start < samples; start += Chunk)"))
            {
                writer.Line("int n = global::System.Math.Min(Chunk, samples - start);");
                writer.Line("global::System.ReadOnlySpan<float> x = inputs.Slice(start * InputSize, n * InputSize);");
                writer.Line("global::System.Span<float> y = outputs.Slice(start * OutputSize, n * OutputSize);");
                if (plan.ColumnsPerSample > 0)
                {
                    writer.Line($"global::System.Span<float> columns = new global::System.Span<float>(scratch, 2 * Chunk * {plan.LargestOutput}, n * {plan.ColumnsPerSample});");
                }

                WriteBatchLayers(writer, spec, spec.Layers.Count);
            }
        }

        writer.Line();
    }

    /// <summary>
    /// The first <paramref name="count"/> layers over one chunk in inference mode, from <c>x</c> into the chunk buffers
    /// and, for the last of them, into <c>y</c> (an identity layer last copies into it). PredictBatch runs them all;
    /// <c>Adapt</c> runs the layers before a Normalization layer.
    /// </summary>
    private static void WriteBatchLayers(IndentedTextWriter writer, NetworkSpec spec, int count)
    {
        NetworkPlan plan = spec.Plan;
        EquatableArray<bool> masks = Parsing.SequenceMasks.Reaching(spec.Layers);
        BatchBuffer source = BatchBuffer.Input;
        for (int l = 0; l < count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            bool last = l == count - 1;
            writer.Line($"// {layer.Name} ({layer.Describe()}): {layer.ShapeArrow}");
            if (layer.IsIdentityAtInference)
            {
                if (last)
                {
                    writer.Line($"{BatchSpan(source, layer.OutputSize, plan)}.CopyTo(y);");
                }

                continue;
            }

            BatchBuffer destination = last ? BatchBuffer.Output : source == BatchBuffer.Half0 ? BatchBuffer.Half1 : BatchBuffer.Half0;
            string output = BatchSpan(destination, layer.OutputSize, plan);
            layer.WriteInference(writer, new InferenceCall(
                "n",
                BatchSpan(source, layer.InputSize, plan),
                output,
                layer.ColumnsPerSample > 0 ? Invariant.Text($"columns.Slice(0, n * {layer.ColumnsPerSample})") : "default",
                new WeightsSource("w"),
                masks[l] ? "x" : "default"));
            WriteActivation(writer, layer, output);
            source = destination;
        }
    }
}
