using System;
using System.Threading;

namespace StaticNets;

/// <summary>
/// Detects a second thread training the same instance while one already is (training shares the network's workspace
/// and the optimizer's state, so the two would corrupt each other silently). Costs one interlocked operation per call;
/// the owning thread may re-enter (Fit's callbacks may call TrainOnBatch).
/// </summary>
internal sealed class TrainingGuard
{
    private int _owner;
    private int _depth;

    /// <summary>Marks the current thread as training; throws if another thread is.</summary>
    public Scope Enter()
    {
        int me = Environment.CurrentManagedThreadId;
        int owner = Interlocked.CompareExchange(ref _owner, me, 0);
        if (owner != 0 && owner != me)
        {
            throw new InvalidOperationException(
                "This network is already training on another thread. Training one instance is not thread-safe; train separate instances, or serialise the calls.");
        }

        _depth++;
        return new Scope(this);
    }

    private void Exit()
    {
        if (--_depth == 0)
        {
            Volatile.Write(ref _owner, 0);
        }
    }

    /// <summary>Ends the training call on dispose.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly TrainingGuard _guard;

        internal Scope(TrainingGuard guard) => _guard = guard;

        public void Dispose() => _guard.Exit();
    }
}
