using System;
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntime;

namespace StaticNets.Benchmarks.Recurrent;

/// <summary>
/// ONNX Runtime running a <see cref="RecurrentCase"/> as <see cref="OrtSession"/> runs the MLPs: sequential
/// execution, all graph optimisations, no spinning, <see cref="Threads"/> intra-op threads, and every input and
/// output an OrtValue over a pinned managed array, bound once with IOBinding, so a timed call is only
/// <c>RunWithBinding</c>.
/// Streaming: two bindings whose state buffers are swapped (step n reads h/c from buffer A and writes B, step n+1
/// reads B and writes A), so the state goes from one step to the next without a copy; each step writes its
/// input sample into the bound <c>x</c> first.
/// </summary>
public sealed class OrtRecurrent : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly List<IDisposable> _owned = new();
    private readonly OrtIoBinding[] _bindings;
    private readonly float[][] _states = [];
    private readonly float[] _x;
    private readonly RecurrentCase _case;
    private int _parity;
    private int _position;

    private OrtRecurrent(RecurrentCase c, bool step, int threads)
    {
        _case = c;
        Threads = threads;
        Streams = step;
        _options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(step ? OnnxRecurrentBuilder.BuildStep(c) : OnnxRecurrentBuilder.BuildSequence(c), _options);
        Output = new float[step ? c.Outputs : c.Outputs];
        if (step)
        {
            bool lstm = c.Cell == RecurrentCase.Lstm;
            _x = new float[c.Features];
            // Buffers: state set 0 and state set 1 (h, and c for LSTM).
            int stateCount = lstm ? 2 : 1;
            _states = new float[2 * stateCount][];
            for (int i = 0; i < _states.Length; i++) _states[i] = new float[c.Units];
            OrtValue x = Value(_x, 1, 1, c.Features), y = Value(Output, 1, 1, c.Outputs);
            var stateValues = new OrtValue[_states.Length];
            for (int i = 0; i < _states.Length; i++) stateValues[i] = Value(_states[i], 1, 1, c.Units);
            _bindings = new OrtIoBinding[2];
            for (int p = 0; p < 2; p++)
            {
                OrtIoBinding binding = _session.CreateIoBinding();
                _owned.Add(binding);
                binding.BindInput("x", x);
                binding.BindOutput("y", y);
                int from = p * stateCount, to = (1 - p) * stateCount;
                binding.BindInput("h_in", stateValues[from]);
                binding.BindOutput("h_out", stateValues[to]);
                if (lstm)
                {
                    binding.BindInput("c_in", stateValues[from + 1]);
                    binding.BindOutput("c_out", stateValues[to + 1]);
                }

                binding.SynchronizeBoundInputs();
                _bindings[p] = binding;
            }
        }
        else
        {
            _x = new float[c.Steps * c.Features];
            c.Input.CopyTo(_x, 0);
            OrtIoBinding binding = _session.CreateIoBinding();
            _owned.Add(binding);
            binding.BindInput("x", Value(_x, 1, c.Steps, c.Features));
            binding.BindOutput("y", Value(Output, 1, c.Outputs));
            binding.SynchronizeBoundInputs();
            _bindings = [binding];
        }
    }

    /// <summary>One streamed step per run (state in and out), over <paramref name="c"/>'s signal.</summary>
    public static OrtRecurrent ForStep(RecurrentCase c, int threads = 1) => new(c, step: true, threads);

    /// <summary>One whole sample per run (<paramref name="c"/>'s input).</summary>
    public static OrtRecurrent ForSequence(RecurrentCase c, int threads = 1) => new(c, step: false, threads);

    /// <summary>Intra-op threads of the session.</summary>
    public int Threads { get; }

    /// <summary>Whether a run is one streamed step (else one whole sample).</summary>
    public bool Streams { get; }

    /// <summary>The last run's output.</summary>
    public float[] Output { get; }

    /// <summary>Zeroes the streamed state and starts the signal again.</summary>
    public void Reset()
    {
        foreach (float[] s in _states) Array.Clear(s);
        _parity = 0;
        _position = 0;
    }

    /// <summary>Streams: the next sample of the signal through one step; else the whole sample.</summary>
    public void Run()
    {
        if (Streams)
        {
            int features = _case.Features;
            _case.Input.AsSpan(_position * features, features).CopyTo(_x);
            _session.RunWithBinding(_runOptions, _bindings[_parity]);
            _parity ^= 1;
            if (++_position == _case.Steps) _position = 0;
        }
        else
        {
            _session.RunWithBinding(_runOptions, _bindings[0]);
        }
    }

    /// <summary>The case's outputs (the whole signal from a zero state, or the one sample), for the agreement check.</summary>
    public float[] Outputs()
    {
        Reset();
        if (!Streams)
        {
            Run();
            return (float[])Output.Clone();
        }

        var all = new float[_case.OutputLength];
        for (int t = 0; t < _case.Steps; t++)
        {
            Run();
            Output.CopyTo(all, t * _case.Outputs);
        }

        Reset();
        return all;
    }

    private OrtValue Value(float[] buffer, params long[] shape)
    {
        OrtValue value = OrtValue.CreateTensorValueFromMemory(buffer, shape);
        _owned.Add(value);
        return value;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
