using System;
using System.Globalization;

namespace Tutorials;

/// <summary>The command line: <c>[regression|overfit|autoencoder|all] [--epochs N] [--limit N] [--out folder] [--fashion folder]</c>.</summary>
public sealed record TutorialOptions(string Tutorial, int? Epochs, int? Limit, string Output, string FashionFolder)
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package puts the Fashion-MNIST files.</summary>
    public const string DefaultFashionFolder = "/usr/share/datasets/fashion-mnist/";

    /// <summary>What <c>--help</c> and a bad argument print.</summary>
    public const string Usage =
        "usage: Tutorials [regression|overfit|autoencoder|all] [--epochs N] [--limit N] [--out folder] [--fashion folder]\n" +
        "  tutorial          which tutorial to run (default all)\n" +
        "  --epochs N        epochs per model instead of each tutorial's own (100 regression, 100 overfit, 10 autoencoder)\n" +
        "  --limit N         use at most N training samples, for a quick run\n" +
        "  --out folder      where the plots go (default tutorial-output)\n" +
        "  --fashion folder  the four Fashion-MNIST IDX files (default " + DefaultFashionFolder + ")";

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="FormatException">An argument is unknown, repeated, or has a bad value; the message says which.</exception>
    public static TutorialOptions Parse(string[] args)
    {
        string? tutorial = null;
        int? epochs = null, limit = null;
        string output = "tutorial-output", fashion = DefaultFashionFolder;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--epochs": epochs = PositiveInt(args, ref i); break;
                case "--limit": limit = PositiveInt(args, ref i); break;
                case "--out": output = Value(args, ref i); break;
                case "--fashion": fashion = Value(args, ref i); break;
                case "regression" or "overfit" or "autoencoder" or "all":
                    if (tutorial is not null) throw new FormatException($"Only one tutorial may be named ('{tutorial}', then '{args[i]}').");
                    tutorial = args[i];
                    break;
                default:
                    throw new FormatException($"Unknown argument '{args[i]}'.");
            }
        }

        return new TutorialOptions(tutorial ?? "all", epochs, limit, output, fashion);
    }

    /// <summary>Whether <paramref name="tutorial"/> is to run.</summary>
    public bool Runs(string tutorial) => Tutorial == "all" || Tutorial == tutorial;

    /// <summary>At most <see cref="Limit"/> of <paramref name="count"/> samples.</summary>
    public int Take(int count) => Math.Min(count, Limit ?? count);

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
