using System;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Layers;

// Dense's one-sample kernel: unrolled broadcast-FMA code with the sizes and weight offsets as constants, once per
// vector width (the generated dispatcher keeps the widest accelerated one).
internal sealed partial record DenseLayer
{
    /// <summary>Accumulator vectors held in registers per pass over the inputs (8 of AVX-512's 32, AVX2's 16).</summary>
    private const int MaxAccumulators = 8;

    /// <summary>Layers with at most this many inputs are unrolled; larger ones loop with a constant trip count.</summary>
    private const int UnrollInputs = 16;

    /// <summary>Whole-vector stores write past the units unless they fill whole vectors; one unit from scratch is a dot product, one float stored.</summary>
    public override bool WritesExactly(VectorWidth width, ForwardBuffer source) => Units % width.Lanes == 0 || (Units == 1 && source.HasSlack());

    /// <summary>
    /// <code>
    /// // dense_1 (Dense): (None, 2) · kernel (2, 10) + bias (10) → Relu → (None, 10)
    /// { ref float xRow = ref x; ref float yRow = ref s0; acc0 = bias; acc0 = FMA(x[i], kernel[i], acc0) ...; store }
    /// </code>
    /// </summary>
    public override void WriteForwardOne(IndentedTextWriter writer, ForwardOneCall call)
    {
        writer.Line($"// {Name} (Dense): {Shapes.ToKerasString(InputShape)} · kernel ({InputFeatures}, {Units}){(UseBias ? Invariant.Text($" + bias ({Units})") : "")} → {Activation} → {Shapes.ToKerasString(OutputShape)}");
        using (writer.Block())
        {
            WriteRows(writer, call);
        }
    }

    /// <summary>
    /// Fits one or two vectors, activates in registers, and feeds a one-unit Dense (net A: 2 → 10 relu → 1): the two
    /// run without storing the hidden vectors.
    /// </summary>
    public override bool FusesWithNext(LayerSpec next, VectorWidth width)
        => !width.IsScalar && Positions == 1 && Units <= 2 * width.Lanes && IsInRegister(Activation)
           && next is DenseLayer { Positions: 1, Units: 1 };

    public override void WriteFusedWithNext(IndentedTextWriter writer, LayerSpec next, ForwardOneCall call)
    {
        var second = (DenseLayer)next;
        writer.Line($"// {Name} (Dense): {Shapes.ToKerasString(InputShape)} · kernel ({InputFeatures}, {Units}){(UseBias ? Invariant.Text($" + bias ({Units})") : "")} → {Activation} → {Shapes.ToKerasString(OutputShape)}");
        writer.Line($"// {second.Name} (Dense): {Shapes.ToKerasString(second.InputShape)} · kernel ({second.InputFeatures}, 1){(second.UseBias ? " + bias (1)" : "")} → {second.Activation} → {Shapes.ToKerasString(second.OutputShape)}, fed from a register");
        using (writer.Block())
        {
            writer.Line($"ref float xRow = ref {call.Source.Ref()};");
            int vectors = (Units + call.Width.Lanes - 1) / call.Width.Lanes;
            WriteBlock(writer, call.Width, CodeIndex.Of(0), vectors, store: false);
            second.WriteDot(writer, call.Width, fromRegister: vectors == 1 ? Accumulator(0, 0) : Invariant.Text($"{Accumulator(0, 0)}, {Accumulator(1, 0)}"));
            writer.Line($"{Emitter.Unsafe}.Add(ref {call.Destination.Ref()}, 0) = v;");
            second.WriteRuntimeActivation(writer, call.Destination);
        }
    }

    /// <summary>Each position of the leading axes (Keras Dense on rank &gt; 1), then the activations not applied in registers.</summary>
    private void WriteRows(IndentedTextWriter writer, ForwardOneCall call)
    {
        string source = call.Source.Ref(), destination = call.Destination.Ref();
        IndentedTextWriter.Scope? positions = null;
        if (Positions > 1)
        {
            positions = writer.Block($"for (int p = 0; p < {Positions}; p++)");
            writer.Line($"ref float xRow = ref {Emitter.Unsafe}.Add(ref {source}, p * {InputFeatures});");
            writer.Line($"ref float yRow = ref {Emitter.Unsafe}.Add(ref {destination}, p * {Units});");
        }
        else
        {
            writer.Line($"ref float xRow = ref {source};");
            writer.Line($"ref float yRow = ref {destination};");
        }

        if (call.Width.IsScalar)
        {
            WriteScalar(writer);
        }
        else if (Units == 1 && call.Source.HasSlack())
        {
            // Reading whole vectors past the inputs needs the scratch's slack, which the caller's x lacks.
            WriteDot(writer, call.Width);
        }
        else
        {
            WriteVectors(writer, call.Width);
        }

        if (Activation == Activation.Softmax)
        {
            writer.Line($"{Emitter.Activations}.Softmax({Emitter.MemoryMarshal}.CreateSpan(ref yRow, {Units}));");
        }

        positions?.Dispose();
        WriteRuntimeActivation(writer, call.Destination);
    }

