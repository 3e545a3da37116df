using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace StaticNets.Generator.Tests;

/// <summary>
/// Approved-file snapshots (Verify is not on our registry): <c>Snapshots/{Class}.{Method}.verified.txt</c> next to
/// the tests; a mismatch writes <c>*.received.txt</c> and fails with the first differing lines.
/// <c>STATICNETS_ACCEPT=1 dotnet test</c> overwrites the approved files instead.
/// </summary>
internal static class Snapshot
{
    public static readonly string Root = typeof(Snapshot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SnapshotRoot").Value!;

    public static void Match(string actual, string testClass, [CallerMemberName] string method = "")
    {
        string directory = Path.Combine(Root, "Snapshots");
        string stem = Path.Combine(directory, testClass + "." + method);
        string verifiedPath = stem + ".verified.txt";
        string receivedPath = stem + ".received.txt";
        string normalized = Scrub(actual);

        if (Environment.GetEnvironmentVariable("STATICNETS_ACCEPT") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(receivedPath, normalized);
            Assert.Fail($"No approved snapshot {verifiedPath}. Review {receivedPath} and rename it to .verified.txt (or run with STATICNETS_ACCEPT=1).");
        }

        string expected = File.ReadAllText(verifiedPath).Replace("\r\n", "\n");
        if (expected == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        Assert.Fail($"Snapshot {verifiedPath} differs (actual output in {receivedPath}):\n{FirstDifference(expected, normalized)}");
    }

    /// <summary><c>\r\n</c> to <c>\n</c>, and the generator version to <c>{version}</c> so a version bump is not a diff.</summary>
    private static string Scrub(string text)
    {
        string version = typeof(NetworkGenerator).Assembly.GetName().Version!.ToString();
        return text.Replace("\r\n", "\n").Replace("\"" + version + "\"", "\"{version}\"");
    }

    /// <summary>The first differing hunk, three lines of context, <c>-expected</c>/<c>+actual</c>.</summary>
    private static string FirstDifference(string expected, string actual)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        int first = diff.Lines.FindIndex(l => l.Type != ChangeType.Unchanged);
        var text = new StringBuilder();
        int printed = 0;
        for (int i = Math.Max(0, first - 3); i < diff.Lines.Count && printed < 40; i++, printed++)
        {
            DiffPiece line = diff.Lines[i];
            if (line.Type == ChangeType.Unchanged && i > first + 3 && diff.Lines.Skip(i).Take(4).All(l => l.Type == ChangeType.Unchanged))
            {
                break;
            }

            text.Append(line.Type switch { ChangeType.Deleted => "-", ChangeType.Inserted => "+", _ => " " }).AppendLine(line.Text);
        }

        return text.ToString();
    }
}
