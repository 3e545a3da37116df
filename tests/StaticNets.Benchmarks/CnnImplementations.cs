using System;

namespace StaticNets.Benchmarks;

/// <summary>
/// The Fashion-MNIST CNN's implementations on the same weights and inputs: StaticNets (<see cref="FashionCnn"/>)
/// and ONNX Runtime (batch 1 and batch <see cref="BenchData.BatchSize"/>, inputs pre-filled and bound).
/// </summary>
public sealed class CnnImplementations : IDisposable
{
    private CnnImplementations(int seed)
    {
        Shape = CnnShape.Fashion;
        if (Shape.ParameterCount != FashionCnn.ParameterCount || Shape.InputSize != FashionCnn.InputSize || Shape.OutputSize != FashionCnn.OutputSize)
        {
            throw new InvalidOperationException(
                $"CnnShape.Fashion ({Shape.InputSize} → {Shape.OutputSize}, {Shape.ParameterCount} parameters) does not describe FashionCnn " +
                $"({FashionCnn.InputSize} → {FashionCnn.OutputSize}, {FashionCnn.ParameterCount} parameters).");
        }

        CnnData data = CnnData.Create(Shape, seed);
        Parameters = data.Parameters;
        Batch = data.Batch;
        StaticNet = new FashionCnn(1);
        Parameters.CopyTo(StaticNet.Parameters);
        OrtSingle = OrtSession.ForCnn(Shape, Parameters, 1);
        OrtBatch = OrtSession.ForCnn(Shape, Parameters, BenchData.BatchSize);
        OrtBatchTwoThreads = OrtSession.ForCnn(Shape, Parameters, BenchData.BatchSize, threads: 2);
        SingleInput = Batch.AsSpan(0, Shape.InputSize).ToArray();
        SingleInput.CopyTo(OrtSingle.Input, 0);
        Batch.CopyTo(OrtBatch.Input, 0);
        Batch.CopyTo(OrtBatchTwoThreads.Input, 0);
        SingleOutput = new float[Shape.OutputSize];
        BatchOutput = new float[BenchData.BatchSize * Shape.OutputSize];
    }

    /// <summary>The network's geometry and parameter layout.</summary>
    public CnnShape Shape { get; }

    /// <summary>Weights in Keras <c>get_weights()</c> order (<see cref="CnnData"/>: kernels glorot-uniform, biases small and non-zero so the bias path is checked).</summary>
    public float[] Parameters { get; }

    /// <summary><see cref="BenchData.BatchSize"/> input samples (28×28×1 each), row-major; the first is the single-sample input.</summary>
    public float[] Batch { get; }

    /// <summary>The generated network, holding <see cref="Parameters"/>.</summary>
    public FashionCnn StaticNet { get; }

    /// <summary>ONNX Runtime, one sample per run, input pre-filled with the first sample.</summary>
    public OrtSession OrtSingle { get; }

    /// <summary>ONNX Runtime, <see cref="BenchData.BatchSize"/> samples per run, input pre-filled with the batch.</summary>
    public OrtSession OrtBatch { get; }

    /// <summary>The same batch session with two intra-op threads.</summary>
    public OrtSession OrtBatchTwoThreads { get; }

    /// <summary>The first sample.</summary>
    public float[] SingleInput { get; }

    /// <summary>Output buffer for one sample.</summary>
    public float[] SingleOutput { get; }

    /// <summary>Output buffer for a batch.</summary>
    public float[] BatchOutput { get; }

    /// <summary>Everything on the weights and inputs of <see cref="NetImplementations.Seed"/>.</summary>
    public static CnnImplementations Create() => new(NetImplementations.Seed);

    /// <inheritdoc/>
    public void Dispose()
    {
        OrtSingle.Dispose();
        OrtBatch.Dispose();
        OrtBatchTwoThreads.Dispose();
    }
}