    /// <summary>Activations not applied in registers (nor Softmax, done per row): one vectorised runtime call over the output.</summary>
    private void WriteRuntimeActivation(IndentedTextWriter writer, ForwardBuffer destination)
    {
        if (!IsInRegister(Activation) && Activation != Activation.Softmax)
        {
            writer.Line($"{Emitter.Activations}.{Activation}({Emitter.SpanOver(destination, OutputSize)});");
        }
    }

    /// <summary>
    /// Broadcast-FMA over output columns: for each block of up to 8 column vectors, accumulators start at the bias and
    /// take <c>x[i] · kernel[i, block]</c> for every input i. A block of fewer than 4 vectors splits the inputs over
    /// several accumulator sets (i mod S) so FMA latency does not serialise the loop.
    /// <code>
    /// var acc0 = Simd512.Load(ref w, bias + 0);
    /// xi = Simd512.Broadcast(ref xRow, 0); acc0 = Simd512.MultiplyAdd(xi, ref w, kernel + 0 * units + 0, acc0); ...
    /// acc0 = Simd512.Relu(acc0); Simd512.Store(acc0, ref yRow, 0);
    /// </code>
    /// </summary>
    private void WriteVectors(IndentedTextWriter writer, VectorWidth width)
    {
        int lanes = width.Lanes;
        int columns = (Units + lanes - 1) / lanes;
        int fullBlocks = columns / MaxAccumulators;
        int rest = columns % MaxAccumulators;

        if (fullBlocks > 2)
        {
            // Many columns: loop over blocks so that the code stays small.
            using (writer.Block($"for (int col = 0; col < {fullBlocks * MaxAccumulators * lanes}; col += {MaxAccumulators * lanes})"))
            {
                WriteBlock(writer, width, CodeIndex.Of("col"), MaxAccumulators);
            }
        }
        else
        {
            for (int b = 0; b < fullBlocks; b++)
            {
                using (writer.Block())
                {
                    WriteBlock(writer, width, CodeIndex.Of(b * MaxAccumulators * lanes), MaxAccumulators);
                }
            }
        }

        if (rest > 0)
        {
            using (writer.Block())
            {
                WriteBlock(writer, width, CodeIndex.Of(fullBlocks * MaxAccumulators * lanes), rest);
            }
        }
    }

    private void WriteBlock(IndentedTextWriter writer, VectorWidth width, CodeIndex column, int vectors, bool store = true)
    {
        int inputs = InputFeatures;
        int sets = vectors >= 4 || inputs < 8 ? 1 : Math.Min(4 / vectors, 4);
        string type = width.Type;
        string simd = width.Helpers;
        int kernel = Weight("kernel").Offset, bias = UseBias ? Weight("bias").Offset : 0;

        for (int j = 0; j < vectors; j++)
        {
            CodeIndex offset = column + j * width.Lanes;
            if (UseBias)
            {
                writer.Line($"{type} {Accumulator(j, 0)} = {simd}.Load(ref w, {CodeIndex.Of(bias) + offset});");
            }
            else
            {
                writer.Line($"{type} {Accumulator(j, 0)} = {type}.Zero;");
            }

            for (int set = 1; set < sets; set++)
            {
                writer.Line($"{type} {Accumulator(j, set)} = {type}.Zero;");
            }
        }

        if (inputs <= UnrollInputs)
        {
            writer.Line($"{type} xi;");
            for (int i = 0; i < inputs; i++)
            {
                writer.Line($"xi = {simd}.Broadcast(ref xRow, {i});");
                for (int j = 0; j < vectors; j++)
                {
                    writer.Line($"{Accumulator(j, i % sets)} = {simd}.MultiplyAdd(xi, ref w, {CodeIndex.Of(kernel + i * Units) + column + j * width.Lanes}, {Accumulator(j, i % sets)});");
                }
            }
        }
        else
        {
            int main = inputs - inputs % sets;
            writer.Line($"ref float k = ref {Emitter.Unsafe}.Add(ref w, {CodeIndex.Of(kernel) + column});");
            using (writer.Block($"for (int i = 0; i < {main}; {(sets == 1 ? "i++" : Invariant.Text($"i += {sets}"))})"))
            {
                for (int set = 0; set < sets; set++)
                {
                    string index = set == 0 ? "i" : Invariant.Text($"i + {set}");
                    writer.Line($"{(set == 0 ? type + " " : "")}xi = {simd}.Broadcast(ref xRow, {index});");
                    writer.Line($"{(set == 0 ? "ref float row = ref " : "row = ref ")}{Emitter.Unsafe}.Add(ref k, {(set == 0 ? index : "(" + index + ")")} * {Units});");
                    for (int j = 0; j < vectors; j++)
                    {
                        writer.Line($"{Accumulator(j, set)} = {simd}.MultiplyAdd(xi, ref row, {j * width.Lanes}, {Accumulator(j, set)});");
                    }
                }
            }

            for (int i = main; i < inputs; i++)
            {
                using (writer.Block())
                {
                    writer.Line($"{type} xt = {simd}.Broadcast(ref xRow, {i});");
                    for (int j = 0; j < vectors; j++)
                    {
                        writer.Line($"{Accumulator(j, 0)} = {simd}.MultiplyAdd(xt, ref k, {i * Units + j * width.Lanes}, {Accumulator(j, 0)});");
                    }
                }
            }
        }

        for (int j = 0; j < vectors; j++)
        {
            for (int set = 1; set < sets; set++)
            {
                writer.Line($"{Accumulator(j, 0)} += {Accumulator(j, set)};");
            }

            if (Activation is Activation.Relu or Activation.Relu6 or Activation.LeakyRelu)
            {
                writer.Line($"{Accumulator(j, 0)} = {simd}.{Activation}({Accumulator(j, 0)});");
            }

            if (store)
            {
                writer.Line($"{simd}.Store({Accumulator(j, 0)}, ref yRow, {column + j * width.Lanes});");
            }
        }
    }

