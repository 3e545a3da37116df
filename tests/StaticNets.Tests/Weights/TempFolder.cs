using System;
using System.IO;

namespace StaticNets.Tests.Weights;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "staticnets-weights-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The names of everything in the folder, sorted, to check nothing was left behind.</summary>
    public string[] Entries()
    {
        string[] names = Array.ConvertAll(Directory.GetFileSystemEntries(Path), e => System.IO.Path.GetFileName(e)!);
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover folder in temp must not fail a test that passed.
        }
    }
}
