using System;
using System.ComponentModel;

namespace StaticNets.Runtime;

/// <summary>
/// Keeps the kernels a call reaches on the calling thread: generated <c>Predict</c> code opens a scope when the
/// network's <c>PredictBatchThreads</c> is 1, and a single-sample LSTM (<see cref="LstmTwoHalves"/>) then does not hand
/// half its units to the companion thread.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CallerThread
{
    [ThreadStatic]
    private static int t_scopes;

    /// <summary>Whether a scope is open on this thread.</summary>
    internal static bool Required => t_scopes > 0;

    /// <summary>Opens a scope if <paramref name="stay"/> (and does nothing otherwise); dispose it to close it.</summary>
    public static Scope Stay(bool stay)
    {
        if (stay)
        {
            t_scopes++;
        }

        return new Scope(stay);
    }

    /// <summary>An open scope, closed by <see cref="Dispose"/>.</summary>
    public readonly ref struct Scope
    {
        private readonly bool _open;

        internal Scope(bool open) => _open = open;

        /// <summary>Closes the scope.</summary>
        public void Dispose()
        {
            if (_open)
            {
                t_scopes--;
            }
        }
    }
}
