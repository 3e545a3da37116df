using System;
using System.Collections.Generic;
using System.IO;

namespace StaticNets.Tool;

/// <summary>Parses <c>staticnets &lt;command&gt; ...</c> and dispatches; usable in-process (tests pass their own writers).</summary>
public static class CommandLine
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a command line that cannot be understood.</summary>
    public const int UsageError = 1;

    /// <summary>Exit code of a model that cannot be imported (unsupported, damaged, or self-contradicting); nothing is written.</summary>
    public const int ImportRefused = 2;

    internal const string Usage =
        "usage: staticnets import <model.keras | model.h5 | model.weights.h5 --config model.json | weights.h5 --config model.json>\n" +
        "                         [--class Name] [--namespace Ns] [--out DIR] [--embed]";

    /// <summary>Runs one command with the given output writers and current folder.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, string currentDirectory)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Count == 0 ? UsageError : Success;
        }

        if (args[0] != "import")
        {
            stderr.WriteLine($"staticnets: unknown command '{args[0]}'.");
            stderr.WriteLine(Usage);
            return UsageError;
        }

        ImportOptions? options = ImportOptions.Parse(args, stderr, currentDirectory);
        return options is null ? UsageError : ImportCommand.Run(options, stdout, stderr);
    }
}
