using System.Collections.Generic;
using System.Linq;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>
    /// The <c>ITrainableNetwork</c> members: a fused forward + loss + backward over a whole batch, in training mode
    /// (Dropout masks, BatchNormalization batch statistics), with every Dense and convolution product a
    /// register-blocked GEMM and no allocation once the workspace has grown to the largest batch seen.
    /// <code>
    /// float ComputeGradients(inputs, targets, loss, gradients, outputs)
    /// {
    ///     // forward:  z1 = x·W1 + b1; a1 = relu(z1); ...     (convolutions: im2col rows · kernel)
    ///     // loss:     ∂z_L from the loss (fused through the output activation where Keras's is stable)
    ///     // backward: ∂z_l = act'(∂a_l); ∂W_l = a_{l-1}ᵀ·∂z_l; ∂b_l = Σ rows ∂z_l; ∂a_{l-1} = ∂z_l·W_lᵀ ...
    /// }
    /// </code>
    /// </summary>
    private static void WriteTraining(IndentedTextWriter writer, NetworkSpec spec)
    {
        NetworkPlan plan = spec.Plan;
        bool random = spec.Layers.Any(l => l.UsesRandom);
        writer.Line("// Training state. Training one instance from several threads is not supported; Predict never touches these.");
        writer.Line("private global::StaticNets.TrainingConfiguration? _training;");
        writer.Line("private float[] _workspace = global::System.Array.Empty<float>();");
        if (plan.StatisticsSize > 0)
        {
            writer.Line("// The last training batch's statistics per layer that keeps them (BatchNormalization: mean, variance), for UpdateMovingStatistics.");
            writer.Line($"private readonly float[] _batchStatistics = new float[{plan.StatisticsSize}];");
            writer.Line("private bool _hasBatchStatistics;");
        }

        if (random)
        {
            writer.Line("private global::StaticNets.Runtime.NetworkRandom _dropoutRandom;");
        }

        writer.Line();
        writer.Line("global::StaticNets.TrainingConfiguration? global::StaticNets.ITrainableNetwork.Training { get => _training; set => _training = value; }");
        writer.Line($"global::StaticNets.Activation global::StaticNets.ITrainableNetwork.OutputActivation => global::StaticNets.Activation.{(FusesOutputActivation(spec) ? spec.Layers[spec.Layers.Count - 1].Activation : Activation.Linear)};");
        PlacedWeight[] frozen = spec.Layers.SelectMany(l => l.PlacedWeights()).Where(w => !w.Weight.Trainable).ToArray();
        if (frozen.Length == 0)
        {
            writer.Line("global::System.ReadOnlySpan<int> global::StaticNets.ITrainableNetwork.NonTrainableRanges => default;");
        }
        else
        {
            // A static array, not an array literal: read once per optimizer step, it must not allocate in any build.
            writer.Line($"private static readonly int[] s_nonTrainableRanges = {{ {string.Join(", ", MergedRanges(frozen))} }}; // {string.Join(", ", frozen.Select(w => w.Weight.Name).Distinct())}");
            writer.Line("global::System.ReadOnlySpan<int> global::StaticNets.ITrainableNetwork.NonTrainableRanges => s_nonTrainableRanges;");
        }

        writer.Line();
        WriteUpdateMovingStatistics(writer, spec);

        writer.Line("/// <summary>Workspace floats per sample (layer outputs, im2col rows, masks, normalised values, gradient buffers) and fixed (a transposed kernel).</summary>");
        writer.Line($"private const long WorkspacePerSample = {plan.WorkspacePerSample}, WorkspaceFixed = {plan.WorkspaceFixed};");
        writer.Line();

        bool sharded = UsesTrainingShards(spec);
        RegularizedKernel[] regularized = spec.Layers.SelectMany(l => l.RegularizedKernels()).ToArray();
        writer.Line(s_generatedCode);
        using (writer.Block("float global::StaticNets.ITrainableNetwork.ComputeGradients(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::StaticNets.Loss loss, global::System.Span<float> gradients, global::System.Span<float> outputs)"))
        {
            writer.Line("int n = global::StaticNets.Runtime.Guard.TrainingBatch(inputs.Length, InputSize, targets.Length, loss?.TargetSize(OutputSize) ?? OutputSize, gradients.Length, ParameterCount, outputs.Length, OutputSize);");
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(loss);");
            if (sharded)
            {
                using (writer.Block("if (n >= ShardedBatch && _training is { TrainingThreads: 2 } && global::StaticNets.Runtime.TrainingShard.IsUseful)"))
                {
                    writer.Line($"return {Regularized(regularized, "ComputeGradientsInTwo(inputs, targets, loss, gradients, outputs, n)")};");
                }
            }

            writer.Line($"return {Regularized(regularized, Invariant.Text($"ComputeBatchGradients(inputs, targets, loss, gradients, outputs, n, ref _workspace{(random ? ", ref _dropoutRandom" : "")})"))};");
        }

        writer.Line();
        if (regularized.Length > 0)
        {
            WriteKernelRegularization(writer, regularized);
        }

        if (sharded)
        {
            WriteShardedTraining(writer, random, ShardedBatch(spec));
        }

        writer.Line("/// <summary>One training-mode forward + loss + backward over <paramref name=\"n\"/> samples in <paramref name=\"workspace\"/>.</summary>");
        writer.Line(s_generatedCode);
        using (writer.Block("private float ComputeBatchGradients(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::StaticNets.Loss loss, global::System.Span<float> gradients, global::System.Span<float> outputs, int n, ref float[] workspace"
            + (random ? ", ref global::StaticNets.Runtime.NetworkRandom random" : "") + ")"))
        {
            using (writer.Block("if (workspace.Length < n * WorkspacePerSample + WorkspaceFixed)"))
            {
                writer.Line("// checked: a batch too large for one array throws instead of wrapping around.");
                writer.Line("workspace = new float[checked((int)(n * WorkspacePerSample + WorkspaceFixed))];");
            }

            writer.Line("global::System.Span<float> ws = workspace;");
            writer.Line("global::System.ReadOnlySpan<float> w = _parameters.Slice(0, ParameterCount);");
            if (spec.Layers.Count == 0)
            {
                writer.Line("global::System.Span<float> g = ws.Slice(0, n * OutputSize);");
                writer.Line("float value = loss.Compute(inputs, inputs, targets, OutputSize, global::StaticNets.Activation.Linear, g, out _);");
                writer.Line("if (!outputs.IsEmpty) inputs.CopyTo(outputs);");
                writer.Line("gradients.Clear();");
                writer.Line("return value;");
                return;
            }

            WriteTrainingForward(writer, spec);
            WriteTrainingBackward(writer, spec);
        }

        writer.Line();
    }

    /// <summary>Non-trainable weights as <c>start, length</c> pairs, adjacent ones merged (a layer's moving mean and variance are one range).</summary>
    private static IEnumerable<string> MergedRanges(PlacedWeight[] weights)
    {
        int start = weights[0].Offset, end = weights[0].End;
        for (int i = 1; i < weights.Length; i++)
        {
            if (weights[i].Offset == end)
            {
                end = weights[i].End;
                continue;
            }

            yield return Invariant.Text($"{start}, {end - start}");
            (start, end) = (weights[i].Offset, weights[i].End);
        }

        yield return Invariant.Text($"{start}, {end - start}");
    }

    /// <summary>
    /// Batches of at least this many samples are split over two threads (when the network is worth it): 64 for Dense
    /// networks, 16 with a convolution, whose every sample is already millions of FLOPs (Keras's default batch is 32).
    /// </summary>
    private static int ShardedBatch(NetworkSpec spec) => spec.Layers.Any(l => l.PrefersBatchKernels) ? 16 : 64;

    /// <summary>
    /// Large networks without layers that need the whole batch at once (BatchNormalization's statistics, as in Keras)
    /// split large batches over two cores; for small networks a thread hand-off costs more than the step.
    /// </summary>
    private static bool UsesTrainingShards(NetworkSpec spec)
        => spec.Layers.Count > 0 && !spec.Layers.Any(l => l.NeedsWholeBatch)
           && (spec.ParameterCount >= BatchKernelMinimumParameters || spec.Layers.Any(l => l.PrefersBatchKernels));

    /// <summary>
    /// <code>
    /// ComputeGradientsInTwo: first half on this thread, second half on a second thread (own workspace);
    /// gradients = first/n · ∂first + second/n · ∂second, always in that order, so results are deterministic.
    /// </code>
    /// </summary>
    private static void WriteShardedTraining(IndentedTextWriter writer, bool random, int threshold)
    {
        writer.Line($"private const int ShardedBatch = {threshold};");
        writer.Line("private global::StaticNets.Runtime.TrainingShard? _shard;");
        writer.Line();
        writer.Line("/// <summary>A large batch as two halves on two cores; the halves' mean gradients and losses are combined by sample share.</summary>");
        writer.Line(s_generatedCode);
        using (writer.Block("private float ComputeGradientsInTwo(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::StaticNets.Loss loss, global::System.Span<float> gradients, global::System.Span<float> outputs, int n)"))
        {
            writer.Line("int first = (n + 1) / 2, second = n - first, targetSize = targets.Length / n;");
            writer.Line("_shard ??= new global::StaticNets.Runtime.TrainingShard(ComputeSecondShard);");
            writer.Line("_shard.Prepare(inputs.Slice(first * InputSize), targets.Slice(first * targetSize), loss, second, ParameterCount, outputs.IsEmpty ? 0 : second * OutputSize);");
            if (random)
            {
                writer.Line("_shard.Random = new global::StaticNets.Runtime.NetworkRandom(unchecked((int)_dropoutRandom.NextUInt64()));");
            }

            writer.Line("_shard.Start();");
            writer.Line("float value;");
            writer.Line("try");
            writer.Line("{");
            writer.Line($"    value = ComputeBatchGradients(inputs.Slice(0, first * InputSize), targets.Slice(0, first * targetSize), loss, gradients, outputs.IsEmpty ? default : outputs.Slice(0, first * OutputSize), first, ref _workspace{(random ? ", ref _dropoutRandom" : "")});");
            writer.Line("}");
            writer.Line("finally");
            writer.Line("{");
            writer.Line("    _shard.Wait();");
            writer.Line("}");
            writer.Line();
            writer.Line("global::StaticNets.Runtime.TrainingShard.Combine(gradients, _shard.Gradients, (float)first / n, (float)second / n);");
            writer.Line("if (!outputs.IsEmpty) _shard.Outputs.CopyTo(outputs.Slice(first * OutputSize));");
            writer.Line("return (value * first + _shard.LossValue * second) / n;");
        }

        writer.Line();
        writer.Line("/// <summary>The second half of <see cref=\"ComputeGradientsInTwo\"/>, on the other thread (or on the caller if no thread took it).</summary>");
        writer.Line(s_generatedCode);
        using (writer.Block("private void ComputeSecondShard()"))
        {
            writer.Line("global::StaticNets.Runtime.TrainingShard shard = _shard!;");
            writer.Line($"shard.LossValue = ComputeBatchGradients(shard.Inputs, shard.Targets, shard.Loss!, shard.Gradients, shard.Outputs, shard.Samples, ref shard.Workspace{(random ? ", ref shard.Random" : "")});");
        }

        writer.Line();
    }

    /// <summary>
    /// Whether the loss may take its fused gradient through the last layer's activation: only when that activation
    /// runs over whole output rows (its last axis is the whole sample).
    /// </summary>
    private static bool FusesOutputActivation(NetworkSpec spec)
    {
        if (spec.Layers.Count == 0)
        {
            return false;
        }

        LayerSpec last = spec.Layers[spec.Layers.Count - 1];
        return last.Activation != Activation.Linear && last.OutputFeatures == last.OutputSize;
    }

    /// <summary>
    /// <code>
    /// void ITrainableNetwork.UpdateMovingStatistics() { moving = moving · momentum + batch · (1 − momentum) per layer with statistics }
    /// </code>
    /// </summary>
    private static void WriteUpdateMovingStatistics(IndentedTextWriter writer, NetworkSpec spec)
    {
        if (spec.Plan.StatisticsSize == 0)
        {
            return;
        }

        writer.Line(s_generatedCode);
        using (writer.Block("void global::StaticNets.ITrainableNetwork.UpdateMovingStatistics()"))
        {
            writer.Line("// Once per ComputeGradients: a second call without a new batch changes nothing.");
            writer.Line("if (!_hasBatchStatistics) return;");
            writer.Line("_hasBatchStatistics = false;");
            for (int l = 0; l < spec.Layers.Count; l++)
            {
                if (spec.Layers[l].BatchStatisticsSize > 0)
                {
                    spec.Layers[l].WriteMovingStatisticsUpdate(writer, spec.Plan.StatisticsOffsets[l]);
                }
            }
        }

        writer.Line();
    }

    /// <summary>
    /// Each layer's training-mode forward into workspace slices that the backward pass reads again; the frame gives
    /// each layer its slices and applies its activation:
    /// <code>
    /// Span&lt;float&gt; z1 = ws.Slice(offset, n * 10); offset += n * 10; Gemm.Multiply(n, 2, 10, inputs, 2, 1, kernel, 10, bias, z1, 10);
    /// Span&lt;float&gt; a1 = ...; z1.CopyTo(a1); Activations.Apply(Relu, a1, 10);
    /// </code>
    /// </summary>
    private static void WriteTrainingForward(IndentedTextWriter writer, NetworkSpec spec)
    {
        writer.Line("int offset = 0;");
        EquatableArray<bool> masks = Parsing.SequenceMasks.Reaching(spec.Layers);
        string source = "inputs";
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            int number = l + 1;
            string z = Invariant.Text($"z{number}"), a = Invariant.Text($"a{number}");
            bool activated = layer.Activation != Activation.Linear;
            writer.Line();
            writer.Line($"// {layer.Name} ({layer.Describe()}): {(l == 0 ? "x" : Invariant.Text($"a{l}"))} {Shapes.ToKerasString(layer.InputShape)} → {z}{(activated ? Invariant.Text($", {a} = {layer.Activation}({z})") : "")} {Shapes.ToKerasString(layer.OutputShape)}");
            if (!layer.WritesTrainingOutput)
            {
                // The layer's output before activation is its input: the same floats under a new name.
                writer.Line($"global::System.ReadOnlySpan<float> {z} = {source}{(activated ? "" : Invariant.Text($", {a} = {z}"))};");
            }
            else
            {
                foreach ((string prefix, int perSample) in layer.TrainingScratch())
                {
                    WriteSlice(writer, Invariant.Text($"{prefix}{number}"), perSample);
                }

                WriteSlice(writer, z, layer.OutputSize);
                layer.WriteTrainingForward(writer, new TrainingCall(number, source, z, spec.Plan.StatisticsOffsets[l], masks[l] ? "inputs" : "default"));
                if (!activated)
                {
                    writer.Line($"global::System.Span<float> {a} = {z};");
                }
            }

            if (activated)
            {
                WriteSlice(writer, a, layer.OutputSize);
                writer.Line($"{z}.CopyTo({a});");
                WriteActivation(writer, layer, a);
            }

            source = a;
        }

        if (spec.Plan.StatisticsSize > 0)
        {
            writer.Line("_hasBatchStatistics = true;");
        }
    }

    /// <summary><c>Span&lt;float&gt; name = ws.Slice(offset, n * perSample); offset += n * perSample;</c></summary>
    private static void WriteSlice(IndentedTextWriter writer, string name, int perSample)
    {
        writer.Line($"global::System.Span<float> {name} = ws.Slice(offset, n * {perSample});");
        writer.Line($"offset += n * {perSample};");
    }

    /// <summary>
    /// <code>
    /// float value = loss.Compute(aL, zL, targets, OutputSize, act, dz, out var target);
    /// per layer, last to first: ∂z_l = act'(∂a_l) (the last one only if the loss did not fuse it); parameter
    /// gradients from ∂z_l; ∂a_{l-1} into dx (then swapped into dz), in place in dz, or as the same floats
    /// </code>
    /// </summary>
    private static void WriteTrainingBackward(IndentedTextWriter writer, NetworkSpec spec)
    {
        NetworkPlan plan = spec.Plan;
        int count = spec.Layers.Count;
        LayerSpec last = spec.Layers[count - 1];
        bool fused = FusesOutputActivation(spec);
        string aL = Invariant.Text($"a{count}"), zL = Invariant.Text($"z{count}");

        writer.Line();
        writer.Line("// Loss, and its gradient: ∂output, or ∂z where the loss fuses the output activation.");
        writer.Line($"global::System.Span<float> dz = ws.Slice(offset, n * {plan.GradientBuffer});");
        writer.Line($"global::System.Span<float> dx = ws.Slice(offset + n * {plan.GradientBuffer}, n * {plan.GradientBuffer});");
        writer.Line($"global::System.Span<float> transposed = ws.Slice(offset + n * {2L * plan.GradientBuffer});");
        writer.Line($"float value = loss.Compute({aL}, {(fused ? zL : aL)}, targets, OutputSize, global::StaticNets.Activation.{(fused ? last.Activation : Activation.Linear)}, dz.Slice(0, n * OutputSize), out global::StaticNets.GradientTarget target);");
        writer.Line($"if (!outputs.IsEmpty) {aL}.CopyTo(outputs);");
        if (last.Activation == Activation.Linear)
        {
            writer.Line("_ = target; // Linear output: ∂outputs is ∂z.");
        }
        else if (!fused)
        {
            writer.Line("_ = target; // the activation does not span whole rows: the loss gives ∂outputs");
        }
        else if (count == 1 && last.ParameterCount == 0)
        {
            writer.Line("_ = target; // no weights to train: no gradient is taken further");
        }

        EquatableArray<bool> masks = Parsing.SequenceMasks.Reaching(spec.Layers);
        for (int l = count - 1; l >= 0; l--)
        {
            LayerSpec layer = spec.Layers[l];
            bool first = l == 0;
            if (first && layer.ParameterCount == 0)
            {
                continue; // nothing to learn here and no ∂input needed
            }

            int number = l + 1;
            var call = new BackwardCall(
                number,
                first ? "inputs" : Invariant.Text($"a{l}"),
                Invariant.Text($"z{number}"),
                Invariant.Text($"dz.Slice(0, n * {layer.OutputSize})"),
                Invariant.Text($"dx.Slice(0, n * {layer.InputSize})"),
                first,
                plan.StatisticsOffsets[l],
                masks[l] ? "inputs" : "default");
            writer.Line();
            writer.Line($"// {layer.Name} backward: {BackwardSummary(layer, number, first)}");
            if (layer.Activation != Activation.Linear)
            {
                string backward = Invariant.Text($"{Activations}.Backward(global::StaticNets.Activation.{layer.Activation}, z{number}, a{number}, {call.Dz}, {layer.OutputFeatures});");
                if (l == count - 1 && fused)
                {
                    using (writer.Block("if (target == global::StaticNets.GradientTarget.Outputs)"))
                    {
                        writer.Line(backward);
                    }
                }
                else
                {
                    writer.Line(backward);
                }
            }

            GradientRoute route = layer.WriteBackward(writer, call);
            if (!first && route == GradientRoute.NewBuffer)
            {
                writer.Line("{ global::System.Span<float> swap = dz; dz = dx; dx = swap; }");
            }
        }

        writer.Line();
        writer.Line("return value;");
    }

    /// <summary>The backward comment: <c>∂weights, ∂a2 from ∂z3</c>, or <c>∂a2 is ∂z3, the same floats</c>.</summary>
    private static string BackwardSummary(LayerSpec layer, int number, bool first)
    {
        string weights = layer.ParameterCount > 0 ? "∂weights" : "";
        if (first)
        {
            return weights;
        }

        string input = !layer.WritesTrainingOutput ? Invariant.Text($"∂a{number - 1} is ∂z{number}, the same floats") : Invariant.Text($"∂a{number - 1} from ∂z{number}");
        return weights.Length > 0 ? weights + ", " + input : input;
    }
}
