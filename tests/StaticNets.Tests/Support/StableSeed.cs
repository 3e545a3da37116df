namespace StaticNets.Tests.Support;

/// <summary>
/// A random seed derived from a test case's name that is the same in every process. <c>string.GetHashCode</c> is
/// randomised per process, so seeding with it gave every test run different inputs, and a failure could not be
/// replayed.
/// </summary>
internal static class StableSeed
{
    /// <summary>The 32-bit FNV-1a hash of <paramref name="name"/>'s UTF-16 code units.</summary>
    public static int Of(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 16777619;
        }

        return unchecked((int)hash);
    }
}
