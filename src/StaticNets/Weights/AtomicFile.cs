using System;
using System.IO;

namespace StaticNets.Weights;

/// <summary>
/// Replaces a file so that a crash at any moment leaves either the old or the new complete file at its path: the
/// content goes to a uniquely named temporary file in the same folder (a rename is only atomic within one file
/// system), is flushed to the disk, and is then renamed over the target. Each save first deletes the temporary files
/// that earlier, crashed saves of the same target left behind (<see cref="RemoveStaleTemporaries"/>).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Prefix and suffix of temporary files, so a crashed save's leftover is recognisable.</summary>
    public const string TemporaryPrefix = ".";

    /// <inheritdoc cref="TemporaryPrefix"/>
    public const string TemporarySuffix = ".tmp";

    /// <summary>Hex digits between the target's name and <see cref="TemporarySuffix"/>: a GUID in the "N" format.</summary>
    private const int TemporaryIdLength = 32;

    /// <summary>
    /// How long a temporary file must have gone unmodified before a later save treats it as abandoned. See
    /// <see cref="TryDeleteAbandoned"/> for why a minute.
    /// </summary>
    public static readonly TimeSpan StaleAge = TimeSpan.FromMinutes(1);

    // Simple matching ('*' only, no DOS quirks), and no attribute filter: .NET reports names starting with '.' as
    // Hidden on Unix, which the default EnumerationOptions would skip.
    private static readonly EnumerationOptions s_temporaries = new()
    {
        MatchType = MatchType.Simple,
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
    };

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="writeContent"/>. If anything fails, the temporary file is
    /// deleted, the exception propagates, and whatever was at <paramref name="path"/> before is still there.
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent)
    {
        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"'{path}' is a root folder, not a file path.", nameof(path));
        string fileName = Path.GetFileName(target);
        string temporary = Path.Combine(folder, $"{TemporaryPrefix}{fileName}.{Guid.NewGuid():N}{TemporarySuffix}");

        // Before writing, so that the space held by leftovers is free for this save.
        RemoveStaleTemporaries(folder, fileName);

        try
        {
            // CreateNew: never adopt a file that somebody else made under the same name. FileShare.None: other
            // processes cannot open it while we write, which is also how RemoveStaleTemporaries tells it is alive
            // (on Unix .NET holds an exclusive flock for FileShare.None).
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

    /// <summary>
    /// Deletes the abandoned temporary files of earlier saves of <paramref name="fileName"/> in <paramref name="folder"/>:
    /// files named exactly <c>.{fileName}.{32 lowercase hex digits}.tmp</c> (ordinal comparison) that no process has
    /// open and that have not been modified for <see cref="StaleAge"/>. Nothing else is touched: not other targets'
    /// temporaries, not look-alike names, not folders. Best effort: a file that cannot be checked or deleted is left
    /// alone, and no error escapes, since cleaning up must never make a save fail.
    /// </summary>
    /// <returns>How many files were deleted.</returns>
    internal static int RemoveStaleTemporaries(string folder, string fileName)
    {
        string prefix = TemporaryPrefix + fileName + ".";
        int removed = 0;
        try
        {
            DateTime now = DateTime.UtcNow;
            foreach (string candidate in Directory.EnumerateFiles(folder, TemporaryPrefix + "*" + TemporarySuffix, s_temporaries))
            {
                if (IsTemporaryName(Path.GetFileName(candidate), prefix) && TryDeleteAbandoned(candidate, now))
                {
                    removed++;
                }
            }
        }
        catch (IOException)
        {
            // The folder could not be listed (or changed under us): the leftovers wait for the next save.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }

        return removed;
    }

    /// <summary>Whether <paramref name="name"/> is <paramref name="prefix"/> + 32 lowercase hex digits + <see cref="TemporarySuffix"/>.</summary>
    private static bool IsTemporaryName(string name, string prefix)
    {
        if (name.Length != prefix.Length + TemporaryIdLength + TemporarySuffix.Length
            || !name.StartsWith(prefix, StringComparison.Ordinal)
            || !name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in name.AsSpan(prefix.Length, TemporaryIdLength))
        {
            if (!char.IsAsciiHexDigitLower(c)) return false; // 0-9 and a-f, as Guid.ToString("N") writes them
        }

        return true;
    }

    /// <summary>
    /// Deletes <paramref name="candidate"/> if it is abandoned: no process has it open, and it was last written at
    /// least <see cref="StaleAge"/> before <paramref name="now"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// "Open elsewhere" is tested by opening the file ourselves. A live writer holds its temporary with
    /// <see cref="FileShare.None"/>: on Windows that makes every other open fail (mandatory sharing), and on Unix .NET
    /// takes an exclusive <c>flock</c> for it, so our open, which asks for a shared lock, fails too, even from another
    /// handle in the same process. A killed or crashed process holds nothing (the kernel drops its handles and locks),
    /// so its leftover opens fine. While we hold the file, <see cref="FileShare.Delete"/> lets us delete it on Windows.
    /// </para>
    /// <para>
    /// The age test covers what the lock cannot see: the instant between a writer closing its temporary and renaming
    /// it (deleting it then would make that save fail), and file systems or settings where .NET takes no advisory
    /// locks (NFS, SMB, <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>), where a writer that is still writing keeps the
    /// modification time fresh. A minute is far longer than a rename takes or than a writer pauses between writes,
    /// and costs little: a leftover of a save that crashed less than a minute ago is removed by a later save.
    /// </para>
    /// </remarks>
    private static bool TryDeleteAbandoned(string candidate, DateTime now)
    {
        try
        {
            // Young files are not even opened: on Unix .NET creates a file and only then takes its flock, and our
            // probe's shared lock, if it came in between, would make a new writer's exclusive lock fail.
            if (now - File.GetLastWriteTimeUtc(candidate) < StaleAge) return false;

            using var probe = new FileStream(candidate, FileMode.Open, FileAccess.Read, FileShare.Delete, bufferSize: 0);
            DateTime written = File.GetLastWriteTimeUtc(probe.SafeFileHandle);
            if (now - written < StaleAge) return false;

            // Deleted while we still hold it open, so what was checked is what is deleted.
            File.Delete(candidate);
            return true;
        }
        catch (IOException)
        {
            // In use by another handle (sharing violation, or the flock is taken), or already gone.
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to read or delete.
            return false;
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
