using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNets.Runtime;

namespace StaticNets.Benchmarks;

/// <summary>
/// How close the Fashion CNN's convolutions come to this CPU's arithmetic peak: the FMA peak of one core measured with
/// a register-only loop (12 independent Vector256 FMA chains, no memory traffic), then each convolution layer's
/// forward alone (<see cref="Convolution.Infer"/>, the kernel the generated Predict and PredictBatch call) for one
/// sample and per sample within a batch of <see cref="BenchData.BatchSize"/>, as GFLOP/s (2 · MACs / time) and as a
/// fraction of the peak, with a roofline note: the layer's bytes (input, weights, output; im2col rows where the
/// layer writes them) against its flops. Timed on <see cref="CpuClock"/>, median of interleaved rounds.
/// </summary>
public static class ConvolutionRoofline
{
    private const int Rounds = 15;

    /// <summary>Measures and writes the Markdown section.</summary>
    public static void Write(TextWriter output, CnnShape shape)
    {
        var layers = new List<Layer>();
        var random = new Random(NetImplementations.Seed);
        for (int l = 0; l < shape.ConvCount; l++)
        {
            layers.Add(new Layer(shape, l, 1, random));
            layers.Add(new Layer(shape, l, BenchData.BatchSize, random));
        }

        var members = new List<(string Name, Action<int> Run, double Flops)>
        {
            ("FMA peak", FmaPeak.Run, FmaPeak.FlopsPerRep),
        };
        members.AddRange(layers.Select(layer => (layer.Name, (Action<int>)layer.Run, layer.Flops)));
        var samples = members.Select(_ => new List<double>()).ToArray();
        foreach ((string _, Action<int> run, double _) in members) run(3); // warm-up (tiering)
        for (int round = 0; round < Rounds; round++)
        {
            for (int i = 0; i < members.Count; i++)
            {
                // About 5 ms of work per slice.
                int reps = Math.Max(1, (int)(5e6 / Math.Max(1, members[i].Flops / 20)));
                long start = CpuClock.NowNs();
                members[i].Run(reps);
                samples[i].Add((CpuClock.NowNs() - start) / (double)reps);
            }
        }

        double Median(List<double> v) => v.OrderBy(t => t).ElementAt(v.Count / 2);
        double peakNs = Median(samples[0]);
        double peak = FmaPeak.FlopsPerRep / peakNs; // GFLOP/s
        output.WriteLine("## Fashion CNN convolution layers against the FMA peak");
        output.WriteLine();
        output.WriteLine($"FMA peak of one core (register-only loop, {FmaPeak.Chains} independent Vector256 FMA chains): **{peak:F1} GFLOP/s** " +
                         $"({peak / 16:F2} G FMA-pairs/s; {peak / 32:F2} GHz if two 8-lane FMA pipes). Median of {Rounds} rounds, {(CpuClock.UseCpuTime ? "thread CPU time" : "wall time")}.");
        output.WriteLine();
        output.WriteLine("| Layer (Convolution.Infer) | Kernel | MFLOP/sample | µs/sample | GFLOP/s | of FMA peak | bytes/sample (in + weights + out [+ im2col]) | flop/byte |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---|---:|");
        for (int i = 0; i < layers.Count; i++)
        {
            Layer layer = layers[i];
            double ns = Median(samples[i + 1]) / layer.Samples;
            double flops = layer.Flops / layer.Samples;
            double gflops = flops / ns;
            output.WriteLine($"| {layer.Name} | {layer.Kernel} | {flops / 1e6:F3} | {ns / 1000:F2} | {gflops:F1} | {gflops / peak:P0} | {layer.BytesNote} | {flops / layer.BytesPerSample:F1} |");
        }

        output.WriteLine();
        output.WriteLine("Roofline: every layer's flop/byte is far above this machine's ridge point (tens of GFLOP/s over tens of GB/s from L2: about 1–5 flop/byte), " +
                         "and every operand of one sample fits in L2, so the layers are bound by the FMA pipes (and the loads and broadcasts feeding them), not by memory.");
        output.WriteLine();
    }

    /// <summary>One convolution layer of the shape at a batch size, on random inputs and weights.</summary>
    private sealed class Layer
    {
        private readonly Window2D _window;
        private readonly int _filters;
        private readonly float[] _x, _kernel, _bias, _columns, _y;

