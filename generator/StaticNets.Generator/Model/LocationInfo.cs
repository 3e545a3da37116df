using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Model;

/// <summary>
/// Where a diagnostic goes, as plain values so the pipeline caches no Roslyn object
/// (a <see cref="Location"/> holds its whole syntax tree).
/// </summary>
internal sealed record LocationInfo(
    string FilePath,
    int Start,
    int Length,
    int StartLine,
    int StartCharacter,
    int EndLine,
    int EndCharacter)
{
    public static LocationInfo? From(Location? location)
    {
        if (location?.SourceTree is null)
        {
            return null;
        }

        LinePositionSpan lines = location.GetLineSpan().Span;
        return new LocationInfo(
            location.SourceTree.FilePath,
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            lines.Start.Line,
            lines.Start.Character,
            lines.End.Line,
            lines.End.Character);
    }

    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter)));
}
