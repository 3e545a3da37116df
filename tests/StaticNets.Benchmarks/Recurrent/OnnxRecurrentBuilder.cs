using System;
using Onnx;
using static StaticNets.Benchmarks.OnnxProtos;

namespace StaticNets.Benchmarks.Recurrent;

/// <summary>
/// A <see cref="RecurrentCase"/> as an in-memory ONNX graph, with Keras's weights converted to ONNX's layouts:
/// <list type="bullet">
/// <item>LSTM: W <c>[1, 4u, in]</c> and R <c>[1, 4u, u]</c> with gates in ONNX's order i, o, f, c (Keras's is i, f, c, o),
/// each the transpose of Keras's <c>(in, 4u)</c> / <c>(u, 4u)</c> block; B <c>[1, 8u]</c> = Keras's bias (reordered)
/// followed by zeros for the recurrent bias.</item>
/// <item>GRU: W <c>[1, 3u, in]</c>, R <c>[1, 3u, u]</c>, gates z, r, h as in Keras (transposed); B <c>[1, 6u]</c> = Keras's
/// input bias row then recurrent bias row; <c>linear_before_reset=1</c>, which is Keras's <c>reset_after=True</c>
/// (the reset gate multiplies <c>h·R_h + Rb_h</c>).</item>
/// </list>
/// Streaming (<see cref="BuildStep"/>): one time step with the state passed in and out, as a streaming ONNX user
/// runs it: inputs <c>x [1, 1, in]</c>, <c>h_in [1, 1, u]</c> (and <c>c_in</c>), outputs <c>y [1, 1, outputs]</c>,
/// <c>h_out</c> (and <c>c_out</c>). Sequence (<see cref="BuildSequence"/>): <c>x [1, steps, in]</c> (Keras's batch-major
/// layout) → Transpose to ONNX's <c>[steps, 1, in]</c> → LSTM/GRU from a zero state → Y_h → MatMul + Add → Softmax
/// (when the case has it) → <c>y [1, outputs]</c>.
/// </summary>
public static class OnnxRecurrentBuilder
{
    /// <summary>ONNX's LSTM gate order (i, o, f, c) as indices of Keras's (i, f, c, o).</summary>
    private static readonly int[] LstmOnnxToKeras = [0, 3, 1, 2];

    /// <summary>ONNX's GRU gate order (z, r, h) is Keras's.</summary>
    private static readonly int[] GruOnnxToKeras = [0, 1, 2];

    /// <summary>One streamed step of <paramref name="c"/>: inputs x, h_in (c_in), outputs y, h_out (c_out).</summary>
    public static byte[] BuildStep(RecurrentCase c)
    {
        var graph = new GraphProto { Name = c.Name + "_step" };
        bool lstm = c.Cell == RecurrentCase.Lstm;
        graph.Input.Add(FloatTensorInfo("x", 1, 1, c.Features));
        graph.Input.Add(FloatTensorInfo("h_in", 1, 1, c.Units));
        if (lstm) graph.Input.Add(FloatTensorInfo("c_in", 1, 1, c.Units));
        graph.Output.Add(FloatTensorInfo("y", 1, 1, c.Outputs));
        graph.Output.Add(FloatTensorInfo("h_out", 1, 1, c.Units));
        if (lstm) graph.Output.Add(FloatTensorInfo("c_out", 1, 1, c.Units));
        AddRecurrent(graph, c, "x", lstm ? ["h_in", "c_in"] : ["h_in"], lstm ? ["h_out", "c_out"] : ["h_out"]);
        // h_out [1 (directions), 1 (batch), u] · kernel [u, outputs] → [1, 1, outputs]
        AddDense(graph, c, "h_out", "y");
        return Serialize(graph);
    }

    /// <summary>One whole sample of <paramref name="c"/>: input x [1, steps, in], output y [1, outputs].</summary>
    public static byte[] BuildSequence(RecurrentCase c)
    {
        var graph = new GraphProto { Name = c.Name + "_sequence" };
        bool lstm = c.Cell == RecurrentCase.Lstm;
        graph.Input.Add(FloatTensorInfo("x", 1, c.Steps, c.Features));
        graph.Output.Add(FloatTensorInfo("y", 1, c.Outputs));
        graph.Node.Add(Node("Transpose", "x_time_major", "x").WithInts("perm", 1, 0, 2));
        AddRecurrent(graph, c, "x_time_major", [], lstm ? ["h_last", "c_last"] : ["h_last"]);
        graph.Initializer.Add(new TensorProto { Name = "h_shape", DataType = (int)TensorProto.Types.DataType.Int64, Dims = { 2 }, Int64Data = { 1, c.Units } });
        graph.Node.Add(Node("Reshape", "h_flat", "h_last", "h_shape"));
        AddDense(graph, c, "h_flat", "y");
        return Serialize(graph);
    }

    private static void AddRecurrent(GraphProto graph, RecurrentCase c, string x, string[] initialState, string[] finalState)
    {
        bool lstm = c.Cell == RecurrentCase.Lstm;
        int u = c.Units, gates = c.Gates, width = gates * u;
        int[] order = lstm ? LstmOnnxToKeras : GruOnnxToKeras;
        var w = new float[width * c.Features];
        var r = new float[width * u];
        var b = new float[2 * width];
        for (int g = 0; g < gates; g++)
        {
            int kg = order[g];
            for (int j = 0; j < u; j++)
            {
                int row = g * u + j, column = kg * u + j;
                for (int k = 0; k < c.Features; k++) w[row * c.Features + k] = c.Kernel[k * width + column];
                for (int k = 0; k < u; k++) r[row * u + k] = c.RecurrentKernel[k * width + column];
                b[row] = c.Bias[column];
                // LSTM: Keras has one bias, ONNX's recurrent half stays zero. GRU: Keras's recurrent row.
                b[width + row] = lstm ? 0 : c.Bias[width + column];
            }
        }

        graph.Initializer.Add(FloatTensor("W", w, 1, width, c.Features));
        graph.Initializer.Add(FloatTensor("R", r, 1, width, u));
        graph.Initializer.Add(FloatTensor("B", b, 1, 2 * width));
        // Inputs: X, W, R, B, sequence_lens, initial_h (, initial_c); outputs: Y, Y_h (, Y_c). "" = absent.
        NodeProto node = new() { OpType = lstm ? "LSTM" : "GRU", Name = c.Name + "_" + (lstm ? "LSTM" : "GRU") };
        node.Input.AddRange([x, "W", "R", "B", "", .. initialState]);
        node.Output.AddRange(["", .. finalState]);
        node.Attribute.Add(new AttributeProto { Name = "hidden_size", Type = AttributeProto.Types.AttributeType.Int, I = u });
        if (!lstm) node.Attribute.Add(new AttributeProto { Name = "linear_before_reset", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(node);
    }

    private static void AddDense(GraphProto graph, RecurrentCase c, string h, string y)
    {
        graph.Initializer.Add(FloatTensor("dense_kernel", c.DenseKernel, c.Units, c.Outputs));
        graph.Initializer.Add(FloatTensor("dense_bias", c.DenseBias, c.Outputs));
        graph.Node.Add(Node("MatMul", "dense_product", h, "dense_kernel"));
        if (c.Softmax)
        {
            graph.Node.Add(Node("Add", "logits", "dense_product", "dense_bias"));
            graph.Node.Add(new NodeProto { OpType = "Softmax", Name = "softmax", Input = { "logits" }, Output = { y } });
        }
        else
        {
            graph.Node.Add(Node("Add", y, "dense_product", "dense_bias"));
        }
    }
}
