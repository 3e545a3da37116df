using System;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator;

public sealed partial class NetworkGenerator
{
    internal static partial class Emitter
    {
        /// <summary>Batches of at least this many samples go through the GEMM kernels (one 4-row tile).</summary>
        private const int BatchThreshold = 4;

        /// <summary>
        /// Below this many weights the per-sample kernels win even for batches: the whole network sits in registers and
        /// L1, and a GEMM pass per layer only adds calls (measured: net A, 41 weights, 6.9 ns a sample either way
        /// through Predict, 26 ns through the GEMM path).
        /// </summary>
        private const int BatchKernelMinimumParameters = 2048;

        private static bool UsesBatchKernels(NetworkSpec spec)
            => spec.Layers.Count > 0 && spec.ParameterCount >= BatchKernelMinimumParameters;

        /// <summary>Samples per GEMM pass (at most), so each layer's output stays in cache while the next layer reads it.</summary>
        private const int BatchChunk = 128;

        /// <summary>
        /// <c>PredictBatch</c>'s fast path: each layer is one register-blocked GEMM over a chunk of samples, so a weight row
        /// loaded from cache serves four samples. Scratch is rented per call, so it stays thread-safe and allocation-free.
        /// <code>
        /// for each chunk of 128 samples: z1 = x·W1 + b1 → act → ... → outputs
        /// </code>
        /// </summary>
        private static void WriteBatchForward(IndentedTextWriter writer, NetworkSpec spec)
        {
            if (!UsesBatchKernels(spec))
            {
                return;
            }

            int largest = 0;
            foreach (LayerSpec layer in spec.Layers)
            {
                largest = Math.Max(largest, layer.OutputSize);
            }

            // Fewer samples per chunk for huge layers, so the two chunk buffers still fit in one array.
            int chunk = (int)Math.Max(1, Math.Min(BatchChunk, (int.MaxValue / 2) / largest));
            writer.Line("private const int BatchThreshold = " + BatchThreshold + ";");
            writer.Line();
            writer.Line("/// <summary>Runs <paramref name=\"samples\"/> samples as one GEMM per layer, " + chunk + " samples at a time.</summary>");
            writer.Line(s_generatedCode);
            using (writer.Block("private void ForwardBatch(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs, int samples)"))
            {
                writer.Line("const int Chunk = " + chunk + ";");
                writer.Line("float[] rented = global::System.Buffers.ArrayPool<float>.Shared.Rent(2 * Chunk * " + largest + ");");
                writer.Line("global::System.ReadOnlySpan<float> w = new global::System.ReadOnlySpan<float>(_parameters, 0, ParameterCount);");
                using (writer.Block("for (int start = 0; start < samples; start += Chunk)"))
                {
                    writer.Line("int n = global::System.Math.Min(Chunk, samples - start);");
                    writer.Line("global::System.ReadOnlySpan<float> x = inputs.Slice(start * InputSize, n * InputSize);");
                    writer.Line("global::System.Span<float> y = outputs.Slice(start * OutputSize, n * OutputSize);");
                    string source = "x";
                    for (int l = 0; l < spec.Layers.Count; l++)
                    {
                        LayerSpec layer = spec.Layers[l];
                        bool last = l == spec.Layers.Count - 1;
                        string destination = last ? "y" : "h" + (l + 1);
                        string rows = layer.Positions == 1 ? "n" : "n * " + layer.Positions;
                        writer.Line("// " + layer.Name + ": " + destination + " = " + ActivationName(layer) + "(" + source + " · kernel (" + layer.InputFeatures + ", " + layer.Units + ")" + (layer.UseBias ? " + bias" : "") + ")");
                        if (!last)
                        {
                            writer.Line("global::System.Span<float> " + destination + " = new global::System.Span<float>(rented, " + (l % 2 == 0 ? "0" : "Chunk * " + largest) + ", n * " + layer.OutputSize + ");");
                        }

                        writer.Line(Gemm + ".Multiply(" + rows + ", " + layer.InputFeatures + ", " + layer.Units + ", " + source + ", " + layer.InputFeatures + ", 1, "
                            + "w.Slice(" + layer.KernelOffset + ", " + (layer.InputFeatures * layer.Units) + "), " + layer.Units + ", "
                            + (layer.UseBias ? "w.Slice(" + layer.BiasOffset + ", " + layer.Units + ")" : "default") + ", " + destination + ", " + layer.Units + ");");
                        if (!IsLinear(layer))
                        {
                            writer.Line(Activations + ".Apply(global::StaticNets.Activation." + ActivationName(layer) + ", " + destination + ", " + layer.Units + ");");
                        }

                        source = destination;
                    }
                }

                writer.Line("global::System.Buffers.ArrayPool<float>.Shared.Return(rented);");
            }

            writer.Line();
        }
    }
}
