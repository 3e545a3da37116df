using System.Globalization;

namespace StaticNets.Tests.Training;

/// <summary>
/// Fisher's Iris data from <c>Data/iris.csv</c> in the test output folder, split and standardised the way a Keras
/// user would: a seeded stratified split, statistics from the training part only.
/// </summary>
internal sealed record IrisData(float[] TrainX, float[] TrainLabels, float[] TestX, float[] TestLabels)
{
    public const int FeatureCount = 4;
    public const int ClassCount = 3;

    private static readonly string[] Species = ["setosa", "versicolor", "virginica"];

    /// <summary><paramref name="testPerClass"/> random flowers of each species for testing, the rest (shuffled) for training.</summary>
    public static IrisData Load(int testPerClass, int seed)
    {
        (float[] features, int[] labels) = ReadCsv(Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv"));
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        for (int species = 0; species < ClassCount; species++)
        {
            int[] members = Enumerable.Range(0, labels.Length).Where(n => labels[n] == species).ToArray();
            random.Shuffle(members);
            test.AddRange(members[..testPerClass]);
            train.AddRange(members[testPerClass..]);
        }

        int[] trainRows = train.ToArray();
        random.Shuffle(trainRows);
        (double[] mean, double[] std) = Statistics(features, trainRows);
        return new IrisData(
            Standardize(features, trainRows, mean, std),
            trainRows.Select(n => (float)labels[n]).ToArray(),
            Standardize(features, test.ToArray(), mean, std),
            test.Select(n => (float)labels[n]).ToArray());
    }

    /// <summary>One-hot rows of class indices, for <see cref="CategoricalCrossentropy"/>.</summary>
    public static float[] OneHot(float[] labels)
    {
        var rows = new float[labels.Length * ClassCount];
        for (int n = 0; n < labels.Length; n++) rows[n * ClassCount + (int)labels[n]] = 1;
        return rows;
    }

    private static (float[] Features, int[] Labels) ReadCsv(string path)
    {
        CsvTable table = DataUtils.LoadCsv(path, categoricalColumns: "species");
        IReadOnlyList<string> found = table.Categories("species")!;
        int[] labels = table.Column("species").Select(i => Array.IndexOf(Species, found[(int)i])).ToArray();
        if (labels.Contains(-1)) throw new InvalidDataException("Unknown species in iris.csv.");
        return (table.SelectAllExcept("species"), labels);
    }

    private static (double[] Mean, double[] Std) Statistics(float[] features, int[] rows)
    {
        var mean = new double[FeatureCount];
        var std = new double[FeatureCount];
        for (int f = 0; f < FeatureCount; f++)
        {
            mean[f] = rows.Average(n => (double)features[n * FeatureCount + f]);
            std[f] = Math.Sqrt(rows.Average(n => Math.Pow(features[n * FeatureCount + f] - mean[f], 2)));
        }

        return (mean, std);
    }

    private static float[] Standardize(float[] features, int[] rows, double[] mean, double[] std)
    {
        var result = new float[rows.Length * FeatureCount];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int f = 0; f < FeatureCount; f++)
            {
                result[i * FeatureCount + f] = (float)((features[rows[i] * FeatureCount + f] - mean[f]) / std[f]);
            }
        }

        return result;
    }
}
