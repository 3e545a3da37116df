using System;

namespace StaticNets.Tool;

/// <summary>The <c>staticnets</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; the exit code is 0 on success, 2 on a refused or damaged model, 1 on a usage error.</summary>
    public static int Main(string[] args) => CommandLine.Run(args, Console.Out, Console.Error, Environment.CurrentDirectory);
}
