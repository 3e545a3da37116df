using System.Collections.Generic;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;

namespace StaticNets.Generator.Model;

/// <summary>
/// The memory layout of a network, worked out once from its layers so that every emitter reads the same numbers:
/// the one-sample kernel's ping-pong buffers, PredictBatch's chunks, the training workspace, the batch statistics.
/// </summary>
/// <param name="ForwardBuffer">Floats in each of the one-sample kernel's two ping-pong buffers: the largest layer output plus slack.</param>
/// <param name="ColumnsPerSample">The largest convolution's im2col floats per sample (inference).</param>
/// <param name="LargestOutput">The largest layer output per sample (PredictBatch's chunk buffers).</param>
/// <param name="BatchChunk">Samples per PredictBatch pass, so a chunk's layer outputs stay near the caches.</param>
/// <param name="GradientBuffer">Each of the two gradient buffers per sample: the largest activation, input included.</param>
/// <param name="WorkspacePerSample">Training workspace floats per sample: every layer's slices plus the gradient buffers.</param>
/// <param name="WorkspaceFixed">Training workspace floats whatever the batch: the largest transposed kernel.</param>
/// <param name="StatisticsOffsets">Per layer, where its batch statistics start in <c>_batchStatistics</c> (0 for layers without).</param>
/// <param name="StatisticsSize">Floats of batch statistics over all layers.</param>
internal sealed record NetworkPlan(
    int ForwardBuffer,
    int ColumnsPerSample,
    int LargestOutput,
    int BatchChunk,
    int GradientBuffer,
    long WorkspacePerSample,
    int WorkspaceFixed,
    EquatableArray<int> StatisticsOffsets,
    int StatisticsSize)
{
    /// <summary>Spare floats after the weights and in every scratch buffer, so that full-width vector loads of a row's
    /// tail (up to 15 floats past its end for Vector512) never leave the array.</summary>
    public const int VectorSlack = 16;

    /// <summary>Batches of at least this many samples go through the GEMM kernels (one 4-row tile).</summary>
    public const int BatchThreshold = 4;

    /// <summary>Samples per GEMM pass at most.</summary>
    private const int MaxBatchChunk = 128;

    /// <summary>Floats a chunk's largest layer output should stay under (about 1 MB).</summary>
    private const int ChunkFloats = 256 * 1024;

    /// <summary>The one-sample kernel's scratch: two ping-pong buffers, then the im2col rows.</summary>
    public int ForwardScratch => 2 * ForwardBuffer + ColumnsPerSample;

    public static NetworkPlan For(int inputSize, IReadOnlyList<LayerSpec> layers)
    {
        int largestOutput = 0, columns = 0, gradientBuffer = inputSize, transposed = 0, statistics = 0;
        long perSample = 0;
        var statisticsOffsets = new int[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            LayerSpec layer = layers[l];
            largestOutput = System.Math.Max(largestOutput, layer.OutputSize);
            columns = System.Math.Max(columns, layer.ColumnsPerSample);
            gradientBuffer = System.Math.Max(gradientBuffer, layer.OutputSize);
            transposed = System.Math.Max(transposed, layer.TransposedKernelSize);
            statisticsOffsets[l] = statistics;
            statistics += layer.BatchStatisticsSize;

            // The training forward's slices: the layer's own scratch, its output z, and a = activation(z) when not Linear.
            foreach ((string _, int floats) in layer.TrainingScratch())
            {
                perSample += floats;
            }

            perSample += (layer.WritesTrainingOutput ? layer.OutputSize : 0) + (layer.Activation != Activation.Linear ? layer.OutputSize : 0);
        }

        perSample += 2L * gradientBuffer;

        // Fewer samples per chunk for large activations (convolutions), so a chunk's layer output stays near the caches
        // while the next layer reads it; never fewer than one GEMM tile; the chunk's buffers must fit one array.
        int chunk = layers.Count == 0 ? 1 : (int)System.Math.Max(1, System.Math.Min(
            System.Math.Min(MaxBatchChunk, System.Math.Max(BatchThreshold, ChunkFloats / System.Math.Max(1, largestOutput))),
            (int.MaxValue / 2) / (2L * largestOutput + columns)));

        return new NetworkPlan(
            (largestOutput + VectorSlack + 15) / 16 * 16,
            columns,
            largestOutput,
            chunk,
            gradientBuffer,
            perSample,
            transposed,
            statisticsOffsets.ToEquatableArray(),
            statistics);
    }
}
