using System;
using System.Collections.Generic;
using System.IO;

using StaticNets;

namespace Iris;

/// <summary>
/// Iris samples as the network takes them: four features per sample (row-major) and one class index per sample,
/// stored as a float for <c>SparseCategoricalCrossentropy</c>.
/// </summary>
internal sealed class IrisDataset
{
    /// <summary>Sepal length, sepal width, petal length, petal width (cm).</summary>
    public const int FeatureCount = 4;

    /// <summary>The species in class-index order.</summary>
    public static readonly string[] Species = { "setosa", "versicolor", "virginica" };

    private IrisDataset(float[] features, float[] labels)
    {
        Features = features;
        Labels = labels;
    }

    /// <summary><see cref="FeatureCount"/> floats per sample, row-major.</summary>
    public float[] Features { get; }

    /// <summary>The class index of each sample (0, 1 or 2).</summary>
    public float[] Labels { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>
    /// Reads the CSV with header <c>sepal_length,sepal_width,petal_length,petal_width,species</c>
    /// (with <see cref="DataUtils.LoadCsv"/>, the species read as class indices).
    /// </summary>
    /// <exception cref="InvalidDataException">A field is not a number, or a species is unknown.</exception>
    public static IrisDataset Load(string path)
    {
        CsvTable table = DataUtils.LoadCsv(path, categoricalColumns: "species");
        float[] labels = table.Column("species");
        IReadOnlyList<string> found = table.Categories("species")!;

        // Class indices follow the order of first appearance; map them onto the fixed species order.
        for (int i = 0; i < labels.Length; i++)
        {
            int species = Array.IndexOf(Species, found[(int)labels[i]]);
            if (species < 0) throw new InvalidDataException($"{path}: unknown species '{found[(int)labels[i]]}'.");
            labels[i] = species;
        }

        return new IrisDataset(table.SelectAllExcept("species"), labels);
    }

    /// <summary>
    /// A seeded stratified split: <paramref name="testPerClass"/> random samples of each species go to the test set,
    /// the rest to the training set; both come out shuffled, so a validation split taken from the end of the
    /// training set holds every species.
    /// </summary>
    public (IrisDataset Train, IrisDataset Test) StratifiedSplit(int testPerClass, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        for (int species = 0; species < Species.Length; species++)
        {
            var members = new List<int>();
            for (int n = 0; n < Count; n++)
            {
                if (Labels[n] == species) members.Add(n);
            }

            int[] shuffled = members.ToArray();
            random.Shuffle(shuffled);
            test.AddRange(shuffled[..testPerClass]);
            train.AddRange(shuffled[testPerClass..]);
        }

        int[] trainOrder = train.ToArray();
        int[] testOrder = test.ToArray();
        random.Shuffle(trainOrder);
        random.Shuffle(testOrder);
        return (Select(trainOrder), Select(testOrder));
    }

    private IrisDataset Select(int[] rows)
    {
        var features = new float[rows.Length * FeatureCount];
        var labels = new float[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            Features.AsSpan(rows[i] * FeatureCount, FeatureCount).CopyTo(features.AsSpan(i * FeatureCount));
            labels[i] = Labels[rows[i]];
        }

        return new IrisDataset(features, labels);
    }
}
