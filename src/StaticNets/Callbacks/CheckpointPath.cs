using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNets;

/// <summary>
/// Fills a <see cref="ModelCheckpoint"/> file path the way Keras's <c>filepath.format(epoch=…, **logs)</c> does, for
/// the format specs that checkpoint names use: <c>{epoch}</c>, <c>{epoch:02d}</c> (optional zero flag and width,
/// <c>d</c>), <c>{val_loss:.4f}</c>, <c>{loss:.2e}</c>, and a bare <c>{name}</c>; <c>{{</c> and <c>}}</c> are literal
/// braces.
/// </summary>
internal static class CheckpointPath
{
    /// <summary>Checks the template's syntax so a bad path fails when the callback is created.</summary>
    /// <exception cref="ArgumentException">Unbalanced braces or an unsupported format spec.</exception>
    public static void Validate(string template, string parameter)
    {
        try
        {
            Format(template, 1, null);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"Cannot use '{template}' as a checkpoint path: {e.Message}", parameter, e);
        }
    }

    /// <summary>The path for <paramref name="epoch"/> (one-based, as Keras passes it) and the epoch's logs.</summary>
    /// <param name="template">The path with placeholders.</param>
    /// <param name="epoch">The one-based epoch number.</param>
    /// <param name="logs">The values available to placeholders; null only checks the syntax.</param>
    /// <exception cref="KeyNotFoundException">A placeholder names neither <c>epoch</c> nor a log entry.</exception>
    public static string Format(string template, int epoch, IReadOnlyDictionary<string, double>? logs)
    {
        var text = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}')
                {
                    text.Append('}');
                    i++;
                    continue;
                }

                throw new FormatException("a single '}' must be written as '}}'.");
            }

            if (c != '{')
            {
                text.Append(c);
                continue;
            }

            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                text.Append('{');
                i++;
                continue;
            }

            int end = template.IndexOf('}', i + 1);
            if (end < 0) throw new FormatException("a '{' has no matching '}'.");
            string field = template[(i + 1)..end];
            int colon = field.IndexOf(':', StringComparison.Ordinal);
            string name = colon < 0 ? field : field[..colon];
            string spec = colon < 0 ? "" : field[(colon + 1)..];
            if (name.Length == 0) throw new FormatException("a placeholder needs a name, e.g. {epoch}.");

            double value = epoch;
            bool isEpoch = name == "epoch";
            if (!isEpoch && logs is not null && !logs.TryGetValue(name, out value))
            {
                throw new KeyNotFoundException(
                    $"Failed to format the checkpoint path '{template}': no log entry named '{name}' (available: epoch, {string.Join(", ", logs.Keys)}).");
            }

            text.Append(FormatValue(value, spec, isEpoch || logs is null));
            i = end;
        }

        return text.ToString();
    }

    private static string FormatValue(double value, string spec, bool isInteger)
    {
        if (spec.Length == 0)
        {
            // Python's str(): integers plainly, floats in their shortest round-trip form.
            return isInteger
                ? ((long)value).ToString(CultureInfo.InvariantCulture)
                : value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
        }

        char type = spec[^1];
        string body = spec[..^1];
        switch (type)
        {
            case 'd':
            {
                // Python refuses integer formats for floats; only the epoch number is an integer.
                if (!isInteger) throw new FormatException($"format spec '{spec}' needs an integer, but log entries are floats.");
                bool zero = body.StartsWith('0');
                if (body.Length > 0 && !int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    throw new FormatException($"unsupported format spec '{spec}'.");
                }

                int width = body.Length == 0 ? 0 : int.Parse(body, CultureInfo.InvariantCulture);
                string digits = ((long)value).ToString(CultureInfo.InvariantCulture);
                return zero ? PadZeros(digits, width) : digits.PadLeft(width);
            }

            case 'f':
            case 'e':
                if (!body.StartsWith('.') || !int.TryParse(body[1..], NumberStyles.None, CultureInfo.InvariantCulture, out int decimals))
                {
                    throw new FormatException($"unsupported format spec '{spec}'.");
                }

                return type == 'f' ? PythonFormat.Fixed(value, decimals) : PythonFormat.Scientific(value, decimals);

            default:
                throw new FormatException($"unsupported format spec '{spec}' (use d, .Nf or .Ne).");
        }
    }

    private static string PadZeros(string digits, int width)
        => digits.StartsWith('-') ? "-" + digits[1..].PadLeft(width - 1, '0') : digits.PadLeft(width, '0');
}
