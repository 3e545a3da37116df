namespace StaticNets.Generator.Tests;

/// <summary>Keras's shape formulas (docs/keras-semantics.md, "Output sizes"), written out independently of the generator for the tests to check against.</summary>
internal static class KerasFormulas
{
    /// <summary>
    /// One window axis, dilation 1: Valid <c>floor((n − k)/s) + 1</c>, no output when <c>n &lt; k</c>; Same
    /// <c>floor((n − 1)/s) + 1</c> with <c>total = max(0, (out − 1)s + k − n)</c> padding, <c>total // 2</c> before
    /// (the rest after). 64-bit throughout, so extreme arguments cannot wrap.
    /// </summary>
    public static (long Output, long Before)? WindowAxis(long n, long k, long s, bool same)
    {
        if (same)
        {
            long output = (long)Math.Floor((n - 1) / (double)s) + 1;
            long total = Math.Max(0, (output - 1) * s + k - n);
            return (output, total / 2);
        }

        return n < k ? null : ((long)Math.Floor((n - k) / (double)s) + 1, 0);
    }

    /// <summary>
    /// One window axis of a Conv1D with <c>dilation_rate = d</c> and padding "Valid", "Same" or "Causal": the window
    /// spans <c>e = d·(k − 1) + 1</c> steps; Valid <c>floor((n − e)/s) + 1</c>, none when <c>n &lt; e</c>; Same as
    /// above with <c>e</c> for <c>k</c>; Causal <c>floor((n − 1)/s) + 1</c> with all <c>e − 1</c> padding before.
    /// </summary>
    public static (long Output, long Before)? WindowAxis(long n, long k, long s, string padding, long d)
    {
        long e = d * (k - 1) + 1;
        return padding switch
        {
            "Valid" => WindowAxis(n, e, s, same: false),
            "Same" => WindowAxis(n, e, s, same: true),
            "Causal" => ((long)Math.Floor((n - 1) / (double)s) + 1, e - 1),
            _ => throw new ArgumentOutOfRangeException(nameof(padding), padding, null),
        };
    }
}
