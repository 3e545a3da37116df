using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator;

public sealed partial class NetworkGenerator
{
    internal static partial class Emitter
    {
        private const string Gemm = "global::StaticNets.Runtime.Gemm";
        private const string Activations = "global::StaticNets.Runtime.Activations";

        /// <summary>
        /// The <c>ITrainableNetwork</c> members: a fused forward + loss + backward over a whole batch, in training mode
        /// (Dropout masks, BatchNormalization batch statistics), with every Dense and convolution product a
        /// register-blocked GEMM and no allocation once the workspace has grown to the largest batch seen.
        /// <code>
        /// float ComputeGradients(inputs, targets, loss, gradients, outputs)
        /// {
        ///     // forward:  z1 = x·W1 + b1; a1 = relu(z1); ...     (convolutions: im2col rows · kernel)
        ///     // loss:     ∂z_L from the loss (fused through the output activation where Keras's is stable)
        ///     // backward: ∂W_l = a_{l-1}ᵀ·∂z_l; ∂b_l = Σ rows ∂z_l; ∂z_{l-1} = act'(∂z_l·W_lᵀ) ...
        /// }
        /// </code>
        /// </summary>
        private static void WriteTraining(IndentedTextWriter writer, NetworkSpec spec)
        {
            LayerSpec? last = spec.Layers.Count == 0 ? null : spec.Layers[spec.Layers.Count - 1];
            string outputActivation = last is not null && FusesOutputActivation(spec) ? ActivationName(last) : "Linear";
            List<LayerSpec> normalizations = spec.Layers.Where(l => l.Kind == LayerKind.BatchNormalization).ToList();

            writer.Line("// Training state. Training one instance from several threads is not supported; Predict never touches these.");
            writer.Line("private global::StaticNets.TrainingConfiguration? _training;");
            writer.Line("private float[] _workspace = global::System.Array.Empty<float>();");
            if (normalizations.Count > 0)
            {
                writer.Line("// The last training batch's mean and variance per BatchNormalization channel, for UpdateMovingStatistics.");
                writer.Line("private readonly float[] _batchStatistics = new float[" + normalizations.Sum(l => 2 * l.InputFeatures) + "];");
                writer.Line("private bool _hasBatchStatistics;");
            }

            if (spec.Layers.Any(l => l.Kind == LayerKind.Dropout))
            {
                writer.Line("private global::StaticNets.Runtime.NetworkRandom _dropoutRandom;");
            }

            writer.Line();
            writer.Line("global::StaticNets.TrainingConfiguration? global::StaticNets.ITrainableNetwork.Training { get => _training; set => _training = value; }");
            writer.Line("global::StaticNets.Activation global::StaticNets.ITrainableNetwork.OutputActivation => global::StaticNets.Activation." + outputActivation + ";");
            string ranges = string.Join(", ", normalizations.Select(l => (l.ParameterOffset + 2 * l.InputFeatures) + ", " + (2 * l.InputFeatures)));
            if (normalizations.Count == 0)
            {
                writer.Line("global::System.ReadOnlySpan<int> global::StaticNets.ITrainableNetwork.NonTrainableRanges => default;");
            }
            else
            {
                // A static array, not an array literal: read once per optimizer step, it must not allocate in any build.
                writer.Line("private static readonly int[] s_nonTrainableRanges = { " + ranges + " }; // moving_mean and moving_variance");
                writer.Line("global::System.ReadOnlySpan<int> global::StaticNets.ITrainableNetwork.NonTrainableRanges => s_nonTrainableRanges;");
            }
            writer.Line();
            WriteUpdateMovingStatistics(writer, normalizations);

            var plan = new TrainingPlan(spec);
            writer.Line("/// <summary>Workspace floats per sample (layer outputs, im2col rows, masks, normalised values, gradient buffers) and fixed (a transposed kernel).</summary>");
            writer.Line("private const long WorkspacePerSample = " + plan.PerSample + ", WorkspaceFixed = " + plan.Fixed + ";");
            writer.Line();

            bool dropout = spec.Layers.Any(l => l.Kind == LayerKind.Dropout);
            bool sharded = UsesTrainingShards(spec);
            writer.Line(s_generatedCode);
            using (writer.Block("float global::StaticNets.ITrainableNetwork.ComputeGradients(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::StaticNets.Loss loss, global::System.Span<float> gradients, global::System.Span<float> outputs)"))
            {
                writer.Line("int n = global::StaticNets.Runtime.Guard.TrainingBatch(inputs.Length, InputSize, targets.Length, loss?.TargetSize(OutputSize) ?? OutputSize, gradients.Length, ParameterCount, outputs.Length, OutputSize);");
                writer.Line("global::System.ArgumentNullException.ThrowIfNull(loss);");
                if (sharded)
                {
                    using (writer.Block("if (n >= ShardedBatch && _training is { TrainingThreads: 2 } && global::StaticNets.Runtime.TrainingShard.IsUseful)"))
                    {
                        writer.Line("return ComputeGradientsInTwo(inputs, targets, loss, gradients, outputs, n);");
                    }
                }

                writer.Line("return ComputeBatchGradients(inputs, targets, loss, gradients, outputs, n, ref _workspace" + (dropout ? ", ref _dropoutRandom" : "") + ");");
            }

            writer.Line();
            if (sharded)
            {
                WriteShardedTraining(writer, dropout, ShardedBatch(spec));
            }

            writer.Line("/// <summary>One training-mode forward + loss + backward over <paramref name=\"n\"/> samples in <paramref name=\"workspace\"/>.</summary>");
            writer.Line(s_generatedCode);
            using (writer.Block("private float ComputeBatchGradients(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::StaticNets.Loss loss, global::System.Span<float> gradients, global::System.Span<float> outputs, int n, ref float[] workspace"
                + (dropout ? ", ref global::StaticNets.Runtime.NetworkRandom random" : "") + ")"))
            {
                using (writer.Block("if (workspace.Length < n * WorkspacePerSample + WorkspaceFixed)"))
                {
                    writer.Line("// checked: a batch too large for one array throws instead of wrapping around.");
                    writer.Line("workspace = new float[checked((int)(n * WorkspacePerSample + WorkspaceFixed))];");
                }

                writer.Line("global::System.Span<float> ws = workspace;");
                writer.Line("global::System.ReadOnlySpan<float> w = new global::System.ReadOnlySpan<float>(_parameters, 0, ParameterCount);");
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
                WriteTrainingBackward(writer, spec, plan);
            }

            writer.Line();
        }

