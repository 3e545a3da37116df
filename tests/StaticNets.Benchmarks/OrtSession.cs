using System;
using Microsoft.ML.OnnxRuntime;

namespace StaticNets.Benchmarks;

/// <summary>
/// ONNX Runtime as it is best used for small models: one intra-op thread, sequential execution, all graph
/// optimisations, and input/output OrtValues created once over pinned managed arrays and bound with IOBinding,
/// so a timed call is just <see cref="InferenceSession.RunWithBinding(RunOptions, OrtIoBinding)"/>.
/// </summary>
public sealed class OrtMlp : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly OrtIoBinding _binding;

    /// <summary>Creates a session for exactly <paramref name="batch"/> samples of <paramref name="shape"/>.</summary>
    public OrtMlp(MlpShape shape, ReadOnlySpan<float> parameters, int batch)
    {
        Input = new float[batch * shape.InputSize];
        Output = new float[batch * shape.OutputSize];
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(OnnxModelBuilder.Build(shape, parameters, batch), _options);
        _runOptions = new RunOptions();
        _input = OrtValue.CreateTensorValueFromMemory(Input, new long[] { batch, shape.InputSize });
        _output = OrtValue.CreateTensorValueFromMemory(Output, new long[] { batch, shape.OutputSize });
        _binding = _session.CreateIoBinding();
        _binding.BindInput("x", _input);
        _binding.BindOutput("y", _output);
        _binding.SynchronizeBoundInputs();
    }

    /// <summary>The bound input buffer: write samples here before <see cref="Run"/>.</summary>
    public float[] Input { get; }

    /// <summary>The bound output buffer, filled by <see cref="Run"/>.</summary>
    public float[] Output { get; }

    /// <summary>Runs the model on <see cref="Input"/> into <see cref="Output"/>.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

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
