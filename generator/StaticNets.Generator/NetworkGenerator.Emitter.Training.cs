using System;
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
        /// The <c>ITrainableNetwork</c> members: a fused forward + loss + backward over a whole batch, with every product
        /// a register-blocked GEMM (forward <c>z = x·W + b</c>, <c>∂W = xᵀ·∂z</c>, <c>∂x = ∂z·Wᵀ</c>) and no allocation once
        /// the workspace has grown to the largest batch seen.
        /// <code>
        /// float ComputeGradients(inputs, targets, loss, gradients, outputs)
        /// {
        ///     // forward:  z1 = x·W1 + b1; a1 = relu(z1); ...
        ///     // loss:     ∂z_L from the loss (fused through the output activation where Keras's is stable)
        ///     // backward: ∂W_l = a_{l-1}ᵀ·∂z_l; ∂b_l = Σ rows ∂z_l; ∂z_{l-1} = act'(∂z_l·W_lᵀ)
        /// }
        /// </code>
        /// </summary>
        private static void WriteTraining(IndentedTextWriter writer, NetworkSpec spec)
        {
            LayerSpec? last = spec.Layers.Count == 0 ? null : spec.Layers[spec.Layers.Count - 1];
            string outputActivation = last is null ? "Linear" : ActivationName(last);

            writer.Line("// Training state. Training one instance from several threads is not supported; Predict never touches these.");
            writer.Line("private global::StaticNets.TrainingConfiguration? _training;");
            writer.Line("private float[] _workspace = global::System.Array.Empty<float>();");
            writer.Line();
            writer.Line("global::StaticNets.TrainingConfiguration? global::StaticNets.ITrainableNetwork.Training { get => _training; set => _training = value; }");
            writer.Line("global::StaticNets.Activation global::StaticNets.ITrainableNetwork.OutputActivation => global::StaticNets.Activation." + outputActivation + ";");
            writer.Line("global::System.ReadOnlySpan<int> global::StaticNets.ITrainableNetwork.NonTrainableRanges => default;");
            writer.Line();

            // Per sample: each layer's z and a (a shares z when the activation is Linear), plus two gradient buffers.
            long perSample = 0;
            int largest = spec.InputSize;
            int largestKernel = 0;
            foreach (LayerSpec layer in spec.Layers)
            {
                perSample += (long)layer.OutputSize * (IsLinear(layer) ? 1 : 2);
                largest = Math.Max(largest, layer.OutputSize);
                largestKernel = Math.Max(largestKernel, layer.InputFeatures * layer.Units);
            }

            perSample += 2L * largest;
            writer.Line("/// <summary>Workspace floats per sample (layer outputs and two gradient buffers) and fixed (a transposed kernel).</summary>");
            writer.Line("private const long WorkspacePerSample = " + perSample + ", WorkspaceFixed = " + largestKernel + ";");
            writer.Line();

            writer.Line(s_generatedCode);
            using (writer.Block("float global::StaticNets.ITrainableNetwork.ComputeGradients(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::StaticNets.Loss loss, global::System.Span<float> gradients, global::System.Span<float> outputs)"))
            {
                writer.Line("int n = global::StaticNets.Runtime.Guard.TrainingBatch(inputs.Length, InputSize, targets.Length, loss?.TargetSize(OutputSize) ?? OutputSize, gradients.Length, ParameterCount, outputs.Length, OutputSize);");
                writer.Line("global::System.ArgumentNullException.ThrowIfNull(loss);");
                using (writer.Block("if (_workspace.Length < n * WorkspacePerSample + WorkspaceFixed)"))
                {
                    writer.Line("// checked: a batch too large for one array throws instead of wrapping around.");
                    writer.Line("_workspace = new float[checked((int)(n * WorkspacePerSample + WorkspaceFixed))];");
                }

                writer.Line("global::System.Span<float> ws = _workspace;");
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
                WriteTrainingBackward(writer, spec);
            }

            writer.Line();
        }

        /// <summary>
        /// <code>
        /// var z1 = ws.Slice(0, n * 10); Gemm.Multiply(n, 2, 10, inputs, 2, 1, w.Slice(0, 20), 10, w.Slice(20, 10), z1, 10);
        /// var a1 = ws.Slice(...); z1.CopyTo(a1); Activations.Apply(Relu, a1, 10);
        /// </code>
        /// </summary>
        private static void WriteTrainingForward(IndentedTextWriter writer, NetworkSpec spec)
        {
            writer.Line("int offset = 0;");
            string source = "inputs";
            for (int l = 0; l < spec.Layers.Count; l++)
            {
                LayerSpec layer = spec.Layers[l];
                int number = l + 1;
                string rows = layer.Positions == 1 ? "n" : "n * " + layer.Positions;
                writer.Line();
                writer.Line("// " + layer.Name + ": z" + number + " = " + (l == 0 ? "x" : "a" + l) + " · kernel (" + layer.InputFeatures + ", " + layer.Units + ")"
                    + (layer.UseBias ? " + bias" : "") + ", a" + number + " = " + ActivationName(layer) + "(z" + number + ")");
                writer.Line("global::System.Span<float> z" + number + " = ws.Slice(offset, n * " + layer.OutputSize + ");");
                writer.Line("offset += n * " + layer.OutputSize + ";");
                writer.Line(Gemm + ".Multiply(" + rows + ", " + layer.InputFeatures + ", " + layer.Units + ", " + source + ", " + layer.InputFeatures + ", 1, "
                    + "w.Slice(" + layer.KernelOffset + ", " + (layer.InputFeatures * layer.Units) + "), " + layer.Units + ", "
                    + (layer.UseBias ? "w.Slice(" + layer.BiasOffset + ", " + layer.Units + ")" : "default") + ", z" + number + ", " + layer.Units + ");");
                if (IsLinear(layer))
                {
                    writer.Line("global::System.Span<float> a" + number + " = z" + number + ";");
                }
                else
                {
                    writer.Line("global::System.Span<float> a" + number + " = ws.Slice(offset, n * " + layer.OutputSize + ");");
                    writer.Line("offset += n * " + layer.OutputSize + ";");
                    writer.Line("z" + number + ".CopyTo(a" + number + ");");
                    writer.Line(Activations + ".Apply(global::StaticNets.Activation." + ActivationName(layer) + ", a" + number + ", " + layer.Units + ");");
                }

                source = "a" + number;
            }
        }

        /// <summary>
        /// <code>
        /// float value = loss.Compute(aL, zL, targets, OutputSize, act, dz, out var target);
        /// dW = a_{l-1}ᵀ·dz; db = Σ dz; dx = dz·Wᵀ; dz = act'(dx) ...
        /// </code>
        /// </summary>
        private static void WriteTrainingBackward(IndentedTextWriter writer, NetworkSpec spec)
        {
            int count = spec.Layers.Count;
            LayerSpec last = spec.Layers[count - 1];
            int largest = spec.InputSize;
            foreach (LayerSpec layer in spec.Layers)
            {
                largest = Math.Max(largest, layer.OutputSize);
            }

            writer.Line();
            writer.Line("// Loss, and its gradient with respect to the last layer's z (through the output activation unless the loss fused it).");
            writer.Line("global::System.Span<float> dz = ws.Slice(offset, n * " + largest + ");");
            writer.Line("global::System.Span<float> dx = ws.Slice(offset + n * " + largest + ", n * " + largest + ");");
            writer.Line("global::System.Span<float> transposed = ws.Slice(offset + 2 * n * " + largest + ");");
            writer.Line("float value = loss.Compute(a" + count + ", z" + count + ", targets, OutputSize, global::StaticNets.Activation." + ActivationName(last) + ", dz.Slice(0, n * OutputSize), out global::StaticNets.GradientTarget target);");
            if (!IsLinear(last))
            {
                using (writer.Block("if (target == global::StaticNets.GradientTarget.Outputs)"))
                {
                    writer.Line(Activations + ".Backward(global::StaticNets.Activation." + ActivationName(last) + ", z" + count + ", a" + count + ", dz.Slice(0, n * OutputSize), " + last.Units + ");");
                }
            }
            else
            {
                writer.Line("_ = target; // Linear output: ∂outputs is ∂z.");
            }

            writer.Line("if (!outputs.IsEmpty) a" + count + ".CopyTo(outputs);");
            for (int l = count - 1; l >= 0; l--)
            {
                LayerSpec layer = spec.Layers[l];
                int number = l + 1;
                string rows = layer.Positions == 1 ? "n" : "n * " + layer.Positions;
                string input = l == 0 ? "inputs" : "a" + l;
                string dzSlice = "dz.Slice(0, n * " + layer.OutputSize + ")";
                writer.Line();
                writer.Line("// " + layer.Name + ": ∂kernel = " + (l == 0 ? "x" : "a" + l) + "ᵀ · ∂z" + number + (layer.UseBias ? ", ∂bias = Σ rows ∂z" + number : "")
                    + (l > 0 ? ", ∂a" + l + " = ∂z" + number + " · kernelᵀ" : ""));
                writer.Line(Gemm + ".Multiply(" + layer.InputFeatures + ", " + rows + ", " + layer.Units + ", " + input + ", 1, " + layer.InputFeatures + ", "
                    + dzSlice + ", " + layer.Units + ", default, gradients.Slice(" + layer.KernelOffset + ", " + (layer.InputFeatures * layer.Units) + "), " + layer.Units + ");");
                if (layer.UseBias)
                {
                    writer.Line(Gemm + ".SumRows(" + rows + ", " + layer.Units + ", " + dzSlice + ", " + layer.Units + ", gradients.Slice(" + layer.BiasOffset + ", " + layer.Units + "));");
                }

                if (l == 0)
                {
                    continue;
                }

                LayerSpec previous = spec.Layers[l - 1];
                writer.Line(Gemm + ".Transpose(" + layer.InputFeatures + ", " + layer.Units + ", w.Slice(" + layer.KernelOffset + ", " + (layer.InputFeatures * layer.Units) + "), transposed);");
                writer.Line(Gemm + ".Multiply(" + rows + ", " + layer.Units + ", " + layer.InputFeatures + ", " + dzSlice + ", " + layer.Units + ", 1, transposed, "
                    + layer.InputFeatures + ", default, dx.Slice(0, n * " + previous.OutputSize + "), " + layer.InputFeatures + ");");
                if (!IsLinear(previous))
                {
                    writer.Line(Activations + ".Backward(global::StaticNets.Activation." + ActivationName(previous) + ", z" + l + ", a" + l + ", dx.Slice(0, n * " + previous.OutputSize + "), " + previous.Units + ");");
                }

                writer.Line("{ global::System.Span<float> swap = dz; dz = dx; dx = swap; }");
            }

            writer.Line();
            writer.Line("return value;");
        }

        private static bool IsLinear(LayerSpec layer) => (Activation)layer.Activation == Activation.Linear;
    }
}
