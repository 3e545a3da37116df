using System;
using System.Globalization;

namespace FashionMnist;

/// <summary>The command line: <c>[folder] [--epochs N] [--model mlp|cnn|lstm|all] [--limit N]</c>.</summary>
public sealed record SampleOptions(string Folder, int? Epochs, string Model, int? Limit)
{
    /// <summary>What <c>--help</c> and a bad argument print.</summary>
    public const string Usage =
        "usage: FashionMnist [folder] [--epochs N] [--model mlp|cnn|lstm|all] [--limit N]\n" +
        "  folder       the four Fashion-MNIST IDX files, gzip or plain (default " + FashionMnistData.DefaultFolder + ")\n" +
        "  --epochs N   epochs per model (default: 10 for the MLP, 5 for the CNN, 2 for the LSTM)\n" +
        "  --model M    which model to train (default all)\n" +
        "  --limit N    train on the first N training images only, for a quick run";

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="FormatException">An argument is unknown, repeated, or has a bad value; the message says which.</exception>
    public static SampleOptions Parse(string[] args)
    {
        string? folder = null;
        int? epochs = null, limit = null;
        string model = "all";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--epochs": epochs = PositiveInt(args, ref i); break;
                case "--limit": limit = PositiveInt(args, ref i); break;
                case "--model":
                    model = Value(args, ref i);
                    if (model is not ("mlp" or "cnn" or "lstm" or "all")) throw new FormatException($"--model must be mlp, cnn, lstm or all, not '{model}'.");
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new FormatException($"Unknown option '{args[i]}'.");
                    if (folder is not null) throw new FormatException($"Only one data folder may be given ('{folder}', then '{args[i]}').");
                    folder = args[i];
                    break;
            }
        }

        return new SampleOptions(folder ?? FashionMnistData.DefaultFolder, epochs, model, limit);
    }

    /// <summary>Whether <paramref name="model"/> is to be trained.</summary>
    public bool Runs(string model) => Model == "all" || Model == model;

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length) throw new FormatException($"{args[i]} needs a value.");
        return args[++i];
    }

    private static int PositiveInt(string[] args, ref int i)
    {
        string option = args[i], text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value <= 0)
        {
            throw new FormatException($"{option} takes a positive whole number, not '{text}'.");
        }

        return value;
    }
}
