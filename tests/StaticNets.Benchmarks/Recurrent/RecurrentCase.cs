using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace StaticNets.Benchmarks.Recurrent;

/// <summary>
/// One recurrent benchmark network with its weights (Keras <c>get_weights()</c> layouts and gate orders) and its
/// inputs, the same for every implementation. Written to a text file that the peers outside this process read
/// (<c>Rtneural/rtneural_bench.cpp</c>, <c>recurrent_pytorch.py</c>, <c>recurrent_reference.py</c>).
/// <list type="bullet">
/// <item>LSTM: kernel <c>(features, 4u)</c>, recurrent kernel <c>(u, 4u)</c>, bias <c>(4u)</c>, gates i, f, c, o.</item>
/// <item>GRU (<c>reset_after=True</c>): kernel <c>(features, 3u)</c>, recurrent kernel <c>(u, 3u)</c>, bias <c>(2, 3u)</c>
/// (input row, recurrent row), gates z, r, h.</item>
/// <item>Dense after it: kernel <c>(u, outputs)</c>, bias <c>(outputs)</c>; softmax or linear.</item>
/// </list>
/// A streaming case (<see cref="Streams"/>) feeds <see cref="Input"/> one step at a time from a zero state and
/// has one output per step; a sequence case runs the whole <see cref="Input"/> as one sample and has the last
/// step's output. A case with <see cref="TrainingBatch"/> is also trained (batch, Adam, softmax cross-entropy).
/// </summary>
public sealed class RecurrentCase
{
    /// <summary>File name suffix of a case.</summary>
    public const string CaseSuffix = ".case.txt";

    /// <summary>Seed of every case's weights and inputs (deterministic across processes).</summary>
    public const int Seed = 20261204;

    private RecurrentCase(string name, string cell, int units, int features, int steps, int outputs, bool softmax, bool streams)
    {
        Name = name;
        Cell = cell;
        Units = units;
        Features = features;
        Steps = steps;
        Outputs = outputs;
        Softmax = softmax;
        Streams = streams;
        Kernel = new float[features * Gates * units];
        RecurrentKernel = new float[units * Gates * units];
        Bias = new float[(cell == Gru ? 2 : 1) * Gates * units];
        DenseKernel = new float[units * outputs];
        DenseBias = new float[outputs];
        Input = new float[steps * features];
    }

    /// <summary>Cell kinds.</summary>
    public const string Lstm = "lstm", Gru = "gru";

    /// <summary>Case name, e.g. <c>lstm16</c>; the key prefix of its measures.</summary>
    public string Name { get; }

    /// <summary><see cref="Lstm"/> or <see cref="Gru"/>.</summary>
    public string Cell { get; }

    /// <summary>Recurrent units.</summary>
    public int Units { get; }

    /// <summary>Features per time step.</summary>
    public int Features { get; }

    /// <summary>Time steps of <see cref="Input"/>.</summary>
    public int Steps { get; }

    /// <summary>Dense units after the recurrent layer.</summary>
    public int Outputs { get; }

    /// <summary>Softmax on the Dense layer (else linear).</summary>
    public bool Softmax { get; }

    /// <summary>Streamed one step at a time (one output per step), else one sequence, one output.</summary>
    public bool Streams { get; }

    /// <summary>Gates: 4 for LSTM, 3 for GRU.</summary>
    public int Gates => Cell == Lstm ? 4 : 3;

    /// <summary>Keras kernel <c>(features, gates·units)</c>, row-major.</summary>
    public float[] Kernel { get; }

    /// <summary>Keras recurrent kernel <c>(units, gates·units)</c>, row-major.</summary>
    public float[] RecurrentKernel { get; }

    /// <summary>Keras bias: <c>(4u)</c> for LSTM, <c>(2, 3u)</c> for GRU with reset_after.</summary>
    public float[] Bias { get; }

    /// <summary>Dense kernel <c>(units, outputs)</c>.</summary>
    public float[] DenseKernel { get; }

    /// <summary>Dense bias <c>(outputs)</c>.</summary>
    public float[] DenseBias { get; }

    /// <summary><c>(steps, features)</c>: the streamed signal, or the one sample of a sequence case.</summary>
    public float[] Input { get; }

    /// <summary>Training batch <c>(batch, steps, features)</c>, or null.</summary>
    public float[]? TrainingBatch { get; private set; }

    /// <summary>Class labels of <see cref="TrainingBatch"/>.</summary>
    public int[]? TrainingLabels { get; private set; }

    /// <summary>Samples in <see cref="TrainingBatch"/> (0 when none).</summary>
    public int TrainingBatchSize => TrainingLabels?.Length ?? 0;

    /// <summary>Floats of output: one per step and output for a streaming case, else <see cref="Outputs"/>.</summary>
    public int OutputLength => Streams ? Steps * Outputs : Outputs;

    /// <summary>Keras parameter order: kernel, recurrent kernel, bias, dense kernel, dense bias, concatenated.</summary>
    public float[] KerasParameters() => [.. Kernel, .. RecurrentKernel, .. Bias, .. DenseKernel, .. DenseBias];

    /// <summary>
    /// The benchmark cases: RTNeural's audio models streamed over 4,096 samples of a sine plus noise (LSTM(16),
    /// LSTM(32), GRU(32) on one feature, then Dense(1)), and the Fashion-MNIST row-by-row model (LSTM(128) over 28
    /// steps of 28 features, Dense(10) softmax; one sample, and a training batch of 32).
    /// </summary>
    public static IReadOnlyList<RecurrentCase> All() =>
    [
        Create("lstm16", Lstm, 16, 1, StreamSteps, 1, softmax: false, streams: true, trainingBatch: 0),
        Create("lstm32", Lstm, 32, 1, StreamSteps, 1, softmax: false, streams: true, trainingBatch: 0),
        Create("gru32", Gru, 32, 1, StreamSteps, 1, softmax: false, streams: true, trainingBatch: 0),
        Create(FashionName, Lstm, 128, 28, 28, 10, softmax: true, streams: false, trainingBatch: 32),
    ];

