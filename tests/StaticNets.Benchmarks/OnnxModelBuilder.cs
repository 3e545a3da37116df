using System;
using Onnx;
using static StaticNets.Benchmarks.OnnxProtos;

namespace StaticNets.Benchmarks;

/// <summary>
/// Builds the MLP as an ONNX graph in memory (MatMul → Add → Relu per hidden layer, MatMul → Add for the output),
/// with the same weights as initializers and a fixed batch dimension, so ONNX Runtime sees exact shapes.
/// </summary>
public static class OnnxModelBuilder
{
    /// <summary>The serialized model for <paramref name="batch"/> samples of <paramref name="shape"/>, input "x", output "y".</summary>
    public static byte[] Build(MlpShape shape, ReadOnlySpan<float> parameters, int batch)
    {
        var graph = new GraphProto { Name = "mlp_" + shape.Name };
        graph.Input.Add(FloatTensorInfo("x", batch, shape.InputSize));
        graph.Output.Add(FloatTensorInfo("y", batch, shape.OutputSize));
        string current = "x";
        for (int l = 0; l < shape.LayerCount; l++)
        {
            int inputs = shape.InputsOf(l), units = shape.UnitsOf(l);
            string kernel = $"kernel{l}", bias = $"bias{l}", product = $"matmul{l}";
            graph.Initializer.Add(FloatTensor(kernel, parameters.Slice(shape.KernelOffset(l), inputs * units), inputs, units));
            graph.Initializer.Add(FloatTensor(bias, parameters.Slice(shape.BiasOffset(l), units), units));
            bool last = l == shape.LayerCount - 1;
            string sum = last ? "y" : $"z{l}";
            graph.Node.Add(Node("MatMul", product, current, kernel));
            graph.Node.Add(Node("Add", sum, product, bias));
            if (!last)
            {
                string activated = $"h{l}";
                graph.Node.Add(Node("Relu", activated, sum));
                current = activated;
            }
        }

        return Serialize(graph);
    }
}
