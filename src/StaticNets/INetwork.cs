using System;

namespace StaticNets;

/// <summary>
/// What every generated network offers, for code that works with any model (training loops, weight files,
/// benchmarks). The generated class also has the same facts as constants (<c>InputSize</c>, ...); this
/// interface is implemented explicitly so the class's own public surface stays the documented one (constants,
/// constructors, <c>Parameters</c>, <c>Predict</c>, <c>PredictBatch</c>, <c>Summary()</c>; see the README).
/// </summary>
public interface INetwork
{
    /// <summary>Floats per input sample: the product of <see cref="InputShape"/>.</summary>
    int InputSize { get; }

    /// <summary>Floats per output sample: the product of <see cref="OutputShape"/>.</summary>
    int OutputSize { get; }

    /// <summary>All weights, trainable and not (Keras "Total params").</summary>
    int ParameterCount { get; }

    /// <summary>The input shape without the batch axis.</summary>
    ReadOnlySpan<int> InputShape { get; }

    /// <summary>The output shape without the batch axis.</summary>
    ReadOnlySpan<int> OutputShape { get; }

    /// <summary>
    /// A canonical text of the input shape and each layer's kind, size, activation and bias, e.g.
    /// <c>Input[2]&gt;Dense[10,Relu,bias]&gt;Dense[1,Linear,bias]</c>,
    /// used to check that a weight file belongs to this architecture.
    /// </summary>
    string Architecture { get; }

    /// <summary>A live view of the weights in Keras <c>get_weights()</c> order; writes change the model at once.</summary>
    Span<float> Parameters { get; }

    /// <summary>Runs one sample through the network (inference mode).</summary>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Runs <c>inputs.Length / InputSize</c> samples, row-major, through the network (inference mode).</summary>
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>The Keras-style <c>model.summary()</c> text.</summary>
    string Summary();
}
