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
}
