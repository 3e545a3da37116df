using System;
using System.Globalization;
using System.Text;

namespace StaticNets.Weights;

/// <summary>How the architecture text is stored (strict UTF-8) and shown in error messages (escaped).</summary>
internal static class WeightsText
{
    // Strict: a model whose architecture text is not valid Unicode is a bug to report, not to paper over.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The stored bytes of an architecture text: UTF-8, no byte-order mark, no terminator.</summary>
    public static byte[] Encode(string architecture)
    {
        try
        {
            return StrictUtf8.GetBytes(architecture);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The network's Architecture text is not valid Unicode (it has a lone surrogate).", "network", e);
        }
    }

    /// <summary>
    /// Architecture bytes read from an untrusted file, as text fit for an error message: invalid UTF-8 becomes U+FFFD
    /// and control and format characters are escaped, so a hostile file cannot inject line breaks, terminal codes or
    /// bidirectional overrides.
    /// </summary>
    public static string Describe(ReadOnlySpan<byte> bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
