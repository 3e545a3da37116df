using System;
using System.IO;
using System.Text;
using StaticNets.Keras;

namespace StaticNets.Tool;

/// <summary>
/// <c>staticnets import</c>: reads the Keras file completely, and only when it is importable writes
/// <c>DIR/Name.cs</c> and <c>DIR/Name.weights</c> (each through a temporary file renamed into place).
/// </summary>
internal static class ImportCommand
{
    public static int Run(ImportOptions options, TextWriter stdout, TextWriter stderr)
    {
        KerasModel model;
        try
        {
            model = KerasFile.Read(options.ModelPath, options.ConfigPath);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            string prefix = Path.GetFileName(options.ModelPath) + ": ";
            foreach (string line in e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                stderr.WriteLine(line.StartsWith(prefix, StringComparison.Ordinal) || e is InvalidDataException ? line : prefix + line);
            }

            return CommandLine.ImportRefused;
        }

        string source = CSharpSource.Write(model, options.ClassName, options.Namespace, options.Embed);
        byte[] weights = CSharpSource.WeightsFile(model);
        string sourcePath = Path.Combine(options.OutputDirectory, options.ClassName + ".cs");
        string weightsPath = Path.Combine(options.OutputDirectory, options.ClassName + ".weights");
        try
        {
            Directory.CreateDirectory(options.OutputDirectory);
            WriteAtomically(weightsPath, weights);
            WriteAtomically(sourcePath, new UTF8Encoding(false).GetBytes(source));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{options.OutputDirectory}: cannot write the output ({e.Message}).");
            return CommandLine.ImportRefused;
        }

        foreach (string note in model.Notes)
        {
            stderr.WriteLine("note: " + note);
        }

        stdout.WriteLine($"{model.Source} (Keras {model.KerasVersion}): {model.Layers.Count} layers, {model.ParameterCount:N0} parameters");
        stdout.WriteLine($"wrote {sourcePath}");
        stdout.WriteLine($"wrote {weightsPath}");
        return CommandLine.Success;
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
