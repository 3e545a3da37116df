using System.IO.Compression;

namespace StaticNets.Tests.Samples;

/// <summary>
/// Writes IDX files byte by byte from the format's definition (big-endian magic 0x000008nn, one big-endian size
/// per dimension, then the bytes), independently of the reader under test, into a temporary folder.
/// </summary>
internal sealed class IdxTestFiles : IDisposable
{
    public IdxTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "staticnets-idx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public static byte[] Images(int count, int rows, int columns, Func<int, byte> pixel)
    {
        var bytes = new List<byte> { 0, 0, 8, 3 };
        foreach (int size in new[] { count, rows, columns }) bytes.AddRange(BigEndian(size));
        for (int i = 0; i < count * rows * columns; i++) bytes.Add(pixel(i));
        return bytes.ToArray();
    }

    public static byte[] Labels(params byte[] labels)
    {
        var bytes = new List<byte> { 0, 0, 8, 1 };
        bytes.AddRange(BigEndian(labels.Length));
        bytes.AddRange(labels);
        return bytes.ToArray();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return buffer.ToArray();
    }

    public string Write(string name, byte[] data)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, data);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
