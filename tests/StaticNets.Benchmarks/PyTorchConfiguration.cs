using System.Globalization;
using System.Text.RegularExpressions;

namespace StaticNets.Benchmarks;

/// <summary>
/// A PyTorch configuration as pytorch_bench.py writes it: the variant's tag, then threads and OpenBLAS kernel, e.g.
/// <c>adam_foreach=False threads=1 coretype=SkylakeX (…)</c> or <c>mode=jit format=contiguous mkldnn=True threads=2 coretype=default (…)</c>.
/// </summary>
public sealed record PyTorchConfiguration(int Threads, string CoreType, string Variant)
{
    /// <summary>Parses the configuration column of pytorch_bench.py's table; null if it names no thread count.</summary>
    public static PyTorchConfiguration? Parse(string text)
    {
        Match threads = Regex.Match(text, @"\bthreads=(\d+)");
        if (!threads.Success) return null;
        Match core = Regex.Match(text, @"\bcoretype=(\w+)");
        return new PyTorchConfiguration(
            int.Parse(threads.Groups[1].Value, CultureInfo.InvariantCulture),
            core.Success ? core.Groups[1].Value : "default",
            text[..threads.Index].Trim());
    }
}
