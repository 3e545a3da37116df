using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace StaticNets.Benchmarks.Recurrent;

/// <summary>
/// A peer timed in its own process for the interleaved rounds, over the protocol <c>pytorch_bench.py --serve</c>
/// uses: the process prints <c>ready</c>, then answers each <c>MEASURE REPS</c> line with the nanoseconds REPS
/// operations took, timed inside the process (so the pipe is not in the figure); <c>quit</c> ends it.
/// Used for RTNeural (<c>rtneural_bench_* serve</c>) and PyTorch (<c>recurrent_pytorch.py --serve</c>).
/// </summary>
public sealed class PeerServer : IDisposable
{
    private readonly Process _process;

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/> (and <paramref name="environment"/>: a null value removes the variable) and waits for <c>ready</c>.</summary>
    public PeerServer(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        if (environment is not null)
        {
            foreach ((string key, string? value) in environment)
            {
                if (value is null) start.Environment.Remove(key);
                else start.Environment[key] = value;
            }
        }

        Description = $"{program} {string.Join(' ', start.ArgumentList)}";
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Description}.");
        string? ready = _process.StandardOutput.ReadLine();
        if (ready != "ready")
        {
            throw new InvalidOperationException($"{Description} did not start (said '{ready}').");
        }
    }

    /// <summary>The command line, for messages.</summary>
    public string Description { get; }

    /// <summary>Runs <paramref name="measure"/> <paramref name="reps"/> times in the peer; returns the elapsed nanoseconds.</summary>
    public double Run(string measure, int reps)
    {
        _process.StandardInput.WriteLine($"{measure} {reps}");
        _process.StandardInput.Flush();
        string line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"{Description} exited.");
        if (!double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out double ns))
        {
            throw new InvalidOperationException($"{Description}: '{measure}' answered '{line}'.");
        }

        return ns;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine("quit");
            _process.StandardInput.Flush();
            if (!_process.WaitForExit(5000)) _process.Kill();
        }
        catch (Exception e) when (e is InvalidOperationException or System.IO.IOException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