        public Layer(CnnShape shape, int conv, int samples, Random random)
        {
            (int h, int w, int c) = shape.ConvInput(conv);
            (int oh, int ow, int f) = shape.ConvOutput(conv);
            int k = shape.KernelSize;
            _window = new Window2D(h, w, c, k, k, 1, 1, 0, 0, oh, ow);
            _filters = f;
            Samples = samples;
            _x = Fill(random, samples * _window.InputSize);
            _kernel = Fill(random, _window.PatchSize * f);
            _bias = Fill(random, f);
            _y = new float[samples * _window.OutputPositions * f];
            // Convolution.Infer computes few-channel windows directly (no im2col rows); the columns are there either way.
            bool direct = c <= 4;
            _columns = new float[samples * _window.OutputPositions * _window.PatchSize];
            Kernel = direct ? "direct" : "im2col + GEMM";
            Name = $"conv{conv + 1} {h}×{w}×{c} → {oh}×{ow}×{f}, {(samples == 1 ? "1 sample" : $"batch {samples}")}";
            Flops = 2.0 * samples * _window.OutputPositions * _window.PatchSize * f;
            long inBytes = 4L * _window.InputSize, weightBytes = 4L * (_kernel.Length + f), outBytes = 4L * _window.OutputPositions * f;
            long im2col = direct ? 0 : 2 * 4L * _window.OutputPositions * _window.PatchSize; // written then read
            BytesPerSample = inBytes + weightBytes / (double)samples + outBytes + im2col;
            BytesNote = $"{inBytes / 1024.0:F1} K + {weightBytes / 1024.0 / samples:F1} K + {outBytes / 1024.0:F1} K" + (direct ? "" : $" + {im2col / 1024.0:F0} K");
        }

        public string Name { get; }
        public string Kernel { get; }
        public int Samples { get; }
        public double Flops { get; }
        public double BytesPerSample { get; }
        public string BytesNote { get; }

        public void Run(int reps)
        {
            for (int i = 0; i < reps; i++)
            {
                Convolution.Infer(Samples, _window, _filters, _x, _kernel, _bias, _columns, _y);
            }
        }

        private static float[] Fill(Random random, int length)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() - 0.5);
            return values;
        }
    }

    /// <summary>A register-only FMA loop: <see cref="Chains"/> independent accumulators, enough to cover the FMA latency times the pipes.</summary>
    private static class FmaPeak
    {
        public const int Chains = 12;
        private const int Iterations = 100_000;

        /// <summary>Flops of one <see cref="Run"/> repetition: chains × 8 lanes × 2 per FMA × iterations.</summary>
        public const double FlopsPerRep = Chains * 8.0 * 2 * Iterations;

        private static float s_sink;

        public static void Run(int reps)
        {
            for (int r = 0; r < reps; r++) s_sink += Loop(1f + r * 1e-9f);
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static float Loop(float seed)
        {
            Vector256<float> m = Vector256.Create(0.999999f), a = Vector256.Create(1e-7f);
            Vector256<float> c0 = Vector256.Create(seed), c1 = c0 + a, c2 = c1 + a, c3 = c2 + a, c4 = c3 + a, c5 = c4 + a;
            Vector256<float> c6 = c5 + a, c7 = c6 + a, c8 = c7 + a, c9 = c8 + a, c10 = c9 + a, c11 = c10 + a;
            for (int i = 0; i < Iterations; i++)
            {
                c0 = Simd.MultiplyAdd(c0, m, a);
                c1 = Simd.MultiplyAdd(c1, m, a);
                c2 = Simd.MultiplyAdd(c2, m, a);
                c3 = Simd.MultiplyAdd(c3, m, a);
                c4 = Simd.MultiplyAdd(c4, m, a);
                c5 = Simd.MultiplyAdd(c5, m, a);
                c6 = Simd.MultiplyAdd(c6, m, a);
                c7 = Simd.MultiplyAdd(c7, m, a);
                c8 = Simd.MultiplyAdd(c8, m, a);
                c9 = Simd.MultiplyAdd(c9, m, a);
                c10 = Simd.MultiplyAdd(c10, m, a);
                c11 = Simd.MultiplyAdd(c11, m, a);
            }

            Vector256<float> sum = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11));
            return Vector256.Sum(sum);
        }
    }
}
