namespace StaticNets.Generator.Model;

/// <summary>
/// One thing that defines a layer, written two ways from one list: as the generated comments describe it
/// (<c>3×3</c>, <c>stride 2</c>, <c>no bias</c>) and in the architecture key that weight files are checked against
/// (<c>3x3</c>, <c>s2</c>, <c>nobias</c>). Either text may be absent: a bias is only mentioned in comments when missing.
/// </summary>
/// <param name="Text">The comment's text, or null.</param>
/// <param name="Key">The architecture key's text, or null.</param>
internal readonly record struct LayerField(string? Text, string? Key)
{
    /// <summary>A field written the same way in both.</summary>
    public static LayerField Same(string text) => new(text, text);
}