    /// <summary>
    /// One unit: the dot product of the inputs with the kernel's single column (contiguous in Keras's layout), instead
    /// of broadcast-FMAs that would use one lane of each vector.
    /// <code>
    /// float v = Simd512.Dot(ref xRow, ref w, kernel, inputs) + bias; v = SimdScalar.Relu(v); yRow = v;
    /// </code>
    /// </summary>
    private void WriteDot(IndentedTextWriter writer, VectorWidth width, string? fromRegister = null)
    {
        string inputs = fromRegister ?? "ref xRow";
        string bias = UseBias ? Invariant.Text($" + {Emitter.Unsafe}.Add(ref w, {Weight("bias").Offset})") : "";
        writer.Line($"float v = {width.Helpers}.Dot({inputs}, ref w, {Weight("kernel").Offset}, {InputFeatures}){bias};");
        if (IsInRegister(Activation) && Activation != Activation.Linear)
        {
            writer.Line($"v = {Emitter.ScalarHelpers}.{Activation}(v);");
        }

        if (fromRegister is null)
        {
            writer.Line("yRow = v;");
        }
    }

    /// <summary>The scalar fallback: bias, then <c>y[u] += x[i] · kernel[i, u]</c> row by row (contiguous in Keras's layout).</summary>
    private void WriteScalar(IndentedTextWriter writer)
    {
        using (writer.Block($"for (int u = 0; u < {Units}; u++)"))
        {
            writer.Line($"{Emitter.Unsafe}.Add(ref yRow, u) = {(UseBias ? Invariant.Text($"{Emitter.Unsafe}.Add(ref w, {Weight("bias").Offset} + u)") : "0f")};");
        }

        using (writer.Block($"for (int i = 0; i < {InputFeatures}; i++)"))
        {
            writer.Line($"float xi = {Emitter.Unsafe}.Add(ref xRow, i);");
            writer.Line($"ref float row = ref {Emitter.Unsafe}.Add(ref w, {Weight("kernel").Offset} + i * {Units});");
            using (writer.Block($"for (int u = 0; u < {Units}; u++)"))
            {
                writer.Line($"{Emitter.Unsafe}.Add(ref yRow, u) += xi * {Emitter.Unsafe}.Add(ref row, u);");
            }
        }

        if (IsInRegister(Activation) && Activation != Activation.Linear)
        {
            using (writer.Block($"for (int u = 0; u < {Units}; u++)"))
            {
                writer.Line($"ref float v = ref {Emitter.Unsafe}.Add(ref yRow, u);");
                writer.Line($"v = {Emitter.ScalarHelpers}.{Activation}(v);");
            }
        }
    }

    /// <summary>Activations cheap enough to apply in registers before the store (the same definitions as the runtime's).</summary>
    private static bool IsInRegister(Activation activation)
        => activation is Activation.Linear or Activation.Relu or Activation.Relu6 or Activation.LeakyRelu;

    /// <summary>Accumulator names: <c>acc0</c>, and <c>acc0b</c>, <c>acc0c</c>, <c>acc0d</c> for the extra input sets.</summary>
    private static string Accumulator(int vector, int set) => s_accumulators[vector, set];

    private static readonly string[,] s_accumulators = AccumulatorNames();

    private static string[,] AccumulatorNames()
    {
        var names = new string[MaxAccumulators, 4];
        for (int vector = 0; vector < MaxAccumulators; vector++)
        {
            for (int set = 0; set < 4; set++)
            {
                names[vector, set] = Invariant.Text($"acc{vector}{(set == 0 ? "" : ((char)('a' + set)).ToString())}");
            }
        }

        return names;
    }
}
