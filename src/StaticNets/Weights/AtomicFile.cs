using System;
using System.IO;

namespace StaticNets.Weights;

/// <summary>
/// Replaces a file so that a crash at any moment leaves either the old or the new complete file at its path: the
/// content goes to a uniquely named temporary file in the same folder (a rename is only atomic within one file
/// system), is flushed to the disk, and is then renamed over the target.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Prefix and suffix of temporary files, so a crashed save's leftover is recognisable.</summary>
    public const string TemporaryPrefix = ".";

    /// <inheritdoc cref="TemporaryPrefix"/>
    public const string TemporarySuffix = ".tmp";

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="writeContent"/>. If anything fails, the temporary file is
    /// deleted, the exception propagates, and whatever was at <paramref name="path"/> before is still there.
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent)
    {
        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"'{path}' is a root folder, not a file path.", nameof(path));
        string temporary = Path.Combine(folder, $"{TemporaryPrefix}{Path.GetFileName(target)}.{Guid.NewGuid():N}{TemporarySuffix}");

        try
        {
            // CreateNew: never adopt a file that somebody else made under the same name.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (IOException)
        {
            // The original failure matters more; a leftover temporary file is harmless and recognisable by its name.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
