using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace StaticNets.Runtime;

/// <summary>
/// Runs one piece of a training step on another thread (the <see cref="CompanionThread"/>, or the thread pool when that
/// is busy) while the caller computes the other, or on the caller after its own piece if no thread has taken it: generated
/// <c>ComputeGradients</c> splits large batches in two so that both cores work, then sums the two gradients in a fixed
/// order (deterministic). Allocation-free after construction: the work item is this object, the work a delegate made once.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TrainingShard : IThreadPoolWorkItem
{
    private const int Idle = 0, Queued = 1, Running = 2;

    private readonly Action _work;
    private readonly ManualResetEventSlim _done = new(initialState: true);
    private int _state;
    private long _started;
    private ExceptionDispatchInfo? _error;

    private float[] _inputs = [];
    private float[] _targets = [];
    private float[] _gradients = [];
    private float[] _outputs = [];
    private int _inputLength;
    private int _targetLength;
    private int _gradientLength;
    private int _outputLength;

    /// <summary>The shard's training workspace, grown by the generated code like the network's own.</summary>
    public float[] Workspace = [];

    /// <summary>The shard's Dropout stream, re-seeded from the network's stream for each step.</summary>
    public NetworkRandom Random;

    /// <summary>Creates a shard that runs <paramref name="work"/> each time it is started.</summary>
    public TrainingShard(Action work) => _work = work ?? throw new ArgumentNullException(nameof(work));

    /// <summary>Whether splitting pays here: more than one processor.</summary>
    public static bool IsUseful => Environment.ProcessorCount > 1;

    /// <summary>The shard's samples (a copy: the caller's spans cannot cross threads).</summary>
    public ReadOnlySpan<float> Inputs => _inputs.AsSpan(0, _inputLength);

    /// <summary>The shard's targets (a copy).</summary>
    public ReadOnlySpan<float> Targets => _targets.AsSpan(0, _targetLength);

    /// <summary>Receives the shard's mean gradient.</summary>
    public Span<float> Gradients => _gradients.AsSpan(0, _gradientLength);

    /// <summary>Receives the shard's outputs, or empty when the caller wants none.</summary>
    public Span<float> Outputs => _outputs.AsSpan(0, _outputLength);

    /// <summary>The loss of the step.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>Samples in the shard.</summary>
    public int Samples { get; private set; }

    /// <summary>The shard's mean loss, set by the work.</summary>
    public float LossValue { get; set; }

    /// <summary>Copies the shard's samples and targets and sizes its buffers (growing them only when needed).</summary>
    public void Prepare(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Loss loss, int samples, int parameterCount, int outputLength)
    {
        Copy(inputs, ref _inputs, out _inputLength);
        Copy(targets, ref _targets, out _targetLength);
        Grow(ref _gradients, _gradientLength = parameterCount);
        Grow(ref _outputs, _outputLength = outputLength);
        Loss = loss;
        Samples = samples;
    }

    private static void Copy(ReadOnlySpan<float> source, ref float[] destination, out int length)
    {
        Grow(ref destination, length = source.Length);
        source.CopyTo(destination);
    }

    private static void Grow(ref float[] array, int length)
    {
        if (array.Length < length) array = new float[length];
    }

    /// <summary>Queues the work; <see cref="Wait"/> must be called before the next <see cref="Start"/>.</summary>
    /// <exception cref="InvalidOperationException">The previous run has not been waited for.</exception>
    public void Start()
    {
        if (Volatile.Read(ref _state) != Idle)
        {
            throw new InvalidOperationException("The previous training shard is still running.");
        }

        _error = null;
        _done.Reset();
        _started = Stopwatch.GetTimestamp();
        Volatile.Write(ref _state, Queued);
        CompanionThread.Post(this);
    }

    /// <summary>
    /// Runs the work here if no thread has taken it yet, else blocks until it has finished; then rethrows its
    /// exception, if any, on the caller's thread.
    /// </summary>
    public void Wait()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Queued) == Queued)
        {
            CompanionThread.Retract(this);
            Run();
        }

        CompanionThread.AwaitOtherHalf(_done, _started);
        _error?.Throw();
    }

    /// <inheritdoc/>
    void IThreadPoolWorkItem.Execute()
    {
        // A work item the caller already ran (or a stale one from an earlier step) finds nothing queued.
        if (Interlocked.CompareExchange(ref _state, Running, Queued) == Queued)
        {
            Run();
        }
    }

    private void Run()
    {
        try
        {
            _work();
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

    /// <summary>
    /// <c>total = total · firstWeight + other · secondWeight</c>: two shards' mean gradients (or losses) into the batch mean,
    /// each weighted by its share of the samples, always in this order.
    /// </summary>
    public static void Combine(Span<float> total, ReadOnlySpan<float> other, float firstWeight, float secondWeight)
    {
        if (other.Length != total.Length)
        {
            throw new ArgumentException($"Expected {total.Length} values in other, but got {other.Length}.", nameof(other));
        }

        System.Numerics.Tensors.TensorPrimitives.Multiply(total, firstWeight, total);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(other, secondWeight, total, total);
    }
}
