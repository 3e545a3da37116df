using System;
using System.Linq;
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

        /// <summary>Large networks, and every network with a convolution (one GEMM over a chunk's windows beats one per sample).</summary>
        private static bool UsesBatchKernels(NetworkSpec spec)
            => spec.Layers.Count > 0 && (spec.ParameterCount >= BatchKernelMinimumParameters || spec.Layers.Any(l => l.Kind.IsConvolution()));

        /// <summary>The span expression of a chunk buffer: the input, the output, or one half of the scratch array.</summary>
        private static string BatchBuffer(string name, int perSample, int largest) => name switch
        {
            "h0" => "new global::System.Span<float>(scratch, 0, n * " + perSample + ")",
            "h1" => "new global::System.Span<float>(scratch, Chunk * " + largest + ", n * " + perSample + ")",
            _ => name,
        };

        /// <summary>Floats a chunk's largest layer output should stay under.</summary>
        private const int ChunkFloats = 256 * 1024;

        /// <summary>Samples per GEMM pass (at most), so each layer's output stays in cache while the next layer reads it.</summary>
        private const int BatchChunk = 128;

        /// <summary>
        /// <c>PredictBatch</c>'s fast path: each layer is one register-blocked GEMM over a chunk of samples, so a weight row
        /// loaded from cache serves four samples. Scratch is per thread and kept, so it stays thread-safe and allocation-free.
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

            int columns = MaxColumnsPerSample(spec);

            // Fewer samples per chunk for large activations (convolutions), so a chunk's layer output stays near the
            // caches (about 1 MB) while the next layer reads it; never fewer than one GEMM tile of samples.
            int chunk = (int)Math.Max(1, Math.Min(Math.Min(BatchChunk, Math.Max(BatchThreshold, ChunkFloats / largest)), (int.MaxValue / 2) / (2L * largest + columns)));
            writer.Line("private const int BatchThreshold = " + BatchThreshold + ";");
            writer.Line();
            writer.Line("// Chunk buffers per thread (PredictBatch is thread-safe), kept so that only a thread's first call allocates.");
            writer.Line("[global::System.ThreadStatic]");
            writer.Line("private static float[]? t_batchScratch;");
            writer.Line();
            writer.Line("/// <summary>Runs <paramref name=\"samples\"/> samples layer by layer over chunks of " + chunk + " (one GEMM per Dense or convolution layer).</summary>");
            writer.Line(s_generatedCode);
            using (writer.Block("private void ForwardBatch(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs, int samples)"))
            {
                writer.Line("const int Chunk = " + chunk + ";");
                writer.Line("float[] scratch = t_batchScratch ??= new float[2 * Chunk * " + largest + (columns > 0 ? " + Chunk * " + columns : "") + "];");
                writer.Line("global::System.ReadOnlySpan<float> w = new global::System.ReadOnlySpan<float>(_parameters, 0, ParameterCount);");
                using (writer.Block("for (int start = 0; start < samples; start += Chunk)"))
                {
                    writer.Line("int n = global::System.Math.Min(Chunk, samples - start);");
                    writer.Line("global::System.ReadOnlySpan<float> x = inputs.Slice(start * InputSize, n * InputSize);");
                    writer.Line("global::System.Span<float> y = outputs.Slice(start * OutputSize, n * OutputSize);");
                    if (columns > 0)
                    {
                        writer.Line("global::System.Span<float> columns = new global::System.Span<float>(scratch, 2 * Chunk * " + largest + ", n * " + columns + ");");
                    }

                    // Buffers: "x" (the input), "h0"/"h1" (ping-pong halves of the scratch array), "y" (the output).
                    string source = "x";
                    for (int l = 0; l < spec.Layers.Count; l++)
                    {
                        LayerSpec layer = spec.Layers[l];
                        bool last = l == spec.Layers.Count - 1;
                        writer.Line("// " + layer.Name + " (" + Describe(layer) + "): " + Shapes.ToKerasString(layer.InputShape) + " → " + Shapes.ToKerasString(layer.OutputShape));
                        if (IsIdentityAtInference(layer))
                        {
                            if (last)
                            {
                                writer.Line(BatchBuffer(source, layer.OutputSize, largest) + ".CopyTo(y);");
                            }

                            continue;
                        }

                        string destination = last ? "y" : source == "h0" ? "h1" : "h0";
                        string output = BatchBuffer(destination, layer.OutputSize, largest);
                        string input = BatchBuffer(source, layer.InputSize, largest);
                        if (layer.Kind == LayerKind.Dense)
                        {
                            string rows = layer.Positions == 1 ? "n" : "n * " + layer.Positions;
                            writer.Line(Gemm + ".Multiply(" + rows + ", " + layer.InputFeatures + ", " + layer.Units + ", " + input + ", " + layer.InputFeatures + ", 1, "
                                + "w.Slice(" + layer.KernelOffset + ", " + layer.KernelSize + "), " + layer.Units + ", "
                                + (layer.UseBias ? "w.Slice(" + layer.BiasOffset + ", " + layer.Units + ")" : "default") + ", " + output + ", " + layer.Units + ");");
                            if (!IsLinear(layer))
                            {
                                writer.Line(Activations + ".Apply(global::StaticNets.Activation." + ActivationName(layer) + ", " + output + ", " + layer.Units + ");");
                            }
                        }
                        else
                        {
                            WriteLayerInference(writer, layer, "n", input, output, "columns.Slice(0, n * " + layer.ColumnsPerSample + ")", (offset, length) => "w.Slice(" + offset + ", " + length + ")");
                        }

                        source = destination;
                    }
                }

            }

            writer.Line();
        }
    }
}
