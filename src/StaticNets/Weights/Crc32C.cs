using System;
using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;

namespace StaticNets.Weights;

/// <summary>
/// CRC-32C (Castagnoli: reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF), the checksum of
/// iSCSI, ext4 and SCTP. Written here rather than taken from System.IO.Hashing so the runtime keeps no dependency;
/// x64 (SSE4.2) and Arm64 have an instruction for exactly this polynomial, with a table-driven fallback.
/// </summary>
/// <remarks>
/// Use as <c>Finish(Update(Update(Initial, a), b))</c>; the running value is the un-finished register, so data can
/// be fed in any number of pieces.
/// </remarks>
internal static class Crc32C
{
    /// <summary>The register before any data.</summary>
    public const uint Initial = 0xFFFFFFFFu;

    private const uint ReflectedPolynomial = 0x82F63B78u;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The checksum of <paramref name="data"/> in one call.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Initial, data));

    /// <summary>The final checksum from a running register.</summary>
    public static uint Finish(uint register) => ~register;

    /// <summary>Feeds <paramref name="data"/> into the running register, with the CPU's CRC-32C instruction if it has one.</summary>
    public static uint Update(uint register, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong wide = register;
            while (data.Length >= sizeof(ulong))
            {
                wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[sizeof(ulong)..];
            }

            register = (uint)wide;
        }
        else if (Sse42.IsSupported)
        {
            while (data.Length >= sizeof(uint))
            {
                register = Sse42.Crc32(register, BinaryPrimitives.ReadUInt32LittleEndian(data));
                data = data[sizeof(uint)..];
            }
        }
        else if (ArmCrc32.Arm64.IsSupported)
        {
            while (data.Length >= sizeof(ulong))
            {
                register = ArmCrc32.Arm64.ComputeCrc32C(register, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[sizeof(ulong)..];
            }
        }
        else if (ArmCrc32.IsSupported)
        {
            while (data.Length >= sizeof(uint))
            {
                register = ArmCrc32.ComputeCrc32C(register, BinaryPrimitives.ReadUInt32LittleEndian(data));
                data = data[sizeof(uint)..];
            }
        }

        // The tail (or everything, without the instruction) a byte at a time.
        return UpdateWithTable(register, data);
    }

    /// <summary>The portable byte-at-a-time path; internal so tests can check the hardware path against it.</summary>
    internal static uint UpdateWithTable(uint register, ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        foreach (byte b in data)
        {
            register = table[(byte)(register ^ b)] ^ (register >> 8);
        }

        return register;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < table.Length; n++)
        {
            uint c = n;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ ReflectedPolynomial : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