    /// <summary>The Fashion-MNIST row-by-row LSTM's case name.</summary>
    public const string FashionName = "fashion_lstm";

    /// <summary>Samples of the streamed signal.</summary>
    public const int StreamSteps = 4096;

    private static RecurrentCase Create(string name, string cell, int units, int features, int steps, int outputs, bool softmax, bool streams, int trainingBatch)
    {
        var c = new RecurrentCase(name, cell, units, features, steps, outputs, softmax, streams);
        var random = new Random(Seed + name.Sum(ch => ch));
        int width = c.Gates * units;
        // Keras's defaults: glorot_uniform kernel; orthogonal recurrent kernel (here uniform with the same
        // variance, 1/units, so the recurrence neither explodes nor dies); zero biases with the LSTM forget gate's
        // at 1 (unit_forget_bias). Small random biases on top, so every bias path is checked.
        Fill(random, c.Kernel, MathF.Sqrt(6f / (features + width)));
        Fill(random, c.RecurrentKernel, MathF.Sqrt(3f / units));
        Fill(random, c.Bias, 0.1f);
        if (cell == Lstm)
        {
            for (int j = 0; j < units; j++) c.Bias[units + j] += 1f;
        }

        Fill(random, c.DenseKernel, MathF.Sqrt(6f / (units + outputs)));
        Fill(random, c.DenseBias, 0.1f);
        if (streams)
        {
            // An audio-like signal: two sines and a little noise, within [-1, 1].
            for (int t = 0; t < steps; t++)
            {
                c.Input[t] = (float)(0.6 * Math.Sin(2 * Math.PI * 441.0 * t / 48000) + 0.25 * Math.Sin(2 * Math.PI * 97.0 * t / 48000)
                    + 0.1 * (random.NextDouble() * 2 - 1));
            }
        }
        else
        {
            // Pixel-like values in [0, 1).
            for (int i = 0; i < c.Input.Length; i++) c.Input[i] = (float)random.NextDouble();
        }

        if (trainingBatch > 0)
        {
            c.TrainingBatch = new float[trainingBatch * steps * features];
            for (int i = 0; i < c.TrainingBatch.Length; i++) c.TrainingBatch[i] = (float)random.NextDouble();
            c.TrainingLabels = new int[trainingBatch];
            for (int i = 0; i < trainingBatch; i++) c.TrainingLabels[i] = random.Next(outputs);
        }

        return c;
    }

    private static void Fill(Random random, float[] values, float limit)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * limit;
    }

    /// <summary>
    /// Writes the case to <c>DIR/NAME.case.txt</c>: <c>key value</c> lines, then one line per tensor,
    /// <c>tensor NAME RANK D0 … VALUES…</c>, floats round-trip exact.
    /// </summary>
    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, Name + CaseSuffix);
        var text = new StringBuilder();
        text.AppendLine($"# StaticNets recurrent benchmark case (written by StaticNets.Benchmarks; Keras get_weights() layouts)");
        text.AppendLine($"name {Name}");
        text.AppendLine($"cell {Cell}");
        text.AppendLine($"units {Units}");
        text.AppendLine($"features {Features}");
        text.AppendLine($"steps {Steps}");
        text.AppendLine($"outputs {Outputs}");
        text.AppendLine($"softmax {(Softmax ? 1 : 0)}");
        text.AppendLine($"streams {(Streams ? 1 : 0)}");
        Tensor(text, "kernel", Kernel, Features, Gates * Units);
        Tensor(text, "recurrent_kernel", RecurrentKernel, Units, Gates * Units);
        if (Cell == Gru) Tensor(text, "bias", Bias, 2, Gates * Units);
        else Tensor(text, "bias", Bias, Gates * Units);
        Tensor(text, "dense_kernel", DenseKernel, Units, Outputs);
        Tensor(text, "dense_bias", DenseBias, Outputs);
        Tensor(text, "input", Input, Steps, Features);
        if (TrainingBatch is not null)
        {
            Tensor(text, "train_input", TrainingBatch, TrainingBatchSize, Steps, Features);
            Tensor(text, "train_labels", TrainingLabels!.Select(l => (float)l).ToArray(), TrainingBatchSize);
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static void Tensor(StringBuilder text, string name, float[] values, params int[] dims)
    {
        if (dims.Aggregate(1, (a, b) => a * b) != values.Length) throw new InvalidOperationException($"{name}: shape does not match {values.Length} values.");
        text.Append("tensor ").Append(name).Append(' ').Append(dims.Length);
        foreach (int d in dims) text.Append(' ').Append(d);
        foreach (float v in values) text.Append(' ').Append(v.ToString("R", CultureInfo.InvariantCulture));
        text.AppendLine();
    }

    /// <summary>Writes outputs as one number per line (round-trip exact), after a comment line.</summary>
    public static void WriteOutputs(string path, string comment, IEnumerable<double> values)
    {
        var text = new StringBuilder();
        text.AppendLine("# " + comment);
        foreach (double v in values) text.AppendLine(v.ToString("R", CultureInfo.InvariantCulture));
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads an outputs file (numbers separated by white space; lines starting with '#' are comments).</summary>
    public static double[] ReadOutputs(string path)
    {
        var values = new List<double>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith('#')) continue;
            foreach (string field in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                values.Add(double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }

        return values.ToArray();
    }
}
