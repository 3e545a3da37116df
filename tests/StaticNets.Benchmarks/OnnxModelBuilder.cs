using System;
using Google.Protobuf;
using Onnx;

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

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "StaticNets.Benchmarks",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model.ToByteArray();
    }

    private static NodeProto Node(string op, string output, params string[] inputs)
    {
        var node = new NodeProto { OpType = op, Name = output + "_" + op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto FloatTensor(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values.ToArray());
        return tensor;
    }

    private static ValueInfoProto FloatTensorInfo(string name, params long[] dims)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        foreach (long d in dims) tensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
