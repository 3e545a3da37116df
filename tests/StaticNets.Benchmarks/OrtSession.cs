using System;
using Microsoft.ML.OnnxRuntime;

namespace StaticNets.Benchmarks;

/// <summary>
/// One in-memory ONNX model (input "x", output "y", fixed shapes) in ONNX Runtime as it is best used for small models: one intra-op thread (or two, spinning as ONNX Runtime does by default), sequential execution, all graph
/// optimisations, and input/output OrtValues created once over pinned managed arrays and bound with IOBinding,
/// so a timed call is just <see cref="InferenceSession.RunWithBinding(RunOptions, OrtIoBinding)"/>.
/// </summary>
public sealed class OrtSession : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly OrtIoBinding _binding;

    /// <summary>Creates a session for the serialized <paramref name="model"/> whose input and output have exactly the given shapes.</summary>
    public OrtSession(byte[] model, long[] inputShape, long[] outputShape, int threads = 1)
    {
        Input = new float[Elements(inputShape)];
        Output = new float[Elements(outputShape)];
        _options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // One thread never spins; two spin between ops, ONNX Runtime's default and its fastest setting for them.
        _options.AddSessionConfigEntry("session.intra_op.allow_spinning", threads == 1 ? "0" : "1");
        _session = new InferenceSession(model, _options);
        _runOptions = new RunOptions();
        _input = OrtValue.CreateTensorValueFromMemory(Input, inputShape);
        _output = OrtValue.CreateTensorValueFromMemory(Output, outputShape);
        _binding = _session.CreateIoBinding();
        _binding.BindInput("x", _input);
        _binding.BindOutput("y", _output);
        _binding.SynchronizeBoundInputs();
    }

    /// <summary>A session for the MLP of <paramref name="shape"/> (<see cref="OnnxModelBuilder"/>), <paramref name="batch"/> samples per run.</summary>
    public static OrtSession ForMlp(MlpShape shape, ReadOnlySpan<float> parameters, int batch, int threads = 1)
        => new(OnnxModelBuilder.Build(shape, parameters, batch), [batch, shape.InputSize], [batch, shape.OutputSize], threads);

    /// <summary>A session for the CNN of <paramref name="shape"/> (<see cref="OnnxCnnBuilder"/>), <paramref name="batch"/> samples per run.</summary>
    public static OrtSession ForCnn(CnnShape shape, ReadOnlySpan<float> parameters, int batch, int threads = 1)
        => new(OnnxCnnBuilder.Build(shape, parameters, batch),
            [batch, shape.InputHeight, shape.InputWidth, shape.InputChannels], [batch, shape.OutputSize], threads);

    /// <summary>The bound input buffer: write samples here before <see cref="Run"/>.</summary>
    public float[] Input { get; }

    /// <summary>The bound output buffer, filled by <see cref="Run"/>.</summary>
    public float[] Output { get; }

    /// <summary>Runs the model on <see cref="Input"/> into <see cref="Output"/>.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    private static int Elements(long[] shape)
    {
        long count = 1;
        foreach (long d in shape) count *= d;
        return checked((int)count);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
