using System;
using Google.Protobuf;
using Onnx;

namespace StaticNets.Benchmarks;

/// <summary>The ONNX protobuf pieces the in-memory model builders share: nodes, float initializers, tensor types, the model.</summary>
public static class OnnxProtos
{
    /// <summary>Wraps <paramref name="graph"/> in an opset-17 model and serializes it.</summary>
    public static byte[] Serialize(GraphProto graph)
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "StaticNets.Benchmarks",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model.ToByteArray();
    }

    /// <summary>A node of <paramref name="op"/> with one output.</summary>
    public static NodeProto Node(string op, string output, params string[] inputs)
    {
        var node = new NodeProto { OpType = op, Name = output + "_" + op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>Adds an integer-list attribute (kernel_shape, strides, perm) to <paramref name="node"/> and returns it.</summary>
    public static NodeProto WithInts(this NodeProto node, string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        node.Attribute.Add(attribute);
        return node;
    }

    /// <summary>A float initializer of shape <paramref name="dims"/>, <paramref name="values"/> row-major.</summary>
    public static TensorProto FloatTensor(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values.ToArray());
        return tensor;
    }

    /// <summary>A graph input or output of float type with the fixed shape <paramref name="dims"/>.</summary>
    public static ValueInfoProto FloatTensorInfo(string name, params long[] dims)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        foreach (long d in dims) tensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
