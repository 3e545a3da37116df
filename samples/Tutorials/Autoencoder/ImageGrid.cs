using System;
using System.IO;
using SkiaSharp;

namespace Tutorials.Autoencoder;

/// <summary>Square grey images in rows (one row per set), each pixel 3×3 screen pixels, as a PNG file.</summary>
public static class ImageGrid
{
    private const int Scale = 3, Gap = 4;

    /// <summary>Writes <paramref name="count"/> images of <paramref name="side"/>² floats in [0, 1] from each of <paramref name="rows"/>.</summary>
    public static void Save(string path, int side, float[][] rows, int count)
    {
        int cell = side * Scale + Gap;
        using var bitmap = new SKBitmap(count * cell + Gap, rows.Length * cell + Gap, SKColorType.Gray8, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.White); // the gaps between images
        for (int r = 0; r < rows.Length; r++)
        {
            for (int n = 0; n < count; n++)
            {
                for (int i = 0; i < side * side; i++)
                {
                    byte grey = (byte)Math.Round(255 * Math.Clamp(rows[r][n * side * side + i], 0f, 1f)); // matplotlib's gray: 0 black
                    int x0 = Gap + n * cell + i % side * Scale, y0 = Gap + r * cell + i / side * Scale;
                    for (int dy = 0; dy < Scale; dy++)
                        for (int dx = 0; dx < Scale; dx++)
                            bitmap.SetPixel(x0 + dx, y0 + dy, new SKColor(grey, grey, grey));
                }
            }
        }

        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
    }
}
