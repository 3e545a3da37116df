using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace StaticNets.Tool;

/// <summary>The options of <c>staticnets import</c>.</summary>
internal sealed record ImportOptions(string ModelPath, string? ConfigPath, string ClassName, string? Namespace, string OutputDirectory, bool Embed)
{
    public static ImportOptions? Parse(IReadOnlyList<string> args, TextWriter stderr, string currentDirectory)
    {
        string? model = null, config = null, className = null, ns = null, output = null;
        bool embed = false;
        for (int i = 1; i < args.Count; i++)
        {
            string arg = args[i];
            string? Value()
            {
                if (i + 1 < args.Count) return args[++i];
                stderr.WriteLine($"staticnets import: {arg} needs a value.");
                return null;
            }

            switch (arg)
            {
                case "--config": config = Value(); if (config is null) return null; break;
                case "--class": className = Value(); if (className is null) return null; break;
                case "--namespace": ns = Value(); if (ns is null) return null; break;
                case "--out": output = Value(); if (output is null) return null; break;
                case "--embed": embed = true; break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal) || model is not null)
                    {
                        stderr.WriteLine($"staticnets import: unexpected argument '{arg}'.");
                        stderr.WriteLine(CommandLine.Usage);
                        return null;
                    }

                    model = arg;
                    break;
            }
        }

        if (model is null)
        {
            stderr.WriteLine("staticnets import: no model file given.");
            stderr.WriteLine(CommandLine.Usage);
            return null;
        }

        className ??= ClassNameOf(model);
        if (!IsIdentifier(className))
        {
            stderr.WriteLine($"staticnets import: '{className}' is not a C# class name; give one with --class.");
            return null;
        }

        if (ns is not null && !ns.Split('.').All(IsIdentifier))
        {
            stderr.WriteLine($"staticnets import: '{ns}' is not a C# namespace.");
            return null;
        }

        return new ImportOptions(
            Path.GetFullPath(model, currentDirectory),
            config is null ? null : Path.GetFullPath(config, currentDirectory),
            className,
            ns,
            Path.GetFullPath(output ?? ".", currentDirectory),
            embed);
    }

    /// <summary><c>simple_rnn-model.weights.h5</c> → <c>SimpleRnnModel</c>; a leading digit gets a <c>Model</c> prefix.</summary>
    internal static string ClassNameOf(string path)
    {
        string name = Path.GetFileName(path);
        foreach (string suffix in new[] { ".weights.h5", ".keras", ".h5", ".hdf5" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
                break;
            }
        }

        var text = new StringBuilder();
        bool upper = true;
        foreach (char c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        string result = text.ToString();
        return result.Length == 0 ? "ImportedModel" : char.IsAsciiDigit(result[0]) ? "Model" + result : result;
    }

    private static bool IsIdentifier(string text)
        => text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
