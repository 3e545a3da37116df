using System;
using Onnx;
using static StaticNets.Benchmarks.OnnxProtos;

namespace StaticNets.Benchmarks;

/// <summary>
/// Builds a <see cref="CnnShape"/> network as an ONNX graph in memory with the Keras weights converted to ONNX
/// layouts. ONNX's Conv and MaxPool are channels first, so the channels-last input is transposed to NCHW once,
/// each block is Conv (+bias) → Relu → MaxPool 2×2 stride 2, and the result is transposed back to NHWC before
/// Flatten, which makes the flattened order Keras's (h, w, c); then MatMul → Add (→ Relu) per dense layer.
/// </summary>
public static class OnnxCnnBuilder
{
    /// <summary>The serialized model for <paramref name="batch"/> samples, input "x" (batch, h, w, c), output "y" (batch, outputs).</summary>
    public static byte[] Build(CnnShape shape, ReadOnlySpan<float> parameters, int batch)
    {
        if (parameters.Length != shape.ParameterCount) throw new ArgumentException($"Expected {shape.ParameterCount} parameters, got {parameters.Length}.", nameof(parameters));
        var graph = new GraphProto { Name = "cnn" };
        graph.Input.Add(FloatTensorInfo("x", batch, shape.InputHeight, shape.InputWidth, shape.InputChannels));
        graph.Output.Add(FloatTensorInfo("y", batch, shape.OutputSize));
        graph.Node.Add(Node("Transpose", "x_nchw", "x").WithInts("perm", 0, 3, 1, 2));
        string current = "x_nchw";
        int k = shape.KernelSize;
        for (int l = 0; l < shape.ConvCount; l++)
        {
            int c = shape.ConvInput(l).Channels, f = shape.FiltersOf(l);
            string kernel = $"conv_kernel{l}", bias = $"conv_bias{l}";
            graph.Initializer.Add(FloatTensor(kernel, ToOnnxConvKernel(parameters.Slice(shape.ConvKernelOffset(l), shape.ConvKernelSize(l)), k, c, f), f, c, k, k));
            graph.Initializer.Add(FloatTensor(bias, parameters.Slice(shape.ConvBiasOffset(l), f), f));
            graph.Node.Add(Node("Conv", $"conv{l}", current, kernel, bias).WithInts("kernel_shape", k, k).WithInts("strides", 1, 1));
            graph.Node.Add(Node("Relu", $"conv_relu{l}", $"conv{l}"));
            graph.Node.Add(Node("MaxPool", $"pool{l}", $"conv_relu{l}").WithInts("kernel_shape", 2, 2).WithInts("strides", 2, 2));
            current = $"pool{l}";
        }

        graph.Node.Add(Node("Transpose", "pooled_nhwc", current).WithInts("perm", 0, 2, 3, 1));
        graph.Node.Add(Node("Flatten", "flat", "pooled_nhwc"));
        current = "flat";
        for (int l = 0; l < shape.DenseCount; l++)
        {
            int inputs = shape.DenseInputsOf(l), units = shape.UnitsOf(l);
            string kernel = $"dense_kernel{l}", bias = $"dense_bias{l}", product = $"matmul{l}";
            graph.Initializer.Add(FloatTensor(kernel, parameters.Slice(shape.DenseKernelOffset(l), inputs * units), inputs, units));
            graph.Initializer.Add(FloatTensor(bias, parameters.Slice(shape.DenseBiasOffset(l), units), units));
            bool last = l == shape.DenseCount - 1;
            string sum = last ? "y" : $"dense{l}";
            graph.Node.Add(Node("MatMul", product, current, kernel));
            graph.Node.Add(Node("Add", sum, product, bias));
            if (!last)
            {
                graph.Node.Add(Node("Relu", $"dense_relu{l}", sum));
                current = $"dense_relu{l}";
            }
        }

        return Serialize(graph);
    }

    /// <summary>A Keras conv kernel (kh, kw, cin, filters) reordered to ONNX's (filters, cin, kh, kw).</summary>
    private static float[] ToOnnxConvKernel(ReadOnlySpan<float> keras, int k, int channels, int filters)
    {
        var onnx = new float[keras.Length];
        for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++)
        for (int c = 0; c < channels; c++)
        for (int f = 0; f < filters; f++)
        {
            onnx[((f * channels + c) * k + i) * k + j] = keras[((i * k + j) * channels + c) * filters + f];
        }

        return onnx;
    }
}
