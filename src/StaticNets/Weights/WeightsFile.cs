using System;
using System.IO;
using StaticNets.Weights;

namespace StaticNets;

/// <summary>
/// Saves and loads a network's weights (<c>SaveWeights</c>/<c>LoadWeights</c>). The format, documented in <c>docs/weights-format.md</c>,
/// records the architecture text and parameter count and ends with a CRC-32C, so a file of another model or a
/// damaged file is refused with an <see cref="InvalidDataException"/> and the model's weights stay as they were.
/// Only weights are stored: no optimizer state.
/// </summary>
public static class WeightsFile
{
    /// <summary>
    /// Saves the weights to <paramref name="path"/> atomically: they are written to a temporary file in the same
    /// folder, flushed to the disk and renamed over <paramref name="path"/>, so a crash leaves either the old or the
    /// new complete file there, never a half-written one. Equal weights always give identical bytes. Before writing, it
    /// deletes the temporary files that earlier saves of the same path left behind when they were killed mid-save
    /// (only abandoned ones: not open in any process and unmodified for a minute; see <c>docs/weights-format.md</c>).
    /// </summary>
    /// <param name="network">The network whose <see cref="INetwork.Parameters"/> are saved.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="IOException">The file could not be written or replaced; the previous file is untouched.</exception>
    public static void SaveWeights(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        string architecture = ArchitectureOf(network);
        CheckParameterCount(network);

        AtomicFile.Write(path, stream => WeightsWriter.Write(stream, architecture, network.Parameters));
    }

    /// <summary>
    /// Writes the weights to <paramref name="stream"/> at its current position, as exactly one complete record (the
    /// same bytes as a saved file). The stream is neither flushed beyond the writes nor closed.
    /// </summary>
    /// <param name="network">The network whose <see cref="INetwork.Parameters"/> are saved.</param>
    /// <param name="stream">A writable stream; it need not be seekable.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable.</exception>
    public static void SaveWeights(this INetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream is not writable.", nameof(stream));
        string architecture = ArchitectureOf(network);
        CheckParameterCount(network);

        WeightsWriter.Write(stream, architecture, network.Parameters);
    }

    /// <summary>
    /// Loads weights saved by <see cref="SaveWeights(INetwork, string)"/>. The whole file is validated first; the
    /// model's weights change only if it is a complete, intact file for this exact architecture with nothing after
    /// its checksum.
    /// </summary>
    /// <param name="network">The network whose <see cref="INetwork.Parameters"/> are replaced.</param>
    /// <param name="path">The file to read.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a weights file, has an unsupported version, belongs to another architecture or parameter
    /// count, is truncated, fails its checksum, or has data after its end; the message says which.
    /// </exception>
    public static void LoadWeights(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        string architecture = ArchitectureOf(network);
        CheckParameterCount(network);

        float[] parameters;

        // FileShare.Delete lets another process's atomic save rename over the file while we read the old one.
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 4096, FileOptions.SequentialScan))
        {
            try
            {
                parameters = WeightsReader.Read(stream, architecture, network.ParameterCount);
                if (stream.ReadByte() != -1)
                {
                    throw new InvalidDataException("The weights file has unexpected data after its checksum (trailing garbage).");
                }
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"Cannot load weights from '{path}': {e.Message}", e);
            }
        }

        parameters.CopyTo(network.Parameters);
    }

    /// <summary>
    /// Reads exactly one record from <paramref name="stream"/> at its current position and loads it, leaving the
    /// stream just after the record's checksum: nothing beyond is read, so records can be embedded in larger
    /// streams. The stream need not be seekable. The model's weights change only if the record is complete, intact
    /// and for this exact architecture.
    /// </summary>
    /// <param name="network">The network whose <see cref="INetwork.Parameters"/> are replaced.</param>
    /// <param name="stream">A readable stream; it need not be seekable, and it is not closed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidDataException">
    /// The record is not a weights record, has an unsupported version, belongs to another architecture or parameter
    /// count, is truncated or fails its checksum; the message says which.
    /// </exception>
    public static void LoadWeights(this INetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream is not readable.", nameof(stream));
        string architecture = ArchitectureOf(network);
        CheckParameterCount(network);

        float[] parameters = WeightsReader.Read(stream, architecture, network.ParameterCount);
        parameters.CopyTo(network.Parameters);
    }

    private static string ArchitectureOf(INetwork network)
        => network.Architecture ?? throw new ArgumentException("The network's Architecture is null.", nameof(network));

    // A network whose two views of its size disagree would make the file's count a lie; refuse before any I/O.
    private static void CheckParameterCount(INetwork network)
    {
        int count = network.ParameterCount;
        int length = network.Parameters.Length;
        if (count != length)
        {
            throw new ArgumentException(
                $"The network reports ParameterCount {count} but its Parameters span has {length} values.", nameof(network));
        }
    }
}