        /// <summary>
        /// Batches of at least this many samples are split over two threads (when the network is worth it): 64 for Dense
        /// networks, 16 with a convolution, whose every sample is already millions of FLOPs (Keras's default batch is 32).
        /// </summary>
        private static int ShardedBatch(NetworkSpec spec) => spec.Layers.Any(l => l.Kind.IsConvolution()) ? 16 : 64;

        /// <summary>
        /// Large networks without BatchNormalization (whose batch statistics must see the whole batch, as in Keras) split
        /// large batches over two cores; for small networks a thread hand-off costs more than the step.
        /// </summary>
        private static bool UsesTrainingShards(NetworkSpec spec)
            => spec.Layers.Count > 0 && spec.Layers.All(l => l.Kind != LayerKind.BatchNormalization)
               && (spec.ParameterCount >= BatchKernelMinimumParameters || spec.Layers.Any(l => l.Kind.IsConvolution()));

        /// <summary>
        /// <code>
        /// ComputeGradientsInTwo: first half on this thread, second half on a thread-pool thread (own workspace);
        /// gradients = first/n · ∂first + second/n · ∂second, always in that order, so results are deterministic.
        /// </code>
        /// </summary>
        private static void WriteShardedTraining(IndentedTextWriter writer, bool dropout, int threshold)
        {
            writer.Line("private const int ShardedBatch = " + threshold + ";");
            writer.Line("private global::StaticNets.Runtime.TrainingShard? _shard;");
            writer.Line();
            writer.Line("/// <summary>A large batch as two halves on two cores; the halves' mean gradients and losses are combined by sample share.</summary>");
            writer.Line(s_generatedCode);
            using (writer.Block("private float ComputeGradientsInTwo(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::StaticNets.Loss loss, global::System.Span<float> gradients, global::System.Span<float> outputs, int n)"))
            {
                writer.Line("int first = (n + 1) / 2, second = n - first, targetSize = targets.Length / n;");
                writer.Line("_shard ??= new global::StaticNets.Runtime.TrainingShard(ComputeSecondShard);");
                writer.Line("_shard.Prepare(inputs.Slice(first * InputSize), targets.Slice(first * targetSize), loss, second, ParameterCount, outputs.IsEmpty ? 0 : second * OutputSize);");
                if (dropout)
                {
                    writer.Line("_shard.Random = new global::StaticNets.Runtime.NetworkRandom(unchecked((int)_dropoutRandom.NextUInt64()));");
                }

                writer.Line("_shard.Start();");
                writer.Line("float value;");
                writer.Line("try");
                writer.Line("{");
                writer.Line("    value = ComputeBatchGradients(inputs.Slice(0, first * InputSize), targets.Slice(0, first * targetSize), loss, gradients, outputs.IsEmpty ? default : outputs.Slice(0, first * OutputSize), first, ref _workspace" + (dropout ? ", ref _dropoutRandom" : "") + ");");
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
            writer.Line("/// <summary>The second half of <see cref=\"ComputeGradientsInTwo\"/>, on the thread-pool thread.</summary>");
            writer.Line(s_generatedCode);
            using (writer.Block("private void ComputeSecondShard()"))
            {
                writer.Line("global::StaticNets.Runtime.TrainingShard shard = _shard!;");
                writer.Line("shard.LossValue = ComputeBatchGradients(shard.Inputs, shard.Targets, shard.Loss!, shard.Gradients, shard.Outputs, shard.Samples, ref shard.Workspace" + (dropout ? ", ref shard.Random" : "") + ");");
            }

            writer.Line();
        }

        /// <summary>
        /// Whether the loss may take its fused gradient through the last layer's activation: only when that activation
        /// runs over whole output rows (a Dense or convolution whose last axis is the whole sample).
        /// </summary>
        private static bool FusesOutputActivation(NetworkSpec spec)
        {
            LayerSpec last = spec.Layers[spec.Layers.Count - 1];
            return last.Kind.HasKernel() && last.OutputFeatures == last.OutputSize;
        }

        /// <summary>
        /// <code>
        /// void ITrainableNetwork.UpdateMovingStatistics() { moving = moving · momentum + batch · (1 − momentum) per BatchNormalization }
        /// </code>
        /// </summary>
        private static void WriteUpdateMovingStatistics(IndentedTextWriter writer, List<LayerSpec> normalizations)
        {
            if (normalizations.Count == 0)
            {
                return;
            }

            writer.Line(s_generatedCode);
            using (writer.Block("void global::StaticNets.ITrainableNetwork.UpdateMovingStatistics()"))
            {
                writer.Line("// Once per ComputeGradients: a second call without a new batch changes nothing.");
                writer.Line("if (!_hasBatchStatistics) return;");
                writer.Line("_hasBatchStatistics = false;");
                int statistics = 0;
                foreach (LayerSpec layer in normalizations)
                {
                    int channels = layer.InputFeatures;
                    writer.Line(BatchNorm + ".UpdateMovingStatistics(" + channels + ", " + FloatLiteral(layer.Momentum) + ", "
                        + "new global::System.ReadOnlySpan<float>(_batchStatistics, " + statistics + ", " + channels + "), "
                        + "new global::System.ReadOnlySpan<float>(_batchStatistics, " + (statistics + channels) + ", " + channels + "), "
                        + "new global::System.Span<float>(_parameters, " + (layer.ParameterOffset + 2 * channels) + ", " + channels + "), "
                        + "new global::System.Span<float>(_parameters, " + (layer.ParameterOffset + 3 * channels) + ", " + channels + ")); // " + layer.Name);
                    statistics += 2 * channels;
                }
            }

            writer.Line();
        }

        /// <summary>
        /// Each layer's training-mode forward into workspace slices that the backward pass reads again:
        /// <code>
        /// Span&lt;float&gt; z1 = ws.Slice(offset, n * 10); Gemm.Multiply(n, 2, 10, inputs, 2, 1, kernel, 10, bias, z1, 10);
        /// Span&lt;float&gt; a1 = ...; z1.CopyTo(a1); Activations.Apply(Relu, a1, 10);
        /// </code>
        /// </summary>
        private static void WriteTrainingForward(IndentedTextWriter writer, NetworkSpec spec)
        {
            writer.Line("int offset = 0;");
            string source = "inputs";
            int statistics = 0;
            for (int l = 0; l < spec.Layers.Count; l++)
            {
                LayerSpec layer = spec.Layers[l];
                string number = (l + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                string z = "z" + number, a = "a" + number;
                writer.Line();
                writer.Line("// " + layer.Name + " (" + Describe(layer) + "): " + (l == 0 ? "x" : "a" + l) + " " + Shapes.ToKerasString(layer.InputShape)
                    + " → " + z + (layer.Kind.HasKernel() ? ", " + a + " = " + ActivationName(layer) + "(" + z + ")" : "") + " " + Shapes.ToKerasString(layer.OutputShape));
                if (layer.Kind.IsReshaping())
                {
                    writer.Line("global::System.ReadOnlySpan<float> " + z + " = " + source + ", " + a + " = " + z + ";");
                    source = a;
                    continue;
                }

                if (layer.ColumnsPerSample > 0)
                {
                    WriteSlice(writer, "c" + number, layer.ColumnsPerSample);
                }

                if (layer.Kind is LayerKind.Dropout)
                {
                    WriteSlice(writer, "m" + number, layer.OutputSize);
                }

                if (layer.Kind is LayerKind.BatchNormalization)
                {
                    WriteSlice(writer, "h" + number, layer.OutputSize);
                }

                WriteSlice(writer, z, layer.OutputSize);
                int channels = layer.InputFeatures;
                switch (layer.Kind)
                {
                    case LayerKind.Dense:
                        writer.Line(Gemm + ".Multiply(" + Times("n", layer.Positions) + ", " + layer.InputFeatures + ", " + layer.Units + ", " + source + ", " + layer.InputFeatures + ", 1, "
                            + "w.Slice(" + layer.KernelOffset + ", " + layer.KernelSize + "), " + layer.Units + ", "
                            + (layer.UseBias ? "w.Slice(" + layer.BiasOffset + ", " + layer.Units + ")" : "default") + ", " + z + ", " + layer.Units + ");");
                        break;
                    case LayerKind.Conv1D:
                    case LayerKind.Conv2D:
                        writer.Line(Convolution + ".Forward(n, " + layer.Window!.Expression + ", " + layer.Units + ", " + source + ", w.Slice(" + layer.KernelOffset + ", " + layer.KernelSize + "), "
                            + (layer.UseBias ? "w.Slice(" + layer.BiasOffset + ", " + layer.Units + ")" : "default") + ", " + (layer.ColumnsPerSample > 0 ? "c" + number : "default") + ", " + z + ");");
                        break;
                    case LayerKind.Dropout:
                        writer.Line(Dropout + ".TrainingForward(" + FloatLiteral(layer.Rate) + ", ref random, " + source + ", m" + number + ", " + z + ");");
                        break;
                    case LayerKind.BatchNormalization:
                        writer.Line(BatchNorm + ".TrainingForward(" + Times("n", layer.InputSize / channels) + ", " + channels + ", " + FloatLiteral(layer.Epsilon) + ", "
                            + "w.Slice(" + layer.ParameterOffset + ", " + channels + "), w.Slice(" + (layer.ParameterOffset + channels) + ", " + channels + "), " + source + ", h" + number + ", " + z + ", "
                            + "new global::System.Span<float>(_batchStatistics, " + statistics + ", " + channels + "), new global::System.Span<float>(_batchStatistics, " + (statistics + channels) + ", " + channels + "));");
                        statistics += 2 * channels;
                        break;
                    default:
                        WriteLayerInference(writer, layer, "n", source, z, "default", (offset, length) => "w.Slice(" + offset + ", " + length + ")");
                        break;
                }

                if (!layer.Kind.HasKernel() || IsLinear(layer))
                {
                    writer.Line("global::System.Span<float> " + a + " = " + z + ";");
                }
                else
                {
                    WriteSlice(writer, a, layer.OutputSize);
                    writer.Line(z + ".CopyTo(" + a + ");");
                    writer.Line(Activations + ".Apply(global::StaticNets.Activation." + ActivationName(layer) + ", " + a + ", " + layer.OutputFeatures + ");");
                }

                source = a;
            }

            if (statistics > 0)
            {
                writer.Line("_hasBatchStatistics = true;");
            }
        }

        /// <summary><c>Span&lt;float&gt; name = ws.Slice(offset, n * perSample); offset += n * perSample;</c></summary>
        private static void WriteSlice(IndentedTextWriter writer, string name, int perSample)
        {
            writer.Line("global::System.Span<float> " + name + " = ws.Slice(offset, n * " + perSample + ");");
            writer.Line("offset += n * " + perSample + ";");
        }

        /// <summary>
        /// <code>
        /// float value = loss.Compute(aL, zL, targets, OutputSize, act, dz, out var target);
        /// per layer, last to first: parameter gradients from ∂z_l; ∂a_{l-1} into dx; swap; ∂z_{l-1} = act'(∂a_{l-1})
        /// </code>
        /// </summary>
        private static void WriteTrainingBackward(IndentedTextWriter writer, NetworkSpec spec, TrainingPlan plan)
        {
            int count = spec.Layers.Count;
            LayerSpec last = spec.Layers[count - 1];
            bool fused = FusesOutputActivation(spec);
            string aL = "a" + count, zL = "z" + count;

            writer.Line();
            writer.Line("// Loss, and its gradient with respect to the last layer's z (through the output activation unless the loss fused it).");
            writer.Line("global::System.Span<float> dz = ws.Slice(offset, n * " + plan.Largest + ");");
            writer.Line("global::System.Span<float> dx = ws.Slice(offset + n * " + plan.Largest + ", n * " + plan.Largest + ");");
            if (plan.GradientColumns > 0)
            {
                writer.Line("global::System.Span<float> dColumns = ws.Slice(offset + 2 * n * " + plan.Largest + ", n * " + plan.GradientColumns + ");");
            }

            writer.Line("global::System.Span<float> transposed = ws.Slice(offset + n * " + (2L * plan.Largest + plan.GradientColumns) + ");");
            string activation = fused ? ActivationName(last) : "Linear";
            writer.Line("float value = loss.Compute(" + aL + ", " + (fused ? zL : aL) + ", targets, OutputSize, global::StaticNets.Activation." + activation + ", dz.Slice(0, n * OutputSize), out global::StaticNets.GradientTarget target);");
            if (last.Kind.HasKernel() && !IsLinear(last))
            {
                string backward = Activations + ".Backward(global::StaticNets.Activation." + ActivationName(last) + ", " + zL + ", " + aL + ", dz.Slice(0, n * OutputSize), " + last.OutputFeatures + ");";
                if (fused)
                {
                    using (writer.Block("if (target == global::StaticNets.GradientTarget.Outputs)"))
                    {
                        writer.Line(backward);
                    }
                }
                else
                {
                    writer.Line("_ = target; // the activation does not span whole rows: the loss gives ∂outputs");
                    writer.Line(backward);
                }
            }
            else
            {
                writer.Line("_ = target; // Linear output: ∂outputs is ∂z.");
            }

            writer.Line("if (!outputs.IsEmpty) " + aL + ".CopyTo(outputs);");
            for (int l = count - 1; l >= 0; l--)
            {
                LayerSpec layer = spec.Layers[l];
                if (!WriteLayerBackward(writer, spec, l))
                {
                    continue;
                }

                if (l > 0 && spec.Layers[l - 1] is { } previous && previous.Kind.HasKernel() && !IsLinear(previous))
                {
                    writer.Line(Activations + ".Backward(global::StaticNets.Activation." + ActivationName(previous) + ", z" + l + ", a" + l + ", dz.Slice(0, n * " + previous.OutputSize + "), " + previous.OutputFeatures + ");");
                }
            }

            writer.Line();
            writer.Line("return value;");
        }

        /// <summary>
        /// One layer's backward step from <c>dz</c> (∂z_l): its parameter gradients and, unless it is the first layer,
        /// ∂a_{l-1}, left in <c>dz</c>. Returns false when the layer has nothing to do (a first layer without weights).
        /// </summary>
        private static bool WriteLayerBackward(IndentedTextWriter writer, NetworkSpec spec, int l)
        {
            LayerSpec layer = spec.Layers[l];
            string number = (l + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string input = l == 0 ? "inputs" : "a" + l;
            string dzSlice = "dz.Slice(0, n * " + layer.OutputSize + ")";
            string dxSlice = "dx.Slice(0, n * " + layer.InputSize + ")";
            bool first = l == 0;
            if (first && layer.ParameterCount == 0)
            {
                return false;
            }

            writer.Line();
            writer.Line("// " + layer.Name + " backward: " + (layer.ParameterCount > 0 ? "∂weights" + (first ? "" : ", ") : "")
                + (first ? "" : layer.Kind.IsReshaping() ? "∂a" + l + " is ∂z" + number + ", the same floats" : "∂a" + l + " from ∂z" + number));
            int channels = layer.InputFeatures;
            bool swaps = !first;
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    string rows = Times("n", layer.Positions);
                    writer.Line(Gemm + ".Multiply(" + layer.InputFeatures + ", " + rows + ", " + layer.Units + ", " + input + ", 1, " + layer.InputFeatures + ", "
                        + dzSlice + ", " + layer.Units + ", default, gradients.Slice(" + layer.KernelOffset + ", " + layer.KernelSize + "), " + layer.Units + ");");
                    if (layer.UseBias)
                    {
                        writer.Line(Gemm + ".SumRows(" + rows + ", " + layer.Units + ", " + dzSlice + ", " + layer.Units + ", gradients.Slice(" + layer.BiasOffset + ", " + layer.Units + "));");
                    }

                    if (!first)
                    {
                        writer.Line(Gemm + ".Transpose(" + layer.InputFeatures + ", " + layer.Units + ", w.Slice(" + layer.KernelOffset + ", " + layer.KernelSize + "), transposed);");
                        writer.Line(Gemm + ".Multiply(" + rows + ", " + layer.Units + ", " + layer.InputFeatures + ", " + dzSlice + ", " + layer.Units + ", 1, transposed, "
                            + layer.InputFeatures + ", default, " + dxSlice + ", " + layer.InputFeatures + ");");
                    }

                    break;
                case LayerKind.Conv1D:
                case LayerKind.Conv2D:
                    writer.Line(Convolution + ".Backward(n, " + layer.Window!.Expression + ", " + layer.Units + ", " + (layer.ColumnsPerSample > 0 ? "c" + number : input) + ", "
                        + "w.Slice(" + layer.KernelOffset + ", " + layer.KernelSize + "), " + dzSlice + ", gradients.Slice(" + layer.KernelOffset + ", " + layer.KernelSize + "), "
                        + (layer.UseBias ? "gradients.Slice(" + layer.BiasOffset + ", " + layer.Units + ")" : "default") + ", "
                        + (first ? "default, default, default" : "transposed.Slice(0, " + layer.KernelSize + "), " + (layer.ColumnsPerSample > 0 ? "dColumns.Slice(0, n * " + layer.ColumnsPerSample + ")" : "default") + ", " + dxSlice) + ");");
                    break;
                case LayerKind.MaxPooling1D:
                case LayerKind.MaxPooling2D:
                    writer.Line(Pooling + ".MaxBackward(n, " + layer.Window!.Expression + ", " + input + ", z" + number + ", " + dzSlice + ", " + dxSlice + ");");
                    break;
                case LayerKind.AveragePooling1D:
                case LayerKind.AveragePooling2D:
                    writer.Line(Pooling + ".AverageBackward(n, " + layer.Window!.Expression + ", " + dzSlice + ", " + dxSlice + ");");
                    break;
                case LayerKind.GlobalAveragePooling1D:
                case LayerKind.GlobalAveragePooling2D:
                    writer.Line(Pooling + ".GlobalAverageBackward(n, " + (layer.InputSize / channels) + ", " + channels + ", " + dzSlice + ", " + dxSlice + ");");
                    break;
                case LayerKind.GlobalMaxPooling2D:
                    writer.Line(Pooling + ".GlobalMaxBackward(n, " + (layer.InputSize / channels) + ", " + channels + ", " + input + ", z" + number + ", " + dzSlice + ", " + dxSlice + ");");
                    break;
                case LayerKind.Dropout:
                    writer.Line(Dropout + ".Backward(m" + number + ", " + dzSlice + ", " + dzSlice + ");");
                    swaps = false;
                    break;
                case LayerKind.BatchNormalization:
                    int statistics = StatisticsOffset(spec, l);
                    writer.Line(BatchNorm + ".Backward(" + Times("n", layer.InputSize / channels) + ", " + channels + ", " + FloatLiteral(layer.Epsilon) + ", w.Slice(" + layer.ParameterOffset + ", " + channels + "), "
                        + "new global::System.ReadOnlySpan<float>(_batchStatistics, " + (statistics + channels) + ", " + channels + "), h" + number + ", " + dzSlice + ", " + dxSlice + ", "
                        + "gradients.Slice(" + layer.ParameterOffset + ", " + channels + "), gradients.Slice(" + (layer.ParameterOffset + channels) + ", " + channels + "));");
                    writer.Line("gradients.Slice(" + (layer.ParameterOffset + 2 * channels) + ", " + (2 * channels) + ").Clear(); // moving statistics: not trained");
                    break;
                default: // Flatten, Reshape: ∂a_{l-1} is ∂z_l, the same floats
                    swaps = false;
                    break;
            }

            if (swaps)
            {
                writer.Line("{ global::System.Span<float> swap = dz; dz = dx; dx = swap; }");
            }

            return !first;
        }

        /// <summary>Where layer <paramref name="l"/>'s mean and variance sit in <c>_batchStatistics</c>.</summary>
        private static int StatisticsOffset(NetworkSpec spec, int l)
        {
            int offset = 0;
            for (int i = 0; i < l; i++)
            {
                if (spec.Layers[i].Kind == LayerKind.BatchNormalization)
                {
                    offset += 2 * spec.Layers[i].InputFeatures;
                }
            }

            return offset;
        }

        private static bool IsLinear(LayerSpec layer) => (Activation)layer.Activation == Activation.Linear;

        /// <summary>The training workspace's layout sizes, per sample and fixed.</summary>
        private sealed class TrainingPlan
        {
            public TrainingPlan(NetworkSpec spec)
            {
                Largest = spec.InputSize;
                for (int l = 0; l < spec.Layers.Count; l++)
                {
                    LayerSpec layer = spec.Layers[l];
                    Largest = Math.Max(Largest, layer.OutputSize);
                    if (!layer.Kind.IsReshaping())
                    {
                        // z, plus a for a non-linear activation, a mask (Dropout) or the normalised values (BatchNormalization).
                        bool second = (layer.Kind.HasKernel() && !IsLinear(layer)) || layer.Kind is LayerKind.Dropout or LayerKind.BatchNormalization;
                        PerSample += (long)layer.OutputSize * (second ? 2 : 1) + layer.ColumnsPerSample;
                    }

                    Fixed = Math.Max(Fixed, layer.KernelSize);
                    if (l > 0)
                    {
                        GradientColumns = Math.Max(GradientColumns, layer.ColumnsPerSample);
                    }
                }

                PerSample += 2L * Largest + GradientColumns;
            }

            /// <summary>The largest activation per sample: the size of each of the two gradient buffers.</summary>
            public int Largest { get; }

            /// <summary>The largest im2col gradient per sample (convolutions after the first layer).</summary>
            public int GradientColumns { get; }

            public long PerSample { get; }

            public int Fixed { get; }
        }
    }
}
