using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Runtime;

/// <summary>
/// Copies between channels-last images and the inner window of larger ones: an outer image of
/// <c>(rows + top + bottom) × (columns + left + right) × channels</c> floats per sample whose window at
/// <c>(top, left)</c> is an inner image of <c>rows × columns × channels</c>. Zero padding and cropping are these two
/// copies in opposite directions. A row of either image is contiguous, so each copy goes row by row.
/// </summary>
internal static class InnerWindow
{
    /// <summary>
    /// Writes every float of <paramref name="outer"/>: <paramref name="inner"/> into its window, zeros around it.
    /// Lengths are checked by the caller.
    /// </summary>
    public static void Embed(int samples, int rows, int columns, int channels, int top, int bottom, int left, int right, ref float inner, ref float outer)
    {
        int innerRow = columns * channels, before = left * channels, after = right * channels;
        int outerRow = before + innerRow + after;
        for (int n = 0; n < samples; n++)
        {
            // Whole border rows are long runs, cleared by the library's fill; the short side runs inline.
            MemoryMarshal.CreateSpan(ref outer, top * outerRow).Clear();
            outer = ref Unsafe.Add(ref outer, top * outerRow);
            for (int r = 0; r < rows; r++)
            {
                ChannelRuns.Clear(ref outer, before);
                ChannelRuns.Copy(ref Unsafe.Add(ref outer, before), ref inner, innerRow);
                ChannelRuns.Clear(ref Unsafe.Add(ref outer, before + innerRow), after);
                outer = ref Unsafe.Add(ref outer, outerRow);
                inner = ref Unsafe.Add(ref inner, innerRow);
            }

            MemoryMarshal.CreateSpan(ref outer, bottom * outerRow).Clear();
            outer = ref Unsafe.Add(ref outer, bottom * outerRow);
        }
    }

    /// <summary>
    /// Overwrites <paramref name="inner"/> with the window of <paramref name="outer"/>; the borders are not read.
    /// Lengths are checked by the caller.
    /// </summary>
    public static void Extract(int samples, int rows, int columns, int channels, int top, int bottom, int left, int right, ref float outer, ref float inner)
    {
        int innerRow = columns * channels, before = left * channels, after = right * channels;
        int outerRow = before + innerRow + after;
        for (int n = 0; n < samples; n++)
        {
            outer = ref Unsafe.Add(ref outer, top * outerRow);
            for (int r = 0; r < rows; r++)
            {
                ChannelRuns.Copy(ref inner, ref Unsafe.Add(ref outer, before), innerRow);
                outer = ref Unsafe.Add(ref outer, outerRow);
                inner = ref Unsafe.Add(ref inner, innerRow);
            }

            outer = ref Unsafe.Add(ref outer, bottom * outerRow);
        }
    }
}
