using System;
using System.Diagnostics;
using System.Globalization;

namespace StaticNets.Benchmarks;

/// <summary>
/// A <c>pytorch_bench.py --serve</c> process in one configuration (threads, OpenBLAS kernel, variant), so the
/// interleaved rounds can alternate PyTorch with the C# implementations: each request runs a measure a number of
/// times in PyTorch and returns the nanoseconds it took, timed inside Python (no pipe overhead in the figure), on
/// the process's CPU time or wall time, matching the C# side's <see cref="CpuClock"/> (two threads: always wall time,
/// as the C# members that run on two threads).
/// </summary>
public sealed class PyTorchServer : IDisposable
{
    private readonly Process _process;

    /// <summary>Starts the server and waits until it has warmed up.</summary>
    public PyTorchServer(string python, string script, PyTorchConfiguration configuration, bool cpuClock)
    {
        Configuration = configuration;
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--serve");
        start.ArgumentList.Add(configuration.Threads.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--variant");
        start.ArgumentList.Add(configuration.Variant);
        start.ArgumentList.Add("--clock");
        start.ArgumentList.Add(cpuClock ? "cpu" : "wall");
        string threads = configuration.Threads.ToString(CultureInfo.InvariantCulture);
        start.Environment["OMP_NUM_THREADS"] = threads;
        start.Environment["OPENBLAS_NUM_THREADS"] = threads;
        start.Environment.Remove("OPENBLAS_CORETYPE");
        start.Environment.Remove("OPENBLAS_L2_SIZE");
        if (configuration.CoreType != "default") start.Environment["OPENBLAS_CORETYPE"] = configuration.CoreType;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python} {script}.");
        string? ready = _process.StandardOutput.ReadLine();
        if (ready != "ready")
        {
            throw new InvalidOperationException($"pytorch_bench.py --serve did not start (said '{ready}').");
        }
    }

    /// <summary>The configuration this server runs.</summary>
    public PyTorchConfiguration Configuration { get; }

    /// <summary>The server process's CPU time so far (all its threads), to see when threads that spin after a request have stopped.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Runs <paramref name="measure"/> (e.g. <c>B.train</c>) <paramref name="reps"/> times; returns the elapsed nanoseconds.</summary>
    public double Run(string measure, int reps)
    {
        _process.StandardInput.WriteLine($"{measure} {reps}");
        _process.StandardInput.Flush();
        string line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("pytorch_bench.py --serve exited.");
        return double.Parse(line, CultureInfo.InvariantCulture);
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
        finally
        {
            _process.Dispose();
        }
    }
}
