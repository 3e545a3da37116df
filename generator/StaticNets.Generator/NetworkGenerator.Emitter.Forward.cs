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
        private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

        /// <summary>Accumulator vectors held in registers per pass over the inputs (8 of AVX-512's 32, AVX2's 16).</summary>
        private const int MaxAccumulators = 8;

        /// <summary>Layers with at most this many inputs are unrolled; larger ones loop with a constant trip count.</summary>
        private const int UnrollInputs = 16;

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
            int buffer = ScratchBufferSize(spec);
            int columns = MaxColumnsPerSample(spec);
            writer.Line("// Two ping-pong buffers for the layers' outputs, each the largest output plus " + VectorSlack + " floats of slack"
                + (columns > 0 ? ", then the largest convolution's im2col rows." : "."));
            writer.Line("private const int ScratchSize = " + (2 * buffer + columns) + ";");
            if (2 * buffer + columns > StackScratchLimit)
            {
                writer.Line();
                writer.Line("[global::System.ThreadStatic]");
                writer.Line("private static float[]? t_scratch;");
            }

            writer.Line();
            writer.Line("/// <summary>One sample from <paramref name=\"x\"/> (InputSize floats) to <paramref name=\"y\"/> (OutputSize floats).</summary>");
            writer.Line(s_generatedCode);
            writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
            using (writer.Block("private void Forward(ref float x, ref float y)"))
            {
                writer.Line("ref float w = ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_parameters);");
                bool pooled = 2 * buffer + columns > StackScratchLimit;
                if (pooled)
                {
                    writer.Line("// Per thread, so Predict stays thread-safe; kept, so it allocates only on a thread's first call.");
                    writer.Line("float[] scratch = t_scratch ??= new float[ScratchSize];");
                    writer.Line("ref float s = ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(scratch);");
                }
                else
                {
                    writer.Line("global::System.Span<float> scratch = stackalloc float[ScratchSize];");
                    writer.Line("ref float s = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(scratch);");
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
                    writer.Line("    Forward" + VectorWidth.All[i].Suffix + "(ref w, ref x, ref y, ref s);");
                }

            }

            writer.Line();
            foreach (VectorWidth width in VectorWidth.All)
            {
                WriteForwardKernel(writer, spec, width, buffer);
            }
        }

        /// <summary>Floats in one ping-pong buffer: the largest layer output plus the slack full-width stores need.</summary>
        private static int ScratchBufferSize(NetworkSpec spec)
        {
            int largest = 0;
            foreach (LayerSpec layer in spec.Layers)
            {
                largest = Math.Max(largest, layer.OutputSize);
            }

            return (largest + VectorSlack + 15) / 16 * 16;
        }

        /// <summary>
        /// One kernel: each layer reads the previous one's buffer and writes the other; the last layer writes
        /// <c>y</c> directly when its rows are whole vectors, else via scratch and a copy.
        /// </summary>
        private static void WriteForwardKernel(IndentedTextWriter writer, NetworkSpec spec, VectorWidth width, int buffer)
        {
            writer.Line("/// <summary>The forward pass with " + (width.IsScalar ? "scalar code" : width.Static.Substring(width.Static.LastIndexOf('.') + 1) + " (" + width.Lanes + " lanes)") + ".</summary>");
            writer.Line(s_generatedCode);
            writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
            using (writer.Block("private static void Forward" + width.Suffix + "(ref float w, ref float x, ref float y, ref float s)"))
            {
                if (spec.Layers.Count == 0)
                {
                    writer.Line("// No layers: the output is the input.");
                    writer.Line(MemoryMarshal + ".CreateReadOnlySpan(ref x, InputSize).CopyTo(" + MemoryMarshal + ".CreateSpan(ref y, OutputSize));");
                    writer.Line("_ = s;");
                    writer.Line("_ = w;");
                    return;
                }

                writer.Line("ref float s0 = ref s;");
                writer.Line("ref float s1 = ref " + Unsafe + ".Add(ref s, " + buffer + ");");
                if (MaxColumnsPerSample(spec) > 0)
                {
                    writer.Line("ref float columns = ref " + Unsafe + ".Add(ref s, " + (2 * buffer) + ");");
                }

                if (spec.Layers.Any(l => l.Kind != LayerKind.Dense && l.ParameterCount > 0))
                {
                    writer.Line("global::System.ReadOnlySpan<float> weights = " + MemoryMarshal + ".CreateReadOnlySpan(ref w, ParameterCount);");
                }

                string source = "x";
                for (int l = 0; l < spec.Layers.Count; l++)
                {
                    LayerSpec layer = spec.Layers[l];
                    bool last = l == spec.Layers.Count - 1;
                    if (layer.Kind != LayerKind.Dense)
                    {
                        source = WriteLayerForwardOne(writer, layer, source, last);
                        continue;
                    }

                    bool direct = last && layer.Units % width.Lanes == 0;
                    string destination = direct ? "y" : Other(source);
                    writer.Line();
                    writer.Line("// " + layer.Name + " (Dense): " + Shapes.ToKerasString(layer.InputShape) + " · kernel (" + layer.InputFeatures + ", " + layer.Units + ")"
                        + (layer.UseBias ? " + bias (" + layer.Units + ")" : "") + " → " + ActivationName(layer) + " → " + Shapes.ToKerasString(layer.OutputShape));
                    if (FusesIntoNext(spec, l, width))
                    {
                        // The next layer has one unit: this layer's single output vector feeds it from a register.
                        LayerSpec next = spec.Layers[++l];
                        last = l == spec.Layers.Count - 1;
                        direct = last; // one float: written straight to y
                        destination = direct ? "y" : Other(source);
                        writer.Line("// " + next.Name + " (Dense): " + Shapes.ToKerasString(next.InputShape) + " · kernel (" + next.InputFeatures + ", 1)"
                            + (next.UseBias ? " + bias (1)" : "") + " → " + ActivationName(next) + " → " + Shapes.ToKerasString(next.OutputShape) + ", fed from a register");
                        using (writer.Block())
                        {
                            writer.Line("ref float xRow = ref " + source + ";");
                            WriteDenseBlock(writer, layer, width, "0", 1, store: false);
                            WriteDenseDot(writer, next, width, fromRegister: Acc(0, 0));
                            writer.Line(Unsafe + ".Add(ref " + destination + ", 0) = v;");
                            WriteRuntimeActivation(writer, next, destination);
                        }
                    }
                    else
                    {
                        using (writer.Block())
                        {
                            WriteDense(writer, layer, width, source, destination);
                        }
                    }

                    if (last && !direct)
                    {
                        writer.Line(MemoryMarshal + ".CreateReadOnlySpan(ref " + destination + ", OutputSize).CopyTo(" + MemoryMarshal + ".CreateSpan(ref y, OutputSize));");
                    }

                    source = destination;
                }
            }

            writer.Line();
        }

        /// <summary>The ping-pong buffer a layer reading <paramref name="source"/> writes.</summary>
        private static string Other(string source) => source == "s0" ? "s1" : "s0";

        /// <summary>
        /// A layer other than Dense in the one-sample kernel: a runtime call over one sample (the same code for every
        /// vector width: those kernels pick their own), or nothing for the layers that are the identity at inference.
        /// Returns the buffer that holds the layer's output.
        /// </summary>
        private static string WriteLayerForwardOne(IndentedTextWriter writer, LayerSpec layer, string source, bool last)
        {
            writer.Line();
            writer.Line("// " + layer.Name + " (" + Describe(layer) + "): " + Shapes.ToKerasString(layer.InputShape) + " → " + Shapes.ToKerasString(layer.OutputShape)
                + (IsIdentityAtInference(layer) ? ", the same floats at inference" : ""));
            string destination = source;
            if (!IsIdentityAtInference(layer))
            {
                destination = last ? "y" : Other(source);
                WriteLayerInference(
                    writer,
                    layer,
                    "1",
                    MemoryMarshal + ".CreateReadOnlySpan(ref " + source + ", " + layer.InputSize + ")",
                    MemoryMarshal + ".CreateSpan(ref " + destination + ", " + layer.OutputSize + ")",
                    MemoryMarshal + ".CreateSpan(ref columns, " + layer.ColumnsPerSample + ")",
                    (offset, length) => "weights.Slice(" + offset + ", " + length + ")");
            }

            if (last && destination != "y")
            {
                writer.Line(MemoryMarshal + ".CreateReadOnlySpan(ref " + destination + ", OutputSize).CopyTo(" + MemoryMarshal + ".CreateSpan(ref y, OutputSize));");
            }

            return destination;
        }

        /// <summary>
        /// Whether layer <paramref name="l"/> fits one vector, activates in registers, and feeds a one-unit layer (net A:
        /// 2 → 10 relu → 1), so the two can run without storing the hidden vector.
        /// </summary>
        private static bool FusesIntoNext(NetworkSpec spec, int l, VectorWidth width)
        {
            if (width.IsScalar || l + 1 >= spec.Layers.Count)
            {
                return false;
            }

            LayerSpec layer = spec.Layers[l], next = spec.Layers[l + 1];
            return layer.Kind == LayerKind.Dense && next.Kind == LayerKind.Dense && layer.Positions == 1 && layer.Units <= width.Lanes && IsFused((Activation)layer.Activation)
                && next.Positions == 1 && next.Units == 1;
        }

        /// <summary>A Dense layer, applied at each position of the leading axes (Keras Dense on rank &gt; 1).</summary>
        private static void WriteDense(IndentedTextWriter writer, LayerSpec layer, VectorWidth width, string source, string destination)
        {
            int inputs = layer.InputFeatures;
            int units = layer.Units;
            IndentedTextWriter.Scope? positions = null;
            if (layer.Positions > 1)
            {
                positions = writer.Block("for (int p = 0; p < " + layer.Positions + "; p++)");
                writer.Line("ref float xRow = ref " + Unsafe + ".Add(ref " + source + ", p * " + inputs + ");");
                writer.Line("ref float yRow = ref " + Unsafe + ".Add(ref " + destination + ", p * " + units + ");");
            }
            else
            {
                writer.Line("ref float xRow = ref " + source + ";");
                writer.Line("ref float yRow = ref " + destination + ";");
            }

            if (width.IsScalar)
            {
                WriteDenseScalar(writer, layer);
            }
            else if (layer.Units == 1 && source != "x")
            {
                // Reading whole vectors past the inputs needs the scratch's slack, which the caller's x lacks.
                WriteDenseDot(writer, layer, width);
            }
            else
            {
                WriteDenseVector(writer, layer, width);
            }

            if ((Activation)layer.Activation == Activation.Softmax)
            {
                writer.Line("global::StaticNets.Runtime.Activations.Softmax(" + MemoryMarshal + ".CreateSpan(ref yRow, " + units + "));");
            }

            positions?.Dispose();

            WriteRuntimeActivation(writer, layer, destination);
        }

        /// <summary>Activations that are not applied in registers: one vectorised runtime call over the layer's output.</summary>
        private static void WriteRuntimeActivation(IndentedTextWriter writer, LayerSpec layer, string destination)
        {
            if (!IsFused((Activation)layer.Activation) && (Activation)layer.Activation != Activation.Softmax)
            {
                writer.Line("global::StaticNets.Runtime.Activations." + ActivationName(layer) + "(" + MemoryMarshal + ".CreateSpan(ref " + destination + ", " + layer.OutputSize + "));");
            }
        }

        /// <summary>
        /// Broadcast-FMA over output columns: for each block of up to 8 column vectors, accumulators start at the
        /// bias and take <c>x[i] · kernel[i, block]</c> for every input i. A block of fewer than 4 vectors splits
        /// the inputs over several accumulator sets (i mod S) so FMA latency does not serialise the loop.
        /// <code>
        /// var acc0 = Simd512.Load(ref w, bias + 0);
        /// xi = Simd512.Broadcast(ref xRow, 0); acc0 = Simd512.MultiplyAdd(xi, ref w, kernel + 0 * units + 0, acc0); ...
        /// acc0 = Simd512.Relu(acc0); Simd512.Store(acc0, ref yRow, 0);
        /// </code>
        /// </summary>
        private static void WriteDenseVector(IndentedTextWriter writer, LayerSpec layer, VectorWidth width)
        {
            int lanes = width.Lanes;
            int columns = (layer.Units + lanes - 1) / lanes;
            int fullBlocks = columns / MaxAccumulators;
            int rest = columns % MaxAccumulators;

            if (fullBlocks > 2)
            {
                // Many columns: loop over blocks so that the code stays small.
                using (writer.Block("for (int col = 0; col < " + (fullBlocks * MaxAccumulators * lanes) + "; col += " + (MaxAccumulators * lanes) + ")"))
                {
                    WriteDenseBlock(writer, layer, width, "col", MaxAccumulators);
                }
            }
            else
            {
                for (int b = 0; b < fullBlocks; b++)
                {
                    using (writer.Block())
                    {
                        WriteDenseBlock(writer, layer, width, (b * MaxAccumulators * lanes).ToString(), MaxAccumulators);
                    }
                }
            }

            if (rest > 0)
            {
                using (writer.Block())
                {
                    WriteDenseBlock(writer, layer, width, (fullBlocks * MaxAccumulators * lanes).ToString(), rest);
                }
            }
        }

        private static void WriteDenseBlock(IndentedTextWriter writer, LayerSpec layer, VectorWidth width, string column, int vectors, bool store = true)
        {
            int inputs = layer.InputFeatures;
            int sets = vectors >= 4 || inputs < 8 ? 1 : Math.Min(4 / vectors, 4);
            string type = width.Type;
            string simd = width.Helpers;

            for (int j = 0; j < vectors; j++)
            {
                string offset = Plus(column, j * width.Lanes);
                writer.Line(type + " " + Acc(j, 0) + " = " + (layer.UseBias
                    ? simd + ".Load(ref w, " + Plus(layer.BiasOffset.ToString(), offset) + ");"
                    : type + ".Zero;"));
                for (int set = 1; set < sets; set++)
                {
                    writer.Line(type + " " + Acc(j, set) + " = " + type + ".Zero;");
                }
            }

            if (inputs <= UnrollInputs)
            {
                writer.Line(type + " xi;");
                for (int i = 0; i < inputs; i++)
                {
                    writer.Line("xi = " + simd + ".Broadcast(ref xRow, " + i + ");");
                    for (int j = 0; j < vectors; j++)
                    {
                        string offset = Plus((layer.KernelOffset + i * layer.Units).ToString(), Plus(column, j * width.Lanes));
                        writer.Line(FmaLine(width, Acc(j, i % sets), "xi", "ref w, " + offset));
                    }
                }
            }
            else
            {
                int main = inputs - inputs % sets;
                writer.Line("ref float k = ref " + Unsafe + ".Add(ref w, " + Plus(layer.KernelOffset.ToString(), column) + ");");
                using (writer.Block("for (int i = 0; i < " + main + "; " + (sets == 1 ? "i++" : "i += " + sets) + ")"))
                {
                    for (int set = 0; set < sets; set++)
                    {
                        string index = set == 0 ? "i" : "i + " + set;
                        writer.Line((set == 0 ? type + " " : "") + "xi = " + simd + ".Broadcast(ref xRow, " + index + ");");
                        writer.Line((set == 0 ? "ref float row = ref " : "row = ref ") + Unsafe + ".Add(ref k, " + (set == 0 ? index : "(" + index + ")") + " * " + layer.Units + ");");
                        for (int j = 0; j < vectors; j++)
                        {
                            writer.Line(FmaLine(width, Acc(j, set), "xi", "ref row, " + (j * width.Lanes)));
                        }
                    }
                }

                for (int i = main; i < inputs; i++)
                {
                    using (writer.Block())
                    {
                        writer.Line(type + " xt = " + simd + ".Broadcast(ref xRow, " + i + ");");
                        for (int j = 0; j < vectors; j++)
                        {
                            writer.Line(FmaLine(width, Acc(j, 0), "xt", "ref k, " + (i * layer.Units + j * width.Lanes)));
                        }
                    }
                }
            }

            for (int j = 0; j < vectors; j++)
            {
                for (int set = 1; set < sets; set++)
                {
                    writer.Line(Acc(j, 0) + " += " + Acc(j, set) + ";");
                }

                WriteFusedActivation(writer, (Activation)layer.Activation, width, Acc(j, 0));
                if (store)
                {
                    writer.Line(simd + ".Store(" + Acc(j, 0) + ", ref yRow, " + Plus(column, j * width.Lanes) + ");");
                }
            }
        }

        /// <summary>
        /// One unit: the dot product of the inputs with the kernel's single column (contiguous in Keras's layout),
        /// instead of broadcast-FMAs that would use one lane of each vector.
        /// <code>
        /// float v = Simd512.Dot(ref xRow, ref w, kernel, inputs) + bias; v = relu(v); yRow[0] = v;
        /// </code>
        /// </summary>
        private static void WriteDenseDot(IndentedTextWriter writer, LayerSpec layer, VectorWidth width, string? fromRegister = null)
        {
            string inputs = fromRegister ?? "ref xRow";
            writer.Line("float v = " + width.Helpers + ".Dot(" + inputs + ", ref w, " + layer.KernelOffset + ", " + layer.InputFeatures + ")"
                + (layer.UseBias ? " + " + Unsafe + ".Add(ref w, " + layer.BiasOffset + ")" : "") + ";");
            if (ScalarActivation((Activation)layer.Activation, "v") is { } activation)
            {
                writer.Line(activation);
            }

            if (fromRegister is null)
            {
                writer.Line("yRow = v;");
            }
        }

        /// <summary>The in-register activations as a scalar statement on <paramref name="v"/>, or null for the others.</summary>
        private static string? ScalarActivation(Activation activation, string v) => activation switch
        {
            Activation.Relu => v + " = " + v + " < 0f ? 0f : " + v + ";",
            Activation.Relu6 => v + " = " + v + " < 0f ? 0f : " + v + " > 6f ? 6f : " + v + ";",
            Activation.LeakyRelu => v + " = " + v + " < 0f ? " + v + " * 0.2f : " + v + ";",
            _ => null,
        };

        /// <summary>
        /// The scalar fallback: bias, then <c>y[u] += x[i] · kernel[i, u]</c> row by row (contiguous in Keras's layout).
        /// </summary>
        private static void WriteDenseScalar(IndentedTextWriter writer, LayerSpec layer)
        {
            int units = layer.Units;
            using (writer.Block("for (int u = 0; u < " + units + "; u++)"))
            {
                writer.Line(Unsafe + ".Add(ref yRow, u) = " + (layer.UseBias ? Unsafe + ".Add(ref w, " + layer.BiasOffset + " + u)" : "0f") + ";");
            }

            using (writer.Block("for (int i = 0; i < " + layer.InputFeatures + "; i++)"))
            {
                writer.Line("float xi = " + Unsafe + ".Add(ref xRow, i);");
                writer.Line("ref float row = ref " + Unsafe + ".Add(ref w, " + layer.KernelOffset + " + i * " + units + ");");
                using (writer.Block("for (int u = 0; u < " + units + "; u++)"))
                {
                    writer.Line(Unsafe + ".Add(ref yRow, u) += xi * " + Unsafe + ".Add(ref row, u);");
                }
            }

            if (ScalarActivation((Activation)layer.Activation, "v") is { } activation)
            {
                using (writer.Block("for (int u = 0; u < " + units + "; u++)"))
                {
                    writer.Line("ref float v = ref " + Unsafe + ".Add(ref yRow, u);");
                    writer.Line(activation);
                }
            }
        }

        /// <summary>Activations cheap enough to apply in registers before the store (NaN passes through, as in Keras).</summary>
        private static bool IsFused(Activation activation)
            => activation is Activation.Linear or Activation.Relu or Activation.Relu6 or Activation.LeakyRelu;

        private static void WriteFusedActivation(IndentedTextWriter writer, Activation activation, VectorWidth width, string acc)
        {
            if (activation is Activation.Relu or Activation.Relu6 or Activation.LeakyRelu)
            {
                writer.Line(acc + " = " + width.Helpers + "." + activation + "(" + acc + ");");
            }
        }

        private static string FmaLine(VectorWidth width, string acc, string x, string source)
            => acc + " = " + width.Helpers + ".MultiplyAdd(" + x + ", " + source + ", " + acc + ");";

        /// <summary>Accumulator names: <c>acc0</c>, and <c>acc0b</c>, <c>acc0c</c>, <c>acc0d</c> for the extra input sets.</summary>
        private static string Acc(int vector, int set) => "acc" + vector + (set == 0 ? "" : ((char)('a' + set)).ToString());

        /// <summary><c>"col" + 16</c> → <c>col + 16</c>; constants fold: <c>"32" + 16</c> → <c>48</c>.</summary>
        private static string Plus(string expression, int constant)
        {
            if (int.TryParse(expression, out int value))
            {
                return (value + constant).ToString();
            }

            return constant == 0 ? expression : expression + " + " + constant;
        }

        private static string Plus(string left, string right)
        {
            if (int.TryParse(right, out int value))
            {
                return Plus(left, value);
            }

            return int.TryParse(left, out int constant) ? Plus(right, constant) : left + " + " + right;
        }
    }
}
