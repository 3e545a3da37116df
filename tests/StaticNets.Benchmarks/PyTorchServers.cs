using System;
using System.Collections.Generic;

namespace StaticNets.Benchmarks;

/// <summary>One server per configuration that the best PyTorch results name, started on first use.</summary>
public sealed class PyTorchServers : IDisposable
{
    private readonly string _python;
    private readonly string _script;
    private readonly bool _cpuClock;
    private readonly Dictionary<PyTorchConfiguration, PyTorchServer> _servers = new();

    /// <summary>Servers run <paramref name="script"/> with <paramref name="python"/>, timing with process CPU time or wall time.</summary>
    public PyTorchServers(string python, string script, bool cpuClock)
    {
        _python = python;
        _script = script;
        _cpuClock = cpuClock;
    }

    /// <summary>The server for <paramref name="configuration"/>.</summary>
    public PyTorchServer For(PyTorchConfiguration configuration)
    {
        if (!_servers.TryGetValue(configuration, out PyTorchServer? server))
        {
            server = new PyTorchServer(_python, _script, configuration, _cpuClock);
            _servers[configuration] = server;
        }

        return server;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (PyTorchServer server in _servers.Values) server.Dispose();
        _servers.Clear();
    }
}
