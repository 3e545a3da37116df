using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace StaticNets.Runtime;

/// <summary>
/// Runs the second part of a <c>PredictBatch</c> on another thread (the <see cref="CompanionThread"/>, or the thread pool
/// when that is busy) while the caller runs the first, so a large
/// batch uses two cores. Each sample's outputs are computed by the same code whichever thread runs it, so the results
/// are the same bits as on one thread. Allocation-free after a thread's first call: each calling thread keeps one
/// shard, and the caller's spans are pinned (not copied) for the duration of the call.
/// </summary>
/// <remarks>
/// If no thread has picked the second part up by the time the caller has finished the first, the caller runs it too: a
/// <c>PredictBatch</c> called from a busy thread pool never waits on a queue it is itself holding up.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class PredictionShard : IThreadPoolWorkItem
{
    /// <summary>A network's chunked batch forward pass over <c>samples</c> row-major samples.</summary>
    public delegate void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int samples);

    private const int Idle = 0, Queued = 1, Running = 2;

    [ThreadStatic]
    private static PredictionShard? t_shard;

    private readonly ManualResetEventSlim _done = new(initialState: true);
    private int _state;
    private Forward? _forward;
    private float* _inputs;
    private float* _outputs;
    private int _inputLength;
    private int _outputLength;
    private int _samples;
    private ExceptionDispatchInfo? _error;

    private PredictionShard()
    {
        // The event's kernel handle is made on the first wait that blocks; make it now, so no later call allocates.
        _ = _done.WaitHandle;
    }

    /// <summary>Whether splitting can pay here: more than one processor.</summary>
    public static bool IsUseful => Environment.ProcessorCount > 1;

    /// <summary>
    /// Runs <paramref name="forward"/> over samples <c>[0, first)</c> on this thread and <c>[first, samples)</c> on
    /// another, and returns when both are done (rethrowing either's exception).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="first"/> is not inside (0, samples).</exception>
    /// <exception cref="ArgumentException">A span's length is not a multiple of <paramref name="samples"/>.</exception>
    public static void Run(Forward forward, ReadOnlySpan<float> inputs, Span<float> outputs, int samples, int first)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(first, samples);
        if (inputs.Length % samples != 0 || outputs.Length % samples != 0)
        {
            throw new ArgumentException($"Expected whole samples: {inputs.Length} input and {outputs.Length} output floats for {samples} samples.");
        }

        int inputSize = inputs.Length / samples, outputSize = outputs.Length / samples, second = samples - first;
        PredictionShard shard = t_shard ??= new PredictionShard();
        fixed (float* x = inputs)
        fixed (float* y = outputs)
        {
            long started = Stopwatch.GetTimestamp();
            shard.Queue(forward, x + (long)first * inputSize, second * inputSize, y + (long)first * outputSize, second * outputSize, second);
            try
            {
                forward(inputs.Slice(0, first * inputSize), outputs.Slice(0, first * outputSize), first);
            }
            finally
            {
                // The second part reads and writes the pinned spans: never leave this block before it has finished.
                shard.Finish(started);
            }
        }
    }

    private void Queue(Forward forward, float* inputs, int inputLength, float* outputs, int outputLength, int samples)
    {
        _forward = forward;
        _inputs = inputs;
        _inputLength = inputLength;
        _outputs = outputs;
        _outputLength = outputLength;
        _samples = samples;
        _error = null;
        _done.Reset();
        Volatile.Write(ref _state, Queued);
        CompanionThread.Post(this);
    }

    /// <summary>Runs the second part here if no thread has taken it, else waits for it; then rethrows its exception.</summary>
    private void Finish(long started)
    {
        if (Interlocked.CompareExchange(ref _state, Running, Queued) == Queued)
        {
            CompanionThread.Retract(this);
            RunQueued();
        }

        CompanionThread.AwaitOtherHalf(_done, started);
        _forward = null;
        _inputs = _outputs = null;
        ExceptionDispatchInfo? error = _error;
        _error = null;
        error?.Throw();
    }

    /// <inheritdoc/>
    void IThreadPoolWorkItem.Execute()
    {
        // A work item the caller already ran (or a stale one from an earlier call) finds nothing queued.
        if (Interlocked.CompareExchange(ref _state, Running, Queued) == Queued)
        {
            RunQueued();
        }
    }

    private void RunQueued()
    {
        try
        {
            _forward!(new ReadOnlySpan<float>(_inputs, _inputLength), new Span<float>(_outputs, _outputLength), _samples);
        }
        catch (Exception exception)
        {
            _error = ExceptionDispatchInfo.Capture(exception);
        }
        finally
        {
            Volatile.Write(ref _state, Idle);
            _done.Set();
        }
    }
}
